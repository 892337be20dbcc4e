import Foundation

/// Character error rate: edit distance between recognised and reference text, divided by
/// the reference's length, after normalising what does not matter for reading (runs of
/// whitespace, typographic quotes and dashes, compatibility forms).
public enum CharacterErrorRate {
    public static func normalise(_ text: String) -> [Unicode.Scalar] {
        let replaced = text.precomposedStringWithCompatibilityMapping
            .replacingOccurrences(of: "\u{2018}", with: "'").replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2013}", with: "-").replacingOccurrences(of: "\u{2014}", with: "-")
        var out: [Unicode.Scalar] = []
        var space = false
        for s in replaced.unicodeScalars {
            if s.properties.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(s)
        }
        return out
    }

    /// Errors per reference character (0 is perfect; can exceed 1 for very wrong output).
    public static func of(_ recognised: String, reference: String) -> Double {
        let a = normalise(recognised), b = normalise(reference)
        guard !b.isEmpty else { return a.isEmpty ? 0 : 1 }
        return Double(distance(a, b)) / Double(b.count)
    }

    /// Levenshtein distance, two rows of memory.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            let ai = a[i - 1]
            for j in 1...b.count {
                let cost = ai == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
