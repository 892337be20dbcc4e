import DaftarFixtures
import DaftarIndex
import DaftarPipeline
import Foundation
import Imaging
import OCR
import XCTest

/// `--lang auto` and the Urdu models (issue 15), on pages typeset from held-out Urdu prose.
final class UrduTests: XCTestCase {
    /// `--lang auto` without the searchable PDF: how these tests read pages.
    static var auto: PipelineOptions {
        var o = PipelineOptions()
        o.languages = PipelineOptions.automatic
        o.searchablePDF = false
        return o
    }

    /// A generated Urdu paper (`seed`) read with `options` into DIR/out, and again with
    /// `otherwise` into DIR/out-otherwise: the paper, the first record, each reading's first page.
    func readPaper(seed: Int, in dir: String, _ options: PipelineOptions, otherwise: PipelineOptions) throws
        -> (paper: OfficialDocuments.Document, record: DocumentRecord, text: String, otherText: String) {
        let paper = try OfficialDocuments.make(seed: seed, in: dir, urdu: true)
        let record = DocumentPipeline(options: options).process(file: paper.path, outputDirectory: dir + "/out")
        _ = DocumentPipeline(options: otherwise).process(file: paper.path, outputDirectory: dir + "/out-otherwise")
        return (paper, record, try Support.pages(dir + "/out")[0], try Support.pages(dir + "/out-otherwise")[0])
    }

    func cer(_ out: String, _ truth: String) throws -> Double {
        CharacterErrorRate.of(TextNormalizer.normalize(try Support.pages(out).joined(separator: "\n")),
                              reference: TextNormalizer.normalize(truth))
    }

    /// English pages are read once, in English; an Urdu page is found to be Arabic script and
    /// read with the Urdu models, as well as `--lang urd` reads it.
    func testAutoReadsEnglishAsEnglishAndUrduWithTheUrduModels() throws {
        let dir = Support.temporaryDirectory(self)
        Vips.start()
        var o = Self.auto
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

    /// An Urdu paper on its side, which the lines' signals do not tell (Tesseract reads its
    /// lines as vertical ones, at 85), is read again turned upright: all its fields, right.
    /// And a dusty 150 dpi fax of one turned a quarter round: the lines the layout passed over
    /// are looked for in the reading kept, not in the other turn's the engine read last, which
    /// cut the number's line in two and gave `2465/10-7` for `2465/10-7/2017` (every field read
    /// is right, the number is read, its line is there once).
    func testUrduPapersOnTheirSideGiveTheirFields() throws {
        let dir = Support.temporaryDirectory(self)
        let pipeline = DocumentPipeline(options: Self.auto)
        let paper = try OfficialDocuments.make(seed: 33002, in: dir, urdu: true)
        try RasterFile(path: paper.path, format: .png).page(0).turned(clockwise: 90).savePNG(dir + "/side.png")
        let side = pipeline.process(file: dir + "/side.png", outputDirectory: dir + "/out-side")
        // (Before, no field at all.)
        XCTAssertEqual(Set((side.fields?.values ?? [:]).keys), ["type", "number", "date", "office", "subject"])
        for (field, value) in side.fields?.values ?? [:] { XCTAssertEqual(value, paper.truth[field], field) }
        XCTAssertEqual(side.pages.first?.rotation, 270)
        XCTAssertLessThan(side.pages.first?.ocrWidth ?? 0, side.pages.first?.ocrHeight ?? 0, "read upright")

        let fax = try OfficialDocuments.make(seed: 33004, in: dir, urdu: true, hard: true)
        XCTAssertTrue(fax.look.contains("150 dpi") && fax.look.contains("turned 90"), fax.look)
        let r = pipeline.process(file: fax.path, outputDirectory: dir + "/out-fax")
        let found = r.fields?.values ?? [:]
        for (field, value) in found { XCTAssertEqual(value, fax.truth[field], field) }
        XCTAssertEqual(found["number"], "2465/10-7/2017")
        let text = try Support.pages(dir + "/out-fax")[0]
        XCTAssertEqual(text.components(separatedBy: "2465/10").count, 2, text)
    }

    /// Papers the lines' signals barely turn, and that OSD (which knows no Nastaliq) turns the
    /// wrong way, are read the way the signals point: a specked photocopy turned three quarters
    /// round (leftward signal 7.6, under the 8 that decides), a specked photocopy upside down
    /// (OSD said upright). Before, each was read the wrong way round and gave no field. And a
    /// pale carbon copy's date line, whose Urdu label English read as `Cub`, is no English
    /// block: taking it as one dropped the Urdu reading of the line and the address below, and
    /// the page, judged good, gave no number or date.
    func testUrduPapersAreReadTheWayTheirLinesPoint() throws {
        let dir = Support.temporaryDirectory(self)
        let pipeline = DocumentPipeline(options: Self.auto)
        // (And one whose signals point neither way, leftward 7.6 against upright -5.2, read by
        // OSD's turn at 43: a reading that bad is read the opposite way too.)
        for (seed, rotation, sure) in [(121005, 90, ["number", "date"]), (125006, 180, ["number", "date"]), (137005, 90, ["date", "type"])] {
            let paper = try OfficialDocuments.make(seed: seed, in: dir, urdu: true, hard: true)
            XCTAssertTrue(paper.look.contains("turned \((360 - rotation) % 360)°"), paper.look)
            let r = pipeline.process(file: paper.path, outputDirectory: dir + "/out-\(seed)")
            XCTAssertEqual(r.pages.first?.rotation, rotation, paper.look)
            let found = r.fields?.values ?? [:]
            for field in sure { XCTAssertEqual(found[field], paper.truth[field], "\(seed) \(field)") }
            for (field, value) in found { XCTAssertEqual(value, paper.truth[field], "\(seed) \(field)") }
        }
        let carbon = try OfficialDocuments.make(seed: 125005, in: dir, urdu: true, hard: true)
        XCTAssertTrue(carbon.look.hasPrefix("pale carbon copy"), carbon.look)
        let r = pipeline.process(file: carbon.path, outputDirectory: dir + "/out-carbon")
        XCTAssertEqual(r.pages.first?.languages, "urd_nastaliq")
        let found = r.fields?.values ?? [:]
        for field in ["number", "date"] { XCTAssertEqual(found[field], carbon.truth[field], field) }
        for (field, value) in found { XCTAssertEqual(value, carbon.truth[field], field) }
        let text = try Support.pages(dir + "/out-carbon")[0]
        XCTAssertTrue(text.contains("کمشنر صاحب"), text)
    }

    /// A bilingual notice (English head, Urdu body) is read block by block: each part by the
    /// model for its script, far better than any one model reads the whole page.
    func testBilingualNoticeIsReadBlockByBlock() throws {
        let dir = Support.temporaryDirectory(self)
        let o = Self.auto
        let (image, truth) = try UrduPages.bilingual(font: "Noto Naskh Arabic 14", first: 5)
        try image.savePNG(dir + "/notice.png")
        let r = DocumentPipeline(options: o).process(file: dir + "/notice.png", outputDirectory: dir + "/out")
        XCTAssertEqual(r.pages.first?.languages, "eng+urd")
        let cer = try cer(dir + "/out", truth)
        XCTAssertLessThan(cer, 0.05, "bilingual notice: \(cer)")
        let text = try Support.pages(dir + "/out")[0]
        XCTAssertTrue(text.hasPrefix("GOVERNMENT OF KHYBER PAKHTUNKHWA"), text)
        XCTAssertTrue(text.contains("BOR/LR/1234/2024"), text)
        // The English head keeps its place above the Urdu body in hOCR and ALTO too.
        let alto = try String(contentsOfFile: dir + "/out/alto/0001.xml", encoding: .utf8)
        let head = try XCTUnwrap(alto.range(of: "CONTENT=\"GOVERNMENT\""))
        let body = try XCTUnwrap(alto.range(of: "CONTENT=\"ضلعی\""))
        XCTAssertLessThan(head.lowerBound, body.lowerBound)
    }

    /// A bilingual notice on its side is put together from English and Urdu readings of it the
    /// same way round, as upright: before, English had read it best another way round (or read
    /// again since), and the page came out in Urdu alone, 27% (Naskh) and 38% (Nastaliq) wrong.
    func testBilingualNoticeOnItsSideIsReadBlockByBlock() throws {
        let dir = Support.temporaryDirectory(self)
        let pipeline = DocumentPipeline(options: Self.auto)
        for (font, model, turn) in [("Noto Nastaliq Urdu 14", "urd_nastaliq", 90), ("Noto Naskh Arabic 14", "urd", 270)] {
            let (image, truth) = try UrduPages.bilingual(font: font, first: 5)
            try image.turned(clockwise: turn).savePNG(dir + "/side-\(turn).png")
            let r = pipeline.process(file: dir + "/side-\(turn).png", outputDirectory: dir + "/out-\(turn)")
            XCTAssertEqual(r.pages.first?.languages, "eng+" + model, font)
            XCTAssertEqual(r.pages.first?.rotation, (360 - turn) % 360, font)
            let cer = try cer(dir + "/out-\(turn)", truth)
            XCTAssertLessThan(cer, 0.08, "\(font) on its side: \(cer)")
        }
    }

    /// A born-digital Urdu PDF (Chromium's): the Naskh page's text layer taken as pdftotext
    /// orders it (poppler-glib's page text loses its first line) without bidi controls; the
    /// Nastaliq page, whose text layer splits words into letters, read by OCR instead.
    func testBornDigitalUrduPDF() throws {
        let dir = Support.temporaryDirectory(self)
        let o = Self.auto
        let r = DocumentPipeline(options: o).process(file: Support.fixture("urdu_born_digital.pdf"), outputDirectory: dir + "/out")
        XCTAssertNil(r.error)
        XCTAssertEqual(r.pages.map(\.method), [.textLayer, .ocr])
        XCTAssertEqual(r.pages[1].ocrReason, "split-words")
        let pages = try Support.pages(dir + "/out")
        XCTAssertTrue(pages[0].hasPrefix("محکمہ مال حکومت خیبر پختونخوا"), pages[0])
        XCTAssertFalse(pages[0].unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        XCTAssertTrue(pages[1].contains("شکایات کے ازالے"), pages[1])
        XCTAssertGreaterThan(TextLayerJudge.splitShare("ش کای ات کے از الے کے لیے ای ک ن ی ا ن ظ ام مت عارف کرای ا گی ا"), 0.3)
        XCTAssertEqual(TextLayerJudge.splitShare(UrduPages.prose(first: 0, paragraphs: 3)) < 0.05, true)
    }

    /// Numbers with hyphenated parts in an Urdu line come out as typed (Tesseract gives their
    /// parts in reverse order in right-to-left paragraphs).
    /// A Nastaliq page as a light scan (soft, faded, grainy, turned 1.3°): levelled although
    /// Leptonica measures its skew with less confidence than it asks of Latin script, and read
    /// thresholded (the Nastaliq model reads grain on grey badly).
    func testNastaliqLightScanIsLevelledAndReadThresholded() throws {
        let dir = Support.temporaryDirectory(self)
        let text = UrduPages.prose(first: 3, paragraphs: 2)
        try UrduPages.page(text: text, font: "Noto Nastaliq Urdu 15", scan: true, seed: 11).savePNG(dir + "/scan.png")
        var o = PipelineOptions()
        o.languages = "urd_nastaliq"
        o.searchablePDF = false
        let record = DocumentPipeline(options: o).process(file: dir + "/scan.png", outputDirectory: dir + "/out")
        XCTAssertNil(record.error)
        XCTAssertEqual(abs(record.pages.first?.skew ?? 0), 1.3, accuracy: 0.15, "levelled")
        let e = try cer(dir + "/out", text)
        XCTAssertLessThan(e, 0.08, "Nastaliq light scan: \(e)")
    }

    /// An Urdu paper's bold, centred letterhead, which Tesseract's page layout passes over, is
    /// read again in sparse-text mode and put at the head of the page's text.
    func testUrduLetterheadPassedOverByTheLayoutIsRead() throws {
        let dir = Support.temporaryDirectory(self)
        var withoutHeadings = Self.auto
        withoutHeadings.headingPass = false
        let (paper, record, text, without) = try readPaper(seed: 13001, in: dir, Self.auto, otherwise: withoutHeadings)
        let office = try XCTUnwrap(paper.truth["office"])
        XCTAssertEqual(record.pages.first?.languages, "urd_nastaliq")
        let firstLines = text.split(separator: "\n").prefix(4).joined(separator: "\n")
        XCTAssertTrue(TextNormalizer.normalize(firstLines).contains(TextNormalizer.normalize(office)), "\(office) in: \(firstLines)")
        let hocr = try String(contentsOfFile: dir + "/out/hocr/0001.hocr", encoding: .utf8)
        for word in office.split(separator: " ") { XCTAssertTrue(hocr.contains(">\(word)<"), "the heading's \(word) is in the hOCR too") }
        // The number and date lines (a bold Nastaliq label, Western digits), which the Urdu
        // models misread, read again by eng and Latin: the paper's own number and date.
        XCTAssertEqual(record.fields?.number?.value, paper.truth["number"])
        XCTAssertEqual(record.fields?.date?.value, paper.truth["date"])
        XCTAssertFalse(TextNormalizer.normalize(without).contains(TextNormalizer.normalize(office)),
                       "without the second reading the layout passes the letterhead over")
    }

    /// A Naskh paper whose subject line Tesseract's page layout leaves out (as `tesseract -l
    /// urd` does): much of the page's ink lies outside the lines read, so the page is read again
    /// as one block of text, which keeps the line — in the text, and as the paper's subject.
    func testUrduLineTheLayoutLeavesOutIsRead() throws {
        let dir = Support.temporaryDirectory(self)
        var layoutOnly = Self.auto
        layoutOnly.unreadInkShare = 1
        layoutOnly.headingPass = false
        let (paper, record, text, layoutText) = try readPaper(seed: 33003, in: dir, Self.auto, otherwise: layoutOnly)
        let subject = try XCTUnwrap(paper.truth["subject"])
        XCTAssertEqual(record.pages.first?.languages, "urd")
        XCTAssertTrue(TextNormalizer.normalize(text).contains(TextNormalizer.normalize("عنوان: " + subject)), text)
        XCTAssertEqual(record.fields?.subject?.value, subject)
        XCTAssertFalse(TextNormalizer.normalize(layoutText).contains(TextNormalizer.normalize("عنوان")),
                       "read through the page layout alone, the subject line is left out")
    }

    /// An Urdu paper whose underlined title (`روئیداد اجلاس`) the sparse heading pass leaves
    /// out and Tesseract's page layout reads as good as not at all (`یا اھلسش`, at 0 and 8, in
    /// the letterhead's block): its ink, outside every line read well enough, is read alone as
    /// a line with its underline whitened, replaces that line, and goes into the text before
    /// the line below it — the paper's kind is read from it, and the page leaves no ink unread.
    /// (Until the tenth session the pass measured against another reading's blocks and found
    /// the title as ink no line covered.)
    func testUrduTitleEveryLayoutPassesOverIsReadFromItsInk() throws {
        let dir = Support.temporaryDirectory(self)
        var layoutOnly = Self.auto
        layoutOnly.headingPass = false
        let (paper, record, text, layoutText) = try readPaper(seed: 33009, in: dir, Self.auto, otherwise: layoutOnly)
        XCTAssertEqual(paper.truth["type"], "minutes")
        XCTAssertEqual(record.pages.first?.languages, "urd_nastaliq")
        let lines = text.split(separator: "\n").map(String.init)
        let title = try XCTUnwrap(lines.firstIndex { TextNormalizer.normalize($0) == TextNormalizer.normalize("روئیداد اجلاس") }, text)
        let date = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("تاریخ") }, text)
        XCTAssertLessThan(title, date, "the title before the date line below it")
        XCTAssertEqual(record.fields?.type?.value, "minutes")
        XCTAssertEqual(record.fields?.date?.value, paper.truth["date"])
        XCTAssertEqual(record.pages.first?.quality?.verdict, .good)
        let hocr = try String(contentsOfFile: dir + "/out/hocr/0001.hocr", encoding: .utf8)
        XCTAssertTrue(hocr.contains(">اجلاس<"), "the title is in the hOCR too")
        XCTAssertFalse(TextNormalizer.normalize(layoutText).contains(TextNormalizer.normalize("روئیداد")),
                       "read through the page layout alone, the title is left out")
    }

    /// A Naskh paper whose date line (`مورخہ 10.04.2017`) Tesseract's page layout passes over
    /// and single-line mode reads as nothing: read alone as a raw line, it reads under the
    /// heading confidence (its digits pull the mean down), and is kept all the same for its
    /// digits — in the page's text, and, `eng` and `Latin` reading its value alike, as the date.
    func testUrduDateLineThePageLayoutPassesOverIsKept() throws {
        let dir = Support.temporaryDirectory(self)
        let paper = try OfficialDocuments.make(seed: 102000, in: dir, urdu: true)
        let record = DocumentPipeline(options: Self.auto).process(file: paper.path, outputDirectory: dir + "/out")
        let text = try Support.pages(dir + "/out")[0]
        XCTAssertEqual(record.pages.first?.languages, "urd")
        XCTAssertEqual(paper.truth["date"], "2017-04-10")
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasPrefix("مورخہ") && $0.contains("2017") }, text)
        XCTAssertEqual(record.fields?.date?.value, "2017-04-10")
    }

    /// A bold Nastaliq letterhead no reading spells (`ڈائریکٹوریٹ آف آرکائیوز`, read `آرکائیو نر`
    /// and the like) is the directory's office its readings agree on: the office is read, as the
    /// directory names it (before, none).
    func testUrduLetterheadIsTheDirectorysOffice() throws {
        let dir = Support.temporaryDirectory(self)
        let paper = try OfficialDocuments.make(seed: 114005, in: dir, urdu: true, unlistedOffices: true)
        XCTAssertEqual(paper.truth["office"], "ڈائریکٹوریٹ آف آرکائیوز")
        XCTAssertTrue(OfficeDirectory.names.contains("ڈائریکٹوریٹ آف آرکائیوز"))
        let record = DocumentPipeline(options: Self.auto).process(file: paper.path, outputDirectory: dir + "/out")
        XCTAssertEqual(record.fields?.office?.value, "ڈائریکٹوریٹ آف آرکائیوز")
        for (field, value) in record.fields?.values ?? [:] { XCTAssertEqual(value, paper.truth[field], field) }
    }

    func testHyphenatedNumbersInUrduLinesKeepTheirOrder() throws {
        let dir = Support.temporaryDirectory(self)
        let text = "نمبر: 300/13-10/2004 مورخہ 03-08-2015"
        try UrduPages.page(text: text + "\n" + UrduPages.heldOut[2], font: "Noto Naskh Arabic 14").savePNG(dir + "/number.png")
        var o = PipelineOptions()
        o.languages = "urd"
        o.searchablePDF = false
        _ = DocumentPipeline(options: o).process(file: dir + "/number.png", outputDirectory: dir + "/out")
        let page = try Support.pages(dir + "/out")[0]
        XCTAssertTrue(page.contains("300/13-10/2004"), page)
        XCTAssertTrue(page.contains("03-08-2015"), page)
    }
}
