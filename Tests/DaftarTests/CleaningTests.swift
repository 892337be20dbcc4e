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

    /// Grain left by thresholding a drowned page: marks under the area go, 8-connected (a
    /// diagonal step joins), at the page's edges too; against a direct flood fill in Swift on
    /// random specks of every size.
    func testDroppingSmallMarksAgainstAFloodFill() throws {
        var rng = SystemRandomNumberGenerator()
        let (w, h) = (257, 181)
        var bytes = [UInt8](repeating: 255, count: w * h)
        for i in bytes.indices where UInt8.random(in: 0...255, using: &rng) < 45 { bytes[i] = UInt8.random(in: 0...127, using: &rng) }
        // A stroke across the page, a diagonal chain of 9 pixels, a corner mark of 4.
        for x in 10..<(w - 10) { bytes[90 * w + x] = 0 }
        for k in 0..<9 { bytes[(20 + k) * w + 20 + k] = 0 }
        for y in 0...2 { for x in 0...2 { bytes[y * w + x] = x < 2 && y < 2 ? 0 : 255 } }
        let area = 8
        var expected = bytes, seen = [Bool](repeating: false, count: w * h)
        for start in bytes.indices where bytes[start] < 128 && !seen[start] {
            var mark = [start], stack = [start]
            seen[start] = true
            while let i = stack.popLast() {
                for dy in -1...1 { for dx in -1...1 {
                    let (x, y) = (i % w + dx, i / w + dy)
                    guard x >= 0, x < w, y >= 0, y < h, !seen[y * w + x], bytes[y * w + x] < 128 else { continue }
                    seen[y * w + x] = true
                    mark.append(y * w + x); stack.append(y * w + x)
                } }
            }
            if mark.count < area { for i in mark { expected[i] = 255 } }
        }
        let dropped = try Image.fromBytes(bytes, width: w, height: h).droppingSmallMarks(minimumArea: area).bytes()
        XCTAssertEqual(dropped.count, expected.count)
        XCTAssertEqual(dropped.indices.filter { dropped[$0] != expected[$0] }.count, 0)
        XCTAssertEqual(dropped[90 * w + 100], 0, "a stroke stays")
        XCTAssertEqual(dropped[24 * w + 24], 0, "a diagonal chain of 9 pixels is one mark and stays")
        XCTAssertEqual(dropped[0], 255, "a mark of 4 at the corner goes")
        XCTAssertLessThan(dropped.filter { $0 < 128 }.count, bytes.filter { $0 < 128 }.count, "specks went")
        XCTAssertEqual(try Image.fromBytes(bytes, width: w, height: h).droppingSmallMarks(minimumArea: 1).bytes(), bytes)
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

    /// Black-and-white pages skip flattening and contrast stretching, because neither changes
    /// a pixel of them: checked on a bilevel page of text with a black block wide enough to
    /// darken the paper estimate (so that flattening divides), and dust.
    func testFlatteningAndStretchingLeaveBlackAndWhitePagesAlone() throws {
        let text = try DegradedPages.page(text: ReferenceTexts.page(1), ppi: 300).above(128).castUChar()
        var bytes = try text.bytes()
        let (w, h) = (text.width, text.height)
        for y in 1500..<2100 { for x in 900..<1700 { bytes[y * w + x] = 0 } }
        for i in stride(from: 7, to: bytes.count, by: 9973) { bytes[i] = 0 }
        let page = try Image.fromBytes(bytes, width: w, height: h).withResolution(ppi: 300)
        let cleaner = PageCleaner()
        let cleaned = try cleaner.clean(page).image
        XCTAssertEqual(Set(try cleaned.bytes()), [0, 255])
        let again = try cleaner.flattenedAndStretched(cleaned)
        XCTAssertEqual(try again.bytes(), try cleaned.bytes())
    }

    /// Flattening and stretching are one pass of table lookups in C: each pixel divided by the
    /// paper level of its block (blocks past the estimate's edge take its edge), through the
    /// stretch table; its histogram without the pass; and the early-stopping count of levels.
    func testFlatteningDividesEachBlockByItsPaper() throws {
        var rng = SystemRandomNumberGenerator()
        let (w, h, k) = (37, 29, 8)
        let bytes = (0..<(w * h)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let paperBytes = (0..<(4 * 3)).map { _ in UInt8.random(in: 0...255, using: &rng) }  // fewer blocks than the page has
        let page = try Image.fromBytes(bytes, width: w, height: h)
        let paper = try Image.fromBytes(paperBytes, width: 4, height: 3)
        let table = (0...255).map { UInt8(255 - $0) }
        var expected = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let p = max(1, Int(paperBytes[min(2, y / k) * 4 + min(3, x / k)]))
                expected[y * w + x] = table[min(255, (255 * Int(bytes[y * w + x]) + p / 2) / p)]
            }
        }
        XCTAssertEqual(try page.flattened(by: paper, block: k, then: table).bytes(), expected)
        var histogram = [Double](repeating: 0, count: 256)
        for v in expected { histogram[255 - Int(v)] += 1 }
        XCTAssertEqual(try page.flattenedHistogram(paper: paper, block: k), histogram)
        // White paper (no estimate) divides nothing: the table alone.
        XCTAssertEqual(try page.flattened(by: nil, block: k, then: table).bytes(), bytes.map { 255 - $0 })
        XCTAssertNil(try page.levels(atMost: 2))
        XCTAssertEqual(try Image.fromBytes(bytes.map { $0 < 128 ? 0 : 255 }, width: w, height: h).levels(atMost: 2), [0, 255])
    }

    /// The paper estimate in C: block means (edge blocks average the pixels they have), the
    /// lightest in a window of blocks (clipped at the edges), a Gaussian cut where its weight
    /// falls under a fifth (edges repeated), no darker than the floor; checked against the same
    /// steps computed directly. And the column and row means that find scanner edges.
    func testPaperEstimateAndProfilesAgainstADirectComputation() throws {
        var rng = SystemRandomNumberGenerator()
        let (w, h, block, window, sigma, floor) = (45, 29, 4, 3, 1.0, 16)
        let bytes = (0..<(w * h)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let page = try Image.fromBytes(bytes, width: w, height: h)
        let (bw, bh) = ((w + block - 1) / block, (h + block - 1) / block)
        var means = [Double](repeating: 0, count: bw * bh)
        for by in 0..<bh {
            for bx in 0..<bw {
                let xs = (bx * block)..<min(w, bx * block + block), ys = (by * block)..<min(h, by * block + block)
                let sum = ys.reduce(0) { t, y in xs.reduce(t) { $0 + Int(bytes[y * w + $1]) } }
                means[by * bw + bx] = (Double(sum) / Double(xs.count * ys.count)).rounded()
            }
        }
        let r = window / 2
        var lightest = means
        for by in 0..<bh {
            for bx in 0..<bw {
                var m = 0.0
                for y in max(0, by - r)...min(bh - 1, by + r) { for x in max(0, bx - r)...min(bw - 1, bx + r) { m = max(m, means[y * bw + x]) } }
                lightest[by * bw + bx] = m
            }
        }
        let radius = (0...).first { exp(-Double($0 * $0) / (2 * sigma * sigma)) < 0.2 }!
        let weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        var expected = [Int](repeating: 0, count: bw * bh)
        for by in 0..<bh {
            for bx in 0..<bw {
                var v = 0.0
                for dy in -radius...radius {
                    for dx in -radius...radius {
                        let (x, y) = (min(bw - 1, max(0, bx + dx)), min(bh - 1, max(0, by + dy)))
                        v += weights[dx + radius] * weights[dy + radius] / (total * total) * lightest[y * bw + x]
                    }
                }
                expected[by * bw + bx] = max(floor, Int(v.rounded()))
            }
        }
        let (paper, darkest) = try page.paperEstimate(block: block, window: window, sigma: sigma, floor: floor)
        XCTAssertEqual([paper.width, paper.height], [bw, bh])
        let got = try paper.bytes().map(Int.init)
        let differences = zip(got, expected).map { abs($0 - $1) }
        XCTAssertLessThanOrEqual(differences.max()!, 1, "float against double rounding may differ by one level, never more")
        XCTAssertLessThan(Double(differences.reduce(0, +)) / Double(differences.count), 0.05)
        XCTAssertEqual(darkest, got.min())
        XCTAssertGreaterThan(Set(got).count, 5, "a flat estimate would compare nothing")

        let (columns, rows) = try page.profiles()
        XCTAssertEqual(columns.count, w)
        XCTAssertEqual(rows.count, h)
        for x in 0..<w { XCTAssertEqual(columns[x], Double((0..<h).reduce(0) { $0 + Int(bytes[$1 * w + x]) }) / Double(h), accuracy: 1e-9) }
        for y in 0..<h { XCTAssertEqual(rows[y], Double((0..<w).reduce(0) { $0 + Int(bytes[y * w + $1]) }) / Double(w), accuracy: 1e-9) }
        let (lightColumns, lightRows) = try page.lightProfiles(above: 120)
        for x in 0..<w { XCTAssertEqual(lightColumns[x], Double((0..<h).filter { bytes[$0 * w + x] > 120 }.count) / Double(h), accuracy: 1e-9) }
        for y in 0..<h { XCTAssertEqual(lightRows[y], Double((0..<w).filter { bytes[y * w + $0] > 120 }.count) / Double(w), accuracy: 1e-9) }
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
        // Enlarged in half steps, to at least 300: 200 dpi by 1.5, a 204 dpi fax to 306.
        XCTAssertEqual(cleaner.scaleFor(ppi: 150), 2)
        XCTAssertEqual(cleaner.scaleFor(ppi: 200), 1.5)
        XCTAssertEqual(cleaner.scaleFor(ppi: 204), 1.5)
        XCTAssertEqual(cleaner.scaleFor(ppi: 120), 2.5)
        XCTAssertEqual(cleaner.scaleFor(ppi: 100), 3)
        XCTAssertEqual(cleaner.scaleFor(ppi: 249), 1.5)
        XCTAssertEqual(cleaner.scaleFor(ppi: 300), 1)
        XCTAssertEqual(cleaner.scaleFor(ppi: 600), 0.5)
    }

    /// Enlarging by blocks smoothed afterwards stays close to libvips' interpolation (Lanczos)
    /// on a real page of text: the same size, grey levels within 6 of 255 on average (a block
    /// or a pixel out of place measures 11 and more), and nearer than bare blocks. Where 1.5×
    /// falls between two source pixels, blocks and interpolation may take the samples half a
    /// pixel apart; they are compared at the better of the alignments a pixel apart.
    func testEnlargingInHalfStepsIsCloseToInterpolation() throws {
        // A 150 dpi page, the part with text (the margins are an inch).
        let page = try DegradedPages.page(text: ReferenceTexts.page(0), ppi: 300).shrunk(by: 2).castUChar()
            .cropped(left: 120, top: 120, width: 701, height: 501).materialized()
        /// Mean absolute difference of `a` and `b` over their common area, `a` moved by at most a pixel.
        func difference(_ a: Image, _ b: Image) throws -> Double {
            let (w, h) = (min(a.width, b.width) - 2, min(a.height, b.height) - 2)
            let pb = try b.cropped(left: 1, top: 1, width: w, height: h).bytes()
            return try (0...2).flatMap { dx in (0...2).map { dy in (dx, dy) } }.map { dx, dy in
                let pa = try a.cropped(left: dx, top: dy, width: w, height: h).bytes()
                return zip(pa, pb).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(pa.count)
            }.min()!
        }
        for halves in [3, 4] {
            let blocks = try page.enlarged(halves: halves).castUChar().materialized()
            let interpolated = try page.resized(by: Double(halves) / 2).castUChar().materialized()
            XCTAssertEqual(Double(blocks.width), Double(page.width * halves) / 2, accuracy: 0.5)
            XCTAssertEqual(Double(blocks.height), Double(page.height * halves) / 2, accuracy: 0.5)
            XCTAssertLessThanOrEqual(abs(blocks.width - interpolated.width), 1)
            let meanDifference = try difference(blocks, interpolated)
            XCTAssertLessThan(meanDifference, 6, "halves \(halves)")
            if halves == 4 {
                // The smoothing matters: bare blocks are further from the interpolation.
                let bareDifference = try difference(try page.zoomed(by: 2).castUChar(), interpolated)
                XCTAssertLessThan(meanDifference, bareDifference, "\(meanDifference) against \(bareDifference)")
            }
        }
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
