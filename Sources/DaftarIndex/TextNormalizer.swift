/// Folds the spellings that users type interchangeably onto one, for indexing and for
/// queries alike, so that either spelling finds the other:
///
/// - Urdu/Arabic letter variants: Arabic yeh ي and alef maksura ى → Farsi yeh ی; Arabic kaf
///   ك → keheh ک; heh ه, heh doachashmee ھ, heh goal with hamza ۂ and teh marbuta goal ۀ →
///   heh goal ہ; yeh barree with hamza ۓ → ے; alef with madda or hamza آ أ إ → ا.
/// - Arabic-script diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic
///   marks) and tatweel are removed; zero-width joiners and non-joiners too.
/// - Arabic-Indic and Extended (Urdu) digits → ASCII digits.
///
/// Latin text passes unchanged (SQLite's tokenizer folds its case and accents).
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        // Everything folded is in U+0600–U+06FF (UTF-8 lead bytes D8–DB) or is U+200C/U+200D
        // (lead byte E2): text without those bytes, such as English pages, is returned as is.
        guard text.utf8.contains(where: { (0xD8...0xDB).contains($0) || $0 == 0xE2 }) else { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s.value {
            case 0x064A, 0x0649: out.append("\u{06CC}")
            case 0x0643: out.append("\u{06A9}")
            case 0x0647, 0x06BE, 0x06C2, 0x06C0: out.append("\u{06C1}")
            case 0x06D3: out.append("\u{06D2}")
            case 0x0622, 0x0623, 0x0625: out.append("\u{0627}")
            case 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640, 0x200C, 0x200D:
                continue
            case 0x0660...0x0669: out.append(Unicode.Scalar(s.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: out.append(Unicode.Scalar(s.value - 0x06F0 + 0x30)!)
            default: out.append(s)
            }
        }
        return String(out)
    }
}

/// Turns what a person types into an FTS query that cannot be a syntax error:
/// words (ANDed), "quoted phrases", prefix* words, AND / OR / NOT, and parentheses. Every
/// word and phrase is normalised (see `TextNormalizer`) and quoted, so punctuation in it is
/// harmless. The result is valid for SQLite FTS5; `PostgresIndex` maps the same tree.
public indirect enum SearchExpression: Equatable, Sendable {
    case term(String, prefix: Bool)
    case phrase([String])
    case and(SearchExpression, SearchExpression)
    case or(SearchExpression, SearchExpression)
    case not(SearchExpression, SearchExpression)

    public struct Invalid: Error, CustomStringConvertible { public var description: String }

    enum Token: Equatable { case word(String, Bool), phrase([String]), and, or, not, open, close }

    /// Splits text into the words the index sees (letters, marks and digits).
    public static func words(_ text: String) -> [String] {
        var words: [String] = [], current = String.UnicodeScalarView()
        for s in TextNormalizer.normalize(text).unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark {
                current.append(s)
            } else if !current.isEmpty {
                words.append(String(current)); current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    static func tokens(_ query: String) throws -> [Token] {
        var out: [Token] = []
        var i = query.startIndex
        while i < query.endIndex {
            let c = query[i]
            if c == "\"" {
                guard let end = query[query.index(after: i)...].firstIndex(of: "\"") else {
                    throw Invalid(description: "a quote is not closed")
                }
                let w = words(String(query[query.index(after: i)..<end]))
                if !w.isEmpty { out.append(.phrase(w)) }
                i = query.index(after: end)
            } else if c == "(" { out.append(.open); i = query.index(after: i) }
            else if c == ")" { out.append(.close); i = query.index(after: i) }
            else if c.isWhitespace { i = query.index(after: i) }
            else {
                var end = i
                while end < query.endIndex, !query[end].isWhitespace, !"()\"".contains(query[end]) { end = query.index(after: end) }
                let raw = String(query[i..<end])
                i = end
                switch raw {
                case "AND": out.append(.and)
                case "OR": out.append(.or)
                case "NOT": out.append(.not)
                default:
                    let prefix = raw.hasSuffix("*")
                    let w = words(raw)
                    if w.count == 1 { out.append(.word(w[0], prefix)) }
                    else if w.count > 1 { out.append(.phrase(w)) }   // e.g. 12/3 or e-office
                }
            }
        }
        return out
    }

    /// Limits on what a query may ask, so that no query costs more than a page of work: its
    /// length in bytes, how deep its parentheses nest (the parser recurses once per level),
    /// and its words and phrases (FTS5's own parser overflows near a hundred).
    public static let maximumQueryBytes = 2_000
    public static let maximumNesting = 16
    public static let maximumWords = 32

    /// Parses with NOT binding tighter than AND, AND tighter than OR; adjacent terms are ANDed.
    public static func parse(_ query: String) throws -> SearchExpression {
        guard query.utf8.count <= maximumQueryBytes else {
            throw Invalid(description: "the query is longer than \(maximumQueryBytes) bytes")
        }
        let all = try tokens(query)
        var depth = 0, words = 0
        for token in all {
            switch token {
            case .open:
                depth += 1
                if depth > maximumNesting { throw Invalid(description: "parentheses nest deeper than \(maximumNesting) levels") }
            case .close: depth = max(0, depth - 1)
            case .word, .phrase:
                words += 1
                if words > maximumWords { throw Invalid(description: "more than \(maximumWords) words or phrases") }
            default: break
            }
        }
        var tokens = all[...]
        guard !tokens.isEmpty else { throw Invalid(description: "nothing to search for") }
        let e = try parseOr(&tokens)
        guard tokens.isEmpty else { throw Invalid(description: "unexpected ) or operator") }
        return e
    }

    static func parseOr(_ t: inout ArraySlice<Token>) throws -> SearchExpression {
        var left = try parseAnd(&t)
        while t.first == .or { t.removeFirst(); left = .or(left, try parseAnd(&t)) }
        return left
    }

    static func parseAnd(_ t: inout ArraySlice<Token>) throws -> SearchExpression {
        var left = try parseNot(&t)
        while let next = t.first, next != .or, next != .close {
            if next == .and { t.removeFirst() }
            if t.first == .not {
                t.removeFirst()
                left = .not(left, try parsePrimary(&t))
            } else {
                left = .and(left, try parseNot(&t))
            }
        }
        return left
    }

    static func parseNot(_ t: inout ArraySlice<Token>) throws -> SearchExpression {
        let left = try parsePrimary(&t)
        return left
    }

    static func parsePrimary(_ t: inout ArraySlice<Token>) throws -> SearchExpression {
        guard let first = t.first else { throw Invalid(description: "the query ends with an operator") }
        t.removeFirst()
        switch first {
        case .word(let w, let p): return .term(w, prefix: p)
        case .phrase(let w): return .phrase(w)
        case .open:
            let e = try parseOr(&t)
            guard t.first == .close else { throw Invalid(description: "a ( is not closed") }
            t.removeFirst()
            return e
        case .not: throw Invalid(description: "NOT needs something before it (e.g. tax NOT income)")
        default: throw Invalid(description: "an operator is missing a word")
        }
    }

    /// The FTS5 query text.
    /// The expression's words, phrases and prefixes in the order FTS5 numbers them (left to
    /// right), each marked when it sits on the right of a NOT (it never matches a result).
    public var leaves: [(leaf: SearchExpression, negated: Bool)] {
        func walk(_ e: SearchExpression, _ negated: Bool, _ out: inout [(leaf: SearchExpression, negated: Bool)]) {
            switch e {
            case .term, .phrase: out.append((e, negated))
            case .and(let a, let b), .or(let a, let b): walk(a, negated, &out); walk(b, negated, &out)
            case .not(let a, let b): walk(a, negated, &out); walk(b, true, &out)
            }
        }
        var out: [(leaf: SearchExpression, negated: Bool)] = []
        walk(self, false, &out)
        return out
    }

    public var fts5: String {
        func quote(_ w: String) -> String { "\"" + w.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch self {
        case .term(let w, let p): return quote(w) + (p ? "*" : "")
        case .phrase(let ws): return quote(ws.joined(separator: " "))
        case .and(let a, let b): return "(\(a.fts5) AND \(b.fts5))"
        case .or(let a, let b): return "(\(a.fts5) OR \(b.fts5))"
        case .not(let a, let b): return "(\(a.fts5) NOT \(b.fts5))"
        }
    }
}


/// Snippets cut in Swift from a page's text as read, for indexes whose own snippet function
/// sees only the folded text (PostgreSQL's `ts_headline`, FTS5's `snippet()`): the words around
/// the first word the query matches, every matching word between « and », in the page's own
/// spelling. A word matches when its folded form (`SearchExpression.words`, lower-cased)
/// equals a term of the query, or starts with a prefix term.
public enum SnippetCutter {
    public static func snippet(_ text: String, query: SearchExpression, words: Int = 16) -> String {
        var terms = Set<String>(), prefixes: [String] = []
        for (leaf, negated) in query.leaves where !negated {
            switch leaf {
            case .term(let w, let prefix): if prefix { prefixes.append(w.lowercased()) } else { terms.insert(w.lowercased()) }
            case .phrase(let ws): for w in ws { terms.insert(w.lowercased()) }
            default: break
            }
        }
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        func matches(_ token: String) -> Bool {
            SearchExpression.words(token).contains { w in
                let l = w.lowercased()
                return terms.contains(l) || prefixes.contains { l.hasPrefix($0) }
            }
        }
        let first = tokens.firstIndex(where: matches) ?? 0
        let start = max(0, first - words / 4), end = min(tokens.count, start + words)
        guard start < end else { return "" }
        var out = start > 0 ? "…" : ""
        out += tokens[start..<end].map { matches($0) ? SnippetMarks.open + $0 + SnippetMarks.close : $0 }.joined(separator: " ")
        if end < tokens.count { out += "…" }
        return out
    }
}
