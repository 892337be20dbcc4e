import DaftarFixtures
@testable import Imaging
import XCTest

/// Tier 2: the libvips cleaning stage on generated pages.
final class CleaningTests: XCTestCase {
    override func setUp() { Vips.start() }

    func testFlattensTintedUnevenPaperAndStretchesFadedInk() throws {
        let page = try DegradedPages.page(text: ReferenceTexts.page(0), ppi: 300)
        let (x, _) = try Image.coordinates(width: page.width, height: page.height)
        let light = try x.linear(-0.3 / Double(page.width), 0.9)  // 0.9 at the left, 0.6 at the right
        let degraded = try page.linear(0.35, 255 * 0.65).multiplied(by: light).castUChar().withResolution(ppi: 300)
        // Before: paper is dark at the right edge and the ink is pale.
        XCTAssertLessThan(try degraded.cropped(left: 2400, top: 2000, width: 100, height: 100).average(), 160)
        XCTAssertGreaterThan(try degraded.percentile(0.2), 90)

        let cleaned = try PageCleaner().clean(degraded).image
        XCTAssertGreaterThan(try cleaned.cropped(left: 100, top: 2000, width: 100, height: 100).average(), 245)
        XCTAssertGreaterThan(try cleaned.cropped(left: 2300, top: 2000, width: 100, height: 100).average(), 245)
        XCTAssertLessThan(try cleaned.percentile(0.2), 40, "ink must be stretched back to near black")
    }

    /// The speck filter on bilevel scans is a majority vote; it must be exactly the 3×3 median
    /// (libvips' rank filter) on black-and-white pixels, edges included, and remove dust.
    func testMajorityIsTheMedianOnBilevelPages() throws {
        var rng = SystemRandomNumberGenerator()
        let (w, h) = (301, 203)
        // Text-like runs of ink, lone specks and pairs, and the image border.
        var bytes = [UInt8](repeating: 255, count: w * h)
        for i in bytes.indices where UInt8.random(in: 0...255, using: &rng) < 40 { bytes[i] = 0 }
        for y in stride(from: 20, to: h - 20, by: 30) { for x in 10..<(w - 10) { bytes[y * w + x] = 0; bytes[(y + 1) * w + x] = 0 } }
        let page = try Image.fromBytes(bytes, width: w, height: h)
        let median = try page.rank(width: 3, height: 3, index: 4).castUChar().bytes()
        let majority = try page.majority(size: 3).castUChar().bytes()
        XCTAssertEqual(majority.count, median.count)
        XCTAssertEqual(majority.enumerated().filter { $0.element != median[$0.offset] }.count, 0)
        // A lone black speck on white paper goes; a 3-pixel-thick stroke stays.
        var lone = [UInt8](repeating: 255, count: 25 * 25)
        lone[12 * 25 + 12] = 0
        for y in 3..<6 { for x in 2..<23 { lone[y * 25 + x] = 0 } }
        let cleaned = try Image.fromBytes(lone, width: 25, height: 25).majority(size: 3).castUChar().bytes()
        XCTAssertEqual(cleaned[12 * 25 + 12], 255)
        XCTAssertEqual(cleaned[4 * 25 + 12], 0)
    }

    func testCropsBlackScannerEdges() throws {
        let fixture = try DegradedPages.make(.photocopy, in: Support.temporaryDirectory(self))
        let raster = try RasterFile(path: fixture.path, format: .png).page(0)
        let cleaned = try PageCleaner().clean(raster)
        XCTAssertGreaterThanOrEqual(cleaned.geometry.cropLeft, 110)
        XCTAssertGreaterThanOrEqual(cleaned.geometry.cropTop, 70)
        let (columns, rows) = try cleaned.image.profiles()
        XCTAssertGreaterThan(columns.first!, 200, "no black band left at the left edge")
        XCTAssertGreaterThan(rows.first!, 200, "no black band left at the top edge")
    }

    func testResolutionRules() {
        let cleaner = PageCleaner()
        XCTAssertEqual(cleaner.effectivePPI(stated: 200, longestSide: 2200), 200)
        // 72 ppi on a 3300-pixel page would be a 46-inch page: not believed.
        XCTAssertEqual(cleaner.effectivePPI(stated: 72, longestSide: 3300), 300)
        XCTAssertEqual(cleaner.effectivePPI(stated: 0, longestSide: 1000), 300)
        XCTAssertEqual(cleaner.scaleFor(ppi: 150), 2)
        XCTAssertEqual(cleaner.scaleFor(ppi: 300), 1)
        XCTAssertEqual(cleaner.scaleFor(ppi: 600), 0.5)
    }

    /// A PNG with a grey palette (linn.png: 1-bit, black and white) is read as its first band,
    /// skipping the colour conversion: the same grey pixels as converting it.
    func testGreyPalettePNGReadsAsItsFirstBand() throws {
        Vips.start()
        let path = Support.fixture("linn.png")
        XCTAssertTrue(PNGPalette.isGrey(path: path))
        let fast = try RasterFile(path: path, format: .png).page(0)
        XCTAssertEqual(fast.bands, 1)
        let converted = try RasterFile.load(path: path, format: .png, page: 0)
        XCTAssertEqual(converted.bands, 3, "libvips loads the palette image as colour")
        XCTAssertEqual(try fast.greyscale().bytes(), try converted.greyscale().bytes())
        // A colour palette, and files that are not palette PNGs, take the colour path.
        let dir = Support.temporaryDirectory(self)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let plte = try XCTUnwrap((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual("PLTE".utf8) })
        bytes[plte + 4] = 0x80  // first entry no longer grey (the CRC is not checked here)
        FileManager.default.createFile(atPath: dir + "/colour.png", contents: Data(bytes))
        XCTAssertFalse(PNGPalette.isGrey(path: dir + "/colour.png"))
        XCTAssertFalse(PNGPalette.isGrey(path: Support.fixture("cardinal.pdf")))
    }
}
