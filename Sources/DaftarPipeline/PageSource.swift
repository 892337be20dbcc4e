import Foundation
import Imaging
import OCR
import PDFAssembly
import PDFText

/// A page ready for the pipeline: either text to take as it is, or a raster to recognise.
enum PreparedPage {
    case textLayer(String)
    /// Greyscale raster; `statedPPI` is its real resolution; `reason` why a PDF page is OCR'd.
    case raster(Image, statedPPI: Double, reason: String?)
}

/// Where a document's pages come from. Implementations check every page against the pixel
/// limit before decoding it.
protocol PageSource: AnyObject {
    var pageCount: Int { get }
    func prepare(page: Int, run: inout DocumentRun) throws -> PreparedPage
    /// The page as a PDF page, for the searchable PDF, and its index in that document.
    func pdfPage(_ index: Int) throws -> (QPDFDocument, Int)
    /// The resolution the page's raster was made at (render or scan), for mapping text back.
    func rasterPPI(_ index: Int) -> Double
}

func tooLarge(_ page: Int, _ what: String, megapixels: Double, limit: Double) -> DocumentError {
    DocumentError(.tooLarge, String(format: "page %d %@ %.0f megapixels, over the limit of %.0f (a decompression bomb or an oversized scan; raise --max-megapixels to allow it)",
                                    page, what, megapixels, limit))
}

// MARK: PDF

final class PDFPageSource: PageSource {
    let path: String
    let poppler: PDFDocument
    let qpdf: QPDFDocument
    let options: PipelineOptions
    let pageCount: Int

    init(path: String, options: PipelineOptions) throws {
        self.path = path
        self.options = options
        let complete = Self.endsWithEOFMarker(path)
        func damaged(_ detail: String) -> DocumentError {
            DocumentError(.corrupt, complete ? "damaged PDF: \(detail)"
                : "the PDF is truncated: it has no end-of-file marker and cannot be read whole (\(detail))")
        }
        do {
            poppler = try PDFDocument(path: path)
        } catch let e as PDFError {
            if e.kind == .encrypted { throw DocumentError(.encrypted, e.message) }
            throw damaged(e.message)
        }
        do {
            qpdf = try QPDFDocument(path: path)
        } catch let e as QPDFError {
            throw damaged(e.message)
        }
        if qpdf.xfa.dynamic {
            throw DocumentError(.xfa, "the PDF is a dynamic XFA form (its catalog sets NeedsRendering): its content is an XML form that only Adobe's forms viewers lay out, and its pages hold no more than a placeholder; open it in Adobe Reader and print it to PDF, then submit that")
        }
        // qpdf recovers from much damage; a file that needed recovery and lacks its end is cut short.
        if !qpdf.readWarnings.isEmpty && !complete { throw damaged(qpdf.readWarnings[0]) }
        let n = poppler.pageCount
        let m = (try? qpdf.pageCount) ?? 0
        guard n > 0, m == n else {
            throw DocumentError(.corrupt, n == 0 ? "the PDF has no pages" : "damaged PDF: page tree disagrees (\(n) vs \(m) pages)")
        }
        pageCount = n
    }

    static func endsWithEOFMarker(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let size = (try? h.seekToEnd()) ?? 0
        try? h.seek(toOffset: size > 1024 ? size - 1024 : 0)
        let tail = (try? h.readToEnd()) ?? Data()
        return tail.range(of: Data("%%EOF".utf8)) != nil
    }

    func prepare(page index: Int, run: inout DocumentRun) throws -> PreparedPage {
        var t = ContinuousClock.now
        let limit = options.maximumMegapixels
        let facts: QPDFDocument.PageFacts
        do { facts = try qpdf.facts(page: index) } catch {
            throw DocumentError(.corrupt, "damaged PDF: page \(index + 1): \(error)")
        }
        if facts.largestImagePixels / 1e6 > limit {
            throw tooLarge(index + 1, "holds an image of", megapixels: facts.largestImagePixels / 1e6, limit: limit)
        }
        let page: PDFPage
        do { page = try poppler.page(index) } catch let e as PDFError {
            throw DocumentError(.corrupt, e.message)
        }
        let (w, h) = page.size
        let renderMP = (w * options.renderPPI / 72) * (h * options.renderPPI / 72) / 1e6
        var text = page.text
        if Self.hasArabicScript(text), let ordered = PDFToText.page(path: path, index: index) {
            // Right-to-left text as pdftotext lays it out: poppler-glib's page text loses or
            // reorders right-to-left lines (a whole first line of Urdu, in Chromium's PDFs).
            text = ordered
        }
        text = TextLayerJudge.withoutBidiControls(text)
        let verdict = TextLayerJudge.judge(text: text, imageCoverage: page.imageCoverage)
        run.time("text_layer", since: &t)
        if verdict == .usable { return .textLayer(text) }
        if renderMP > limit {
            throw tooLarge(index + 1, String(format: "(%.0f×%.0f pt) renders at %.0f dpi to", w, h, options.renderPPI),
                           megapixels: renderMP, limit: limit)
        }
        let rendered: RenderedPage
        do { rendered = try page.render(ppi: options.renderPPI) } catch let e as PDFError {
            throw DocumentError(.corrupt, "page \(index + 1): \(e.message)")
        }
        let image = try Image.fromBytes(rendered.bytes, width: rendered.width, height: rendered.height)
        run.time("render", since: &t)
        return .raster(image, statedPPI: options.renderPPI, reason: verdict.reason)
    }

    func pdfPage(_ index: Int) throws -> (QPDFDocument, Int) { (qpdf, index) }

    func rasterPPI(_ index: Int) -> Double { options.renderPPI }
}

// MARK: raster images

final class RasterPageSource: PageSource {
    let path: String
    let type: MediaType
    let file: RasterFile
    let cleaner: PageCleaner
    let options: PipelineOptions
    let pageCount: Int
    private var ppis: [Int: Double] = [:]
    /// One-page PDFs of the scans; kept until the searchable PDF is written, because qpdf
    /// copies stream data from them lazily.
    private var pagePDFs: [Int: QPDFDocument] = [:]

    init(path: String, type: MediaType, cleaner: PageCleaner, options: PipelineOptions) throws {
        self.path = path
        self.type = type
        self.cleaner = cleaner
        self.options = options
        guard let format = type.rasterFormat else { preconditionFailure("PDF is not a raster") }
        do {
            file = try RasterFile(path: path, format: format)
        } catch let e as VipsError {
            throw DocumentError(.corrupt, "cannot read the image: \(e.message)")
        }
        // Animated WebP/GIF frames are not pages of a scan: take the first.
        pageCount = (type == .webp || type == .gif) ? 1 : file.pageCount
    }

    func prepare(page index: Int, run: inout DocumentRun) throws -> PreparedPage {
        var t = ContinuousClock.now
        let header: Image
        do { header = try file.page(index) } catch let e as VipsError {
            throw DocumentError(.corrupt, "cannot read page \(index + 1): \(e.message)")
        }
        if header.megapixels > options.maximumMegapixels {
            throw tooLarge(index + 1, "is \(header.width)×\(header.height) pixels,", megapixels: header.megapixels,
                           limit: options.maximumMegapixels)
        }
        let ppi = cleaner.effectivePPI(stated: header.ppi, longestSide: max(header.width, header.height)).rounded()
        ppis[index] = ppi
        let grey: Image
        do { grey = try header.greyscale().materialized() } catch let e as VipsError {
            throw DocumentError(.corrupt, "page \(index + 1): the image data is damaged or truncated (\(e.message))")
        }
        run.time("decode", since: &t)
        return .raster(grey, statedPPI: ppi, reason: nil)
    }

    func pdfPage(_ index: Int) throws -> (QPDFDocument, Int) {
        if let doc = pagePDFs[index] { return (doc, 0) }
        let source: ImagePDF.Source
        switch type {
        case .jpeg, .png, .jpeg2000: source = .embeddable(path: path)
        case .tiff: source = .tiffPage(path: path, index: index)
        default: source = .decoded(path: path)
        }
        let bytes = try ImagePDF.make(source, ppi: Int(rasterPPI(index)))
        let doc = try QPDFDocument(bytes: bytes, name: "page \(index + 1)")
        pagePDFs[index] = doc
        return (doc, 0)
    }

    func rasterPPI(_ index: Int) -> Double { ppis[index] ?? options.cleaning.assumedPPI }
}

extension PDFPageSource {
    static func hasArabicScript(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
    }
}

/// poppler-utils' `pdftotext` for one page, in reading order (its default), UTF-8; nil when
/// it is not installed, fails or takes longer than `timeout` seconds.
enum PDFToText {
    static let executable = "/usr/bin/pdftotext"
    static let timeout = 20.0

    static func page(path: String, index: Int) -> String? {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["-f", String(index + 1), "-l", String(index + 1), "-enc", "UTF-8", "-q", path, "-"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let killer = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        killer.cancel()
        guard p.terminationReason == .exit, p.terminationStatus == 0 else { return nil }
        // pdftotext ends a page with a form feed.
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\u{0C}"))
    }
}
