import CTesseract
import Foundation
import Logging

/// What Tesseract read on one page: enough to judge the reading. The texts are made from it
/// by `OCREngine.outputs(pageNumber:)`.
public struct Recognition: Sendable {
    /// Mean word confidence, 0–100; nil when no word was found.
    public var meanConfidence: Double?
    public var wordCount: Int
    /// Clockwise turn that would make the text upright, as Tesseract's layout analysis found
    /// the blocks (0 when upright). Tesseract reads pages on their side as vertical lines, so
    /// such a page is read well yet still needs turning for display.
    public var uprightTurn: Int
    /// Words of at least two letters, and how many of them the language's dictionary (the word
    /// list inside its traineddata, as the recogniser's beam search found them) holds.
    public var letterWords: Int = 0
    public var dictionaryWords: Int = 0
    /// Characters read (without spaces), and how many are neither letters nor digits: specks
    /// and noise are read as `.` `,` `:` `;` `'` `~` `|` and the like.
    public var characters: Int = 0
    public var symbols: Int = 0

    public init(meanConfidence: Double?, wordCount: Int, uprightTurn: Int) {
        self.meanConfidence = meanConfidence
        self.wordCount = wordCount
        self.uprightTurn = uprightTurn
    }

    /// A reading measured from its blocks (`OCREngine.BlockMeasure`). Its turn is the one most
    /// of its text asks for: each block's orientation weighed by its words' confidences, so
    /// that a few blocks read well outweigh many of nonsense.
    init(_ blocks: [OCREngine.BlockMeasure]) {
        var votes = [0.0, 0, 0, 0], total = 0.0
        self.init(meanConfidence: nil, wordCount: 0, uprightTurn: 0)
        for b in blocks {
            wordCount += b.words; total += b.confidence
            letterWords += b.letterWords; dictionaryWords += b.dictionaryWords
            characters += b.characters; symbols += b.symbols
            if (0..<4).contains(b.orientation) { votes[b.orientation] += max(0, b.confidence) }
        }
        meanConfidence = wordCount == 0 ? nil : total / Double(wordCount)
        let best = votes.indices.max { votes[$0] < votes[$1] } ?? 0
        // "Up" points to the page's right: the page was turned a quarter clockwise; turn it back 270°.
        uprightTurn = [0, 270, 180, 90][best]
    }

    /// The share of letter words found in the dictionary; nil without letter words.
    public var dictionaryShare: Double? {
        letterWords == 0 ? nil : Double(dictionaryWords) / Double(letterWords)
    }

    /// The share of characters that are neither letters nor digits; nil without characters.
    public var symbolShare: Double? {
        characters == 0 ? nil : Double(symbols) / Double(characters)
    }
}

/// How Tesseract finds a page's lines.
public enum PageSegmentation: Sendable {
    /// Its page layout analysis: columns, blocks, paragraphs (its default).
    case auto
    /// The page as one block of text, line under line: no line is left out, but columns and
    /// blocks are not told apart.
    case singleBlock
    /// As much text as can be found, in no order: large bold lines the layout passes over.
    case sparseText
    /// One line, as it is: no line finding at all (a bold heading single-line mode finds
    /// nothing in).
    case rawLine
    /// One line, found in the region given (its own baseline and words).
    case singleLine
    /// One column of text of any sizes, line under line: a typewritten page whose spaces,
    /// lined up, the layout took for a gutter between columns.
    case singleColumn

    var mode: TessPageSegMode {
        switch self {
        case .auto: return PSM_AUTO
        case .singleBlock: return PSM_SINGLE_BLOCK
        case .sparseText: return PSM_SPARSE_TEXT
        case .rawLine: return PSM_RAW_LINE
        case .singleLine: return PSM_SINGLE_LINE
        case .singleColumn: return PSM_SINGLE_COLUMN
        }
    }
}

/// Tesseract's binarisation of a page (its `thresholding_method`).
public enum Thresholding: Int32, Sendable {
    /// Global Otsu: right for cleaned pages, dark ink on white (the default).
    case otsu = 0
    /// Leptonica's adaptive Otsu, tile by tile.
    case adaptiveOtsu = 1
    /// Sauvola's local threshold: pale or uneven ink that one global threshold loses.
    case sauvola = 2
}

/// The texts made from the page last recognised.
public struct RecognitionOutputs: Sendable {
    public var text: String
    /// hOCR `ocr_page` element for the page (wrap with `HOCR.document`).
    public var hocrPage: String
    /// ALTO `Page` element for the page (wrap with `ALTO.document`).
    public var altoPage: String
    /// The invisible text for the searchable PDF.
    public var textLayer: TextLayerPage
    /// The lines read, in reading order, with their boxes (for the record's fields).
    public var lines: [RecognisedLine] = []
    /// The recognised image's size, which the boxes refer to.
    public var width = 0, height = 0
}

/// One Tesseract recognition engine, initialised once for a set of languages and kept for
/// many pages.
///
/// A `TessBaseAPI` belongs to one thread: this class is deliberately not `Sendable`; each
/// job thread owns its own engine. `deinit` ends and deletes the API (memory only).
public final class OCREngine {
    private let api: OpaquePointer
    public let languages: String
    /// Size of the page last recognised (as given, before any shrinking).
    private var lastSize = (width: 0, height: 0, ppi: 0)
    /// The given page's pixels per pixel the engine read (above 1 when it read the page shrunk
    /// to `readingPPI`): every box it reports is multiplied by it.
    private var lastScale = 1.0
    /// The resolution this engine's model reads best at: a page given finer than a tenth above it
    /// is shrunk to it before reading (`GreyPixels.shrunk`, each pixel the mean of those it
    /// covers). Every box reported is in the given page's pixels. Nil: pages are read at the
    /// resolution given.
    public var readingPPI: Int?
    /// Whether the model reads the page thresholded (`GreyPixels.thresholded`, after any
    /// shrinking: the grain of a scan averages out in the shrinking, where thresholding first
    /// keeps it, and loses the strokes of large bold headings).
    public var thresholdsPage = false
    /// The line `readLine` last read, as the engine was given it (cropped, scaled, thresholded).
    private var lastLine: GreyPixels?
    private var currentThresholding = Thresholding.otsu

    /// `languages` as Tesseract writes them: "eng", "urd", "eng+urd".
    public init(languages: String, dataPath: String? = nil) throws {
        guard let api = TessBaseAPICreate() else {
            throw TesseractError(operation: "TessBaseAPICreate", message: "cannot create engine")
        }
        self.api = api
        self.languages = languages
        for (name, value) in [("debug_file", "/dev/null")] {
            _ = TessBaseAPISetVariable(api, name, value)
        }
        let status = TessBaseAPIInit3(api, dataPath, languages)
        guard status == 0 else {
            TessBaseAPIDelete(api)
            throw TesseractError(operation: "TessBaseAPIInit3", code: status,
                                 message: "cannot load language data '\(languages)' (is tesseract-ocr-\(languages.split(separator: "+").first ?? "") installed?)")
        }
        // Pages arrive cleaned, dark on white: Tesseract's second pass over inverted lines buys nothing.
        _ = TessBaseAPISetVariable(api, "tessedit_do_invert", "0")
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    public static var version: String { String(cString: TessVersion()) }

    /// Folders Tesseract's language data is found in on Debian (the default first).
    public static let dataDirectories = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                                         "/usr/share/tessdata"]

    /// Whether `language`'s traineddata is installed where Tesseract looks by default.
    public static func hasModel(_ language: String) -> Bool {
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"],
           FileManager.default.fileExists(atPath: prefix + "/" + language + ".traineddata") { return true }
        return dataDirectories.contains { FileManager.default.fileExists(atPath: $0 + "/" + language + ".traineddata") }
    }

    /// Recognises one page. The engine keeps the result (for `outputs(pageNumber:)` and
    /// `addLastPage(to:)`) until the next page replaces it.
    /// `segmentation`: how the page's lines are found (`PageSegmentation`). `region` (left,
    /// top, right, bottom, in the page's pixels): only that part of the page is read; the boxes
    /// reported are still in the page's pixels.
    public func recognise(_ page: GreyPixels, thresholding: Thresholding = .otsu,
                          segmentation: PageSegmentation = .auto,
                          region: (left: Int, top: Int, right: Int, bottom: Int)? = nil) throws -> Recognition {
        TessBaseAPISetPageSegMode(api, segmentation.mode)
        defer { if segmentation != .auto { TessBaseAPISetPageSegMode(api, PSM_AUTO) } }
        if thresholding != currentThresholding {
            _ = TessBaseAPISetVariable(api, "thresholding_method", "\(thresholding.rawValue)")
            currentThresholding = thresholding
        }
        var image = page
        if let target = readingPPI, page.ppi * 10 > target * 11 { image = try page.shrunk(by: Double(target) / Double(page.ppi)) }
        if thresholdsPage { image = image.thresholded() }
        image.bytes.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(api, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        TessBaseAPISetSourceResolution(api, Int32(image.ppi))
        lastSize = (page.width, page.height, page.ppi)
        lastLine = nil
        lastScale = Double(page.width) / Double(max(1, image.width))
        if let region {
            func scaled(_ v: Int, _ limit: Int) -> Int32 { Int32(max(0, min(limit, Int((Double(v) / lastScale).rounded())))) }
            let l = scaled(region.left, image.width), t = scaled(region.top, image.height)
            let r = scaled(region.right, image.width), b = scaled(region.bottom, image.height)
            guard r > l, b > t else { throw TesseractError(operation: "TessBaseAPISetRectangle", message: "empty region") }
            TessBaseAPISetRectangle(api, l, t, r - l, b - t)
        }
        let status = TessBaseAPIRecognize(api, nil)
        guard status == 0 else {
            throw TesseractError(operation: "TessBaseAPIRecognize", code: status, message: "recognition failed")
        }
        var text: [BlockMeasure] = []
        edgeNoise = []
        for b in measureBlocks() {
            if b.isEdgeNoise(width: image.width, height: image.height, ppi: image.ppi) {
                edgeNoise.append(LayoutWriter.Box(left: b.left, top: b.top, right: b.right, bottom: b.bottom).scaled(lastScale))
            } else {
                text.append(b)
            }
        }
        return Recognition(text)
    }

    /// The blocks of the last recognition that are noise along the page's edge
    /// (`BlockMeasure.isEdgeNoise`), in the given page's pixels: left out of its measures and
    /// of everything made from it (the outputs, `blocks()`, a composite).
    private var edgeNoise: [LayoutWriter.Box] = []

    /// Whether a block (its box in the given page's pixels) is one of the last recognition's
    /// edge noise.
    private func isEdgeNoise(_ b: LayoutWriter.Box) -> Bool { edgeNoise.contains(b) }

    /// One block of the words just recognised, measured: its box (in the pixels read), its
    /// orientation, and its words' confidences, letters, symbols and dictionary hits.
    struct BlockMeasure {
        var left: Int32, top: Int32, right: Int32, bottom: Int32
        /// Tesseract's orientation of the block as a vote: 0 up, 1 right, 2 down, 3 left.
        var orientation: Int
        var words = 0
        var confidence = 0.0
        var letterWords = 0, dictionaryWords = 0, characters = 0, symbols = 0

        /// A block along an edge of the page (within a fiftieth of an inch of it), no deeper
        /// from that edge than an eighth of an inch, read at a mean confidence under 50: what
        /// is left of a photocopy's dark border or its gutter's shadow, read as columns of
        /// nonsense (`ee Se eee`, at 13 to 40) down the page's side. No line of text fits in
        /// such a strip; counted in, it made a page read right beside it 15% wrong, judged
        /// good, and shown on its side (its strips outvoted the text's blocks).
        func isEdgeNoise(width: Int, height: Int, ppi: Int) -> Bool {
            guard words > 0, confidence / Double(words) < 50 else { return false }
            let near = Int32(max(2, ppi / 50)), deep = Int32(max(8, ppi / 8))
            let w = Int32(width), h = Int32(height)
            return (left <= near && right <= deep) || (right >= w - near && left >= w - deep)
                || (top <= near && bottom <= deep) || (bottom >= h - near && top >= h - deep)
        }
    }

    /// One walk over the words just recognised, block by block.
    private func measureBlocks() -> [BlockMeasure] {
        guard let results = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(results) }
        let page = TessResultIteratorGetPageIterator(results)
        TessPageIteratorBegin(page)
        var blocks: [BlockMeasure] = []
        var started = false
        repeat {
            // Only line starts need the (costly) block question.
            let lineStart = !started || TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
            if lineStart && (!started || TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0) {
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
                _ = TessPageIteratorBoundingBox(page, RIL_BLOCK, &l, &t, &r, &b)
                blocks.append(BlockMeasure(left: l, top: t, right: r, bottom: b, orientation: Self.orientationVote(page)))
            }
            started = true
            guard !blocks.isEmpty, let raw = TessResultIteratorGetUTF8Text(results, RIL_WORD) else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            // A "word" of no character is no word: a photograph read as such at confidence 95
            // was a reading of confident words, kept upside down over the others.
            guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { continue }
            let i = blocks.count - 1
            var letters = 0
            for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
                blocks[i].characters += 1
                if scalar.properties.isAlphabetic { letters += 1 } else if scalar.properties.numericType == nil
                    && scalar.properties.generalCategory != .nonspacingMark { blocks[i].symbols += 1 }
            }
            blocks[i].confidence += Double(TessResultIteratorConfidence(results, RIL_WORD))
            blocks[i].words += 1
            if letters >= 2 {
                blocks[i].letterWords += 1
                if TessResultIteratorWordIsFromDictionary(results) != 0 { blocks[i].dictionaryWords += 1 }
            }
        } while TessResultIteratorNext(results, RIL_WORD) != 0
        return blocks
    }

    /// The orientation of the block at the page iterator as a vote (0 up, 1 right, 2 down, 3
    /// left). English and Urdu are written in horizontal lines: "vertical writing" on an upright
    /// block is a page on its side. Lines running down, ordered right to left: its top points
    /// right (as PAGE_RIGHT); ordered left to right: its top points left.
    private static func orientationVote(_ page: OpaquePointer?) -> Int {
        var orientation = ORIENTATION_PAGE_UP, direction = WRITING_DIRECTION_LEFT_TO_RIGHT
        var order = TEXTLINE_ORDER_TOP_TO_BOTTOM
        var deskew: Float = 0
        TessPageIteratorOrientation(page, &orientation, &direction, &order, &deskew)
        if orientation == ORIENTATION_PAGE_UP && direction == WRITING_DIRECTION_TOP_TO_BOTTOM {
            return order == TEXTLINE_ORDER_RIGHT_TO_LEFT ? 1 : 3
        }
        return Int(orientation.rawValue)
    }

    /// Text, hOCR and ALTO of the page last recognised (`pageNumber` is one-based), the
    /// layout in one walk over the results.
    public func outputs(pageNumber: Int) -> RecognitionOutputs {
        let layout = LayoutWriter.pages(api: api, pageNumber: pageNumber, width: lastSize.width,
                                        height: lastSize.height, ppi: lastSize.ppi, scale: lastScale,
                                        keep: { !self.isEdgeNoise($0) })
        return RecognitionOutputs(text: layout.text, hocrPage: layout.hocr, altoPage: layout.alto, textLayer: layout.textLayer,
                                  lines: layout.lines, width: lastSize.width, height: lastSize.height)
    }

    /// One block of the page last recognised: where it is, how confidently it was read, and
    /// in which script.
    public struct BlockReading: Sendable, Equatable {
        public var left: Int, top: Int, right: Int, bottom: Int
        public var meanConfidence: Double
        public var words: Int
        /// Shares of the block's letters in Latin and in Arabic script.
        public var latin: Double, arabic: Double
        /// The letters it holds (not digits, not marks).
        public var letters = 0
        /// The decimal digits it holds, in any script.
        public var digits = 0

        /// The share of `other`'s area this block covers.
        public func covers(_ other: BlockReading) -> Double {
            let w = max(0, min(right, other.right) - max(left, other.left)), h = max(0, min(bottom, other.bottom) - max(top, other.top))
            let area = max(1, (other.right - other.left) * (other.bottom - other.top))
            return Double(w * h) / Double(area)
        }
    }

    /// Reads one line of `page` again on its own (Tesseract's single-line mode), scaled by
    /// `scale` (2: enlarged twice, pixel for pixel; under 1: shrunk, `GreyPixels.shrunk`;
    /// whatever `readingPPI`), thresholded when `thresholdsPage`: a second opinion on a line
    /// the page's reading was unsure of; its rules (an underline) whitened first
    /// (`GreyPixels.removeRules`); thresholded at `thresholdShare` of Otsu's level
    /// (`GreyPixels.thresholded(atShare:)`). The engine's last result is then that line: take a
    /// page's outputs before.
    public func readLine(_ page: GreyPixels, left: Int, top: Int, right: Int, bottom: Int, scale: Double = 2,
                         thresholdShare: Double = 1) throws -> String {
        let margin = max(4, (bottom - top) / 3)
        let x0 = max(0, left - margin), y0 = max(0, top - margin)
        let x1 = min(page.width, right + margin), y1 = min(page.height, bottom + margin)
        guard x1 > x0, y1 > y0 else { return "" }
        let f = scale >= 2 ? 2 : 1
        let w = f * (x1 - x0), h = f * (y1 - y0)
        var bytes = [UInt8](repeating: 255, count: w * h)
        page.bytes.withUnsafeBufferPointer { source in
            bytes.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    let from = (y0 + y / f) * page.width + x0
                    for x in 0..<w { out[y * w + x] = source[from + x / f] }
                }
            }
        }
        var line = GreyPixels(width: w, height: h, ppi: f * page.ppi, bytes: bytes)
        // (An underline is no part of the line's text.)
        line.removeRules(left: 0, top: 0, right: w, bottom: h)
        if scale < 1 { line = try line.shrunk(by: scale) }
        if thresholdsPage { line = line.thresholded(atShare: thresholdShare) }
        TessBaseAPISetPageSegMode(api, PageSegmentation.singleLine.mode)
        defer { TessBaseAPISetPageSegMode(api, PageSegmentation.auto.mode) }
        line.bytes.withUnsafeBufferPointer {
            TessBaseAPISetImage(api, $0.baseAddress, Int32(line.width), Int32(line.height), 1, Int32(line.width))
        }
        TessBaseAPISetSourceResolution(api, Int32(line.ppi))
        lastSize = (line.width, line.height, line.ppi)
        lastScale = 1
        lastLine = line
        edgeNoise = []
        guard TessBaseAPIRecognize(api, nil) == 0 else { return "" }
        let text = Self.take(TessBaseAPIGetUTF8Text(api)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.isEmpty else { return text }
        // Single-line mode still looks for the line, and can find none where one plainly is (a
        // Naskh subject line, `urd`); the crop is then read as the line it is.
        TessBaseAPISetPageSegMode(api, PageSegmentation.rawLine.mode)
        guard TessBaseAPIRecognize(api, nil) == 0 else { return "" }
        return Self.take(TessBaseAPIGetUTF8Text(api)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The letters of the line `readLine` last read, in order, with their boxes on the line as
    /// the engine was given it: what a Roman numeral's strokes are, whatever they were read as
    /// (`LineLetters.strokes`). Empty when the engine's last reading was no line.
    public func lineLetters() -> LineLetters {
        guard let line = lastLine, let results = TessBaseAPIGetIterator(api) else { return LineLetters() }
        defer { TessResultIteratorDelete(results) }
        let page = TessResultIteratorGetPageIterator(results)
        TessPageIteratorBegin(page)
        var out = LineLetters(line: line)
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(results, RIL_SYMBOL) else { continue }
            let letter = String(cString: raw)
            TessDeleteText(raw)
            var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
            guard !letter.isEmpty, TessPageIteratorBoundingBox(page, RIL_SYMBOL, &l, &t, &r, &b) != 0 else { continue }
            out.letters.append(letter)
            out.boxes.append((Int(l), Int(t), Int(r), Int(b)))
        } while TessResultIteratorNext(results, RIL_SYMBOL) != 0
        return out
    }

    /// Whether the model's dictionary (its word list, as Tesseract looks words up: any case it
    /// was trained on, marks around the word aside) holds `word`.
    public func isDictionaryWord(_ word: String) -> Bool {
        !word.isEmpty && TessBaseAPIIsValidWord(api, word) != 0
    }

    /// The blocks of the page last recognised, in reading order.
    public func blocks() -> [BlockReading] {
        guard let results = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(results) }
        let page = TessResultIteratorGetPageIterator(results)
        TessPageIteratorBegin(page)
        var out: [BlockReading] = []
        var confidence = 0.0, latin = 0, arabic = 0, letters = 0, digits = 0
        func close() {
            guard !out.isEmpty else { return }
            let n = out[out.count - 1].words
            out[out.count - 1].meanConfidence = n > 0 ? confidence / Double(n) : 0
            out[out.count - 1].latin = letters > 0 ? Double(latin) / Double(letters) : 0
            out[out.count - 1].arabic = letters > 0 ? Double(arabic) / Double(letters) : 0
            out[out.count - 1].letters = letters
            out[out.count - 1].digits = digits
        }
        var started = false, skipping = false
        repeat {
            let lineStart = !started || TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
            if lineStart && (!started || TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0) {
                close()
                var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
                _ = TessPageIteratorBoundingBox(page, RIL_BLOCK, &l, &t, &r, &b)
                let box = LayoutWriter.Box(left: l, top: t, right: r, bottom: b).scaled(lastScale)
                skipping = isEdgeNoise(box)
                if !skipping {
                    out.append(BlockReading(left: Int(box.left), top: Int(box.top), right: Int(box.right), bottom: Int(box.bottom),
                                            meanConfidence: 0, words: 0, latin: 0, arabic: 0))
                    confidence = 0; latin = 0; arabic = 0; letters = 0; digits = 0
                }
            }
            started = true
            guard !skipping, let raw = TessResultIteratorGetUTF8Text(results, RIL_WORD) else { continue }
            let word = String(cString: raw)
            TessDeleteText(raw)
            guard !word.isEmpty, !out.isEmpty else { continue }
            out[out.count - 1].words += 1
            confidence += Double(max(0, min(100, TessResultIteratorConfidence(results, RIL_WORD))))
            digits += word.unicodeScalars.filter { $0.properties.numericType == .decimal }.count
            for u in word.unicodeScalars where u.properties.isAlphabetic {
                letters += 1
                if u.value < 0x250 { latin += 1 } else if (0x0600...0x06FF).contains(u.value) || (0xFB50...0xFEFF).contains(u.value) { arabic += 1 }
            }
        } while TessResultIteratorNext(results, RIL_WORD) != 0
        close()
        return out
    }

    /// The outputs of a page read by several engines (the same pixels): from each, the blocks
    /// of its last recognition that `keep` holds for (given the block's box: left, top, right,
    /// bottom), put together top to bottom.
    public static func composite(pageNumber: Int, _ parts: [(OCREngine, (Int, Int, Int, Int) -> Bool)]) -> RecognitionOutputs? {
        guard let first = parts.first?.0 else { return nil }
        var composite = Composite(pageNumber: pageNumber, size: first)
        for (engine, keep) in parts { composite.add(engine, keep: keep) }
        return composite.finish()
    }

    /// Outputs put together from several recognitions of the same page's pixels, added one at
    /// a time (an engine can read again once its blocks are added). `insertsLater`: the first
    /// recognition's blocks stay in its reading order and each later block goes before the first
    /// block below it; otherwise all go top to bottom.
    public struct Composite {
        private var walk: LayoutWriter.Walk

        /// For pages the size of `engine`'s last recognition.
        public init(pageNumber: Int, size engine: OCREngine, insertsLater: Bool = false) {
            let size = engine.lastSize
            walk = LayoutWriter.Walk(pageNumber: pageNumber, width: size.width, height: size.height, ppi: size.ppi)
            walk.insertsLater = insertsLater
        }

        /// Adds the blocks of `engine`'s last recognition for which `keep` holds (all when nil),
        /// and of their lines those for which `keepLine` holds (all when nil); both are given the
        /// box (left, top, right, bottom).
        public mutating func add(_ engine: OCREngine, keep: ((Int, Int, Int, Int) -> Bool)? = nil,
                                 keepLine: ((Int, Int, Int, Int) -> Bool)? = nil) {
            walk.add(api: engine.api, scale: engine.lastScale, keep: { b in
                !engine.isEdgeNoise(b) && keep?(Int(b.left), Int(b.top), Int(b.right), Int(b.bottom)) ?? true
            }, keepLine: keepLine.map { k in { b in k(Int(b.left), Int(b.top), Int(b.right), Int(b.bottom)) } })
        }

        /// The lines added so far, in the order added.
        public var lines: [RecognisedLine] { walk.blocks.flatMap(\.lines) }

        public mutating func finish() -> RecognitionOutputs {
            let layout = walk.finish()
            return RecognitionOutputs(text: layout.text, hocrPage: layout.hocr, altoPage: layout.alto, textLayer: layout.textLayer,
                                      lines: layout.lines, width: walk.width, height: walk.height)
        }
    }

    /// Tesseract's own text, hOCR and ALTO renderers for the page last recognised (a reference
    /// for tests).
    public func tesseractLayout(pageNumber: Int) -> (text: String, hocr: String, alto: String) {
        (Self.take(TessBaseAPIGetUTF8Text(api)),
         Self.take(TessBaseAPIGetHOCRText(api, Int32(pageNumber - 1))),
         Self.take(TessBaseAPIGetAltoText(api, Int32(pageNumber - 1))))
    }

    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { TessDeleteText(pointer) }
        return String(cString: pointer)
    }
}

/// Orientation and script detection (Tesseract OSD), one engine kept for many pages.
/// Not `Sendable`: it belongs to the thread that made it.
public final class OrientationDetector {
    private let api: OpaquePointer

    public init(dataPath: String? = nil) throws {
        guard let api = TessBaseAPICreate() else {
            throw TesseractError(operation: "TessBaseAPICreate", message: "cannot create engine")
        }
        self.api = api
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        let status = TessBaseAPIInit3(api, dataPath, "osd")
        guard status == 0 else {
            TessBaseAPIDelete(api)
            throw TesseractError(operation: "TessBaseAPIInit3", code: status,
                                 message: "cannot load orientation data 'osd' (is tesseract-ocr-osd installed?)")
        }
        TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY)
        // OSD classifies characters until it is sure, from at least this many (Tesseract's
        // default is 50). 20 already decide a page of text with a wide margin (cardinal.pdf's
        // upside-down page, by `tesseract --psm 0 -c min_characters_to_try=20` at 150 dpi:
        // confidence 8.4 against the 1.5 acted on) in 0.3 s less; the
        // pipeline keeps a turned reading only if it reads better, so a wrong call costs time,
        // never text.
        _ = TessBaseAPISetVariable(api, "min_characters_to_try", "20")
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    public struct Result: Sendable, Equatable {
        /// Degrees to turn the page clockwise to make it upright: 0, 90, 180 or 270.
        public var clockwiseCorrection: Int
        public var confidence: Double
        public var script: String
    }

    /// Detects how the page is turned. Returns nil when the page has too little text to tell.
    public func detect(_ page: GreyPixels) -> Result? {
        page.bytes.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(api, buffer.baseAddress, Int32(page.width), Int32(page.height), 1, Int32(page.width))
        }
        TessBaseAPISetSourceResolution(api, Int32(page.ppi))
        defer { TessBaseAPIClear(api) }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        guard TessBaseAPIDetectOrientationScript(api, &degrees, &confidence, &script, &scriptConfidence) != 0 else {
            return nil
        }
        // The script name points into the OSD unicharset (Tesseract 5): borrowed, never freed,
        // although capi.h's comment still says TessDeleteText (freeing it corrupts the heap).
        let scriptName = script.map { String(cString: $0) } ?? ""
        // Tesseract reports how far the text is turned clockwise (0/90/180/270); turning the
        // page back needs the complement. Checked on every page of cardinal.pdf.
        let correction = (360 - Int(degrees) % 360) % 360
        return Result(clockwiseCorrection: correction, confidence: Double(confidence), script: scriptName)
    }
}

/// Tesseract's glyphless font (`pdf.ttf` beside the language data): every glyph blank, for
/// invisible text layers.
public enum GlyphlessFont {
    public static let path: String = {
        for dir in OCREngine.dataDirectories where FileManager.default.fileExists(atPath: dir + "/pdf.ttf") { return dir + "/pdf.ttf" }
        return "/usr/share/tesseract-ocr/5/tessdata/pdf.ttf"
    }()
}

/// The letters of a line one model read alone (`OCREngine.lineLetters`), each with its box on
/// the line's pixels, and those pixels.
public struct LineLetters: Sendable {
    public var letters: [String] = []
    public var boxes: [(left: Int, top: Int, right: Int, bottom: Int)] = []
    var line: GreyPixels?

    public init() {}
    public init(line: GreyPixels, letters: [String] = [], boxes: [(left: Int, top: Int, right: Int, bottom: Int)] = []) {
        self.line = line
        self.letters = letters
        self.boxes = boxes
    }

    /// For each character of the letters written one after another, the letter it is of.
    public var letterOfCharacter: [Int] {
        letters.enumerated().flatMap { k, l in Array(repeating: k, count: l.count) }
    }

    /// The upright strokes of the ink of letters `range` together (the union
    /// of their boxes; `GreyPixels.strokes`): two serifed `I`s whose serifs touch are one mark,
    /// which every model reads as one `I` (`SOE-I` for `SOE-II` on a fax at 200 dpi), and its two
    /// stems still stand apart; a model that reads the mark as three letters (`I1I`) does not
    /// count a stem twice. 0 when they cannot be told.
    public func strokes(_ range: Range<Int>) -> Int {
        guard let line, !range.isEmpty, range.upperBound <= boxes.count else { return 0 }
        let b = boxes[range]
        return line.strokes(left: b.map(\.left).min()!, top: b.map(\.top).min()!, right: b.map(\.right).max()!, bottom: b.map(\.bottom).max()!)
    }
}
