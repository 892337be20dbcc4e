import DaftarFixtures
import DaftarPipeline
import Foundation
import OCR
#if canImport(FoundationXML)
import FoundationXML
#endif
import PDFText
import XCTest

/// Tier 2: the whole pipeline on real libraries and real or generated scans, with OCR
/// accuracy measured as character error rate against reference text.
final class RecognitionTests: XCTestCase {
    func testLinnScanAgainstItsReferenceText() throws {
        let out = Support.temporaryDirectory(self) + "/linn"
        let record = DocumentPipeline().process(file: Support.fixture("linn.png"), outputDirectory: out)
        XCTAssertNil(record.error)
        XCTAssertEqual(record.mediaType, "image/png")
        XCTAssertEqual(record.pages.map(\.method), [.ocr])
        let reference = try String(contentsOfFile: Support.fixture("linn.txt"), encoding: .utf8)
        let cer = Support.cer(try Support.pages(out)[0], reference)
        XCTAssertLessThan(cer, 0.03, "linn.png CER \(cer)")
        XCTAssertGreaterThan(record.pages[0].confidence ?? 0, 85)
    }

    func testEveryCardinalPageIsTurnedUprightAndRead() throws {
        let out = Support.temporaryDirectory(self) + "/cardinal"
        let record = DocumentPipeline().process(file: Support.fixture("cardinal.pdf"), outputDirectory: out)
        XCTAssertNil(record.error)
        // The four pages are scanned at 0, 90, 180 and 270 degrees.
        XCTAssertEqual(record.pages.map(\.rotation), [0, 270, 180, 90])
        // Leptonica's up-down signals guess each turn before the page is read: one reading each.
        XCTAssertEqual(record.pages.map(\.readings), [1, 1, 1, 1])
        let reference = try String(contentsOfFile: Support.fixture("linn.txt"), encoding: .utf8)
        for (i, text) in try Support.pages(out).enumerated() {
            let cer = Support.cer(text, reference)
            XCTAssertLessThan(cer, 0.03, "cardinal page \(i + 1) CER \(cer)")
        }
        // The searchable PDF shows every page upright: its text reads in order.
        let pdf = try PDFDocument(path: out + "/searchable.pdf")
        XCTAssertEqual(pdf.pageCount, 4)
        for i in 0..<4 {
            XCTAssertTrue(try pdf.page(i).text.contains("32 Track MIDI Sequence Recorder"), "page \(i + 1)")
        }
    }

    /// Digits such as 7 match Leptonica's descender pattern, so an upright page of figures
    /// counts as upside down. OSD is asked before such a page is read turned; the page is read
    /// upright, once. Turned a half turn, the same page is read upright too, at one wasted reading.
    func testAPageOfFiguresIsReadUpright() throws {
        let dir = Support.temporaryDirectory(self)
        var state: UInt32 = 2291
        func next(_ n: UInt32) -> UInt32 { state = state &* 1_103_515_245 &+ 12_345; return (state >> 16) % n }
        let stems = ["7", "1", "3", "71", "13", "37", "731", "17", "377"]
        let rows = (0..<22).map { _ in (0..<8).map { _ in stems[Int(next(9))] + String(next(100)) }.joined(separator: "   ") }
        let page = try DegradedPages.page(text: rows.joined(separator: "\n"), ppi: 300, font: "DejaVu Sans 11")
        let signals = try TextLines.measure(GreyPixels(width: page.width, height: page.height, ppi: 300, bytes: try page.bytes()))
        let options = PipelineOptions()
        XCTAssertEqual(signals.likelyTurn(minimumSignal: options.turnSignal, dominance: options.turnSignalDominance), 180,
                       "the page no longer fools the signals (\(signals)): this test tests nothing")
        try page.savePNG(dir + "/figures.png")
        try page.turned(clockwise: 180).savePNG(dir + "/figures-upside-down.png")
        let pipeline = DocumentPipeline(options: options)
        // Upside down, the figures count as upright: read as they are first, then as OSD says.
        for (name, rotation, readings) in [("figures.png", 0, 1), ("figures-upside-down.png", 180, 2)] {
            let record = pipeline.process(file: dir + "/" + name, outputDirectory: dir + "/out/" + name)
            XCTAssertNil(record.error, name)
            XCTAssertEqual(record.pages.first?.rotation, rotation, name)
            XCTAssertEqual(record.pages.first?.readings, readings, name)
            let cer = Support.cer(try Support.pages(dir + "/out/" + name)[0], rows.joined(separator: "\n"))
            XCTAssertLessThan(cer, 0.03, "\(name) CER \(cer)")
        }
    }

    /// Each kind of degraded scan (two looks of each hard kind) is read with at most 2%
    /// character errors, and no page of it is flagged.
    func testDegradedScans() throws {
        let dir = Support.temporaryDirectory(self)
        let pipeline = DocumentPipeline()
        var failures: [String] = []
        let set = try DegradedPages.comparisonSet(in: dir + "/in")
        XCTAssertEqual(set.map(\.kind), DegradedPages.Kind.allCases + DegradedPages.hardKinds)
        for fixture in set {
            let kind = fixture.kind
            let out = dir + "/out/" + kind.slug + (fixture.path.contains("/variant-") ? "-2" : "")
            let record = pipeline.process(file: fixture.path, outputDirectory: out)
            XCTAssertNil(record.error, kind.rawValue)
            let pages = try Support.pages(out)
            XCTAssertEqual(pages.count, fixture.pages.count, kind.rawValue)
            if let methods = fixture.expectedMethods {
                XCTAssertEqual(record.pages.map(\.method.rawValue), methods, kind.rawValue)
            }
            for (p, reference) in fixture.pages.enumerated() where p < pages.count {
                let cer = Support.cer(pages[p], reference)
                if cer > 0.02 { failures.append(String(format: "%@ page %d: CER %.2f%%", kind.rawValue, p + 1, cer * 100)) }
                if cer < 0.02, let q = record.pages[p].quality, q.verdict != .good {
                    failures.append("\(kind.rawValue) page \(p + 1): read well but judged \(q.verdict): \(q.reason ?? "")")
                }
            }
            switch kind {
            case .rotated90: XCTAssertEqual(record.pages[0].rotation, 270)
            case .rotated180: XCTAssertEqual(record.pages[0].rotation, 180)
            case .skewed: XCTAssertEqual(record.pages[0].skew, -3, accuracy: 0.3)
            default: break
            }
        }
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    /// Levelling turns a page by whole-pixel shears about its canvas's centre; the text layer
    /// is mapped back onto the scan by `PageMapping.deskew`. Marks near three corners land where
    /// that map says, both ways round, and none of the page is cut off.
    func testLevellingMovesThePageWhereTheMappingSays() throws {
        let (w, h) = (1200, 1700)
        let marks = [(20, 30), (1170, 60), (600, 1660)]
        var bytes = [UInt8](repeating: 255, count: w * h)
        for (mx, my) in marks { for y in (my - 4)...(my + 4) { for x in (mx - 4)...(mx + 4) { bytes[y * w + x] = 0 } } }
        let page = GreyPixels(width: w, height: h, ppi: 300, bytes: bytes)
        for degrees in [7.0, -4.5] {
            let level = try page.levelled(degrees: degrees)
            let canvas = GreyPixels.levelCanvas(width: w, height: h, degrees: degrees)
            XCTAssertEqual([level.width, level.height], [canvas.width, canvas.height])
            let t = degrees * .pi / 180
            XCTAssertEqual(Double(level.width), Double(w) * cos(t) + Double(h) * sin(abs(t)), accuracy: 1)
            let map = PageMapping.deskew(degrees: degrees, width: Double(w), height: Double(h))
            XCTAssertEqual(level.bytes.filter { $0 < 128 }.count, marks.count * 81, accuracy: 12, "\(degrees)°: every mark kept whole")
            for (mx, my) in marks {
                let (ex, ey) = map.apply(Double(mx), Double(my))
                var (sx, sy, n) = (0.0, 0.0, 0.0)
                for y in max(0, Int(ey) - 12)..<min(level.height, Int(ey) + 12) {
                    for x in max(0, Int(ex) - 12)..<min(level.width, Int(ex) + 12) where level.bytes[y * level.width + x] < 128 {
                        (sx, sy, n) = (sx + Double(x), sy + Double(y), n + 1)
                    }
                }
                XCTAssertGreaterThan(n, 60, "\(degrees)°: no mark near (\(ex), \(ey))")
                XCTAssertEqual(sx / max(n, 1), ex, accuracy: 1.5, "\(degrees)°: mark at (\(mx), \(my))")
                XCTAssertEqual(sy / max(n, 1), ey, accuracy: 1.5, "\(degrees)°: mark at (\(mx), \(my))")
            }
        }
    }

    /// JPEG 2000 and WebP scans, named misleadingly: told from their bytes, loaded, read.
    func testJPEG2000AndWebPAreReadByTheirBytes() throws {
        let dir = Support.temporaryDirectory(self)
        let text = ReferenceTexts.page(0)
        let page = try DegradedPages.page(text: text, ppi: 300)
        try page.saveJPEG2000(dir + "/scan.jp2")
        try page.saveWebP(dir + "/scan.webp")
        try FileManager.default.moveItem(atPath: dir + "/scan.jp2", toPath: dir + "/jp2-named.tif")
        try FileManager.default.moveItem(atPath: dir + "/scan.webp", toPath: dir + "/webp-named.pdf")
        let pipeline = DocumentPipeline()
        for (name, type) in [("jp2-named.tif", "image/jp2"), ("webp-named.pdf", "image/webp")] {
            let out = dir + "/out/" + name
            let record = pipeline.process(file: dir + "/" + name, outputDirectory: out)
            XCTAssertNil(record.error, name)
            XCTAssertEqual(record.mediaType, type)
            let cer = Support.cer(try Support.pages(out)[0], text)
            XCTAssertLessThan(cer, 0.03, "\(name) CER \(cer)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/searchable.pdf"), name)
        }
    }

    func testUnmappedType3TextIsOCRd() throws {
        let out = Support.temporaryDirectory(self) + "/t3"
        let record = DocumentPipeline().process(file: Support.fixture("type3_font_nomapping.pdf"), outputDirectory: out)
        XCTAssertNil(record.error)
        XCTAssertEqual(record.pages.map(\.method), [.ocr])
        XCTAssertEqual(record.pages[0].ocrReason, "garbage-text")
        XCTAssertEqual(try Support.pages(out)[0].trimmingCharacters(in: .whitespacesAndNewlines), "ua")
    }

    func testOutputsOfAnOCRdPage() throws {
        let dir = Support.temporaryDirectory(self)
        let fixture = try DegradedPages.make(.skewed, in: dir + "/in", seed: 1)
        let out = dir + "/out"
        let record = DocumentPipeline().process(file: fixture.path, outputDirectory: out)
        XCTAssertNil(record.error)

        // document.json as written on disk.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/document.json"))) as! [String: Any]
        XCTAssertEqual((json["sha256"] as? String)?.count, 64)
        XCTAssertEqual(json["page_count"] as? Int, 1)
        XCTAssertTrue(json["error"] is NSNull)
        XCTAssertNotNil((json["timings"] as? [String: Double])?["ocr"])

        // ALTO and hOCR are well-formed XML holding the recognised words.
        for file in ["alto/0001.xml", "hocr/0001.hocr"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            let parser = XMLParser(data: data)
            XCTAssertTrue(parser.parse(), "\(file): \(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("Pension") || String(decoding: data, as: UTF8.self).contains("pension"), file)
        }

        // The searchable PDF keeps the scan and has a text layer lying over the words it names.
        let pdf = try PDFDocument(path: out + "/searchable.pdf")
        let page = try pdf.page(0)
        XCTAssertTrue(page.text.contains("Accountant"))
        // The scan is shown level and the text layer with it: it reads back in reading order.
        XCTAssertLessThan(Support.cer(page.text, fixture.pages[0]), 0.03, "the text layer reads back as the page")
        let hits = page.find("Accountant")
        XCTAssertFalse(hits.isEmpty)
        let ppi = 100.0
        let raster = try page.render(ppi: ppi)
        for hit in hits {
            // The ink under the word's box: the scan must be dark there.
            let x0 = Int(hit.x * ppi / 72), y0 = Int(hit.y * ppi / 72)
            let w = max(1, Int(hit.width * ppi / 72)), h = max(1, Int(hit.height * ppi / 72))
            var dark = 0
            for y in y0..<min(raster.height, y0 + h) { for x in x0..<min(raster.width, x0 + w) where raster.bytes[y * raster.width + x] < 128 { dark += 1 } }
            XCTAssertGreaterThan(Double(dark) / Double(w * h), 0.08, "no ink under the text layer's word at \(hit)")
        }
    }

    /// Urdu is set right to left in the text layer: `pdftotext` reads the searchable PDF's
    /// words back as the text file has them. (poppler-glib's `poppler_page_get_text` breaks
    /// right-to-left words one letter off, on this layer and on Tesseract's own alike.)
    func testUrduTextLayerReadsBackAsTheText() throws {
        let dir = Support.temporaryDirectory(self)
        try IndexProcessTests.urduScan(to: dir + "/urdu.png")
        var options = PipelineOptions()
        options.languages = "urd"
        let record = DocumentPipeline(options: options).process(file: dir + "/urdu.png", outputDirectory: dir + "/out")
        XCTAssertNil(record.error)
        let text = try Support.pages(dir + "/out")[0]
        XCTAssertTrue(text.contains("پاکستان"), text)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [dir + "/out/searchable.pdf", "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        // pdftotext marks right-to-left runs with embedding controls (U+202A–U+202E): not text.
        let layer = String(String.UnicodeScalarView(String(decoding: data, as: UTF8.self)
            .unicodeScalars.filter { !(0x202A...0x202E).contains($0.value) }))
        XCTAssertEqual(layer.split(whereSeparator: \.isWhitespace), text.split(whereSeparator: \.isWhitespace))
    }
}
