import DaftarPipeline
import Foundation

/// One finished document as the index holds it.
public struct IndexDocument: Codable, Sendable, Equatable {
    public struct Source: Codable, Sendable, Hashable { public var batch: String; public var name: String
        public init(batch: String, name: String) { self.batch = batch; self.name = name } }
    public struct Page: Codable, Sendable, Equatable {
        public var number: Int
        public var method: String
        public var confidence: Double?
        public var text: String
        /// The page's verdict (`good`, `doubtful`, `unreadable`) and why; nil for documents
        /// digitised before verdicts existed (counted as good).
        public var quality: String?
        public var reason: String?
        public init(number: Int, method: String, confidence: Double?, text: String, quality: String? = nil, reason: String? = nil) {
            self.number = number; self.method = method; self.confidence = confidence; self.text = text
            self.quality = quality; self.reason = reason
        }
    }
    /// The job id.
    public var id: Int64
    /// Order of completion: the export feed's cursor.
    public var seq: Int64
    public var sha256: String
    public var batch: String
    /// Folder of the outputs, relative to the data folder.
    public var output: String
    public var sources: [Source]
    public var meta: [String: String]
    public var languages: String
    public var mediaType: String?
    public var pageCount: Int
    public var finishedAt: Double
    public var pages: [Page]
    /// The record's own fields read from its first page (`type`, `number`, `date`, `subject`,
    /// `office`; absent ones left out).
    public var fields: [String: String]

    public init(id: Int64, seq: Int64, sha256: String, batch: String, output: String, sources: [Source], meta: [String: String],
                languages: String, mediaType: String?, pageCount: Int, finishedAt: Double, pages: [Page], fields: [String: String] = [:]) {
        self.id = id; self.seq = seq; self.sha256 = sha256; self.batch = batch; self.output = output; self.sources = sources
        self.meta = meta; self.languages = languages; self.mediaType = mediaType; self.pageCount = pageCount
        self.finishedAt = finishedAt; self.pages = pages; self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case id, seq, sha256, batch, output, sources, meta, languages, mediaType, pageCount, finishedAt, pages, fields
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id); seq = try c.decode(Int64.self, forKey: .seq)
        sha256 = try c.decode(String.self, forKey: .sha256); batch = try c.decode(String.self, forKey: .batch)
        output = try c.decode(String.self, forKey: .output); sources = try c.decode([Source].self, forKey: .sources)
        meta = try c.decode([String: String].self, forKey: .meta); languages = try c.decode(String.self, forKey: .languages)
        mediaType = try c.decodeIfPresent(String.self, forKey: .mediaType); pageCount = try c.decode(Int.self, forKey: .pageCount)
        finishedAt = try c.decode(Double.self, forKey: .finishedAt); pages = try c.decode([Page].self, forKey: .pages)
        fields = try c.decodeIfPresent([String: String].self, forKey: .fields) ?? [:]
    }

    /// The fields as the index stores them: JSON, keys sorted.
    var fieldsJSON: String {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]
        return (try? e.encode(fields)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads the pages from a finished output folder (`document.json` and `text.txt`).
    public static func pages(outputFolder: String) throws -> (record: DocumentRecord, pages: [Page]) {
        let record = try JSONDecoder().decode(DocumentRecord.self, from: Data(contentsOf: URL(fileURLWithPath: outputFolder + "/document.json")))
        let text = (try? String(contentsOfFile: outputFolder + "/text.txt", encoding: .utf8)) ?? ""
        let texts = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        let pages = record.pages.map { p -> Page in
            Page(number: p.number, method: p.method.rawValue, confidence: p.confidence,
                 text: p.number - 1 < texts.count ? texts[p.number - 1] : "",
                 quality: p.quality?.verdict.rawValue, reason: p.quality?.reason)
        }
        return (record, pages)
    }
}

public struct SearchQuery: Sendable {
    public var text: String
    public var batch: String?
    public var meta: [String: String]
    public var limit: Int
    /// At most this many matching pages are ranked: the newest ones, when a query matches
    /// more (a query that matches half the archive costs the same as one that matches a few
    /// thousand pages). `nil` ranks every match.
    public var candidates: Int?
    /// Only pages with this verdict (`good`, `doubtful`, `unreadable`).
    public var quality: String?
    /// Only documents whose batch name starts with this (an API token's scope).
    public var batchPrefix: String?
    /// Only documents of this type (`notification`, `letter`, …), with this reference number,
    /// dated within these days (ISO 8601, both ends included): the record's own fields.
    public var type: String?
    public var number: String?
    public var dateFrom: String?
    public var dateTo: String?
    var filtersFields: Bool { type != nil || number != nil || dateFrom != nil || dateTo != nil }
    /// No words, only the record's own fields: documents are listed by them, newest first.
    public var isFieldsOnly: Bool { text.trimmingCharacters(in: .whitespaces).isEmpty && filtersFields }
    /// Whether `text` is a day as the date filters take it: YYYY-MM-DD.
    public static func isDay(_ text: String) -> Bool {
        text.utf8.count == 10 && FieldReader.parseDate([text]) == text
    }
    public static let defaultCandidates = 2_000
    /// The most hits one answer holds, and the most candidates a query may ask to rank (each
    /// costs memory while ranked): larger values are lowered to these, smaller than 1 raised to 1.
    public static let maximumLimit = 1_000
    public static let maximumCandidates = 100_000
    public init(text: String, batch: String? = nil, meta: [String: String] = [:], limit: Int = 20,
                candidates: Int? = SearchQuery.defaultCandidates, quality: String? = nil) {
        self.text = text; self.batch = batch; self.meta = meta; self.quality = quality
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.candidates = candidates.map { min(max($0, 1), Self.maximumCandidates) }
    }
}

public struct SearchResults: Sendable {
    /// Best first.
    public var hits: [SearchHit]
    /// How many matching pages were ranked; nil when the query asked to rank every match
    /// (their number is then not counted).
    public var ranked: Int?
    /// True when the query matches more pages than were ranked (`SearchQuery.candidates`):
    /// the hits are the best of the newest `ranked` matches.
    public var moreMatches: Bool
    public init(hits: [SearchHit], ranked: Int?, moreMatches: Bool) {
        self.hits = hits; self.ranked = ranked; self.moreMatches = moreMatches
    }
}

public struct SearchHit: Codable, Sendable, Equatable {
    public var document: Int64
    public var sha256: String
    public var batch: String
    public var name: String
    public var page: Int
    public var method: String
    /// Higher is better (BM25 on SQLite, ts_rank_cd on PostgreSQL).
    public var score: Double
    /// Text around the match, each match between `«` and `»`.
    public var snippet: String
    public var meta: [String: String]
    /// The document's own fields (see `IndexDocument.fields`).
    public var fields: [String: String] = [:]
}

extension Dictionary where Key == String, Value == String {
    static func fromJSON(_ text: String?) -> [String: String] {
        guard let text else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}

/// Where finished documents are indexed and searched. SQLite (FTS5) is the default; the same
/// interface on PostgreSQL (tsvector, GIN) serves sites that outgrow one machine.
public protocol DocumentIndex: AnyObject {
    /// Adds or replaces documents (by id): idempotent, so re-indexing is always safe.
    func upsert(_ documents: [IndexDocument]) throws
    func search(_ query: SearchQuery) throws -> SearchResults
    /// Documents with `seq` above the cursor, in `seq` order (the export feed).
    func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument]
    func removeAll() throws
    func counts() throws -> (documents: Int, pages: Int)
    /// Pages by verdict (pages without one count as good).
    func verdictCounts() throws -> [String: Int]
    /// Pages judged doubtful or unreadable, newest documents first, for the records room.
    func review(batch: String?, limit: Int) throws -> [ReviewPage]
}

/// A page whose text cannot be trusted: what a clerk needs to find it and scan it again.
public struct ReviewPage: Codable, Sendable, Equatable {
    public var document: Int64
    public var sha256: String
    public var batch: String
    /// The document's source names (every name it was submitted under).
    public var sources: [String]
    public var page: Int
    public var verdict: String
    public var reason: String?
    /// The document's metadata (its batch's, as submitted).
    public var meta: [String: String]
    public init(document: Int64, sha256: String, batch: String, sources: [String], page: Int, verdict: String, reason: String?,
                meta: [String: String] = [:]) {
        self.document = document; self.sha256 = sha256; self.batch = batch; self.sources = sources
        self.page = page; self.verdict = verdict; self.reason = reason; self.meta = meta
    }
}

public enum Verdicts {
    public static let all = ["good", "doubtful", "unreadable"]
    public static let flagged = ["doubtful", "unreadable"]
}

/// `daftar search --json` and `GET /api/v1/search`: `{query, results, ranked, moreMatches}`.
public struct SearchOutput: Encodable, Sendable {
    public var query: String
    public var results: [SearchHit]
    public var ranked: Int?
    public var moreMatches: Bool
    public init(query: String, _ found: SearchResults) {
        self.query = query; results = found.hits; ranked = found.ranked; moreMatches = found.moreMatches
    }
}

public enum SnippetMarks {
    public static let open = "«", close = "»"

    /// A snippet as SQLite cuts it (matches between U+0002 and U+0003) with « and » and on
    /// one line; replaced scalar by scalar, since a mark may sit before a combining mark
    /// (one grapheme with it, which String replacement would not see).
    static func marked(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for s in raw.unicodeScalars {
            switch s {
            case "\u{2}": out.append(contentsOf: open.unicodeScalars)
            case "\u{3}": out.append(contentsOf: close.unicodeScalars)
            case "\n": out.append(" ")
            default: out.append(s)
            }
        }
        return String(out)
    }
}

/// Opens the index named by a URL-ish string: `postgresql://…` or a SQLite file path.
public enum IndexLocation {
    public static func open(_ location: String) throws -> DocumentIndex {
        if location.hasPrefix("postgresql://") || location.hasPrefix("postgres://") {
            return try PostgresIndex(url: location)
        }
        return try SQLiteIndex(path: location)
    }
}
