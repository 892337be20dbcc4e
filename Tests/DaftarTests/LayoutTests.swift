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

        // Both wrap into well-formed documents.
        for doc in [HOCR.document(page: ours.hocrPage, title: "t"), ALTO.document(page: ours.altoPage, sourceName: "t")] {
            let parser = XMLParser(data: Data(doc.utf8))
            XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        }
    }
}
