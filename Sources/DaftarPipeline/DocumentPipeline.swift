import Foundation
import Imaging
import Logging
import OCR
import PDFAssembly
import PDFText

/// Digitises one document at a time: a scan in; text, ALTO, hOCR, a searchable PDF and
/// `document.json` out.
///
/// Holds the OCR engines of the thread that uses it (Tesseract engines belong to one
/// thread), so make one pipeline per job thread and keep it for many documents. Not
/// `Sendable` on purpose.
public final class DocumentPipeline {
    public let options: PipelineOptions
    private let logger: Logger
    private let cleaner: PageCleaner
    private var engines: [String: OCREngine] = [:]
    private var orientationDetector: OrientationDetector?

    public static let software = "daftar 0.1"

    public init(options: PipelineOptions = PipelineOptions(), logger: Logger = Logger(label: "daftar.pipeline")) {
        Vips.start()
        Skew.quietLeptonica()
        self.options = options
        self.logger = logger
        self.cleaner = PageCleaner(parameters: options.cleaning)
    }

    /// Processes `file` and writes its outputs into `outputDirectory` (created; replaced
    /// atomically if it exists). Never throws: a failure is the record's `error`, and
    /// `document.json` is written either way.
    @discardableResult
    public func process(file: String, outputDirectory: String, sourceName: String? = nil) -> DocumentRecord {
        let started = ContinuousClock.now
        var run = DocumentRun(source: sourceName ?? file, languages: options.languages)
        let fm = FileManager.default
        let parent = (outputDirectory as NSString).deletingLastPathComponent
        let staging = (parent as NSString).appendingPathComponent(
            ".\((outputDirectory as NSString).lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        var log = logger
        log[metadataKey: "doc"] = "\(run.record.source)"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try digitise(file: file, into: staging, run: &run, logger: log)
        } catch let error as DocumentError {
            run.fail(error)
        } catch {
            run.fail(DocumentError(.failed, "\(error)"))
        }
        run.record.timings["total"] = seconds(since: started)
        if let e = run.record.error { log.info("failed", metadata: ["kind": "\(e.kind)", "reason": "\(e.message)"]) }
        do {
            if run.record.error != nil {
                // A failed document keeps only its record: no half-made outputs.
                try? fm.removeItem(atPath: staging)
                try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            }
            try run.record.jsonData().write(to: URL(fileURLWithPath: staging + "/document.json"))
            try Self.replace(outputDirectory, with: staging)
        } catch {
            log.error("cannot write outputs", metadata: ["error": "\(error)"])
            try? fm.removeItem(atPath: staging)
            run.fail(DocumentError(.failed, "cannot write outputs: \(error)"))
        }
        return run.record
    }

    /// Moves `staging` to `final`, replacing what was there, so a reader never sees a half-written folder.
    static func replace(_ final: String, with staging: String) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: final) {
            let old = staging + ".old"
            try fm.moveItem(atPath: final, toPath: old)
            try fm.moveItem(atPath: staging, toPath: final)
            try? fm.removeItem(atPath: old)
        } else {
            try fm.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.moveItem(atPath: staging, toPath: final)
        }
    }

    // MARK: the document

    private func digitise(file: String, into dir: String, run: inout DocumentRun, logger: Logger) throws {
        var t = ContinuousClock.now
        let digest = try FileDigest.sha256(path: file)
        run.record.sha256 = digest.hex
        run.record.bytes = digest.bytes
        guard digest.bytes > 0 else { throw DocumentError(.empty, "the file is empty (0 bytes)") }
        guard let type = try MediaType.sniff(path: file) else {
            throw DocumentError(.unsupported, "not a PDF, TIFF, JPEG, PNG, JPEG 2000, WebP or GIF file (told from its bytes)")
        }
        run.record.mediaType = type.rawValue
        run.time("read", since: &t)

        let writer = OutputWriter(directory: dir)
        try writer.prepare()

        let source: PageSource = type == .pdf
            ? try PDFPageSource(path: file, options: options)
            : try RasterPageSource(path: file, type: type, cleaner: cleaner, options: options)
        run.record.pageCount = source.pageCount
        run.time("open", since: &t)

        var plans: [AssemblyPlan] = []
        for index in 0..<source.pageCount {
            var pageLogger = logger
            pageLogger[metadataKey: "page"] = "\(index + 1)"
            let prepared = try source.prepare(page: index, run: &run)
            switch prepared {
            case .textLayer(let text):
                let page = DocumentRecord.Page(number: index + 1, method: .textLayer, rotation: 0, skew: 0,
                                               confidence: nil, characters: Self.visibleCount(text))
                run.record.pages.append(page)
                try writer.appendText(text, page: index + 1)
                plans.append(.copy(index: index))
            case .raster(let grey, let statedPPI, let reason):
                let (page, geometry, recognition) = try recognise(
                    grey, statedPPI: statedPPI, number: index + 1, reason: reason, run: &run, logger: pageLogger)
                run.record.pages.append(page)
                var t2 = ContinuousClock.now
                try writer.appendText(recognition.text, page: index + 1)
                try writer.writeALTO(recognition.altoPage, page: index + 1, source: run.record.source)
                try writer.writeHOCR(recognition.hocrPage, page: index + 1, source: run.record.source)
                run.time("outputs", since: &t2)
                plans.append(.overlay(index: index, layer: options.searchablePDF ? recognition.textLayer : nil,
                                      geometry: geometry, rotation: page.rotation))
            }
        }
        try writer.finishText()

        if options.searchablePDF {
            t = ContinuousClock.now
            try assemble(plans, source: source, to: dir + "/searchable.pdf")
            run.time("pdf", since: &t)
        }
    }

    // MARK: one page through cleaning and OCR

    private func recognise(_ raster: Image, statedPPI: Double, number: Int, reason: String?,
                           run: inout DocumentRun, logger: Logger) throws -> (DocumentRecord.Page, RecognitionGeometry, RecognitionOutputs) {
        var t = ContinuousClock.now
        let cleaned = try cleaner.clean(raster, statedPPI: statedPPI)
        let g = cleaned.geometry
        var pixels = try grey(cleaned.image, ppi: g.ppi)
        run.time("clean", since: &t)
        // Raster → cleaned pixels: scaled to the working resolution, then cropped.
        let scaledAndCropped = Affine.scale(g.scale, g.scale).then(.translation(-Double(g.cropLeft), -Double(g.cropTop)))
        let width = Double(cleaned.image.width), height = Double(cleaned.image.height)

        // Skew first: a turned page measures as level or not at all, and is deskewed after it is turned.
        var skew = 0.0
        (pixels, skew) = try deskewed(cleaned.image, pixels, ppi: g.ppi)
        var rasterToCleaned = skew == 0 ? scaledAndCropped
            : scaledAndCropped.then(PageMapping.deskew(degrees: skew, width: width, height: height))
        run.time("deskew", since: &t)

        var recognition = try engine().recognise(pixels)
        run.time("ocr", since: &t)

        // A page that reads badly may be on its side or upside down: ask OSD, and read it again turned.
        var rotation = 0
        if options.detectOrientation, readsBadly(recognition),
           let result = try detector().detect(try orientationView(cleaned.image, ppi: g.ppi)),
           result.confidence >= options.minimumOrientationConfidence, result.clockwiseCorrection != 0 {
            run.time("orientation", since: &t)
            let turn = result.clockwiseCorrection
            let turned = try cleaned.image.turned(clockwise: turn).materialized()
            let (turnedPixels, turnedSkew) = try deskewed(turned, try grey(turned, ppi: g.ppi), ppi: g.ppi)
            run.time("deskew", since: &t)
            let second = try engine().recognise(turnedPixels)
            run.time("ocr", since: &t)
            if (second.meanConfidence ?? 0) > (recognition.meanConfidence ?? 0) {
                rotation = turn
                recognition = second
                skew = turnedSkew
                pixels = turnedPixels
                rasterToCleaned = scaledAndCropped.then(PageMapping.turn(clockwise: turn, width: width, height: height))
                if skew != 0 {
                    rasterToCleaned = rasterToCleaned.then(
                        PageMapping.deskew(degrees: skew, width: Double(turned.width), height: Double(turned.height)))
                }
                logger.debug("turned upright", metadata: ["degrees": "\(rotation)", "confidence": "\(result.confidence)"])
            } else {
                // Keep the first reading; the engine must hold it again for the outputs.
                recognition = try engine().recognise(pixels)
                run.time("ocr", since: &t)
            }
        } else if options.detectOrientation {
            // Read well, but perhaps as vertical lines: turn the page for display only; the text
            // layer already follows the lines, so no second reading is needed.
            rotation = recognition.uprightTurn
            run.time("orientation", since: &t)
        }
        // The outputs, from the reading kept (the engine holds it).
        let outputs = try engine().outputs(pageNumber: number)
        run.time("outputs", since: &t)
        let page = DocumentRecord.Page(
            number: number, method: .ocr, rotation: rotation, skew: (skew * 100).rounded() / 100,
            confidence: recognition.meanConfidence.map { ($0 * 10).rounded() / 10 },
            characters: Self.visibleCount(outputs.text), ocrReason: reason,
            ocrWidth: pixels.width, ocrHeight: pixels.height, ocrPPI: pixels.ppi)
        let geometry = RecognitionGeometry(rasterToCleaned: rasterToCleaned, cleanedHeight: Double(pixels.height),
                                           cleanedPPI: Double(pixels.ppi), skew: skew)
        return (page, geometry, outputs)
    }

    /// True when a page's reading suggests it is not upright.
    private func readsBadly(_ r: Recognition) -> Bool {
        (r.meanConfidence ?? 0) < options.suspectConfidence || r.wordCount < options.suspectWords
    }

    /// Measures skew and, when it is confidently there, rotates the page level. Returns the
    /// pixels to recognise and the degrees corrected (0 when none).
    private func deskewed(_ image: Image, _ pixels: GreyPixels, ppi: Double) throws -> (GreyPixels, Double) {
        guard options.deskew else { return (pixels, 0) }
        let m = try Skew.measure(pixels)
        guard m.confidence >= options.minimumSkewConfidence, abs(m.degrees) >= options.minimumSkewDegrees,
              abs(m.degrees) <= options.maximumSkewDegrees else { return (pixels, 0) }
        let level = try image.rotated(degrees: m.degrees).castUChar().materialized()
        return (try grey(level, ppi: ppi), m.degrees)
    }

    /// The page as OSD sees it: shrunk by `orientationShrink`.
    private func orientationView(_ image: Image, ppi: Double) throws -> GreyPixels {
        let f = options.orientationShrink
        guard f > 1 else { return try grey(image, ppi: ppi) }
        return try grey(try image.shrunk(by: f).castUChar(), ppi: ppi / f)
    }

    private func grey(_ image: Image, ppi: Double) throws -> GreyPixels {
        GreyPixels(width: image.width, height: image.height, ppi: Int(ppi.rounded()), bytes: try image.bytes())
    }

    private func engine() throws -> OCREngine {
        if let e = engines[options.languages] { return e }
        let e = try OCREngine(languages: options.languages)
        engines[options.languages] = e
        return e
    }

    private func detector() throws -> OrientationDetector {
        if let d = orientationDetector { return d }
        let d = try OrientationDetector()
        orientationDetector = d
        return d
    }

    // MARK: the searchable PDF

    enum AssemblyPlan {
        case copy(index: Int)
        /// `layer` is nil when no searchable PDF is made.
        case overlay(index: Int, layer: TextLayerPage?, geometry: RecognitionGeometry, rotation: Int)
    }

    private func assemble(_ plans: [AssemblyPlan], source: PageSource, to path: String) throws {
        let pdf = try SearchablePDF(glyphlessFontPath: GlyphlessFont.path)
        for plan in plans {
            switch plan {
            case .copy(let index):
                let (doc, page) = try source.pdfPage(index)
                try pdf.appendPage(from: doc, index: page)
            case .overlay(let index, let layer, let geometry, let rotation):
                guard let layer else { continue }
                let (doc, page) = try source.pdfPage(index)
                let facts = try doc.facts(page: page)
                let out = try pdf.appendPage(from: doc, index: page)
                let userToRaster = PageMapping.userToRaster(box: facts.box, rotate: facts.rotate, ppi: source.rasterPPI(index))
                var matrix = geometry.textLayerMatrix(userToRaster: userToRaster)
                var level: Affine?, box: [Double]?
                if geometry.skew != 0 {
                    // Show the scan level (its bytes untouched) and the text layer level with it,
                    // so that text is extracted and searched line by line.
                    let (m, b) = PageMapping.level(degrees: geometry.skew, box: facts.box)
                    matrix = matrix.then(m)
                    (level, box) = (m, b)
                }
                try pdf.overlayText(on: out, content: layer.content, textBox: [0, 0, layer.width, layer.height],
                                    fontName: TextLayerPage.fontName, matrix: matrix,
                                    extraRotation: rotation, level: level, box: box)
            }
        }
        try pdf.write(to: path)
    }

    static func visibleCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
    }
}

/// The record under construction, with stage timings.
struct DocumentRun {
    var record: DocumentRecord

    init(source: String, languages: String) {
        record = DocumentRecord(sha256: "", source: source, mediaType: nil, bytes: 0, pageCount: 0,
                                languages: languages, pages: [], timings: [:], error: nil,
                                software: DocumentPipeline.software)
    }

    mutating func fail(_ error: DocumentError) {
        record.error = .init(kind: error.kind.rawValue, message: error.message)
        record.pages = []
    }

    mutating func time(_ stage: String, since start: inout ContinuousClock.Instant) {
        let now = ContinuousClock.now
        let total = record.timings[stage, default: 0] + seconds(between: start, and: now)
        record.timings[stage] = (total * 1000).rounded() / 1000
        start = now
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    seconds(between: start, and: .now)
}

func seconds(between a: ContinuousClock.Instant, and b: ContinuousClock.Instant) -> Double {
    let d = b - a
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    return (s * 1000).rounded() / 1000
}
