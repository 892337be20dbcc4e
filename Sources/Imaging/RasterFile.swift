import CLibVips
import CVipsShim

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

    public init(path: String, format: RasterFormat) throws {
        self.path = path
        self.format = format
        let first = try Self.load(path: path, format: format, page: 0)
        let n = Int(vips_image_get_n_pages(first.pointer))
        self.pageCount = max(1, n)
    }

    /// The header of page `index` (zero-based): decoding is lazy, so this is cheap.
    public func page(_ index: Int) throws -> Image {
        try Self.load(path: path, format: format, page: index)
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
