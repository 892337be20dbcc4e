import Foundation

/// The invisible text of one recognised page, as a PDF content stream in the page's own
/// space: points, origin at the bottom left, `width`×`height` (the recognised pixels at their
/// resolution). Each word is set on its line's baseline in `TextLayerPage.fontName`, a font
/// with one blank glyph for every character (Tesseract's GlyphLessFont, `pdf.ttf`), stretched
/// (Tz) to the word's width, so a viewer selects and searches the words where the scan shows
/// them. Character codes are the text's UTF-16 code units (Identity-H, with an identity
/// ToUnicode map); words of Arabic script are set right to left. A space ends every word but
/// the last of its line, so text extraction needs no guessing at gaps.
public struct TextLayerPage: Sendable {
    public var content: [UInt8]
    public var width: Double
    public var height: Double

    /// The font resource name the content uses.
    public static let fontName = "/GlyphLess"
    /// Advance of every glyph, in thousandths of the font size.
    public static let glyphWidth = 500.0

    struct Builder {
        let pageHeight: Double, scale: Double, width: Double
        var content = "BT\n3 Tr\n"
        var linePointSize = 8.0
        var baseline: (x1: Double, y1: Double, x2: Double, y2: Double)?
        var fontSize = 0.0
        /// The word waiting to learn whether another follows it on its line.
        var pending: (matrix: String, fontSize: Double, length: Double, units: [UInt16], rightToLeft: Bool)?

        init(width: Int, height: Int, ppi: Int) {
            pageHeight = Double(height)
            scale = 72 / Double(max(ppi, 1))
            self.width = Double(width)
        }

        /// `baseline`: the line's, as Tesseract reports it (pixels, in the direction the line
        /// runs, which is sideways on a page read as vertical lines); `pointSize`: the line's
        /// height in points (Tesseract's row height).
        mutating func startLine(baseline: (Double, Double, Double, Double)?, pointSize: Int) {
            flush(space: false)
            self.baseline = baseline
            fontSize = 0
            linePointSize = Double(pointSize > 0 ? pointSize : 8)
        }

        /// `wordBaseline`: the word's baseline ends (pixels), nil when Tesseract has none; the
        /// box's bottom edge stands in.
        mutating func add(word: String, box: LayoutWriter.Box, wordBaseline: (Double, Double, Double, Double)?) {
            flush(space: true)
            let rightToLeft = word.unicodeScalars.contains { Self.isArabicScript($0) }
            var (x1, y1, x2, y2) = wordBaseline ?? (Double(box.left), Double(box.bottom), Double(box.right), Double(box.bottom))
            if rightToLeft { swap(&x1, &x2); swap(&y1, &y2) }
            // The word's start projected onto the line's baseline, and the line's direction.
            var angle = 0.0
            if let l = baseline {
                let dx = l.x2 - l.x1, dy = l.y2 - l.y1, l2 = dx * dx + dy * dy
                if l2 > 0 {
                    let t = ((x1 - l.x1) * dx + (y1 - l.y1) * dy) / l2
                    (x1, y1) = (l.x1 + t * dx, l.y1 + t * dy)
                    // Tilts under 2 points end to end are set level: viewers select level text
                    // more reliably, and the page was deskewed already.
                    if abs(dy) * scale >= 2 || abs(dx) * scale < 2 { angle = atan2(-dy, dx) }
                }
            }
            let length = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot() * scale
            let x = x1 * scale, y = (pageHeight - y1) * scale
            let c = cos(angle), s = sin(angle)
            let matrix = rightToLeft
                ? "\(n(-c)) \(n(-s)) \(n(-s)) \(n(c)) \(n(x)) \(n(y)) Tm"
                : "\(n(c)) \(n(s)) \(n(-s)) \(n(c)) \(n(x)) \(n(y)) Tm"
            pending = (matrix, linePointSize, length, Array(word.utf16), rightToLeft)
        }

        mutating func flush(space: Bool) {
            guard var p = pending else { return }
            pending = nil
            if space && !p.rightToLeft { p.units.append(0x20) }
            guard !p.units.isEmpty, p.length > 0 else { return }
            if abs(p.fontSize - fontSize) >= 0.05 {
                fontSize = p.fontSize
                content += "\(TextLayerPage.fontName) \(n(fontSize)) Tf\n"
            }
            let stretch = 100 * p.length / (p.fontSize * TextLayerPage.glyphWidth / 1000 * Double(p.units.count))
            content += p.matrix + " \(n(stretch)) Tz <"
            for u in p.units { Self.hex(u, into: &content) }
            content += "> Tj\n"
        }

        mutating func finish() -> TextLayerPage {
            flush(space: false)
            content += "ET\n"
            return TextLayerPage(content: Array(content.utf8), width: width * scale, height: pageHeight * scale)
        }

        static func hex(_ u: UInt16, into s: inout String) {
            let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
            s.append(digits[Int(u >> 12)]); s.append(digits[Int((u >> 8) & 15)])
            s.append(digits[Int((u >> 4) & 15)]); s.append(digits[Int(u & 15)])
        }

        static func isArabicScript(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return true
            default: return false
            }
        }

        /// A number as PDF content writes it: up to 3 decimals, no exponent.
        func n(_ v: Double) -> String {
            let r = (v * 1000).rounded() / 1000
            if r == r.rounded() { return String(Int(r)) }
            return String(format: "%.3f", r)
        }
    }
}
