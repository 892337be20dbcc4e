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

        public var reason: String? {
            switch self {
            case .usable: return nil
            case .none: return "no-text"
            case .garbage: return "garbage-text"
            case .imageWithLittleText: return "image-with-little-text"
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
        return .usable
    }
}
