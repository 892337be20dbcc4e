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
    /// Second engines of the Urdu models, beside the one holding a page's reading: they read
    /// the lines its layout passed over (`passedOver`) and its lines again (`confirmUrduLines`).
    private var sideEngines: [String: OCREngine] = [:]
    private var orientationDetector: OrientationDetector?

    public static let software = "daftar 0.1"

    public init(options: PipelineOptions = PipelineOptions(), logger: Logger = Logger(label: "daftar.pipeline")) {
        Vips.start()
        TextLines.quietLeptonica()
        self.options = options
        self.logger = logger
        self.cleaner = PageCleaner(parameters: options.cleaning)
    }

    /// Loads the models that pages need (the recognition engine for `options.languages` and,
    /// when orientation is detected, Tesseract's OSD) now, instead of on the first page that
    /// needs each: a slot loads them while it waits for its first document, and a host without
    /// the language data finds out before a document fails for it. Returns the seconds taken.
    @discardableResult
    public func loadModels() throws -> Double {
        let started = ContinuousClock.now
        _ = try engine()
        if options.languages == PipelineOptions.automatic {
            for l in urduModels { _ = try engine(l) }
        }
        if options.detectOrientation || options.languages == PipelineOptions.automatic { _ = try detector() }
        return seconds(since: started)
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
        // The first pages' lines, where the record states its own fields.
        var headPages: [(number: Int, lines: [PageLine], other: [PageLine]?)] = []
        for index in 0..<source.pageCount {
            var pageLogger = logger
            pageLogger[metadataKey: "page"] = "\(index + 1)"
            let prepared = try source.prepare(page: index, run: &run)
            switch prepared {
            case .textLayer(let text):
                let page = DocumentRecord.Page(number: index + 1, method: .textLayer, rotation: 0, skew: 0,
                                               confidence: nil, characters: Self.visibleCount(text), quality: .textLayer)
                run.record.pages.append(page)
                try writer.appendText(text, page: index + 1)
                plans.append(.copy(index: index))
                if index < 2 {
                    headPages.append((index + 1, text.split(separator: "\n").map { PageLine(text: String($0), box: nil) }, nil))
                }
            case .raster(let grey, let statedPPI, let reason):
                let (page, geometry, recognition, layoutLines) = try recognise(
                    grey, statedPPI: statedPPI, number: index + 1, reason: reason, run: &run, logger: pageLogger)
                run.record.pages.append(page)
                var t2 = ContinuousClock.now
                try writer.appendText(recognition.text, page: index + 1)
                try writer.writeALTO(recognition.altoPage, page: index + 1, source: run.record.source)
                try writer.writeHOCR(recognition.hocrPage, page: index + 1, source: run.record.source)
                run.time("outputs", since: &t2)
                plans.append(.overlay(index: index, layer: options.searchablePDF ? recognition.textLayer : nil,
                                      geometry: geometry, rotation: page.rotation))
                if index < 2 { headPages.append((index + 1, PageLine.lines(of: recognition), layoutLines)) }
            }
        }
        try writer.finishText()
        let fields = FieldReader.read(pages: headPages)
        run.record.fields = fields.isEmpty ? nil : fields

        if options.searchablePDF {
            t = ContinuousClock.now
            try assemble(plans, source: source, to: dir + "/searchable.pdf")
            run.time("pdf", since: &t)
        }
    }

    // MARK: one page through cleaning and OCR

    /// One reading of a page: the pixels read, how they were turned and levelled, and how
    /// the raster maps onto them.
    private struct Reading {
        var recognition: Recognition
        var pixels: GreyPixels
        /// Clockwise turn applied before reading: 0, 90, 180 or 270.
        var turn: Int
        var skew: Double
        var rasterToCleaned: Affine
        var cleaning: CleaningReport
        var thresholding: Thresholding
        /// The languages (model) that read it.
        var languages: String
        /// Which reading of the page this is (1, 2, …): the engine holds the last one.
        var id: Int
        /// The outputs, taken when a later reading would replace them in the engine.
        var outputs: RecognitionOutputs?
        /// Pixels darker than mid-grey on the page as the measured cleaning made it, less the
        /// share in marks too large to be letters: the ink its text can account for.
        var darkPixels: Int
        var look: ReadingJudge.PageLook
        /// How its lines were found.
        var segmentation = PageSegmentation.auto
        /// Whether `outputs` hold the headings its page layout passed over (`passedOver`).
        var headingsRead = false
    }

    private func recognise(_ raster: Image, statedPPI: Double, number: Int, reason: String?,
                           run: inout DocumentRun, logger: Logger)
        throws -> (DocumentRecord.Page, RecognitionGeometry, RecognitionOutputs, layoutLines: [PageLine]?) {
        var t = ContinuousClock.now
        var cleaned = try cleaner.clean(raster, statedPPI: statedPPI)
        var pixels = try grey(cleaned.image, ppi: cleaned.geometry.ppi)
        // What the page holds to read, as the measured cleaning shows it: every reading of the
        // page is judged against it.
        let pageInk = pixels.darkPixels
        let look = cleaner.look(cleaned.report, darkShare: Double(pageInk) / Double(max(1, pixels.bytes.count)))
        run.time("clean", since: &t)
        // Skew and the up-down signals, from one binarisation. A turned page measures as level
        // or not at all; it is measured again after turning.
        let lines = try TextLines.measure(pixels, signals: options.detectOrientation, decisiveUpright: options.turnSignal,
                                          marks: true)
        // A reading is judged by the characters it read for the page's ink, less the marks too
        // large to be letters (measured on the lines' binarisation): a photograph, a drawing,
        // a form's rules are ink no text accounts for. Counted in, they made pages whose every
        // word was read unreadable (a printed form's one word, a line of text above a picture).
        let textInk = Int((Double(pageInk) * (1 - lines.largeMarkInk)).rounded())
        run.time("deskew", since: &t)
        logger.debug("lines measured", metadata: ["skew": "\(lines.skewDegrees)", "confidence": "\(lines.skewConfidence)",
                                                  "upright": "\(lines.upright)", "leftward": "\(lines.leftward)"])

        // The page read turned clockwise by `turn`, levelled first.
        var readings = 0
        var lastRead: [String: Int] = [:]   // per engine, the reading it holds
        var language = firstLanguages
        func read(_ cleaned: CleanedPage, _ pixels: GreyPixels, turn: Int, thresholding: Thresholding = .otsu,
                  segmentation: PageSegmentation = .auto, run: inout DocumentRun) throws -> Reading {
            let g = cleaned.geometry
            // Raster → cleaned pixels: scaled to the working resolution, then cropped.
            let scaledAndCropped = Affine.scale(g.scale, g.scale).then(.translation(-Double(g.cropLeft), -Double(g.cropTop)))
            let turnedPixels = try pixels.turned(clockwise: turn)
            // A half turn leaves the lines' slant as it was; a quarter turn makes them the
            // columns, so they are measured again.
            let measurement = turn % 180 == 0 ? lines : try TextLines.measure(turnedPixels, signals: false)
            let arabic = urduModels.contains(language) || language.split(separator: "+").contains("urd")
            let bar = !arabic ? options.minimumSkewConfidence : abs(measurement.skewDegrees) >= 1
                ? options.arabicScriptSkewConfidenceFromADegree : options.arabicScriptSkewConfidence
            let (levelled, skew) = try deskewed(turnedPixels, measurement, minimumConfidence: bar, interpolated: arabic)
            run.time("deskew", since: &t)
            let recognition = try engine(language).recognise(levelled, thresholding: thresholding, segmentation: segmentation)
            readings += 1
            lastRead[language] = readings
            run.time("ocr", since: &t)
            var mapping = turn == 0 ? scaledAndCropped : scaledAndCropped.then(
                PageMapping.turn(clockwise: turn, width: Double(cleaned.image.width), height: Double(cleaned.image.height)))
            if skew != 0 {
                mapping = mapping.then(PageMapping.deskew(degrees: skew, width: Double(turnedPixels.width), height: Double(turnedPixels.height)))
            }
            return Reading(recognition: recognition, pixels: levelled, turn: turn, skew: skew, rasterToCleaned: mapping,
                           cleaning: cleaned.report, thresholding: thresholding, languages: language, id: readings,
                           darkPixels: textInk, look: look, segmentation: segmentation)
        }
        // The page cleaned another way (`variant`) and read turned `turn`, the reading named for
        // the cleaning (`binarised`, `unstretched+sauvola`).
        func readCleaned(_ variant: CleaningVariant, _ thresholding: Thresholding, turn: Int,
                         segmentation: PageSegmentation = .auto, run: inout DocumentRun) throws
            -> (cleaned: CleanedPage, pixels: GreyPixels, reading: Reading) {
            let other = try cleaner.clean(raster, statedPPI: statedPPI, variant: variant)
            let otherPixels = try grey(other.image, ppi: other.geometry.ppi)
            run.time("clean", since: &t)
            var r = try read(other, otherPixels, turn: turn, thresholding: thresholding, segmentation: segmentation, run: &run)
            r.cleaning.variant = variant.rawValue + (thresholding == .otsu ? "" : "+\(thresholding)")
            return (other, otherPixels, r)
        }
        // Tesseract's OSD: the turn that makes the page upright, when it can tell confidently.
        // Asked at most once per page.
        var osdAnswer: Int??
        func askOSD(run: inout DocumentRun) throws -> Int? {
            if let answer = osdAnswer { return answer }
            defer { run.time("orientation", since: &t) }
            var answer: Int?
            let r = try detector().detect(try orientationView(cleaned.image, ppi: cleaned.geometry.ppi))
            if let r, r.confidence >= options.minimumOrientationConfidence {
                answer = r.clockwiseCorrection
            }
            script = r?.script
            osdAnswer = .some(answer)
            logger.debug("orientation asked", metadata: ["turn": "\(r.map { "\($0.clockwiseCorrection)" } ?? "-")",
                                                         "confidence": "\(r?.confidence ?? 0)", "script": "\(r?.script ?? "-")"])
            return answer
        }
        var script: String?
        // An Urdu page read as one block: what its page-layout reading found, for the fields
        // (a title, a number can read right one way and wrong the other).
        var layoutOutputs: RecognitionOutputs?
        // Before the engine that holds the kept reading reads again, the kept reading's outputs
        // are taken from it.
        func keepOutputs(run: inout DocumentRun) throws {
            guard kept.outputs == nil, lastRead[kept.languages] == kept.id else { return }
            kept.outputs = try engine(kept.languages).outputs(pageNumber: number)
            run.time("outputs", since: &t)
        }

        // The engine that read `r` made to hold it again, when it has read the page another way
        // since (its blocks and outputs are then another turn's or cleaning's).
        func hold(_ r: Reading, run: inout DocumentRun) throws {
            guard lastRead[r.languages] != r.id else { return }
            _ = try engine(r.languages).recognise(r.pixels, thresholding: r.thresholding, segmentation: r.segmentation)
            readings += 1
            lastRead[r.languages] = r.id
            run.time("ocr", since: &t)
        }

        // Read the page the likeliest way first: as the up-down signals guess, else as it is.
        // Pages of figures can count as upside down (digits such as 7 match the descender
        // pattern), so a half turn is read first only if OSD agrees. Only a reading that reads
        // badly makes the other ways worth their time: as it is, then as OSD says. The best
        // reading is kept.
        var guess = options.detectOrientation
            ? lines.likelyTurn(minimumSignal: options.turnSignal, dominance: options.turnSignalDominance) ?? 0 : 0
        if guess == 180 { guess = try askOSD(run: &run) ?? 0 }
        var kept = try read(cleaned, pixels, turn: guess, run: &run)
        // A faint page that reads badly as cleaned is read at once the way its first second look
        // cleans it, and goes on cleaned so when that reads well: grain the measurements
        // underrated misleads every search that follows. A pale carbon copy (grain 0.23 of its
        // contrast, under `binariseNoiseShare`) read as nothing upright, then at 180° with the
        // Urdu models, then thresholded at that turn, was judged unreadable after ten readings
        // and 450 s; thresholded upright it reads whole.
        var lookedFirst: (variant: CleaningVariant, reading: Reading)?
        if options.secondLook, look == .faint, readsBadly(kept.recognition),
           let (variant, thresholding) = secondLooks(after: cleaned.report).first {
            try keepOutputs(run: &run)
            let early = try readCleaned(variant, thresholding, turn: guess, run: &run)
            logger.debug("faint page cleaned again first", metadata: ["variant": "\(early.reading.cleaning.variant)",
                "confidence": "\(kept.recognition.meanConfidence ?? 0) / \(early.reading.recognition.meanConfidence ?? 0)"])
            if !readsBadly(early.reading.recognition), better(early.reading, than: kept) {
                (cleaned, pixels, kept) = early
            } else {
                lookedFirst = (variant, early.reading)
            }
        }
        var last = kept
        if options.detectOrientation, readsBadly(kept.recognition) {
            var tried: Set<Int> = [guess]
            for step in 0..<2 where readsBadly(kept.recognition) {
                guard let turn = try (step == 0 ? 0 : askOSD(run: &run)), tried.insert(turn).inserted else { continue }
                try keepOutputs(run: &run)
                last = try read(cleaned, pixels, turn: turn, run: &run)
                if (last.recognition.meanConfidence ?? 0) > (kept.recognition.meanConfidence ?? 0) { kept = last }
            }
        }

        // With `auto`, a page that reads badly in English, and that Tesseract's OSD does not find
        // to be in Latin script, is read with each Urdu model (Nastaliq, then Naskh). OSD knows
        // Naskh as Arabic but takes Nastaliq for Japanese or nothing, so anything but Latin is
        // worth the readings. An Urdu reading is kept only if it reads clearly better: a higher
        // confidence by `languageMargin` (an English page read badly must not become Urdu).
        var quality = judge(kept)
        if options.languages == PipelineOptions.automatic && quality.verdict != .good && !urduModels.isEmpty {
            _ = try askOSD(run: &run)
            if script != "Latin" {
                try keepOutputs(run: &run)
                let english = kept.recognition.meanConfidence ?? 0
                var best: Reading?
                // The turn the English readings chose by their confidence means little on a page
                // English cannot read (OSD takes an upright Nastaliq page for upside down): the
                // turn the lines' signals guessed is read too when it differs.
                // And the turn the signals point to is read too, even where OSD overruled them or
                // they fall short of deciding: OSD knows no Nastaliq (it took a specked photocopy
                // upside down, upright signal -9.8, for upright), and a page on its side whose
                // leftward signal was 7.6 against an upright one of -1.3, for turned the other way.
                // Read upside down, or on the wrong side, such a page gives nothing.
                var turns = kept.turn == guess ? [guess] : [guess, kept.turn]
                if let signalled = lines.likelyTurn(minimumSignal: options.turnSignal * options.weakTurnSignalShare,
                                                    dominance: options.turnSignalDominance), !turns.contains(signalled) {
                    turns.append(signalled)
                }
                // The page read by `model` turned `turn`, and kept as the best Urdu reading when
                // `keeps` holds of its confidence and the best one's (or there is none yet).
                func readUrdu(by model: String, turn: Int, keepsIf keeps: (Double, Double) -> Bool, run: inout DocumentRun) throws {
                    language = model
                    var r = try read(cleaned, pixels, turn: turn, run: &run)
                    logger.debug("read in Urdu", metadata: ["model": "\(model)", "turn": "\(turn)", "skew": "\(r.skew)",
                                                            "confidence": "\(r.recognition.meanConfidence ?? 0)"])
                    if best.map({ keeps(r.recognition.meanConfidence ?? 0, $0.recognition.meanConfidence ?? 0) }) ?? true {
                        r.outputs = try engine(model).outputs(pageNumber: number)
                        best = r
                    }
                }
                for model in urduModels {
                    for turn in turns { try readUrdu(by: model, turn: turn, keepsIf: { $0 > $1 }, run: &run) }
                }
                // A page read so badly it may be the wrong way round is read the opposite way by
                // the model that read it best: a specked photocopy on its side whose signals
                // pointed neither way (leftward 7.6, upright -5.2), which OSD took for turned the
                // other way, read at 43.
                if let b = best, (b.recognition.meanConfidence ?? 0) < options.wrongWayConfidence,
                   !turns.contains((b.turn + 180) % 360) {
                    try readUrdu(by: b.languages, turn: (b.turn + 180) % 360, keepsIf: { $0 > $1 }, run: &run)
                }
                // A Nastaliq page on its side, which the lines' signals do not tell, reads well as
                // vertical lines (Tesseract turns them itself), but its lines then lie across the
                // page: its head is no longer at the top, and a line read again alone is cut from
                // the page on its side (a generated paper turned a quarter round gave no field).
                // Such a reading is read again turned upright, and that reading kept unless it
                // reads clearly worse.
                if let b = best, b.recognition.uprightTurn != 0 {
                    let margin = options.languageMargin
                    try readUrdu(by: b.languages, turn: (b.turn + b.recognition.uprightTurn) % 360, keepsIf: { $0 >= $1 - margin }, run: &run)
                }
                // A page of both scripts is put together from the English and Urdu readings of it
                // the same way round, which the engines must hold: a bilingual notice on its side,
                // which English read best another way round or read again since, was read as Urdu
                // alone (27% and 38% wrong, where upright 0.2% and 4.9%). English reads it again the
                // way the Urdu reading kept did; the same way round, it is made to hold its reading
                // again when that reading has lines English reads well (a page in Urdu alone pays
                // nothing).
                var sameWay = kept
                if let b = best {
                    if kept.turn != b.turn {
                        language = kept.languages
                        sameWay = try read(cleaned, pixels, turn: b.turn, run: &run)
                        try hold(b, run: &run)
                    } else if Self.readsEnglishLines(kept.outputs, letters: options.bilingualBlockLetters,
                                                     confidence: options.bilingualBlockConfidence) {
                        try hold(kept, run: &run)
                        try hold(b, run: &run)
                    }
                }
                if let best, let mixed = try bilingual(english: sameWay, urdu: best, number: number, lastRead: lastRead) {
                    // A page of both: its English blocks as English read them, the rest in Urdu.
                    kept = mixed; language = best.languages
                    quality = judge(kept)
                } else if let best, (best.recognition.meanConfidence ?? 0) >= english + options.languageMargin {
                    kept = best; language = best.languages
                    // Tesseract's page layout can leave lines of an Urdu page unread (bold
                    // headings, even running text): when much of the page's ink lies outside
                    // the lines read, the page is read again as one block of text, and that
                    // reading is kept when it leaves clearly less unread.
                    let unread = Self.unreadShare(kept)
                    if unread >= options.unreadInkShare {
                        // The layout reading's lines, with the headings it passed over, for the
                        // fields. (The engine may have read another turn since: the lines of a
                        // page turned a quarter round were measured against the other turn's
                        // blocks, and a third of its ink counted unread.)
                        try hold(best, run: &run)
                        let layout = try passedOver(best, number: number, logger: logger) ?? best.outputs
                        var whole = try read(cleaned, pixels, turn: kept.turn, segmentation: .singleBlock, run: &run)
                        whole.outputs = try engine(whole.languages).outputs(pageNumber: number)
                        let wholeUnread = Self.unreadShare(whole)
                        logger.debug("read as one block", metadata: ["unread": "\(unread)", "one block": "\(wholeUnread)",
                                                                     "confidence": "\(kept.recognition.meanConfidence ?? 0) / \(whole.recognition.meanConfidence ?? 0)"])
                        // (Not when it reads far less confidently: a page turned a quarter round
                        // read as one block at 37, its layout reading at 91.)
                        if wholeUnread * 2 <= unread,
                           (whole.recognition.meanConfidence ?? 0) >= (kept.recognition.meanConfidence ?? 0) - options.languageMargin {
                            layoutOutputs = layout
                            kept = whole
                        } else {
                            // The layout reading stays, its headings already read.
                            kept.outputs = layout
                            kept.headingsRead = true
                        }
                    }
                    quality = judge(kept)
                } else {
                    language = kept.languages
                }
            }
        }

        // A second look at a page that reads badly: read it again cleaned other ways, each
        // way chosen by what the first cleaning measured, and keep the best reading. A page
        // judged good on its first reading pays nothing more.
        let orientationTurn = kept.turn
        if options.secondLook && quality.verdict != .good {
            let looks = secondLooks(after: cleaned.report)
            for (variant, thresholding) in looks.prefix(options.maximumSecondLooks) {
                // (The look a faint page had first is not read again the same way.)
                if let early = lookedFirst, early.variant == variant, early.reading.turn == orientationTurn,
                   early.reading.languages == kept.languages, early.reading.segmentation == kept.segmentation {
                    last = early.reading
                } else {
                    try keepOutputs(run: &run)
                    last = try readCleaned(variant, thresholding, turn: orientationTurn, segmentation: kept.segmentation, run: &run).reading
                }
                if better(last, than: kept) {
                    kept = last
                    quality = judge(kept)
                    if quality.verdict == .good { break }
                }
            }
            logger.debug("second look", metadata: ["readings": "\(readings)", "kept": "\(kept.cleaning.variant)",
                                                   "verdict": "\(quality.verdict)"])
        }
        let wantsHeadings = options.headingPass && urduModels.contains(kept.languages)
        if kept.outputs == nil || (wantsHeadings && !kept.headingsRead) {
            // The engine may hold a later reading; it must hold the one kept for the outputs (or,
            // on an Urdu page, for the blocks its headings are measured against).
            try hold(kept, run: &run)
        }
        var rotation = kept.turn
        if options.detectOrientation && kept.turn == 0 && quality.verdict != .unreadable {
            // Read well, but perhaps as vertical lines: turn the page for display only; the text
            // layer already follows the lines, so no second reading is needed. (Not on the
            // strength of a reading of nothing: a photograph's specks read as vertical "lines"
            // turned it a quarter.)
            rotation = kept.recognition.uprightTurn
        } else if kept.turn != 0 {
            logger.debug("turned upright", metadata: ["degrees": "\(kept.turn)", "guessed": "\(guess)",
                                                      "signals": "\(lines.upright), \(lines.leftward)"])
        }
        // The outputs, from the reading kept (with the headings its layout passed over, on an
        // Urdu page).
        let withHeadings = !kept.headingsRead && lastRead[kept.languages] == kept.id ? try passedOver(kept, number: number, logger: logger) : nil
        var outputs = try withHeadings ?? kept.outputs ?? engine(kept.languages).outputs(pageNumber: number)
        run.time("outputs", since: &t)
        // A typewritten page, levelled, can have its spaces line up into a river that the layout
        // takes for a gutter between columns: its paragraphs then come out left halves first
        // (a dusty fax in a typewriter face, every letter right, 45% of the characters out of
        // order). Such a page is read again as one column, and that reading kept unless it
        // reads clearly worse.
        if kept.segmentation == .auto, !urduModels.contains(kept.languages), !kept.languages.contains("+"),
           RecognisedLine.splitByARiver(outputs.lines) {
            let recognition = try engine(kept.languages).recognise(kept.pixels, thresholding: kept.thresholding, segmentation: .singleColumn)
            readings += 1
            lastRead[kept.languages] = readings
            run.time("ocr", since: &t)
            logger.debug("read as one column", metadata: ["confidence": "\(kept.recognition.meanConfidence ?? 0) / \(recognition.meanConfidence ?? 0)"])
            if (recognition.meanConfidence ?? 0) >= (kept.recognition.meanConfidence ?? 0) - 2 {
                kept.recognition = recognition
                kept.segmentation = .singleColumn
                kept.id = readings
                quality = judge(kept)
                outputs = try engine(kept.languages).outputs(pageNumber: number)
                run.time("outputs", since: &t)
            }
        }
        var layoutLines: [PageLine]?
        if number <= 2 {
            try confirmNumber(&outputs, kept: kept)
            try confirmDateAndSubject(&outputs, kept: kept)
            try readUrduHeadNumbers(&outputs, kept: kept)
            try confirmUrduLines(&outputs, kept: kept)
            if kept.segmentation == .singleBlock, var layout = layoutOutputs {
                try readUrduHeadNumbers(&layout, kept: kept)
                try confirmUrduLines(&layout, kept: kept)
                layoutLines = PageLine.lines(of: layout)
            }
        }
        // An Urdu page's verdict (or a page of both scripts') also weighs the ink its final
        // lines leave unread.
        if ReadingJudge.readsUrdu(kept.languages) {
            var final = kept
            final.outputs = outputs
            let unread = Self.unreadShare(final)
            quality = ReadingJudge.judge(quality, unreadInk: unread, languages: kept.languages)
            // And, read in Urdu alone, by how many of its words are Urdu's.
            quality = ReadingJudge.judge(quality, urduListed: FieldReader.listedShare(outputs.text), languages: kept.languages)
            logger.debug("unread ink", metadata: ["share": "\(unread)", "verdict": "\(quality.verdict)"])
        }
        let page = DocumentRecord.Page(
            number: number, method: .ocr, rotation: rotation, skew: (kept.skew * 100).rounded() / 100,
            confidence: kept.recognition.meanConfidence.map { ($0 * 10).rounded() / 10 },
            characters: Self.visibleCount(outputs.text), ocrReason: reason,
            ocrWidth: kept.pixels.width, ocrHeight: kept.pixels.height, ocrPPI: kept.pixels.ppi, readings: readings,
            quality: quality, cleaning: kept.cleaning, languages: kept.languages)
        let geometry = RecognitionGeometry(rasterToCleaned: kept.rasterToCleaned, cleanedHeight: Double(kept.pixels.height),
                                           cleanedPPI: Double(kept.pixels.ppi), skew: kept.skew)
        return (page, geometry, outputs, layoutLines)
    }

    /// A reference number on a first page read with low confidence, or with marks no
    /// reference holds (long references often are, right or wrong), is read again on its own
    /// line, enlarged, by another model — Tesseract's `Latin` script model, trained apart from
    /// `eng`, so it does not repeat `eng`'s misreadings. When both models agree, the number's
    /// words count as read with confidence, so the field reader takes it. When they do not,
    /// `eng` reads the line alone too (the page's layout can split or join a reference's
    /// characters wrongly: `Vol1 -II`), and if that reading and `Latin`'s agree, the line's
    /// number is theirs. When they still do not, the models of `thirdOpinions` read the line:
    /// a value `eng` or `Latin` read is taken when a third model reads it too, and no other
    /// value is read alike by two models. Two different models must always agree: one model's
    /// reading twice is no check. No reading may hold a stroke more in the value's Roman numerals
    /// (`FieldReader.numeralsHeld`: `SOE-II` read `SOE-I` is the misreading both models make).
    private func confirmNumber(_ outputs: inout RecognitionOutputs, kept: Reading) throws {
        guard kept.languages == "eng", OCREngine.hasModel(Self.secondOpinion) else { return }
        guard let doubt = FieldReader.doubtfulNumber(lines: PageLine.lines(of: outputs)) else { return }
        let line = outputs.lines[doubt.line]
        // Each reading's letters with the strokes their ink shows: a reading's Roman numerals
        // are written as those strokes (`FieldReader.withNumerals`: `SOE-H`, `Vol-I|`, and
        // `SOE-I` where two serifed strokes touch, are `II`), and a numeral read with a stroke
        // fewer than its marks show is no answer (`FieldReader.numeralsSeen`).
        var letters: [LineLetters] = []
        func seen(_ value: String) -> Bool {
            let held = letters.allSatisfy { FieldReader.numeralsSeen(value, letters: $0) }
            if !held { logger.debug("number's numeral shows more strokes", metadata: ["value": "\(value)"]) }
            return held
        }
        func again(by model: String) throws -> (text: String, strokes: [Int?]) {
            let read = try reread(line, by: model, kept)
            let marks = try engine(model).lineLetters()
            letters.append(marks)
            let strokes = FieldReader.numeralStrokes(read, letters: marks)
            return (FieldReader.withNumerals(read, strokes: strokes), strokes)
        }
        let latin = try again(by: Self.secondOpinion).text
        logger.debug("number read again", metadata: ["first": "\(doubt.value)", "again": "\(latin)"])
        if FieldReader.confirms(latin, value: doubt.value) {
            guard seen(doubt.value) else { return }
            for k in 0..<min(doubt.words, outputs.lines[doubt.line].confidences.count) {
                outputs.lines[doubt.line].confidences[k] = max(outputs.lines[doubt.line].confidences[k], FieldReader.numberConfidence)
            }
            return
        }
        // The outputs are taken: the engine that read the page may read the line now. The page's
        // reading of the line has its numerals as the strokes its model's letters show alone.
        let (alone, strokes) = try again(by: kept.languages)
        let first = FieldReader.withNumerals(line.text, strokes: strokes)
        logger.debug("number read alone", metadata: ["first": "\(first)", "alone": "\(alone)"])
        var value = FieldReader.number(inLine: alone).flatMap { FieldReader.confirms(latin, value: $0) ? $0 : nil }
            .flatMap { FieldReader.numeralsHeld($0, readings: [[first, alone], [latin]]) ? $0 : nil }
        if value == nil {
            let others = try Self.thirdOpinions.filter(OCREngine.hasModel).map { (model: $0, reading: try again(by: $0).text) }
            logger.debug("number read by other models", metadata: ["readings": "\(others.map { "\($0.model): \($0.reading)" })"])
            value = FieldReader.majority(readings: [[first, alone], [latin]] + others.map { [$0.reading] })
        }
        guard let value, seen(value) else { return }
        let replaced = FieldReader.replacingNumber(text: line.text, confidences: line.confidences, words: doubt.words,
                                                   with: value, confidence: FieldReader.numberConfidence)
        outputs.lines[doubt.line].text = replaced.text
        outputs.lines[doubt.line].confidences = replaced.confidences
    }

    /// A line of the kept reading read again on its own by `model` (`OCREngine.readLine`).
    private func reread(_ line: RecognisedLine, by model: String, _ kept: Reading) throws -> String {
        try engine(model).readLine(kept.pixels, left: line.left, top: line.top, right: line.right, bottom: line.bottom)
    }

    /// Models asked about a reference number `eng` and `Latin` read differently: Tesseract's
    /// French and Italian models (Latin letters, trained apart from both).
    static let thirdOpinions = ["fra", "ita"]

    /// A date, a subject or the office on a first page read with less than
    /// `FieldReader.fieldConfidence` is read again, line by line, by the second model
    /// (`Latin`), as a doubtful reference number is. Where both models read the line alike (the
    /// same date; the same letters and digits, and no word both read that is likely misread:
    /// `FieldReader.agreement`), and the third opinions read each word the two spaced otherwise,
    /// its words count as read with that confidence; where they do not, as read without
    /// confidence, so the field reader leaves the field out. A wrong date or subject is worse
    /// than none.
    private func confirmDateAndSubject(_ outputs: inout RecognitionOutputs, kept: Reading) throws {
        guard kept.languages == "eng", OCREngine.hasModel(Self.secondOpinion) else { return }
        let lines = PageLine.lines(of: outputs)
        let dictionary = try engine(kept.languages)
        for unsure in FieldReader.unsureLines(lines: lines) {
            let line = outputs.lines[unsure.line]
            let latin = try reread(line, by: Self.secondOpinion, kept)
            let open = FieldReader.agreement(latin, with: lines[unsure.line], word: unsure.word, field: unsure.field, value: unsure.value,
                                             isWord: dictionary.isDictionaryWord)
            var agrees = open?.isEmpty == true
            if let open, !open.isEmpty {
                let others = try Self.thirdOpinions.filter(OCREngine.hasModel).map { try reread(line, by: $0, kept) }
                agrees = FieldReader.read(open, byAll: others)
                logger.debug("field words read by other models", metadata: ["words": "\(open)", "readings": "\(others)"])
            }
            logger.debug("field line read again", metadata: ["field": "\(unsure.field)", "first": "\(line.text)", "again": "\(latin)",
                                                          "agrees": "\(agrees)"])
            // (Agreeing letters and digits say nothing of a mark alone, `—` at 35 where a speck
            // lies: it keeps its own confidence.)
            let words = FieldReader.tokens(line.text)
            for k in unsure.word..<max(unsure.word, line.confidences.count) where !(agrees && k < words.count && FieldReader.isMark(words[k])) {
                outputs.lines[unsure.line].confidences[k] = agrees ? max(line.confidences[k], FieldReader.fieldConfidence)
                    : min(line.confidences[k], FieldReader.minimumConfidence - 1)
            }
        }
    }

    /// Tesseract's page layout passes over lines of an Urdu page: large bold Nastaliq lines
    /// above all (the letterhead and the title, where it says which office issued it and what it
    /// is), now and then a line of running text. On a page kept from one Urdu model's reading,
    /// two passes look for them. That model reads the page again in sparse-text mode: the blocks
    /// it finds above the first block of the kept reading, in Arabic script, read with
    /// `headingConfidence`, and not overlapping it, are added. Then each region of ink no line
    /// read so far covers (`GreyPixels.inkRegions`), the size of a line, is read alone as one
    /// line (`PageSegmentation.rawLine`: single-line mode finds nothing in some bold headings),
    /// and added when it reads in Arabic script with `headingConfidence`. Each line added goes
    /// before the first block below it. Nil when neither pass adds a line (the kept reading's
    /// outputs are then the engine's).
    private func passedOver(_ kept: Reading, number: Int, logger: Logger) throws -> RecognitionOutputs? {
        // (A page read as one block has no lines its layout passed over.)
        guard options.headingPass, urduModels.contains(kept.languages), kept.segmentation == .auto else { return nil }
        let main = try engine(kept.languages)
        let blocks = main.blocks().filter { $0.words > 0 }
        // Lines read as good as not at all are left out at first: their ink is looked at as
        // passed over, and they come back at the end unless a line read there replaces them.
        // Only a block's last line: what replaces it goes after its block (a title read badly
        // inside a block running on into the body would go after the body).
        var probe = OCREngine.Composite(pageNumber: number, size: main)
        probe.add(main)
        // Whether a line lies within a block's box (left, top, right, bottom).
        func inside(_ l: RecognisedLine, _ b: (Int, Int, Int, Int)) -> Bool {
            l.left >= b.0 && l.top >= b.1 && l.right <= b.2 && l.bottom <= b.3
        }
        func box(_ b: OCREngine.BlockReading) -> (Int, Int, Int, Int) { (b.left, b.top, b.right, b.bottom) }
        func box(_ l: RecognisedLine) -> (Int, Int, Int, Int) { (l.left, l.top, l.right, l.bottom) }
        // Whether a box (as `Composite.add` gives it) is one of `boxes`.
        func among(_ boxes: [(Int, Int, Int, Int)]) -> (Int, Int, Int, Int) -> Bool {
            { l, t, r, b in boxes.contains { $0 == (l, t, r, b) } }
        }
        let unread = probe.lines.filter { l in
            guard let mean = l.meanConfidence, mean < options.unreadLineConfidence,
                  let block = blocks.first(where: { inside(l, box($0)) }) else { return false }
            return !probe.lines.contains { $0.top > l.top && inside($0, box(block)) }
        }
        let isUnread = among(unread.map(box))
        let side = try sideEngine(kept.languages)
        var composite = OCREngine.Composite(pageNumber: number, size: main, insertsLater: true)
        composite.add(main, keepLine: { !isUnread($0, $1, $2, $3) })
        var added: [OCREngine.BlockReading] = []
        if let firstTop = blocks.map(\.top).min(), firstTop > kept.pixels.height / 20 {
            _ = try side.recognise(kept.pixels, thresholding: kept.thresholding, segmentation: .sparseText)
            let slack = kept.pixels.ppi / 30
            let found = side.blocks().filter { b in
                b.words > 0 && b.arabic >= 0.5 && b.meanConfidence >= options.headingConfidence && b.bottom <= firstTop + slack
                    && !blocks.contains { $0.covers(b) > 0.3 || b.covers($0) > 0.3 }
            }
            logger.debug("headings", metadata: ["found": "\(found.count)", "confidences": "\(found.map { Int($0.meanConfidence) })"])
            composite.add(side, keep: among(found.map(box)))
            added += found
        }
        let ppi = kept.pixels.ppi
        let regions = kept.pixels.inkRegions(outside: composite.lines.map { ($0.left, $0.top, $0.right, $0.bottom) },
                                             margin: ppi / 30, rowGap: ppi / 30, columnGap: ppi / 3).filter { r in
            let height = r.bottom - r.top
            return height >= ppi / 10 && height <= ppi * 3 / 4 && r.right - r.left >= ppi / 4 && r.ink >= ppi * ppi / 100
        }.prefix(options.passedOverLines)
        // The regions are read with their rules (an underlined title's underline) whitened.
        var page = kept.pixels
        for r in regions { page.removeRules(left: r.left, top: r.top, right: r.right, bottom: r.bottom) }
        for r in regions {
            let margin = max(4, (r.bottom - r.top) / 3)
            // As a raw line first (single-line mode finds nothing in some bold headings), then as
            // a line found in the region (a small word raw-line mode misreads: `بخدمت`).
            for segmentation in [PageSegmentation.rawLine, .singleLine] {
                _ = try side.recognise(page, thresholding: kept.thresholding, segmentation: segmentation,
                                       region: (r.left - margin, r.top - margin, r.right + margin, r.bottom + margin))
                let read = side.blocks().filter { $0.words > 0 }
                // A number or a date line (an Urdu label, the value in Western digits: `مورخہ
                // 10.04.2017`, which the layout passed over and single-line mode reads as nothing)
                // reads under `headingConfidence`, its digits pulling the mean down: it is kept all
                // the same when it reads four digits or more, so that the page's text has it. Its
                // value counts for a field only when `eng` and `Latin` read it alike again
                // (`readUrduHeadNumbers`).
                let valueLine = read.count == 1 && read[0].arabic >= 0.5 && read[0].digits >= 4
                let good = read.filter { $0.arabic >= 0.5 && ($0.meanConfidence >= options.headingConfidence || valueLine) }
                logger.debug("line passed over", metadata: ["box": "\(r.left) \(r.top) \(r.right) \(r.bottom)", "as": "\(segmentation)",
                                                            "confidences": "\(read.map { Int($0.meanConfidence) })", "kept": "\(!good.isEmpty)"])
                guard !good.isEmpty, good.count == read.count else { continue }
                composite.add(side)
                added += good
                break
            }
        }
        // The lines read as good as not at all that no line read alone replaced come back.
        func overlap(_ a: OCREngine.BlockReading, _ l: RecognisedLine) -> Double {
            let w = max(0, min(a.right, l.right) - max(a.left, l.left)), h = max(0, min(a.bottom, l.bottom) - max(a.top, l.top))
            return Double(w * h) / Double(max(1, min((a.right - a.left) * (a.bottom - a.top), (l.right - l.left) * (l.bottom - l.top))))
        }
        let back = unread.filter { u in !added.contains { overlap($0, u) > 0.5 } }
        if !back.isEmpty {
            composite.add(main, keep: { l, t, r, b in back.contains { inside($0, (l, t, r, b)) } }, keepLine: among(back.map(box)))
        }
        guard !added.isEmpty else { return nil }
        var outputs = composite.finish()
        // Read this way, a letter of a bold heading is misread at high confidence (`محکمہ اخلہ`,
        // 92, for `محکمہ داخلہ`): a heading's word counts for a field only when the model's
        // dictionary holds it (its other words are marked as read without confidence) — or, when
        // the field lines are read again (`confirmUrduLines`), when another reading reads it alike.
        guard options.urduLineHeights.isEmpty else { return outputs }
        for k in outputs.lines.indices where added.contains(where: { inside(outputs.lines[k], box($0)) }) {
            let line = outputs.lines[k]
            outputs.lines[k].confidences = line.confidences.indices.map { w in
                w < line.inDictionary.count && line.inDictionary[w] ? line.confidences[w] : 0
            }
        }
        return outputs
    }

    /// On an Urdu page's head, the short lines with digits (the number and date lines: a
    /// label in Nastaliq, the value in Western digits) are read again alone by `eng` and by
    /// `Latin`; where both read the same value, the line the field reader sees is that value
    /// under its label (`FieldReader.urduHeadLine`). Only the field reader's lines change: the
    /// page's text stays as the Urdu model read it.
    private func readUrduHeadNumbers(_ outputs: inout RecognitionOutputs, kept: Reading) throws {
        guard urduModels.contains(kept.languages), OCREngine.hasModel("eng"), OCREngine.hasModel(Self.secondOpinion) else { return }
        let lines = PageLine.lines(of: outputs)
        for i in 0..<FieldReader.headLength(lines) {
            let text = lines[i].text
            guard FieldReader.digitCount(text) >= 4, FieldReader.tokens(text).count <= 8, !FieldReader.namesUrduMonth(text) else { continue }
            let l = outputs.lines[i]
            // The line gives no field: its words as read without confidence.
            func untrust() { outputs.lines[i].confidences = l.confidences.map { min($0, FieldReader.minimumConfidence - 1) } }
            let english = try reread(l, by: "eng", kept), latin = try reread(l, by: Self.secondOpinion, kept)
            logger.debug("Urdu head line read again", metadata: ["urdu": "\(text)", "eng": "\(english)", "latin": "\(latin)"])
            // The Urdu model's own line, its label as `نمبر` if it misread it by a letter or two:
            // a value it read under a misread label still agrees with the others' (it misreads
            // digits more often than labels, so only as read does it stand against theirs:
            // `نمیر 2180/6-2/20009`, where `eng` and `Latin` read `2/2009-2180/6`).
            let own = FieldReader.numberLabelled(lines[i])
            var line = FieldReader.urduHeadLine(english: english, latin: latin)
            var others: [String] = []
            func askOthers() throws {
                guard others.isEmpty else { return }
                others = try Self.thirdOpinions.filter(OCREngine.hasModel).map { try reread(l, by: $0, kept) }
                logger.debug("Urdu head line read by other models", metadata: ["readings": "\(others)"])
            }
            if line == nil {
                // They disagree: the third opinions read the line too (as for an English number).
                try askOthers()
                line = FieldReader.urduHeadLine(readings: [english, latin] + others, own: own)
                if line == nil, FieldReader.urduHeadValuesAgreed(own, by: [english, latin] + others) {
                    // No two of them agree, but one reads what the Urdu model read: two models agree.
                    outputs.lines[i].text = own.text
                    outputs.lines[i].confidences = Array(repeating: FieldReader.numberConfidence, count: FieldReader.tokens(own.text).count)
                } else if line == nil, !FieldReader.urduHeadValuesConfirmed(lines[i], by: [english, latin] + others) {
                    // No two agree, and none reads the Urdu model's own value: the line gives no field
                    // (`urd` read `4-04-2002` at 85+ for `24-04-2002`).
                    untrust()
                }
            }
            if let agreed = line, FieldReader.urduHeadDisagrees(lines[i], with: agreed) {
                // The Urdu model read another value: two models are not enough against it (`eng`
                // and `ita` both read the slash of `1164/5-7/2017` as a 1), three must agree, or
                // the line gives no field.
                try askOthers()
                line = FieldReader.urduHeadLine(readings: [english, latin] + others, models: 3, own: own)
                if line == nil { untrust() }
            }
            if let agreed = line, FieldReader.urduHeadValueCut(agreed, by: [english, latin] + others)
                || FieldReader.urduHeadTailDisputed(agreed, own: text) {
                // A Latin model's reading holds a part of the reference the agreed value lacks, or
                // the Urdu model's own reads a part of it a digit shorter: no field. (The own line
                // counts only so: it misreads Western digits into runs of its own, `نمبر:
                // ۸/8.2660/14-9/2018م/20` for `DS(A)/E&SED/14-9/2018`.)
                logger.debug("Urdu head line cut short", metadata: ["agreed": "\(agreed)"])
                line = nil
                untrust()
            }
            guard let line else { continue }
            outputs.lines[i].text = line
            outputs.lines[i].confidences = Array(repeating: FieldReader.numberConfidence, count: FieldReader.tokens(line).count)
        }
    }

    /// The lines of an Urdu paper's head a field can be read from (`FieldReader.urduFieldLines`)
    /// are read again alone by the page's model at other scales (for the Nastaliq model at
    /// `PipelineOptions.urduLineHeights`: its height in pixels shrunk to each; for `urd` as it
    /// is and enlarged twice; the letterhead's thresholded at
    /// `PipelineOptions.letterheadThresholdShare`), and by the other Urdu model, and decided by
    /// the readings (`FieldReader.decide`). Only the field reader's lines change: the page's text
    /// stays as read.
    private func confirmUrduLines(_ outputs: inout RecognitionOutputs, kept: Reading) throws {
        guard urduModels.contains(kept.languages), !options.urduLineHeights.isEmpty else { return }
        let lines = PageLine.lines(of: outputs)
        let otherModel = urduModels.first { $0 != kept.languages }
        let boxes = outputs.lines.map { ($0.left, $0.top, $0.right, $0.bottom) }
        // The letterhead: the lines above the first with digits (the number or the date; none
        // when no line has digits).
        let letterhead = lines.firstIndex { FieldReader.digitCount($0.text) >= 4 } ?? 0
        for i in FieldReader.urduFieldLines(lines: lines) {
            var line = outputs.lines[i]
            let height = max(1, line.bottom - line.top)
            // A line whose ink runs on beyond its box (the layout cut `جنگلات` to `جنگل`) is read
            // again over all its ink, and its first reading's words count for nothing.
            var others = boxes
            others.remove(at: i)
            let extent = kept.pixels.inkExtent(of: (line.left, line.top, line.right, line.bottom), gap: height, others: others)
            let cut = line.left - extent.left > height / 4 || extent.right - line.right > height / 4
            if cut {
                line.left = extent.left; line.right = extent.right
                line.confidences = line.confidences.map { min($0, FieldReader.minimumConfidence - 1) }
                line.inDictionary = []
            }
            let scales = options.readingPPI[kept.languages] == nil ? [1, 2]
                : options.urduLineHeights.map { min(1, Double($0) / Double(height)) }
            let share = i < letterhead ? options.letterheadThresholdShare : 1
            let again = try scales.map { scale in
                try sideEngine(kept.languages).readLine(kept.pixels, left: line.left, top: line.top, right: line.right,
                                                        bottom: line.bottom, scale: scale, thresholdShare: share)
            }
            let other = try otherModel.map {
                try sideEngine($0).readLine(kept.pixels, left: line.left, top: line.top, right: line.right, bottom: line.bottom, scale: 1)
            }
            var decided = FieldReader.decide(line.text, confidences: line.confidences, inDictionary: line.inDictionary,
                                             readings: again, otherModel: other)
            // A date with its month in Urdu: its month as a reread spells it, its day and year as
            // `eng` and `Latin` read them.
            if FieldReader.namesUrduMonth(decided.text) {
                decided = FieldReader.spelledMonth(decided, readings: again + (other.map { [$0] } ?? []))
                if OCREngine.hasModel("eng"), OCREngine.hasModel(Self.secondOpinion) {
                    let english = try reread(line, by: "eng", kept), latin = try reread(line, by: Self.secondOpinion, kept)
                    logger.debug("Urdu date line read again", metadata: ["eng": "\(english)", "latin": "\(latin)"])
                    if let dated = FieldReader.urduDate(decided, english: english, latin: latin,
                                                        readings: [line.text] + (other.map { [$0] } ?? []), rereads: again) { decided = dated }
                }
            }
            // A letterhead line its readings agree is one of the directory's offices is that name.
            var listed: String?
            if i < letterhead {
                let first = cut ? "" : line.text
                listed = OfficeDirectory.name(readings: [first] + again + (other.map { [$0] } ?? []),
                                              sure: OfficeDirectory.sureWords(first: first, confidences: line.confidences,
                                                                              inDictionary: line.inDictionary, rereads: again))
                if let listed {
                    decided = (listed, Array(repeating: FieldReader.fieldConfidence, count: FieldReader.tokens(listed).count))
                }
            }
            // A word the directory's names always follow the word before with (`خیبر پختونخوا`).
            if listed == nil {
                decided = OfficeDirectory.namedWords(decided, readings: [cut ? "" : line.text] + again + (other.map { [$0] } ?? []))
            }
            logger.debug("Urdu field line read again", metadata: ["first": "\(line.text) \(line.confidences.map { Int($0) }) \(line.inDictionary.map { $0 ? 1 : 0 })",
                                                               "listed": "\(listed ?? "-")",
                                                               "again": "\(again)", "other": "\(other ?? "")",
                                                               "box": "\(line.left) \(line.top) \(line.right) \(line.bottom)\(cut ? " (grown)" : "")",
                                                               "decided": "\(decided.text) \(decided.confidences.map { Int($0) })"])
            outputs.lines[i].text = decided.text
            outputs.lines[i].confidences = decided.confidences
            outputs.lines[i].inDictionary = []
        }
    }

    /// The model that reads a doubtful reference number a second time (`tesseract-ocr-script-latn`).
    static let secondOpinion = "Latin"

    /// A page in both scripts (an English letterhead over an Urdu body, an English form
    /// filled in Urdu): when the English reading reads some blocks well in Latin letters and the
    /// Urdu reading finds Arabic-script blocks elsewhere, the page is put together from both,
    /// each block read by the model for its script. Nil when the page is not of both.
    private func bilingual(english: Reading, urdu: Reading, number: Int, lastRead: [String: Int]) throws -> Reading? {
        // Both engines must still hold those readings, of the page levelled alike (a Nastaliq
        // reading may be levelled where the English one was not: their blocks would not meet).
        guard lastRead[english.languages] == english.id, lastRead[urdu.languages] == urdu.id,
              english.skew == urdu.skew, english.turn == urdu.turn else { return nil }
        let englishEngine = try engine(english.languages), urduEngine = try engine(urdu.languages)
        // (An English block has words: the Urdu label of a date line read as `Cub` beside its
        // figures is no English, and taking it dropped the Urdu reading of the line.)
        let latinBlocks = englishEngine.blocks().filter {
            $0.words > 0 && $0.latin >= 0.8 && $0.meanConfidence >= options.bilingualBlockConfidence
                && Double($0.letters) * $0.latin >= Double(options.bilingualBlockLetters)
        }
        let urduBlocks = urduEngine.blocks().filter { u in
            u.words > 0 && u.arabic >= 0.5 && !latinBlocks.contains { $0.covers(u) > 0.3 || u.covers($0) > 0.3 }
        }
        guard !latinBlocks.isEmpty, !urduBlocks.isEmpty,
              let outputs = OCREngine.composite(pageNumber: number, [
                  (englishEngine, { l, t, r, b in latinBlocks.contains { $0.left == l && $0.top == t && $0.right == r && $0.bottom == b } }),
                  (urduEngine, { l, t, r, b in urduBlocks.contains { $0.left == l && $0.top == t && $0.right == r && $0.bottom == b } }),
              ]) else { return nil }
        var mixed = urdu
        let words = (latinBlocks + urduBlocks).reduce(0) { $0 + $1.words }
        mixed.recognition.wordCount = words
        mixed.recognition.meanConfidence = (latinBlocks + urduBlocks).reduce(0.0) { $0 + $1.meanConfidence * Double($1.words) } / Double(max(1, words))
        mixed.languages = english.languages + "+" + urdu.languages
        mixed.outputs = outputs
        return mixed
    }

    /// Whether a reading's outputs hold a line of at least `letters` Latin letters read with a
    /// mean confidence of `confidence`: English read some of the page well.
    static func readsEnglishLines(_ outputs: RecognitionOutputs?, letters: Int, confidence: Double) -> Bool {
        outputs?.lines.contains { l in
            l.meanConfidence.map { $0 >= confidence } ?? false && l.text.unicodeScalars.filter { $0.properties.isAlphabetic && $0.value < 0x250 }.count >= letters
        } ?? false
    }

    /// The share of a reading's page ink (pixels darker than mid-grey) outside the lines it
    /// read, each line widened by a thirtieth of an inch.
    private static func unreadShare(_ r: Reading) -> Double {
        guard let lines = r.outputs?.lines else { return 0 }
        let ink = r.pixels.darkPixels
        guard ink > 0 else { return 0 }
        let outside = r.pixels.darkPixels(outside: lines.map { ($0.left, $0.top, $0.right, $0.bottom) }, margin: r.pixels.ppi / 30)
        return Double(outside) / Double(ink)
    }

    private func judge(_ reading: Reading) -> PageQuality {
        ReadingJudge.judge(reading.recognition, languages: reading.languages, darkPixels: reading.darkPixels,
                           ppi: reading.pixels.ppi, page: reading.look)
    }

    /// The other cleanings worth a look, best first, for a page cleaned as `report` says:
    /// smoothed and thresholded here (grain the measurements underrated), or, for a page
    /// already thresholded, smoothed and stretched; as scanned, for Tesseract's local (Sauvola)
    /// threshold (pale or uneven ink a global threshold loses); the other polarity (a page
    /// taken for a negative, or not).
    private func secondLooks(after report: CleaningReport) -> [(CleaningVariant, Thresholding)] {
        // A page already thresholded here is next tried smoothed and stretched; a page taken
        // for a negative is tried the other way up before Sauvola.
        let first: (CleaningVariant, Thresholding) = report.binarised ? (.smoothed, .otsu) : (.binarised, .otsu)
        return report.inverted ? [first, (.otherPolarity, .otsu), (.unstretched, .sauvola)]
            : [first, (.unstretched, .sauvola), (.otherPolarity, .otsu)]
    }

    /// Whether `a` reads better than `b`: a better verdict, or the same verdict and a higher
    /// score; a reading that lost a fifth of the other's characters is not better.
    private func better(_ a: Reading, than b: Reading) -> Bool {
        let qa = judge(a).verdict, qb = judge(b).verdict
        if a.recognition.characters < b.recognition.characters * 4 / 5 && qb != .unreadable { return false }
        if qa != qb { return qa < qb }
        return ReadingJudge.score(a.recognition, languages: a.languages)
            > ReadingJudge.score(b.recognition, languages: b.languages)
    }

    /// True when a page's reading suggests it is not upright.
    private func readsBadly(_ r: Recognition) -> Bool {
        (r.meanConfidence ?? 0) < options.suspectConfidence || r.wordCount < options.suspectWords
    }

    /// Turns the page level when its measured skew is confident, large enough and plausible.
    /// Returns the pixels to recognise and the degrees corrected (0 when none).
    private func deskewed(_ pixels: GreyPixels, _ m: TextLineMeasurement, minimumConfidence: Double,
                          interpolated: Bool) throws -> (GreyPixels, Double) {
        guard options.deskew, m.skewConfidence >= minimumConfidence,
              abs(m.skewDegrees) >= options.minimumSkewDegrees,
              abs(m.skewDegrees) <= options.maximumSkewDegrees else { return (pixels, 0) }
        return (try pixels.levelled(degrees: m.skewDegrees, interpolated: interpolated), m.skewDegrees)
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

    /// The engine for `languages` (the page's first choice when nil), made once and kept.
    private func engine(_ languages: String? = nil) throws -> OCREngine {
        try engine(languages ?? firstLanguages, in: \.engines)
    }

    /// The second engine of `languages` (`sideEngines`), made once and kept.
    private func sideEngine(_ languages: String) throws -> OCREngine {
        try engine(languages, in: \.sideEngines)
    }

    /// The engine for `languages` kept in `cache`, made on first use, reading at the resolution
    /// its model reads best at.
    private func engine(_ languages: String, in cache: ReferenceWritableKeyPath<DocumentPipeline, [String: OCREngine]>) throws -> OCREngine {
        if let e = self[keyPath: cache][languages] { return e }
        let e = try OCREngine(languages: languages)
        e.readingPPI = options.readingPPI[languages]
        e.thresholdsPage = options.thresholdedModels.contains(languages)
        self[keyPath: cache][languages] = e
        return e
    }

    /// What a page is read with first: the languages asked for, or with `auto`, English (most
    /// pages; an Urdu page read as English reads badly and is read again with the Urdu models).
    private var firstLanguages: String {
        options.languages == PipelineOptions.automatic ? "eng" : options.languages
    }

    /// The Urdu models installed, best first for Nastaliq: Daftar's own Nastaliq model
    /// (`models/urd_nastaliq.traineddata`, installed by `workers/install-deps.sh`) and
    /// Tesseract's `urd` (mostly Naskh). Looked up once.
    private lazy var urduModels: [String] = {
        ["urd_nastaliq", "urd"].filter { OCREngine.hasModel($0) }
    }()

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

extension PageLine {
    /// The lines Tesseract read on a page, their boxes as fractions of the recognised image.
    static func lines(of outputs: RecognitionOutputs) -> [PageLine] {
        let w = Double(max(1, outputs.width)), h = Double(max(1, outputs.height))
        return outputs.lines.map {
            PageLine(text: $0.text, box: (Double($0.left) / w, Double($0.top) / h, Double($0.right) / w, Double($0.bottom) / h),
                     confidences: $0.confidences, inDictionary: $0.inDictionary)
        }
    }
}
