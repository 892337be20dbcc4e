import CTesseract
import Foundation

/// Text, hOCR, ALTO and the PDF text layer for the page last recognised, written in one walk
/// over Tesseract's result iterator. Tesseract's own hOCR, ALTO and PDF renderers each walk
/// every result again (the PDF one symbol by symbol) and cost 0.2 s apiece on a dense page;
/// this walk costs about as much as the plain text.
///
/// Structure: blocks → paragraphs (hOCR `ocr_par`; ALTO has none, its blocks hold lines) →
/// lines → words, with pixel bounding boxes and word confidences.
enum LayoutWriter {
    struct Box {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        var hocr: String { "bbox \(left) \(top) \(right) \(bottom)" }
        var alto: String { "HPOS=\"\(left)\" VPOS=\"\(top)\" WIDTH=\"\(right - left)\" HEIGHT=\"\(bottom - top)\"" }
    }

    static func pages(api: OpaquePointer, pageNumber: Int, width: Int, height: Int, ppi: Int)
        -> (text: String, hocr: String, alto: String, textLayer: TextLayerPage, lines: [RecognisedLine]) {
        let p = pageNumber
        var hocr = "  <div class='ocr_page' id='page_\(p)' title='bbox 0 0 \(width) \(height); ppageno \(p - 1); scan_res \(ppi) \(ppi)'>\n"
        var alto = "\t\t<Page WIDTH=\"\(width)\" HEIGHT=\"\(height)\" PHYSICAL_IMG_NR=\"\(p - 1)\" ID=\"page_\(p - 1)\">\n"
            + "\t\t\t<PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"\(width)\" HEIGHT=\"\(height)\">\n"
        // The plain text as Tesseract's GetUTF8Text writes it: words joined by spaces, a line
        // break after each line and a blank line between paragraphs.
        var text = ""
        var layer = TextLayerPage.Builder(width: width, height: height, ppi: ppi)
        var found: [RecognisedLine] = []
        guard let results = TessBaseAPIGetIterator(api) else {
            return ("", hocr + "  </div>\n", alto + "\t\t\t</PrintSpace>\n\t\t</Page>\n", layer.finish(), [])
        }
        defer { TessResultIteratorDelete(results) }
        let page = TessResultIteratorGetPageIterator(results)
        TessPageIteratorBegin(page)

        func box(_ level: TessPageIteratorLevel) -> Box {
            var b = Box()
            _ = TessPageIteratorBoundingBox(page, level, &b.left, &b.top, &b.right, &b.bottom)
            return b
        }

        var blockOpen = false, paraOpen = false, lineOpen = false
        var blocks = 0, paras = 0, lines = 0, words = 0
        var firstWordOfLine = true
        var rightToLeft = false   // the current paragraph's direction
        func closeLine() {
            guard lineOpen else { return }
            text += "\n"
            hocr += "     </span>\n"
            alto += "\t\t\t\t\t</TextLine>\n"
            lineOpen = false
        }
        func closePara() {
            closeLine()
            guard paraOpen else { return }
            hocr += "    </p>\n"
            paraOpen = false
        }
        func closeBlock() {
            closePara()
            guard blockOpen else { return }
            hocr += "   </div>\n"
            alto += "\t\t\t\t</TextBlock>\n"
            blockOpen = false
        }

        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(results, RIL_WORD) else { continue }
            var word = String(cString: raw)
            TessDeleteText(raw)
            if word.isEmpty { continue }
            // A new block or paragraph starts a new line: only line starts need the (costly,
            // reading-order aware) block and paragraph questions.
            let newLine = !lineOpen || TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0
            if newLine {
                if !blockOpen || TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 {
                    closeBlock()
                    blocks += 1
                    let b = box(RIL_BLOCK)
                    hocr += "   <div class='ocr_carea' id='block_\(p)_\(blocks)' title=\"\(b.hocr)\">\n"
                    alto += "\t\t\t\t<TextBlock ID=\"block_\(blocks)\" \(b.alto)>\n"
                    blockOpen = true
                }
                if !paraOpen || TessPageIteratorIsAtBeginningOf(page, RIL_PARA) != 0 {
                    closePara()
                    if paras > 0 { text += "\n" }  // a blank line between paragraphs, none after the last
                    paras += 1
                    let language = TessResultIteratorWordRecognitionLanguage(results).map { String(cString: $0) } ?? ""
                    // Right-to-left paragraphs (Urdu, from their first word's script) say so, as
                    // Tesseract's own hOCR renderer does, so that viewers lay them out right.
                    rightToLeft = Self.isRightToLeft(word)
                    let direction = rightToLeft ? " dir='rtl'" : ""
                    hocr += "    <p class='ocr_par' id='par_\(p)_\(paras)' lang='\(XML.escape(language))'\(direction) title=\"\(box(RIL_PARA).hocr)\">\n"
                    paraOpen = true
                }
                closeLine()
                lines += 1
                let b = box(RIL_TEXTLINE)
                var x1: Int32 = 0, y1: Int32 = 0, x2: Int32 = 0, y2: Int32 = 0
                var baseline = ""
                if TessPageIteratorBaseline(page, RIL_TEXTLINE, &x1, &y1, &x2, &y2) != 0, x2 != x1 {
                    let slope = Double(y2 - y1) / Double(x2 - x1)
                    let offset = Double(y1) + slope * Double(b.left - x1) - Double(b.bottom)
                    baseline = String(format: "; baseline %.3f %.0f", slope, offset)
                }
                var bold: Int32 = 0, italic: Int32 = 0, underlined: Int32 = 0, monospace: Int32 = 0, serif: Int32 = 0
                var smallcaps: Int32 = 0, pointSize: Int32 = 0, fontID: Int32 = 0
                _ = TessResultIteratorWordFontAttributes(results, &bold, &italic, &underlined, &monospace, &serif,
                                                         &smallcaps, &pointSize, &fontID)
                layer.startLine(baseline: x2 != x1 || y2 != y1 ? (Double(x1), Double(y1), Double(x2), Double(y2)) : nil,
                                pointSize: Int(pointSize))
                hocr += "     <span class='ocr_line' id='line_\(p)_\(lines)' title=\"\(b.hocr)\(baseline)\">\n"
                alto += "\t\t\t\t\t<TextLine ID=\"line_\(lines)\" \(b.alto)>\n"
                found.append(RecognisedLine(text: "", left: Int(b.left), top: Int(b.top), right: Int(b.right), bottom: Int(b.bottom)))
                lineOpen = true
                firstWordOfLine = true
            }
            if rightToLeft { word = Self.numberInRightToLeft(word) }
            words += 1
            let b = box(RIL_WORD)
            let confidence = max(0, min(100, TessResultIteratorConfidence(results, RIL_WORD)))
            let escaped = XML.escape(word)
            text += firstWordOfLine ? word : " " + word
            found[found.count - 1].text += firstWordOfLine ? word : " " + word
            found[found.count - 1].confidences.append(Double(confidence))
            var wx1: Int32 = 0, wy1: Int32 = 0, wx2: Int32 = 0, wy2: Int32 = 0
            let hasBaseline = TessPageIteratorBaseline(page, RIL_WORD, &wx1, &wy1, &wx2, &wy2) != 0 && (wx1 != wx2 || wy1 != wy2)
            layer.add(word: word, box: b, wordBaseline: hasBaseline ? (Double(wx1), Double(wy1), Double(wx2), Double(wy2)) : nil)
            hocr += "      <span class='ocrx_word' id='word_\(p)_\(words)' title='\(b.hocr); x_wconf \(Int(confidence.rounded()))'>\(escaped)</span>\n"
            if !firstWordOfLine { alto += "\t\t\t\t\t\t<SP/>\n" }
            alto += "\t\t\t\t\t\t<String ID=\"string_\(words)\" \(b.alto) WC=\"\(String(format: "%.2f", confidence / 100))\" CONTENT=\"\(escaped)\"/>\n"
            firstWordOfLine = false
        } while TessResultIteratorNext(results, RIL_WORD) != 0
        closeBlock()
        return (text, hocr + "  </div>\n", alto + "\t\t\t</PrintSpace>\n\t\t</Page>\n", layer.finish(), found)
    }
}

/// A line as Tesseract read it: its words joined by spaces and its box in the recognised image.
public struct RecognisedLine: Sendable, Equatable {
    public var text: String
    public var left: Int, top: Int, right: Int, bottom: Int
    /// Each word's confidence, 0–100, in the order of the words in `text`.
    public var confidences: [Double] = []
}

extension LayoutWriter {
    /// In a right-to-left paragraph Tesseract gives a number of hyphenated parts (a reference
    /// `300/13-10/2004`, a date `03-08-2015`) with its parts in reverse order
    /// (`10/2004-300/13`, `2015-08-03`), as if each part were a word of its own; `.` and `/`
    /// are kept in place. The parts are put back in the order they are printed.
    static func numberInRightToLeft(_ word: String) -> String {
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
