import DaftarFixtures
import Imaging
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
}
