import DaftarFixtures
import DaftarIndex
import DaftarPipeline
import Foundation
import Imaging
import OCR
import XCTest

/// `--lang auto` and the Urdu models (issue 15), on pages typeset from held-out Urdu prose.
final class UrduTests: XCTestCase {
    func cer(_ out: String, _ truth: String) throws -> Double {
        CharacterErrorRate.of(TextNormalizer.normalize(try Support.pages(out).joined(separator: "\n")),
                              reference: TextNormalizer.normalize(truth))
    }

    /// English pages are read once, in English; an Urdu page is found to be Arabic script and
    /// read with the Urdu models, as well as `--lang urd` reads it.
    func testAutoReadsEnglishAsEnglishAndUrduWithTheUrduModels() throws {
        let dir = Support.temporaryDirectory(self)
        Vips.start()
        var o = PipelineOptions()
        o.languages = PipelineOptions.automatic
        o.searchablePDF = false
        let auto = DocumentPipeline(options: o)

        let english = ReferenceTexts.page(2)
        try DegradedPages.page(text: english, ppi: 300).savePNG(dir + "/english.png")
        let e = auto.process(file: dir + "/english.png", outputDirectory: dir + "/out-english")
        XCTAssertEqual(e.pages.first?.languages, "eng")
        XCTAssertEqual(e.pages.first?.readings, 1, "an English page pays nothing for auto")
        XCTAssertLessThan(try cer(dir + "/out-english", english), 0.02)

        let urdu = UrduPages.prose(first: 1, paragraphs: 2)
        try UrduPages.page(text: urdu, font: "Noto Naskh Arabic 14").savePNG(dir + "/naskh.png")
        let u = auto.process(file: dir + "/naskh.png", outputDirectory: dir + "/out-naskh")
        XCTAssertNil(u.error)
        XCTAssertTrue(["urd", "urd_nastaliq"].contains(u.pages.first?.languages ?? ""), "\(u.pages.first?.languages ?? "-")")
        let autoCER = try cer(dir + "/out-naskh", urdu)
        let hocr = try String(contentsOfFile: dir + "/out-naskh/hocr/0001.hocr", encoding: .utf8)
        XCTAssertTrue(hocr.contains("class='ocr_par'") && hocr.contains("dir='rtl'"), "Urdu paragraphs are marked right to left")
        let englishHOCR = try String(contentsOfFile: dir + "/out-english/hocr/0001.hocr", encoding: .utf8)
        XCTAssertFalse(englishHOCR.contains("dir='rtl'"))
        o.languages = "urd"
        _ = DocumentPipeline(options: o).process(file: dir + "/naskh.png", outputDirectory: dir + "/out-naskh-urd")
        let urdCER = try cer(dir + "/out-naskh-urd", urdu)
        XCTAssertLessThan(autoCER, 0.05, "auto on Naskh: \(autoCER)")
        XCTAssertLessThanOrEqual(autoCER, urdCER + 0.01, "auto \(autoCER) against urd \(urdCER)")
    }
}
