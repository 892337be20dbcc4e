import DaftarFixtures
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Imaging
import OCR
import XCTest

/// Daftar writes text, hOCR and ALTO in one walk over Tesseract's results; Tesseract's own
/// renderers are the reference: the same words, in the same order, in the same boxes, and the
/// same text.
final class LayoutTests: XCTestCase {
    func matches(_ pattern: String, _ text: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).map { String(text[Range(m.range(at: $0), in: text)!]) }
        }
    }

    func testHOCRAndALTOMatchTesseractsRenderers() throws {
        Vips.start()
        let page = try DegradedPages.page(text: ReferenceTexts.page(1), ppi: 300)
        let pixels = GreyPixels(width: page.width, height: page.height, ppi: 300, bytes: try page.bytes())
        let engine = try OCREngine(languages: "eng")
        _ = try engine.recognise(pixels)
        let ours = engine.outputs(pageNumber: 1)
        let reference = engine.tesseractLayout(pageNumber: 1)

        let hocrWord = "class='ocrx_word' id='[^']*' title='bbox (\\d+ \\d+ \\d+ \\d+); x_wconf (\\d+)'>([^<]*)</span>"
        let ourWords = matches(hocrWord, ours.hocrPage), theirWords = matches(hocrWord, reference.hocr)
        XCTAssertGreaterThan(ourWords.count, 150)
        XCTAssertEqual(ourWords.map { [$0[0], $0[2]] }, theirWords.map { [$0[0], $0[2]] }, "hOCR words and boxes")
        XCTAssertEqual(matches("class='ocr_line'", ours.hocrPage).count, matches("class='ocr_line'", reference.hocr).count)

        let altoString = "<String ID=\"[^\"]*\" HPOS=\"(\\d+)\" VPOS=\"(\\d+)\" WIDTH=\"(\\d+)\" HEIGHT=\"(\\d+)\" WC=\"[0-9.]+\" CONTENT=\"([^\"]*)\"/>"
        let ourStrings = matches(altoString, ours.altoPage), theirStrings = matches(altoString, reference.alto)
        XCTAssertEqual(ourStrings, theirStrings, "ALTO strings and boxes")
        XCTAssertEqual(matches("<TextLine ", ours.altoPage).count, matches("<TextLine ", reference.alto).count)
        XCTAssertEqual(matches("class='ocr_par'", ours.hocrPage).count, matches("class='ocr_par'", reference.hocr).count)
        XCTAssertEqual(matches("class='ocr_carea'", ours.hocrPage).count, matches("class='ocr_carea'", reference.hocr).count)
        // The plain text, from the same walk, is Tesseract's to the byte.
        XCTAssertEqual(ours.text, reference.text)
        // Each line's words carry their confidence and whether the model's dictionary holds them.
        let words = ours.lines.flatMap { line in zip(line.text.split(separator: " ").map(String.init), line.inDictionary) }
        XCTAssertEqual(ours.lines.map(\.inDictionary.count), ours.lines.map(\.confidences.count))
        XCTAssertEqual(words.count, ourWords.count)
        let common = words.filter { ["the", "and", "of"].contains($0.0) }
        XCTAssertFalse(common.isEmpty)
        XCTAssertTrue(common.allSatisfy(\.1), "common English words are in eng's dictionary")
        // The dictionary answers for any word too: a misreading one confusion from a word is not in it.
        XCTAssertTrue(engine.isDictionaryWord("vehicles"))
        XCTAssertTrue(engine.isDictionaryWord("VEHICLES"))
        XCTAssertFalse(engine.isDictionaryWord("vehicies"))
        XCTAssertFalse(engine.isDictionaryWord(""))

        // An engine that reads the page shrunk (`readingPPI`) reports its lines and blocks in the
        // page's own pixels: where the full-size reading finds them, within a shrunk pixel or two.
        let shrinking = try OCREngine(languages: "eng")
        shrinking.readingPPI = 150
        _ = try shrinking.recognise(pixels)
        let small = shrinking.outputs(pageNumber: 1)
        XCTAssertEqual(small.width, pixels.width)
        XCTAssertEqual(small.lines.count, ours.lines.count)
        for (a, b) in zip(small.lines, ours.lines) {
            XCTAssertEqual(a.text.prefix(12), b.text.prefix(12))
            for (x, y) in [(a.left, b.left), (a.top, b.top), (a.right, b.right), (a.bottom, b.bottom)] {
                XCTAssertLessThanOrEqual(abs(x - y), 6, "\(a.text): \(a.left) \(a.top) \(a.right) \(a.bottom) against \(b.left) \(b.top) \(b.right) \(b.bottom)")
            }
        }
        let blocks = shrinking.blocks(), fullBlocks = engine.blocks()
        XCTAssertEqual(blocks.map(\.left).min() ?? 0, fullBlocks.map(\.left).min() ?? 0, accuracy: 6)
        XCTAssertEqual(blocks.map(\.bottom).max() ?? 0, fullBlocks.map(\.bottom).max() ?? 0, accuracy: 6)
        let hocrSize = "class='ocr_page' id='page_1' title='bbox 0 0 (\\d+) (\\d+); ppageno 0; scan_res (\\d+) (\\d+)'"
        XCTAssertEqual(matches(hocrSize, small.hocrPage).first, ["\(pixels.width)", "\(pixels.height)", "300", "300"])

        // Both wrap into well-formed documents.
        for doc in [HOCR.document(page: ours.hocrPage, title: "t"), ALTO.document(page: ours.altoPage, sourceName: "t")] {
            let parser = XMLParser(data: Data(doc.utf8))
            XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        }
    }
}
