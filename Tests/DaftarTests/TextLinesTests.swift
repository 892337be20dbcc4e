import CTesseract
import DaftarFixtures
import Imaging
@testable import OCR
import XCTest

/// Tier 2: the line measurements before reading (skew, up-down signals) on Leptonica, against
/// Leptonica's own binarisation and reductions as the reference.
final class TextLinesTests: XCTestCase {
    override func setUp() { Vips.start() }

    /// Leptonica's way: the whole page binarised (`pixConvertTo1`), then halved at `rank`.
    private func leptonicaHalf(_ page: GreyPixels, rank: Int32) throws -> OCR.Pix {
        let grey = try OCR.Pix(page)
        let binary = OCR.Pix(owning: try XCTUnwrap(grey.with { pixConvertTo1($0, Int32(TextLines.inkThreshold)) }))
        return OCR.Pix(owning: try XCTUnwrap(binary.with { pixReduceRankBinary2($0, rank, nil) }))
    }

    /// Binarising and halving in one pass gives exactly Leptonica's two steps, at ranks 1 and
    /// 2: on a skewed page of text, and on random grey levels around the threshold at odd sizes
    /// (the last column and row dropped, the last word's spare bits clear).
    func testHalvedBinariesAreLeptonicasBinarisationAndReduction() throws {
        let text = try DegradedPages.page(text: ReferenceTexts.page(2), ppi: 300).rotated(degrees: 3).castUChar()
        var pages = [GreyPixels(width: text.width, height: text.height, ppi: 300, bytes: try text.bytes())]
        var rng = SystemRandomNumberGenerator()
        for (w, h) in [(67, 45), (64, 2), (97, 33)] {
            let t = Int(TextLines.inkThreshold)
            let bytes = (0..<(w * h)).map { _ in UInt8(Int.random(in: (t - 3)...(t + 2), using: &rng)) }
            pages.append(GreyPixels(width: w, height: h, ppi: 300, bytes: bytes))
        }
        for page in pages {
            let (any, two) = try TextLines.halvedBinaries(page)
            for (ours, rank) in [(any, Int32(1)), (two, Int32(2))] {
                let reference = try leptonicaHalf(page, rank: rank)
                var same: Int32 = 0
                XCTAssertEqual(ours.with { o in reference.with { pixEqual(o, $0, &same) } }, 0)
                XCTAssertEqual(same, 1, "\(page.width)x\(page.height), rank \(rank)")
                var count: Int32 = 0
                _ = ours.with { pixCountPixels($0, &count, nil) }
                XCTAssertGreaterThan(count, 0, "\(page.width)x\(page.height): nothing binarised, nothing compared")
            }
        }
        // The skew measured on the half is Leptonica's pixFindSkew on the whole binarised page.
        let grey = try OCR.Pix(pages[0])
        let full = OCR.Pix(owning: try XCTUnwrap(grey.with { pixConvertTo1($0, Int32(TextLines.inkThreshold)) }))
        var angle: Float = 0, confidence: Float = 0
        XCTAssertEqual(full.with { pixFindSkew($0, &angle, &confidence) }, 0)
        let measured = try TextLines.measure(pages[0])
        XCTAssertEqual(measured.skewDegrees, Double(angle))
        XCTAssertEqual(measured.skewConfidence, Double(confidence))
        XCTAssertEqual(measured.skewDegrees, -3, accuracy: 0.2, "libvips turned the page 3 degrees clockwise")
    }

    /// The leftward signal is measured only when the upright one is not decisive: on an upright
    /// page of text, not at all; on the page turned a quarter, as the full measurement has it.
    func testLeftwardSignalOnlyWhenTheUprightOneIsNotDecisive() throws {
        let text = try DegradedPages.page(text: ReferenceTexts.page(0), ppi: 300)
        let upright = GreyPixels(width: text.width, height: text.height, ppi: 300, bytes: try text.bytes())
        let full = try TextLines.measure(upright)
        XCTAssertGreaterThan(full.upright, 8)
        XCTAssertNotEqual(full.leftward, 0)
        let decided = try TextLines.measure(upright, decisiveUpright: 8)
        XCTAssertEqual(decided.upright, full.upright)
        XCTAssertEqual(decided.leftward, 0)
        XCTAssertEqual(decided.likelyTurn(minimumSignal: 8, dominance: 2), 0)

        let turned = try upright.turned(clockwise: 90)
        let both = try TextLines.measure(turned), onDemand = try TextLines.measure(turned, decisiveUpright: 8)
        XCTAssertLessThan(abs(both.upright), 8)
        XCTAssertEqual(onDemand, both)
        XCTAssertEqual(onDemand.likelyTurn(minimumSignal: 8, dominance: 2), 270)
    }

    /// Ink outside a reading's lines: dark pixels not under any box (widened by the margin).
    func testDarkPixelsOutsideBoxes() {
        var bytes = [UInt8](repeating: 255, count: 20 * 10)
        for x in 2..<6 { bytes[3 * 20 + x] = 0 }       // 4 dark pixels in row 3
        for x in 10..<13 { bytes[8 * 20 + x] = 100 }   // 3 in row 8
        bytes[0] = 127
        let page = GreyPixels(width: 20, height: 10, ppi: 300, bytes: bytes)
        XCTAssertEqual(page.darkPixels, 8)
        XCTAssertEqual(page.darkPixels(outside: [], margin: 0), 8)
        XCTAssertEqual(page.darkPixels(outside: [(left: 2, top: 3, right: 6, bottom: 4)], margin: 0), 4)
        XCTAssertEqual(page.darkPixels(outside: [(left: 3, top: 3, right: 6, bottom: 4)], margin: 0), 5, "a box's right and bottom are open")
        XCTAssertEqual(page.darkPixels(outside: [(left: 3, top: 3, right: 6, bottom: 4)], margin: 1), 4)
        XCTAssertEqual(page.darkPixels(outside: [(left: 0, top: 0, right: 20, bottom: 10)], margin: 5), 0)
        XCTAssertEqual(page.darkPixels(outside: [(left: 30, top: 30, right: 40, bottom: 40)], margin: 0), 8, "a box off the page covers nothing")
    }

    /// The upright strokes of a mark: one serifed `I`; two or three whose serifs touch (one
    /// mark, as on a fax); an `H`; a stem with a bracket's curve beside it; none where the box
    /// holds no contrast.
    func testUprightStrokesOfAMark() {
        let w = 40, h = 30
        func page(_ draw: (inout [UInt8]) -> Void) -> GreyPixels {
            var bytes = [UInt8](repeating: 250, count: w * h)
            draw(&bytes)
            return GreyPixels(width: w, height: h, ppi: 600, bytes: bytes)
        }
        func fill(_ b: inout [UInt8], _ x: Range<Int>, _ y: Range<Int>) { for yy in y { for xx in x { b[yy * w + xx] = 10 } } }
        let one = page { b in fill(&b, 4..<16, 0..<3); fill(&b, 8..<12, 0..<30); fill(&b, 4..<16, 27..<30) }
        XCTAssertEqual(one.strokes(left: 4, top: 0, right: 16, bottom: 30), 1)
        let two = page { b in fill(&b, 4..<30, 0..<3); fill(&b, 8..<12, 0..<30); fill(&b, 20..<24, 0..<30); fill(&b, 4..<30, 27..<30) }
        XCTAssertEqual(two.strokes(left: 4, top: 0, right: 30, bottom: 30), 2, "serifs joined, stems apart")
        XCTAssertEqual(two.strokes(left: 4, top: 0, right: 16, bottom: 30), 1, "a box over one stem")
        let three = page { b in fill(&b, 2..<38, 0..<3); for x in [6, 18, 30] { fill(&b, x..<(x + 4), 0..<30) }; fill(&b, 2..<38, 27..<30) }
        XCTAssertEqual(three.strokes(left: 2, top: 0, right: 38, bottom: 30), 3)
        let aitch = page { b in fill(&b, 5..<9, 0..<30); fill(&b, 20..<24, 0..<30); fill(&b, 5..<24, 13..<17) }
        XCTAssertEqual(aitch.strokes(left: 5, top: 0, right: 24, bottom: 30), 2, "an H's bar is dark over a few rows")
        // A stem, and beside it a bracket as tall that reaches below the line (as in the line
        // `Latin` read `SOE-II(` on hard paper 273016, its second `I`'s box over half the bracket).
        let bracket = page { b in fill(&b, 4..<8, 0..<24); fill(&b, 14..<17, 2..<30) }
        XCTAssertEqual(bracket.strokes(left: 4, top: 0, right: 24, bottom: 30), 1, "a box reaching into a bracket")
        XCTAssertEqual(page { _ in }.strokes(left: 0, top: 0, right: 40, bottom: 30), 0, "no contrast, no strokes")
        XCTAssertEqual(two.strokes(left: 4, top: 0, right: 30, bottom: 5), 0, "too small to tell")
    }

    /// Thresholding at a share of Otsu's level: a bold Nastaliq letterhead, rendered by Pango
    /// and shrunk to 150 ppi (as the Nastaliq model reads a page), comes out thinner at 0.6: less
    /// ink (only the strokes' grey edges go: a twentieth to a fifth of it), every stroke still
    /// there (as many rows and columns with ink); at 1, as at Otsu's level. Pale ink keeps its
    /// strokes.
    func testThresholdAtAShareOfOtsusLevelThinsStrokes() throws {
        let line = try Image.text("<b>محکمہ آبپاشی</b>", font: "Noto Nastaliq Urdu 14", width: 1200, dpi: 300)
        let grey = try line.inverted().castUChar()
        let page = try GreyPixels(width: grey.width, height: grey.height, ppi: 300, bytes: grey.bytes()).shrunk(by: 0.5)
        func ink(_ p: GreyPixels) -> (pixels: Int, rows: Int, columns: Int) {
            var rows = Set<Int>(), columns = Set<Int>(), pixels = 0
            for y in 0..<p.height { for x in 0..<p.width where p.bytes[y * p.width + x] == 0 { pixels += 1; rows.insert(y); columns.insert(x) } }
            return (pixels, rows.count, columns.count)
        }
        let otsu = ink(page.thresholded()), thinner = ink(page.thresholded(atShare: 0.6))
        XCTAssertEqual(ink(page.thresholded(atShare: 1)).pixels, otsu.pixels)
        XCTAssertGreaterThan(otsu.pixels, 1000)
        XCTAssertLessThan(Double(thinner.pixels), 0.95 * Double(otsu.pixels), "\(thinner) against \(otsu)")
        XCTAssertGreaterThan(Double(thinner.pixels), 0.8 * Double(otsu.pixels), "\(thinner) against \(otsu)")
        XCTAssertGreaterThanOrEqual(Double(thinner.rows), 0.9 * Double(otsu.rows))
        XCTAssertGreaterThanOrEqual(Double(thinner.columns), 0.9 * Double(otsu.columns))
        XCTAssertTrue(page.thresholded(atShare: 0.6).bytes.allSatisfy { $0 == 0 || $0 == 255 })
        // The same letterhead as a pale carbon copy (ink at 150, paper at 205): 0.6 of Otsu's
        // level would whiten it whole; the strokes stay, thinner than at Otsu's level.
        let pale = GreyPixels(width: page.width, height: page.height, ppi: page.ppi,
                              bytes: page.bytes.map { UInt8(150 + Int($0) * 55 / 255) })
        let paleOtsu = ink(pale.thresholded()), paleThinner = ink(pale.thresholded(atShare: 0.6))
        XCTAssertGreaterThan(Double(paleThinner.pixels), 0.5 * Double(paleOtsu.pixels), "\(paleThinner) against \(paleOtsu)")
        XCTAssertLessThan(paleThinner.pixels, paleOtsu.pixels)
        XCTAssertGreaterThanOrEqual(Double(paleThinner.rows), 0.9 * Double(paleOtsu.rows))
    }

    /// Ink outside a reading's lines, as regions: rows a small gap apart are one band, ink a
    /// wide gap apart within a band is two regions, and ink under a box is none.
    func testInkRegionsOutsideBoxes() {
        let width = 100, height = 60
        var bytes = [UInt8](repeating: 255, count: width * height)
        func ink(_ xs: Range<Int>, _ ys: Range<Int>) { for y in ys { for x in xs { bytes[y * width + x] = 0 } } }
        ink(10..<90, 2..<8)      // a line that was read (under the box below)
        ink(20..<30, 15..<18)    // a heading's dots ...
        ink(20..<40, 20..<26)    // ... and its letters, two blank rows below: one region
        ink(70..<80, 20..<24)    // beside it, 30 blank columns away: a region of its own
        ink(50..<52, 40..<60)    // a rule down to the page's bottom edge
        let page = GreyPixels(width: width, height: height, ppi: 300, bytes: bytes)
        let regions = page.inkRegions(outside: [(left: 10, top: 2, right: 90, bottom: 8)], margin: 1, rowGap: 2, columnGap: 10)
        XCTAssertEqual(regions, [
            GreyPixels.InkRegion(left: 20, top: 15, right: 40, bottom: 26, ink: 30 + 120),
            GreyPixels.InkRegion(left: 70, top: 20, right: 80, bottom: 24, ink: 40),
            GreyPixels.InkRegion(left: 50, top: 40, right: 52, bottom: 60, ink: 40),
        ])
        let joined = page.inkRegions(outside: [(left: 10, top: 2, right: 90, bottom: 8)], margin: 1, rowGap: 2, columnGap: 30)
        XCTAssertEqual(joined.first, GreyPixels.InkRegion(left: 20, top: 15, right: 80, bottom: 26, ink: 190), "30 blank columns within the gap")
        let apart = page.inkRegions(outside: [(left: 10, top: 2, right: 90, bottom: 8)], margin: 1, rowGap: 1, columnGap: 10)
        XCTAssertEqual(apart.prefix(2).map(\.top), [15, 20], "two blank rows beyond the gap: the dots are a band of their own")
        XCTAssertEqual(page.inkRegions(outside: [(left: 0, top: 0, right: 100, bottom: 60)], margin: 0, rowGap: 2, columnGap: 10), [])
    }
}
