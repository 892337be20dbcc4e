import CLibVips
import CVipsShim
import Foundation

/// The raster formats Daftar reads through libvips.
public enum RasterFormat: String, Sendable {
    case tiff, jpeg, png, jpeg2000, webp, gif
}

/// One raster file opened for reading page by page.
///
/// Opening reads only the header: width, height, resolution and page count are known
/// before a single pixel is decoded, so a decompression bomb can be refused here.
/// Loads refuse truncated or corrupt data instead of padding it with grey.
public struct RasterFile {
    public let path: String
    public let format: RasterFormat
    public let pageCount: Int
    /// A palette PNG whose colours are all grey (bilevel and grey office scans are often
    /// saved so): libvips loads it as three equal bands, and band 0 is the grey page —
    /// without the colour conversion, which cost 0.08 s on linn.png (2550×3300).
    let greyPalette: Bool

    public init(path: String, format: RasterFormat) throws {
        self.path = path
        self.format = format
        let first = try Self.load(path: path, format: format, page: 0)
        let n = Int(vips_image_get_n_pages(first.pointer))
        self.pageCount = max(1, n)
        self.greyPalette = format == .png && PNGPalette.isGrey(path: path)
    }

    /// The header of page `index` (zero-based): decoding is lazy, so this is cheap.
    public func page(_ index: Int) throws -> Image {
        let image = try Self.load(path: path, format: format, page: index)
        guard greyPalette, image.bands == 3 else { return image }
        return try produce("extract_band") { daftar_vips_grey_band(image.pointer, $0) }
    }

    static func load(path: String, format: RasterFormat, page: Int) throws -> Image {
        let operation = "\(format.rawValue)load"
        let fail: Int32 = 1
        let p = Int32(page)
        switch format {
        case .tiff: return try produce(operation) { daftar_vips_tiffload(path, p, fail, $0) }
        case .jpeg: return try produce(operation) { daftar_vips_jpegload(path, fail, $0) }
        case .png: return try produce(operation) { daftar_vips_pngload(path, fail, $0) }
        case .jpeg2000: return try produce(operation) { daftar_vips_jp2kload(path, p, fail, $0) }
        case .webp: return try produce(operation) { daftar_vips_webpload(path, p, fail, $0) }
        case .gif: return try produce(operation) { daftar_vips_gifload(path, p, fail, $0) }
        }
    }
}

/// Reads a PNG's chunks up to the image data: true when it is a palette image (colour type 3)
/// with no transparency and every palette entry grey (R = G = B).
enum PNGPalette {
    static func isGrey(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        // Signature, IHDR, and the chunks before IDAT (PLTE is at most 768 bytes).
        guard let data = try? handle.read(upToCount: 64 * 1024), data.count > 33 else { return false }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return false }
        func be32(_ at: Int) -> Int {
            var v = 0
            for i in 0..<4 { v = v << 8 | Int(bytes[at + i]) }
            return v
        }
        var at = 8, colourType = -1, greyPalette = false
        while at + 8 <= bytes.count {
            let length = be32(at)
            let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            let body = at + 8
            if type == "IDAT" { return colourType == 3 && greyPalette }
            guard length >= 0, body + length <= bytes.count else { return false }
            switch type {
            case "IHDR":
                guard length >= 13 else { return false }
                colourType = Int(bytes[body + 9])
            case "PLTE":
                guard colourType == 3, length % 3 == 0, length > 0 else { return false }
                greyPalette = true
                for i in stride(from: body, to: body + length, by: 3) where bytes[i] != bytes[i + 1] || bytes[i + 1] != bytes[i + 2] {
                    greyPalette = false
                }
            case "tRNS":
                return false
            default:
                break
            }
            at = body + length + 4
        }
        return false
    }
}
