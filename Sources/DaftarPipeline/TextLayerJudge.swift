/// Decides whether a PDF page's own text layer can be trusted, or the page must be OCR'd.
public enum TextLayerJudge {
    public enum Verdict: Equatable, Sendable {
        case usable
        /// No text, or only a few stray characters.
        case none
        /// Glyphs without a Unicode mapping: control characters, replacement characters,
        /// private-use code points, or hardly any letters.
        case garbage
        /// A scan with a stamp or footer of real text: most of the page is image.
        case imageWithLittleText
        /// Right-to-left words broken into letters and pieces (Nastaliq set by a PDF maker
        /// that maps glyph clusters, not words, to text): unsearchable as it stands.
        case splitWords

        public var reason: String? {
            switch self {
            case .usable: return nil
            case .none: return "no-text"
            case .garbage: return "garbage-text"
            case .imageWithLittleText: return "image-with-little-text"
            case .splitWords: return "split-words"
            }
        }
    }

    /// Fewer visible characters than this is "no text".
    public static let minimumCharacters = 4
    /// More than this share of unmapped or control characters is garbage.
    public static let maximumBadShare = 0.10
    /// Fewer letters and digits than this share is garbage (symbol soup).
    public static let minimumLetterShare = 0.40
    /// A page mostly covered by images with fewer characters than this is a scan to OCR.
    public static let imagePageCoverage = 0.5
    public static let imagePageCharacters = 200

    /// Characters that typeset pages repeat as leaders and rules: dot leaders in a table of
    /// contents, rules of underscores or dashes, form lines. A run of at least
    /// `minimumLeaderRun` of one of them (spaces between allowed) is layout, not text: it is
    /// left out before the page's letters are counted.
    public static let leaderCharacters: Set<Unicode.Scalar> = [".", "_", "-", "\u{2013}", "\u{2014}", "\u{00B7}", "\u{2026}",
                                                               "=", "*", "~", "\u{2022}", "\u{2500}", "\u{2012}", "\u{2015}"]
    public static let minimumLeaderRun = 3

    /// `text` without its leader runs.
    static func withoutLeaders(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var run: [Unicode.Scalar] = [], runChar: Unicode.Scalar?, runCount = 0
        func flush() {
            if runCount < minimumLeaderRun { out += run }
            run = []; runChar = nil; runCount = 0
        }
        for s in text.unicodeScalars {
            if leaderCharacters.contains(s) && (runChar == nil || runChar == s) {
                runChar = s; runCount += 1; run.append(s)
            } else if s == " " && runChar != nil {
                run.append(s)
            } else {
                flush()
                if leaderCharacters.contains(s) { runChar = s; runCount = 1; run.append(s) } else { out.append(s) }
            }
        }
        flush()
        return out
    }

    public static func judge(text: String, imageCoverage: Double) -> Verdict {
        var visible = 0, bad = 0, letters = 0
        for s in withoutLeaders(text) {
            if s.properties.isWhitespace { continue }
            visible += 1
            let v = s.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v)
            let privateUse = (0xE000...0xF8FF).contains(v) || v >= 0xF0000
            let replacement = v == 0xFFFD || v == 0xFFFF || v == 0xFFFE
            let unassigned = s.properties.generalCategory == .unassigned
            if control || privateUse || replacement || unassigned { bad += 1; continue }
            if s.properties.isAlphabetic || s.properties.numericType != nil { letters += 1 }
        }
        if visible < minimumCharacters { return bad > 0 ? .garbage : .none }
        if Double(bad) / Double(visible) > maximumBadShare { return .garbage }
        if Double(letters) / Double(visible) < minimumLetterShare { return .garbage }
        if imageCoverage >= imagePageCoverage && visible < imagePageCharacters { return .imageWithLittleText }
        if splitShare(text) > maximumSplitShare { return .splitWords }
        return .usable
    }

    /// Urdu has hardly any words of one letter (و, ء): more than this share of one-letter
    /// words among a page's Arabic-script words means its words were split.
    public static let maximumSplitShare = 0.15
    /// Fewer Arabic-script words than this are not judged for splitting.
    static let minimumArabicWords = 12

    /// The share of the page's Arabic-script words that are one letter long.
    public static func splitShare(_ text: String) -> Double {
        var words = 0, single = 0
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic && (0x0600...0x06FF).contains($0.value) }.count
            guard letters > 0 else { continue }
            words += 1
            if letters == 1 { single += 1 }
        }
        return words < minimumArabicWords ? 0 : Double(single) / Double(words)
    }

    /// A text layer without bidirectional embedding controls (U+202A–U+202E, U+2066–U+2069),
    /// which PDF text extraction puts around right-to-left runs: the text is stored in logical
    /// order, where they only get in the way of search.
    public static func withoutBidiControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isBidiControl($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars where !isBidiControl(s) { out.append(s) }
        return String(out)
    }

    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }
}
