import DaftarFixtures
import OCR
import PDFAssembly
import XCTest
@testable import DaftarPipeline

/// Tier 1: logic without C libraries.
final class PureLogicTests: XCTestCase {
    func testSniffsFormatsByTheirBytes() {
        XCTAssertEqual(MediaType.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]), .png)
        XCTAssertEqual(MediaType.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), .jpeg)
        XCTAssertEqual(MediaType.sniff(Array("II*\0".utf8) + [8, 0, 0, 0]), .tiff)
        XCTAssertEqual(MediaType.sniff(Array("MM\0*".utf8) + [0, 0, 0, 8]), .tiff)
        XCTAssertEqual(MediaType.sniff([0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]), .jpeg2000)
        XCTAssertEqual(MediaType.sniff(Array("RIFF\u{10}\0\0\0WEBPVP8 ".utf8)), .webp)
        XCTAssertEqual(MediaType.sniff(Array("%PDF-1.7\n%\u{E2}".utf8)), .pdf)
        // Junk before the header, as some scanners write: still a PDF.
        XCTAssertEqual(MediaType.sniff(Array(repeating: 0x20, count: 100) + Array("%PDF-1.4".utf8)), .pdf)
        XCTAssertNil(MediaType.sniff([]))
        XCTAssertNil(MediaType.sniff(Array("Hello, this is a text file".utf8)))
        XCTAssertNil(MediaType.sniff([0x49, 0x49, 0x2A]))  // truncated TIFF magic
    }

    /// An Urdu page whose lines leave 3% of its ink or more unread is not good, nor is a page of
    /// both scripts (its Urdu lines are laid out by the same model); an English page is not
    /// judged by it (a table's rules, a stamp).
    func testUnreadInkOnUrduPages() {
        let good = PageQuality(verdict: .good, confidence: 86)
        let dropped = ReadingJudge.judge(good, unreadInk: 0.10, languages: "urd_nastaliq")
        XCTAssertEqual(dropped.verdict, .doubtful)
        XCTAssertEqual(dropped.reason, "10% of the ink outside the lines read")
        XCTAssertEqual(ReadingJudge.judge(good, unreadInk: 0.01, languages: "urd_nastaliq"), good)
        XCTAssertEqual(ReadingJudge.judge(good, unreadInk: 0.10, languages: "eng"), good)
        XCTAssertEqual(ReadingJudge.judge(good, unreadInk: 0.10, languages: "eng+urd_nastaliq").verdict, .doubtful)
        XCTAssertEqual(ReadingJudge.judge(good, unreadInk: 0.01, languages: "eng+urd_nastaliq"), good)
        let unreadable = PageQuality(verdict: .unreadable, confidence: 40, reason: "confidence 40")
        XCTAssertEqual(ReadingJudge.judge(unreadable, unreadInk: 0.2, languages: "urd").verdict, .unreadable)
        XCTAssertEqual(ReadingJudge.judge(unreadable, unreadInk: 0.2, languages: "urd").reason,
                       "confidence 40, 20% of the ink outside the lines read")
    }

    /// A page read in Urdu alone whose words are under 80% Urdu's (`FieldReader.urduWords`) is
    /// not good, however confidently the model read it; its share is its `dictionary_words`.
    func testUrduPagesJudgedByTheirWords() throws {
        let good = PageQuality(verdict: .good, confidence: 82.3, dictionaryWords: 0.84)
        let read = try XCTUnwrap(FieldReader.listedShare("گورنر خیبر پختونخوا نے سول سرونٹس ایکٹ کے تحت حاصل اختیارات كو استعمال کرتے"))
        XCTAssertEqual(read.words, 14)
        XCTAssertGreaterThan(read.share, 0.9)
        let judged = ReadingJudge.judge(good, urduListed: read, languages: "urd_nastaliq")
        XCTAssertEqual(judged.verdict, .good)
        XCTAssertEqual(judged.dictionaryWords, (read.share * 1000).rounded() / 1000)
        // A pale carbon copy's letterhead and body as the model read them at 82.
        let garbled = try XCTUnwrap(FieldReader.listedShare("حکومت خییر ختو عقو ا محلمہ زبر عت وتر حکم شکایات کے ازالے کے ٹیے ایک نیا نظام متعارف کرایا گی ہے جس کے ذر یعے شہری اپی"))
        XCTAssertLessThan(garbled.share, ReadingJudge.urduListedWords)
        let flagged = ReadingJudge.judge(good, urduListed: garbled, languages: "urd_nastaliq")
        XCTAssertEqual(flagged.verdict, .doubtful)
        XCTAssertTrue(flagged.reason?.hasSuffix("of the Urdu words in Urdu's word list") ?? false, flagged.reason ?? "")
        XCTAssertEqual(ReadingJudge.judge(good, urduListed: garbled, languages: "eng"), good, "English pages are judged by eng's dictionary")
        XCTAssertEqual(ReadingJudge.judge(good, urduListed: (0.5, 5), languages: "urd_nastaliq"), good, "too few words to say")
        XCTAssertNil(FieldReader.listedShare("GOVERNMENT OF KHYBER PAKHTUNKHWA 12/03/2024"))
        // Past both bars, but only just: confidence and listed share must together reach 1.70
        // (pages at 82.3 and 82% were read 15% wrong).
        let justPast = ReadingJudge.judge(good, urduListed: (0.824, 120), languages: "urd_nastaliq")
        XCTAssertEqual(justPast.verdict, .doubtful)
        XCTAssertEqual(justPast.reason, "confidence 82 with 82% of the Urdu words in Urdu's word list")
        XCTAssertEqual(ReadingJudge.judge(PageQuality(verdict: .good, confidence: 84.5), urduListed: (0.87, 120),
                                          languages: "urd_nastaliq").verdict, .good)
        XCTAssertEqual(ReadingJudge.judge(PageQuality(verdict: .doubtful, confidence: 80, reason: "confidence 80"), urduListed: (0.85, 120),
                                          languages: "urd_nastaliq").reason, "confidence 80", "said once")
    }

    func testTextLayerJudgement() {
        XCTAssertEqual(TextLayerJudge.judge(text: "The Deputy Commissioner is requested to forward the register.", imageCoverage: 0), .usable)
        XCTAssertEqual(TextLayerJudge.judge(text: "محکمہ مال کی فائل نمبر ۲۲۹۱ برائے انتقال اراضی", imageCoverage: 0), .usable)
        XCTAssertEqual(TextLayerJudge.judge(text: "\u{19}\u{12}\n\n\u{0C}", imageCoverage: 0), .garbage)
        XCTAssertEqual(TextLayerJudge.judge(text: String(repeating: "\u{E001}\u{E002} ", count: 30), imageCoverage: 0), .garbage)
        XCTAssertEqual(TextLayerJudge.judge(text: String(repeating: "#$%&*+ ", count: 20), imageCoverage: 0), .garbage)
        XCTAssertEqual(TextLayerJudge.judge(text: "  \n ", imageCoverage: 1), .none)
        XCTAssertEqual(TextLayerJudge.judge(text: "Scanned by Records Room 3", imageCoverage: 0.95), .imageWithLittleText)
        // Leaders and rules are layout: a table of contents, a form with lines to fill in.
        let toc = "Table of Contents\nHeading" + String(repeating: ".", count: 140) + "1\nPage 2 Heading" + String(repeating: ".", count: 130) + "2"
        XCTAssertEqual(TextLayerJudge.judge(text: toc, imageCoverage: 0), .usable)
        XCTAssertEqual(TextLayerJudge.judge(text: "Name: ________________ Date: ____________\nSignature: . . . . . . . . . . .", imageCoverage: 0), .usable)
        XCTAssertEqual(TextLayerJudge.judge(text: String(repeating: "-", count: 80), imageCoverage: 0), .none)
    }

    /// Leptonica's orientation decision, with Daftar's dominance ratio: measured signals of
    /// real pages (cardinal.pdf's four turns at 150 ppi, a page of figures, a page on its side
    /// that decides nothing).
    func testUpDownSignalsDecideATurnOnlyWhenOneDominates() {
        func turn(_ up: Double, _ left: Double) -> Int? {
            TextLineMeasurement(skewDegrees: 0, skewConfidence: 0, upright: up, leftward: left)
                .likelyTurn(minimumSignal: 8, dominance: 2)
        }
        XCTAssertEqual(turn(12.2, -3.8), 0)
        XCTAssertEqual(turn(-4.8, -18.8), 270)
        XCTAssertEqual(turn(-18.8, 5.4), 180)
        XCTAssertEqual(turn(5.4, 12.8), 90)
        XCTAssertEqual(turn(-13.5, -4.2), 180)
        XCTAssertNil(turn(-8.3, -6.7))  // strong enough, but neither dominates
        XCTAssertNil(turn(5.1, -1.8))   // too weak
        XCTAssertNil(turn(0, 0))        // too few ascenders to count
    }

    func testAffineComposesAndInverts() {
        let m = Affine.rotation(radians: 0.3).then(.translation(10, -4)).then(.scale(2, 3))
        let (x, y) = m.apply(5, 7)
        let (bx, by) = m.inverse.apply(x, y)
        XCTAssertEqual(bx, 5, accuracy: 1e-9)
        XCTAssertEqual(by, 7, accuracy: 1e-9)
        XCTAssertEqual(Affine.translation(1, 2).then(.translation(3, 4)).apply(0, 0).0, 4)
    }

    /// One column split along a river of lined-up spaces (lines beside each other a space
    /// apart) is told from a number and date typed far apart on one line and from two real
    /// columns (a wide gutter), and needs three such lines.
    func testAColumnSplitAlongARiverIsToldFromRealColumns() {
        func line(_ l: Int, _ t: Int, _ r: Int) -> RecognisedLine { RecognisedLine(text: "words", left: l, top: t, right: r, bottom: t + 40) }
        let river = (0..<4).flatMap { i in [line(200, 1000 + 60 * i, 1100), line(1130, 1002 + 60 * i, 2300)] }
        XCTAssertTrue(RecognisedLine.splitByARiver(river))
        XCTAssertFalse(RecognisedLine.splitByARiver(Array(river.prefix(4))), "two lines beside others are not enough")
        let head = [line(200, 600, 900), line(1700, 600, 2300)] + (0..<4).map { line(200, 1000 + 60 * $0, 2300) }
        XCTAssertFalse(RecognisedLine.splitByARiver(head), "a number and a date far apart on one line")
        let columns = (0..<4).flatMap { i in [line(200, 1000 + 60 * i, 1150), line(1300, 1000 + 60 * i, 2300)] }
        XCTAssertFalse(RecognisedLine.splitByARiver(columns), "two columns a gutter apart")
    }

    func testQuarterTurnsMapCornersOntoTheTurnedImage() {
        // A 100×50 image turned 90° clockwise is 50×100; its top-left corner goes to the top right.
        let t = PageMapping.turn(clockwise: 90, width: 100, height: 50)
        XCTAssertEqual(t.apply(0, 0).0, 50); XCTAssertEqual(t.apply(0, 0).1, 0)
        XCTAssertEqual(t.apply(100, 50).0, 0); XCTAssertEqual(t.apply(100, 50).1, 100)
        let u = PageMapping.turn(clockwise: 270, width: 100, height: 50)
        XCTAssertEqual(u.apply(0, 0).0, 0); XCTAssertEqual(u.apply(0, 0).1, 100)
        let h = PageMapping.turn(clockwise: 180, width: 100, height: 50)
        XCTAssertEqual(h.apply(0, 0).0, 100); XCTAssertEqual(h.apply(0, 0).1, 50)
    }

    func testDeskewKeepsThePageInsideItsBoundingBox() {
        // The canvas is the turned page's bounding box in whole pixels, the turn about its
        // centre in whole pixels: every corner lands on the canvas, give or take that half pixel.
        for degrees in [3.0, -3, 14] {
            let d = PageMapping.deskew(degrees: degrees, width: 2550, height: 3300)
            let canvas = GreyPixels.levelCanvas(width: 2550, height: 3300, degrees: degrees)
            let corners = [(0.0, 0.0), (2550, 0), (0, 3300), (2550, 3300)].map { d.apply($0.0, $0.1) }
            XCTAssertEqual(corners.map(\.0).min()!, 0, accuracy: 0.5)
            XCTAssertEqual(corners.map(\.1).min()!, 0, accuracy: 0.5)
            XCTAssertEqual(corners.map(\.0).max()!, Double(canvas.width), accuracy: 1)
            XCTAssertEqual(corners.map(\.1).max()!, Double(canvas.height), accuracy: 1)
        }
    }

    func testLevellingAPageGrowsItsBoxToHoldIt() {
        let (m, box) = PageMapping.level(degrees: 3, box: [0, 0, 612, 792])
        // The centre stays put; the box grows by the turned corners.
        let (cx, cy) = m.apply(306, 396)
        XCTAssertEqual(cx, 306, accuracy: 1e-9); XCTAssertEqual(cy, 396, accuracy: 1e-9)
        XCTAssertLessThan(box[0], 0); XCTAssertLessThan(box[1], 0)
        XCTAssertGreaterThan(box[2], 612); XCTAssertGreaterThan(box[3], 792)
        // Clockwise on screen is a negative angle in PDF's y-up space: the top-left corner moves right.
        XCTAssertGreaterThan(m.apply(0, 792).0, 0)
    }

    func testUserSpaceMapsToRasterForRotatedPages() {
        // Letter page, /Rotate 90, rendered at 300 dpi as displayed (3300 wide, 2550 high).
        let m = PageMapping.userToRaster(box: [0, 0, 612, 792], rotate: 90, ppi: 300)
        // The page's top-left in user space (0, 792) is displayed at the top right.
        let (x, y) = m.apply(0, 792)
        XCTAssertEqual(x, 3300, accuracy: 1e-6)
        XCTAssertEqual(y, 0, accuracy: 1e-6)
    }

    func testCharacterErrorRate() {
        XCTAssertEqual(CharacterErrorRate.of("The  quick\nbrown fox", reference: "The quick brown fox"), 0)
        XCTAssertEqual(CharacterErrorRate.of("Tbe quick brown fox", reference: "The quick brown fox"), 1.0 / 19, accuracy: 1e-9)
        XCTAssertEqual(CharacterErrorRate.of("“quoted” — text", reference: "\"quoted\" - text"), 0)
        XCTAssertEqual(CharacterErrorRate.of("", reference: "abcd"), 1)
    }

    func testDocumentRecordWritesNullsExplicitly() throws {
        let record = DocumentRecord(sha256: "ab", source: "x.tif", mediaType: nil, bytes: 0, pageCount: 1, languages: "eng",
                                    pages: [.init(number: 1, method: .textLayer, rotation: 0, skew: 0, confidence: nil, characters: 3)],
                                    timings: [:], error: nil, software: "t")
        let json = try JSONSerialization.jsonObject(with: record.jsonData()) as! [String: Any]
        XCTAssertTrue(json["error"] is NSNull)
        let page = (json["pages"] as! [[String: Any]])[0]
        XCTAssertTrue(page["confidence"] is NSNull)
        XCTAssertEqual(page["method"] as? String, "text-layer")
    }
}
