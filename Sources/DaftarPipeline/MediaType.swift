import Foundation
import Imaging

/// A file's format, told from its first bytes, never from its name.
public enum MediaType: String, Codable, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case tiff = "image/tiff"
    case jpeg = "image/jpeg"
    case png = "image/png"
    case jpeg2000 = "image/jp2"
    case webp = "image/webp"
    case gif = "image/gif"

    /// Sniffs the format from the start of a file (at least 16 bytes where the file has them).
    public static func sniff(_ head: [UInt8]) -> MediaType? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B]) { return .tiff }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A])
            || starts([0xFF, 0x4F, 0xFF, 0x51]) { return .jpeg2000 }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        // PDF readers accept the header anywhere in the first kilobyte (after junk some scanners write).
        let pdf = Array("%PDF-".utf8)
        let limit = min(head.count, 1024)
        if limit >= pdf.count {
            for i in 0...(limit - pdf.count) where head[i] == 0x25 && Array(head[i..<i + pdf.count]) == pdf { return .pdf }
        }
        return nil
    }

    /// The raster format libvips reads this type as; nil for a PDF.
    public var rasterFormat: RasterFormat? {
        switch self {
        case .tiff: .tiff
        case .jpeg: .jpeg
        case .png: .png
        case .jpeg2000: .jpeg2000
        case .webp: .webp
        case .gif: .gif
        case .pdf: nil
        }
    }

    /// Reads the first kilobyte of `path` and sniffs it.
    public static func sniff(path: String) throws -> MediaType? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DocumentError(.unreadable, "cannot open the file")
        }
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 1024) ?? Data()
        return sniff([UInt8](head))
    }
}
