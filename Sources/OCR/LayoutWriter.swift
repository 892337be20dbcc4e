import CTesseract
import Foundation

/// Text, hOCR, ALTO and the PDF text layer for the page last recognised, written in one walk
/// over Tesseract's result iterator. Tesseract's own hOCR, ALTO and PDF renderers each walk
/// every result again (the PDF one symbol by symbol) and cost 0.2 s apiece on a dense page;
/// this walk costs about as much as the plain text.
///
/// Structure: blocks → paragraphs (hOCR `ocr_par`; ALTO has none, its blocks hold lines) →
/// lines → words, with pixel bounding boxes and word confidences.
public enum LayoutWriter {
    struct Box: Equatable {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        /// The box multiplied by `scale` (the page's pixels per pixel read), as every box
        /// reported is.
        func scaled(_ scale: Double) -> Box {
            func s(_ v: Int32) -> Int32 { Int32((Double(v) * scale).rounded()) }
            return scale == 1 ? self : Box(left: s(left), top: s(top), right: s(right), bottom: s(bottom))
        }
        var hocr: String { "bbox \(left) \(top) \(right) \(bottom)" }
        var alto: String { "HPOS=\"\(left)\" VPOS=\"\(top)\" WIDTH=\"\(right - left)\" HEIGHT=\"\(bottom - top)\"" }
    }

    static func pages(api: OpaquePointer, pageNumber: Int, width: Int, height: Int, ppi: Int, scale: Double = 1,
                      keep: ((Box) -> Bool)? = nil)
        -> (text: String, hocr: String, alto: String, textLayer: TextLayerPage, lines: [RecognisedLine]) {
        var walk = Walk(pageNumber: pageNumber, width: width, height: height, ppi: ppi)
        walk.add(api: api, scale: scale, keep: keep)
        return walk.finish()
    }

    /// The outputs of one page built block by block, from one recognition or from several
    /// of the same pixels (a page whose English blocks are read with one model and its Urdu
    /// blocks with another).
    struct Walk {
        struct Block {
            var top: Int32
            /// Which recognition (counted from 1) the block comes from.
            var recognition = 1
            var text = "", hocr = "", alto = ""
            var lines: [RecognisedLine] = []
        }
        let pageNumber: Int, width: Int, height: Int, ppi: Int
        var blocks: [Block] = []
        var layer: TextLayerPage.Builder
        var blockCount = 0, paraCount = 0, lineCount = 0, wordCount = 0
        /// How many recognitions the blocks come from: one keeps Tesseract's reading order
        /// (columns one after the other); blocks from several are put top to bottom.
        var recognitions = 0
        /// Blocks of the first recognition kept in its reading order, each later one put before
        /// the first block that lies below it (a line another reading found where the first passed
        /// over it), rather than all top to bottom.
        var insertsLater = false

        init(pageNumber: Int, width: Int, height: Int, ppi: Int) {
            self.pageNumber = pageNumber; self.width = width; self.height = height; self.ppi = ppi
            layer = TextLayerPage.Builder(width: width, height: height, ppi: ppi)
        }

        /// Adds the blocks of the engine's last recognition for which `keep` holds (given the
        /// block's box), all when nil, and of them the lines for which `keepLine` holds (given the
        /// line's box). `scale`: the page's pixels per pixel of the image the engine read (it
        /// read the page shrunk); every box and baseline is multiplied by it.
        mutating func add(api: OpaquePointer, scale: Double = 1, keep: ((Box) -> Bool)? = nil, keepLine: ((Box) -> Bool)? = nil) {
            recognitions += 1
            guard let results = TessBaseAPIGetIterator(api) else { return }
            defer { TessResultIteratorDelete(results) }
            let page = TessResultIteratorGetPageIterator(results)
            TessPageIteratorBegin(page)
            let p = pageNumber

            func box(_ level: TessPageIteratorLevel) -> Box {
                var b = Box()
                _ = TessPageIteratorBoundingBox(page, level, &b.left, &b.top, &b.right, &b.bottom)
                return b.scaled(scale)
            }
            func scaled(_ v: Int32) -> Int32 { Int32((Double(v) * scale).rounded()) }
            func baseline(_ level: TessPageIteratorLevel) -> (Int32, Int32, Int32, Int32)? {
                var x1: Int32 = 0, y1: Int32 = 0, x2: Int32 = 0, y2: Int32 = 0
                guard TessPageIteratorBaseline(page, level, &x1, &y1, &x2, &y2) != 0 else { return nil }
                return (scaled(x1), scaled(y1), scaled(x2), scaled(y2))
            }

            var current: Block?
            var skipping = false, skippingLine = false
            var paraOpen = false, lineOpen = false, paragraphsInBlock = 0
            var firstWordOfLine = true
            var rightToLeft = false   // the current paragraph's direction
            func closeLine() {
                guard lineOpen else { return }
                current?.text += "\n"
                current?.hocr += "     </span>\n"
                current?.alto += "\t\t\t\t\t</TextLine>\n"
                lineOpen = false
            }
            func closePara() {
                closeLine()
                guard paraOpen else { return }
                current?.hocr += "    </p>\n"
                paraOpen = false
            }
            func closeBlock() {
                closePara()
                guard var b = current else { return }
                b.hocr += "   </div>\n"
                b.alto += "\t\t\t\t</TextBlock>\n"
                blocks.append(b)
                current = nil
            }

            var started = false
            repeat {
                // Only line starts need the (costly, reading-order aware) block and paragraph
                // questions. A new block is kept or skipped as a whole.
                let lineStart = !started || TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
                if lineStart && (!started || TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0) {
                    closeBlock()
                    let b = box(RIL_BLOCK)
                    skipping = !(keep?(b) ?? true)
                    if !skipping {
                        blockCount += 1
                        current = Block(top: b.top, recognition: recognitions)
                        current!.hocr = "   <div class='ocr_carea' id='block_\(p)_\(blockCount)' title=\"\(b.hocr)\">\n"
                        current!.alto = "\t\t\t\t<TextBlock ID=\"block_\(blockCount)\" \(b.alto)>\n"
                        paragraphsInBlock = 0
                    }
                }
                started = true
                if skipping { continue }
                if lineStart, let keepLine {
                    skippingLine = !keepLine(box(RIL_TEXTLINE))
                    if skippingLine { closeLine() }
                }
                if skippingLine { continue }
                guard let raw = TessResultIteratorGetUTF8Text(results, RIL_WORD) else { continue }
                var word = String(cString: raw)
                TessDeleteText(raw)
                if word.isEmpty { continue }
                if lineStart || !lineOpen {
                    if !paraOpen || TessPageIteratorIsAtBeginningOf(page, RIL_PARA) != 0 {
                        closePara()
                        if paragraphsInBlock > 0 { current?.text += "\n" }  // a blank line between paragraphs
                        paragraphsInBlock += 1
                        paraCount += 1
                        let language = TessResultIteratorWordRecognitionLanguage(results).map { String(cString: $0) } ?? ""
                        // Right-to-left paragraphs (Urdu, from their first word's script) say so, as
                        // Tesseract's own hOCR renderer does, so that viewers lay them out right.
                        rightToLeft = LayoutWriter.isRightToLeft(word)
                        let direction = rightToLeft ? " dir='rtl'" : ""
                        current?.hocr += "    <p class='ocr_par' id='par_\(p)_\(paraCount)' lang='\(XML.escape(language))'\(direction) title=\"\(box(RIL_PARA).hocr)\">\n"
                        paraOpen = true
                    }
                    closeLine()
                    lineCount += 1
                    let b = box(RIL_TEXTLINE)
                    let (x1, y1, x2, y2) = baseline(RIL_TEXTLINE) ?? (0, 0, 0, 0)
                    var baselineText = ""
                    if x2 != x1 {
                        let slope = Double(y2 - y1) / Double(x2 - x1)
                        let offset = Double(y1) + slope * Double(b.left - x1) - Double(b.bottom)
                        baselineText = String(format: "; baseline %.3f %.0f", slope, offset)
                    }
                    var bold: Int32 = 0, italic: Int32 = 0, underlined: Int32 = 0, monospace: Int32 = 0, serif: Int32 = 0
                    var smallcaps: Int32 = 0, pointSize: Int32 = 0, fontID: Int32 = 0
                    _ = TessResultIteratorWordFontAttributes(results, &bold, &italic, &underlined, &monospace, &serif,
                                                             &smallcaps, &pointSize, &fontID)
                    layer.startLine(baseline: x2 != x1 || y2 != y1 ? (Double(x1), Double(y1), Double(x2), Double(y2)) : nil,
                                    pointSize: Int(pointSize))
                    current?.hocr += "     <span class='ocr_line' id='line_\(p)_\(lineCount)' title=\"\(b.hocr)\(baselineText)\">\n"
                    current?.alto += "\t\t\t\t\t<TextLine ID=\"line_\(lineCount)\" \(b.alto)>\n"
                    current?.lines.append(RecognisedLine(text: "", left: Int(b.left), top: Int(b.top), right: Int(b.right), bottom: Int(b.bottom)))
                    lineOpen = true
                    firstWordOfLine = true
                }
                if rightToLeft { word = LayoutWriter.numberInRightToLeft(word) }
                wordCount += 1
                let b = box(RIL_WORD)
                let confidence = max(0, min(100, TessResultIteratorConfidence(results, RIL_WORD)))
                let escaped = XML.escape(word)
                current?.text += firstWordOfLine ? word : " " + word
                if let n = current?.lines.count, n > 0 {
                    current!.lines[n - 1].text += firstWordOfLine ? word : " " + word
                    current!.lines[n - 1].confidences.append(Double(confidence))
                    current!.lines[n - 1].inDictionary.append(TessResultIteratorWordIsFromDictionary(results) != 0)
                }
                let w = baseline(RIL_WORD).flatMap { $0.0 != $0.2 || $0.1 != $0.3 ? $0 : nil }
                layer.add(word: word, box: b, wordBaseline: w.map { (Double($0.0), Double($0.1), Double($0.2), Double($0.3)) })
                current?.hocr += "      <span class='ocrx_word' id='word_\(p)_\(wordCount)' title='\(b.hocr); x_wconf \(Int(confidence.rounded()))'>\(escaped)</span>\n"
                if !firstWordOfLine { current?.alto += "\t\t\t\t\t\t<SP/>\n" }
                current?.alto += "\t\t\t\t\t\t<String ID=\"string_\(wordCount)\" \(b.alto) WC=\"\(String(format: "%.2f", confidence / 100))\" CONTENT=\"\(escaped)\"/>\n"
                firstWordOfLine = false
            } while TessResultIteratorNext(results, RIL_WORD) != 0
            closeBlock()
        }

        /// The page's text, hOCR and ALTO fragments, text layer and lines, blocks top to bottom.
        /// The plain text is as Tesseract's GetUTF8Text writes it: words joined by spaces, a line
        /// break after each line and a blank line between paragraphs.
        mutating func finish() -> (text: String, hocr: String, alto: String, textLayer: TextLayerPage, lines: [RecognisedLine]) {
            let p = pageNumber
            var ordered = blocks
            if insertsLater {
                ordered = blocks.filter { $0.recognition == 1 }
                for b in blocks where b.recognition > 1 {
                    ordered.insert(b, at: ordered.firstIndex { $0.top > b.top } ?? ordered.endIndex)
                }
            } else if recognitions > 1 {
                ordered = blocks.enumerated().sorted { ($0.element.top, $0.offset) < ($1.element.top, $1.offset) }.map(\.element)
            }
            let hocr = "  <div class='ocr_page' id='page_\(p)' title='bbox 0 0 \(width) \(height); ppageno \(p - 1); scan_res \(ppi) \(ppi)'>\n"
                + ordered.map(\.hocr).joined() + "  </div>\n"
            let alto = "\t\t<Page WIDTH=\"\(width)\" HEIGHT=\"\(height)\" PHYSICAL_IMG_NR=\"\(p - 1)\" ID=\"page_\(p - 1)\">\n"
                + "\t\t\t<PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"\(width)\" HEIGHT=\"\(height)\">\n"
                + ordered.map(\.alto).joined() + "\t\t\t</PrintSpace>\n\t\t</Page>\n"
            return (ordered.map(\.text).joined(separator: "\n"), hocr, alto, layer.finish(), ordered.flatMap(\.lines))
        }
    }
}

extension LayoutWriter {
    /// In a right-to-left paragraph Tesseract gives a number of hyphenated parts (a reference
    /// `300/13-10/2004`, a date `03-08-2015`) with its parts in reverse order
    /// (`10/2004-300/13`, `2015-08-03`), as if each part were a word of its own; `.` and `/`
    /// are kept in place. The parts are put back in the order they are printed.
    public static func numberInRightToLeft(_ word: String) -> String {
        guard word.contains("-"), word.first?.isNumber == true, word.last?.isNumber == true,
              word.allSatisfy({ $0.isASCII && ($0.isNumber || "/.-".contains($0)) }) else { return word }
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 1, !parts.contains(where: \.isEmpty) else { return word }
        return parts.reversed().joined(separator: "-")
    }

    /// Whether a word is written right to left: its first strong letter is Arabic or Hebrew script.
    static func isRightToLeft(_ word: String) -> Bool {
        for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
            let v = scalar.value
            return (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
        }
        return false
    }
}

/// A line as Tesseract read it: its words joined by spaces and its box in the recognised image.
extension RecognisedLine {
    /// Whether a page's lines look like one column its layout split in two along a river of
    /// lined-up spaces (a typewriter face, levelled): at least three lines each with another
    /// beside it, on the same height (half the lower one at least), a space or so away (more
    /// than nothing, under one and a half line heights). A number and a date on one line typed
    /// far apart, or two real columns, are further apart.
    public static func splitByARiver(_ lines: [RecognisedLine]) -> Bool {
        var split = 0
        for a in lines where !a.text.isEmpty {
            let height = a.bottom - a.top
            guard height > 0 else { continue }
            let beside = lines.contains { b in
                let overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
                let gap = b.left - a.right
                return !b.text.isEmpty && overlap * 2 >= min(height, b.bottom - b.top) && gap > 0
                    && Double(gap) < 1.5 * Double(min(height, b.bottom - b.top))
            }
            if beside { split += 1 }
        }
        return split >= 3
    }
}

public struct RecognisedLine: Sendable, Equatable {
    public var text: String
    public var left: Int, top: Int, right: Int, bottom: Int
    /// Each word's confidence, 0–100, in the order of the words in `text`.
    public var confidences: [Double] = []
    /// Whether the recogniser found each word in its model's dictionary (the word list inside
    /// the traineddata), in the same order.
    public var inDictionary: [Bool] = []

    public init(text: String, left: Int, top: Int, right: Int, bottom: Int, confidences: [Double] = [], inDictionary: [Bool] = []) {
        self.text = text; self.left = left; self.top = top; self.right = right; self.bottom = bottom
        self.confidences = confidences; self.inDictionary = inDictionary
    }

    /// The mean of its words' confidences; nil for a line without them.
    public var meanConfidence: Double? {
        confidences.isEmpty ? nil : confidences.reduce(0, +) / Double(confidences.count)
    }
}
