import CLibVips
import CVipsShim
import Foundation

/// An owned reference to a libvips image.
///
/// libvips images are immutable, reference-counted GObjects; every operation returns a
/// new image. This class owns exactly one reference, taken in `init(owning:)` and
/// released in `deinit` (`g_object_unref` never blocks). Evaluation is lazy: pixels are
/// computed when they are read (`bytes()`, measurements) or `materialized()`.
public final class Image {
    let pointer: UnsafeMutablePointer<VipsImage>

    /// Takes ownership of one reference to `pointer`.
    init(owning pointer: UnsafeMutablePointer<VipsImage>) {
        self.pointer = pointer
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    public var width: Int { Int(vips_image_get_width(pointer)) }
    public var height: Int { Int(vips_image_get_height(pointer)) }
    public var bands: Int { Int(vips_image_get_bands(pointer)) }
    public var megapixels: Double { Double(width) * Double(height) / 1_000_000 }
    /// Horizontal resolution in pixels per inch as the file states it (libvips keeps pixels/mm).
    public var ppi: Double { vips_image_get_xres(pointer) * 25.4 }
    public var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }
    var interpretation: VipsInterpretation { vips_image_get_interpretation(pointer) }

    // MARK: construction

    /// An 8-bit image from raw interleaved bytes (copied).
    public static func fromBytes(_ bytes: [UInt8], width: Int, height: Int, bands: Int = 1) throws -> Image {
        precondition(bytes.count == width * height * bands, "byte count does not match the geometry")
        return try bytes.withUnsafeBytes { raw in
            try produce("new_from_memory") {
                daftar_vips_new_from_memory_copy(raw.baseAddress, raw.count, Int32(width), Int32(height), Int32(bands), $0)
            }
        }
    }

    /// Computes the image into memory once, so that later reads do not recompute the chain.
    public func materialized() throws -> Image {
        guard let out = vips_image_copy_memory(pointer) else { throw VipsError.current("copy_memory") }
        return Image(owning: out)
    }

    /// The pixels as interleaved 8-bit samples, row by row (the image must be uchar).
    public func bytes() throws -> [UInt8] {
        let size = daftar_image_size(pointer)
        var status: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            status = daftar_image_bytes(pointer, buffer.baseAddress, size)
            count = status == 0 ? size : 0
        }
        guard status == 0 else { throw VipsError.current("image_bytes") }
        return bytes
    }

    // MARK: colour and format

    /// 8-bit single-band greyscale: alpha flattened onto white, CMYK and colour converted.
    public func greyscale() throws -> Image {
        var image = self
        if image.interpretation == VIPS_INTERPRETATION_CMYK {
            image = try produce("icc_import") { daftar_vips_icc_import_cmyk(image.pointer, $0) }
        }
        if image.hasAlpha {
            image = try produce("flatten") { daftar_vips_flatten_white(image.pointer, $0) }
        }
        if image.bands != 1 || image.interpretation != VIPS_INTERPRETATION_B_W {
            image = try produce("colourspace") { daftar_vips_colourspace_bw(image.pointer, $0) }
        }
        if image.bands > 1 {
            image = try produce("extract_band") { daftar_vips_extract_band(image.pointer, 0, $0) }
        }
        return try image.castUChar()
    }

    public func castUChar() throws -> Image {
        if vips_image_get_format(pointer) == VIPS_FORMAT_UCHAR { return self }
        return try produce("cast") { daftar_vips_cast_uchar(pointer, $0) }
    }

    // MARK: geometry

    public func resized(by scale: Double) throws -> Image {
        try produce("resize") { daftar_vips_resize(pointer, scale, $0) }
    }

    /// Enlarges by `halves`/2 (3: 1.5×, 4: 2×, 5: 2.5×): blocks of the nearest pixel
    /// (`daftar_enlarge_blocks`, one pass of copies), their edges smoothed by a 3×3 binomial
    /// kernel. Close to bilinear interpolation, at a fraction of `resized(by:)`'s cost on a
    /// page (libvips enlarges there through its general affine path, interpolating every pixel).
    public func enlarged(halves: Int) throws -> Image {
        precondition(halves >= 2, "enlarged(halves:) only enlarges")
        let blocks = try produce("enlarge_blocks") { daftar_enlarge_blocks(pointer, Int32(halves), $0) }
        return try produce("conv") { daftar_vips_binomial3(blocks.pointer, $0) }
    }

    /// Box-filter shrink by an integer-ish factor: fast, for estimates.
    public func shrunk(by factor: Double) throws -> Image {
        try produce("shrink") { daftar_vips_shrink(pointer, factor, $0) }
    }

    /// Nearest-neighbour enlargement by an integer factor: each pixel becomes a block.
    public func zoomed(by factor: Int) throws -> Image {
        try produce("zoom") { daftar_vips_zoom(pointer, Int32(factor), $0) }
    }

    public func cropped(left: Int, top: Int, width: Int, height: Int) throws -> Image {
        try produce("extract_area") { daftar_vips_extract_area(pointer, Int32(left), Int32(top), Int32(width), Int32(height), $0) }
    }

    /// Lossless clockwise turn by 0, 90, 180 or 270 degrees.
    public func turned(clockwise degrees: Int) throws -> Image {
        let d = ((degrees % 360) + 360) % 360
        if d == 0 { return self }
        return try produce("rot") { daftar_vips_rot(pointer, Int32(d), $0) }
    }

    /// Rotates by an arbitrary angle (degrees, anticlockwise positive as libvips does), filling
    /// with white. The canvas grows to hold the whole rotated image.
    public func rotated(degrees: Double) throws -> Image {
        try produce("rotate") { daftar_vips_rotate_white(pointer, degrees, $0) }
    }

    public func embedded(x: Int, y: Int, width: Int, height: Int) throws -> Image {
        try produce("embed") { daftar_vips_embed_white(pointer, Int32(x), Int32(y), Int32(width), Int32(height), $0) }
    }

    /// Applies an EXIF orientation tag, if any.
    public func autoRotated() throws -> Image {
        try produce("autorot") { daftar_vips_autorot(pointer, $0) }
    }

    public func withResolution(ppi: Double) throws -> Image {
        try produce("copy") { daftar_vips_set_resolution(pointer, ppi / 25.4, $0) }
    }

    // MARK: filters and arithmetic

    /// Rank filter: index 0 is the minimum, width*height-1 the maximum, the middle the median.
    public func rank(width: Int, height: Int, index: Int) throws -> Image {
        try produce("rank") { daftar_vips_rank(pointer, Int32(width), Int32(height), Int32(index), $0) }
    }

    /// The median of each `size`×`size` window of a two-level (0/255) image, as a majority
    /// vote: the same pixels as `rank(width: size, height: size, index: size * size / 2)` on
    /// such an image, about ten times faster.
    public func majority(size: Int) throws -> Image {
        try produce("majority") { daftar_vips_majority(pointer, Int32(size), $0) }
    }

    /// The negative of an 8-bit image: 255 - v.
    public func inverted() throws -> Image {
        try produce("invert") { daftar_vips_invert(pointer, $0) }
    }

    public func blurred(sigma: Double) throws -> Image {
        try produce("gaussblur") { daftar_vips_gaussblur(pointer, sigma, $0) }
    }

    /// `self * a + b`, as float.
    public func linear(_ a: Double, _ b: Double) throws -> Image {
        try produce("linear") { daftar_vips_linear1(pointer, a, b, $0) }
    }

    /// This page divided by its paper and mapped through `table`, in one pass: grey level g on
    /// paper of level p becomes `table[min(255, round(255 g / p))]`. `paper` holds one level per
    /// `block`×`block` block (edge blocks repeat past its edge); nil is white paper (no division).
    public func flattened(by paper: Image?, block: Int, then table: [UInt8]) throws -> Image {
        precondition(table.count == 256, "a table of 256 grey levels")
        return try produce("flatten_map") { daftar_flatten_map(pointer, paper?.pointer, Int32(block), table, $0) }
    }

    /// A black-and-white page with its marks of fewer than `minimumArea` pixels
    /// (8-connected) made white.
    public func droppingSmallMarks(minimumArea: Int) throws -> Image {
        try produce("drop_small_marks") { daftar_drop_small_marks(pointer, Int32(minimumArea), $0) }
    }

    public func adding(_ other: Image) throws -> Image {
        try produce("add") { daftar_vips_add(pointer, other.pointer, $0) }
    }

    public func multiplied(by other: Image) throws -> Image {
        try produce("multiply") { daftar_vips_multiply(pointer, other.pointer, $0) }
    }

    public func minimum(with other: Image) throws -> Image {
        try produce("min") { daftar_vips_min_pair(pointer, other.pointer, $0) }
    }

    /// 255 where the pixel is above `value`, else 0.
    public func above(_ value: Double) throws -> Image {
        try produce("more") { daftar_vips_more_const(pointer, value, $0) }
    }

    /// Per pixel: `then` where `self` (a mask) is non-zero, else `otherwise`.
    public func select(_ then: Image, _ otherwise: Image) throws -> Image {
        try produce("ifthenelse") { daftar_vips_ifthenelse(pointer, then.pointer, otherwise.pointer, $0) }
    }

    // MARK: measurements

    public func average() throws -> Double {
        var value = 0.0
        guard daftar_vips_avg(pointer, &value) == 0 else { throw VipsError.current("avg") }
        return value
    }

    /// The grey level below which `percent` per cent of the pixels lie (one-band uchar image).
    public func percentile(_ percent: Double) throws -> Int {
        Self.percentile(percent, of: try histogram())
    }

    /// The lowest grey level at or below which `percent` per cent of a histogram's pixels lie.
    public static func percentile(_ percent: Double, of histogram: [Double]) -> Int {
        let wanted = histogram.reduce(0, +) * percent / 100
        var below = 0.0
        for (level, count) in histogram.enumerated() {
            below += count
            if below >= wanted && below > 0 { return level }
        }
        return histogram.count - 1
    }

    /// How many pixels have each grey level 0…255 (one-band uchar image).
    public func histogram() throws -> [Double] {
        try flattenedHistogram(paper: nil, block: 1)
    }

    /// The grey levels present, when there are at most `limit` of them; nil when there are
    /// more (found without reading the rest of the page).
    public func levels(atMost limit: Int) throws -> [Int]? {
        var found = [UInt8](repeating: 0, count: limit)
        var count: Int32 = 0
        guard daftar_levels(pointer, Int32(limit), &found, &count) == 0 else { throw VipsError.current("levels") }
        return Int(count) > limit ? nil : found.prefix(Int(count)).map(Int.init).sorted()
    }

    /// The histogram of this page divided by `paper` (see `flattened(by:block:then:)`), without
    /// making the divided page.
    public func flattenedHistogram(paper: Image?, block: Int) throws -> [Double] {
        var counts = [Double](repeating: 0, count: 256)
        guard daftar_flatten_histogram(pointer, paper?.pointer, Int32(block), &counts) == 0 else {
            throw VipsError.current("flatten_histogram")
        }
        return counts
    }

    /// Mean grey level of every column and of every row.
    public func profiles() throws -> (columns: [Double], rows: [Double]) {
        var columns = [Double](repeating: 0, count: width)
        var rows = [Double](repeating: 0, count: height)
        guard daftar_profiles(pointer, &columns, &rows) == 0 else { throw VipsError.current("profiles") }
        return (columns, rows)
    }

    /// The share (0–1) of every column's and every row's pixels lighter than `level`.
    public func lightProfiles(above level: Int) throws -> (columns: [Double], rows: [Double]) {
        var columns = [Double](repeating: 0, count: width)
        var rows = [Double](repeating: 0, count: height)
        guard daftar_light_profiles(pointer, Int32(level), &columns, &rows) == 0 else { throw VipsError.current("light_profiles") }
        return (columns, rows)
    }

    /// An estimate of the paper under this page, one pixel per `block`×`block` block (see
    /// `daftar_paper_estimate`): block means, the lightest in a `window`-block square, smoothed
    /// by a Gaussian of `sigma` blocks, no darker than `floor`. Also its darkest level.
    public func paperEstimate(block: Int, window: Int, sigma: Double, floor: Int) throws -> (paper: Image, darkest: Int) {
        var darkest: Int32 = 0
        let paper = try produce("paper_estimate") {
            daftar_paper_estimate(pointer, Int32(block), Int32(window), sigma, Int32(floor), $0, &darkest)
        }
        return (paper, Int(darkest))
    }

    // MARK: saving

    public func savePNG(_ path: String) throws {
        guard daftar_vips_pngsave(pointer, path) == 0 else { throw VipsError.current("pngsave") }
    }

    public func saveJPEG(_ path: String, quality: Int = 85) throws {
        guard daftar_vips_jpegsave(pointer, path, Int32(quality)) == 0 else { throw VipsError.current("jpegsave") }
    }

    public func saveJPEG2000(_ path: String, lossless: Bool = true) throws {
        guard daftar_vips_jp2ksave(pointer, path, lossless ? 1 : 0) == 0 else { throw VipsError.current("jp2ksave") }
    }

    public func saveWebP(_ path: String, quality: Int = 90) throws {
        guard daftar_vips_webpsave(pointer, path, Int32(quality)) == 0 else { throw VipsError.current("webpsave") }
    }

    /// Saves a TIFF; `g4` makes a bilevel CCITT Group 4 file (threshold at 128), else LZW.
    public func saveTIFF(_ path: String, g4: Bool) throws {
        guard daftar_vips_tiffsave(pointer, path, g4 ? 1 : 0, g4 ? 0 : 1, 0) == 0 else { throw VipsError.current("tiffsave") }
    }

    /// Saves several same-size pages as one multi-page TIFF.
    public static func saveMultipageTIFF(_ pages: [Image], to path: String, g4: Bool) throws {
        precondition(!pages.isEmpty)
        var pointers: [UnsafeMutablePointer<VipsImage>?] = pages.map { $0.pointer }
        let joined = try pointers.withUnsafeMutableBufferPointer { buffer in
            try produce("arrayjoin") { daftar_vips_arrayjoin_vertical(buffer.baseAddress, Int32(buffer.count), $0) }
        }
        guard daftar_vips_tiffsave(joined.pointer, path, g4 ? 1 : 0, g4 ? 0 : 1, Int32(pages[0].height)) == 0 else {
            throw VipsError.current("tiffsave")
        }
    }

    // MARK: synthesis

    /// Renders Pango markup as 8-bit ink coverage (0 = paper, 255 = ink).
    public static func text(_ markup: String, font: String, width: Int, dpi: Int) throws -> Image {
        try produce("text") { daftar_vips_text(markup, font, Int32(width), Int32(dpi), $0) }
    }

    /// Gaussian noise; the same `seed` gives the same pixels.
    public static func gaussianNoise(width: Int, height: Int, mean: Double, sigma: Double, seed: Int = 0) throws -> Image {
        try produce("gaussnoise") { daftar_vips_gaussnoise(Int32(width), Int32(height), mean, sigma, Int32(seed), $0) }
    }

    public static func black(width: Int, height: Int) throws -> Image {
        try produce("black") { daftar_vips_black(Int32(width), Int32(height), $0) }
    }

    /// A two-band image whose pixels hold their own x and y coordinates.
    public static func coordinates(width: Int, height: Int) throws -> (x: Image, y: Image) {
        let xy = try produce("xyz") { daftar_vips_xyz(Int32(width), Int32(height), $0) }
        return (try produce("extract_band") { daftar_vips_extract_band(xy.pointer, 0, $0) },
                try produce("extract_band") { daftar_vips_extract_band(xy.pointer, 1, $0) })
    }
}
