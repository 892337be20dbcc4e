import ArgumentParser
import DaftarClient
import DaftarIndex
import DaftarPool
import Foundation

/// `--meta KEY=VALUE …` as submit, watch and search take it: the key must not be empty, the
/// value may be; the first `=` separates them (a value may hold more).
enum MetaArguments {
    static func parse(_ items: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw ValidationError("--meta takes KEY=VALUE (got '\(item)')")
            }
            out[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        return out
    }
}

/// Where search, export and index find the broker's data folder and its index.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The broker's data folder (default: $DAFTAR_DATA).")
    var data: String?

    @Option(name: .long, help: "The index: a postgresql:// URL (default: SQLite at DATA/index.sqlite).")
    var index: String?

    var dataDirectory: String {
        get throws {
            guard let d = data ?? ProcessInfo.processInfo.environment["DAFTAR_DATA"] else {
                throw ValidationError("give --data DIR (the folder of `daftar serve --data`) or set DAFTAR_DATA")
            }
            let path = URL(fileURLWithPath: d).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: path + "/journal.sqlite") else {
                throw ValidationError("\(path) is not a Daftar data folder (no journal.sqlite)")
            }
            return path
        }
    }

    func openIndex() throws -> DocumentIndex {
        try IndexLocation.open(index ?? (try dataDirectory) + "/index.sqlite")
    }
}

/// Where search and export reach the archive from another machine: the HTTP API.
struct RemoteOptions: ParsableArguments {
    @Option(name: .long, help: "Daftar's HTTP API, e.g. http://HOST:8080 (default: $DAFTAR_URL); instead of --data, from any machine.")
    var url: String?
    @Option(name: .long, help: "An API token with the read role (default: $DAFTAR_TOKEN).")
    var token: String?

    /// The API client when a URL is given (by option, or by DAFTAR_URL when no --data is).
    func client(unless location: DataOptions) throws -> ArchiveClient? {
        let env = ProcessInfo.processInfo.environment
        guard let url = url ?? (location.data == nil && location.index == nil ? env["DAFTAR_URL"] : nil) else { return nil }
        guard location.data == nil, location.index == nil else { throw ValidationError("give --url or --data/--index, not both") }
        do {
            return try ArchiveClient(url: url, token: token ?? env["DAFTAR_TOKEN"] ?? "")
        } catch let e as ArchiveClient.Failure {
            throw ValidationError(e.description)
        }
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the text of finished documents.",
        discussion: """
            Words are ANDed; "quoted phrases", prefix* words, AND, OR, NOT and parentheses work. Urdu letter \
            variants (ي/ی, ك/ک, ه/ہ/ھ) and diacritics do not stop a match. Results are ranked (BM25 on \
            SQLite); each names the document, the page and a snippet with the match between « and ». \
            A query that matches more than --candidates pages is ranked among the newest of them (it says \
            so); --rank-all ranks every match, at a cost that grows with their number.
            """)
    @Argument(help: "The query (may be empty, \"\", with --type, --number or a date range: documents by their own fields).") var query: String
    @Option(name: .long) var batch: String?
    @Option(name: .long, parsing: .upToNextOption, help: "KEY=VALUE metadata the document must have.") var meta: [String] = []
    @Option(name: .long) var limit = 20
    @Option(name: .long, help: "Rank at most this many matching pages, the newest.") var candidates = SearchQuery.defaultCandidates
    @Flag(name: .long, help: "Rank every matching page.") var rankAll = false
    @Option(name: .long, help: "Only pages with this verdict: good, doubtful or unreadable.") var quality: String?
    @Option(name: .long, help: "Only documents of this type, as read from the page: notification, office-order, memorandum, letter, summary, minutes, circular, corrigendum.") var type: String?
    @Option(name: .long, help: "Only the document with this reference number, as read from the page (No. …).") var number: String?
    @Option(name: .long, help: "Only documents dated on or after this day (YYYY-MM-DD), by the date line on the page.") var dateFrom: String?
    @Option(name: .long, help: "Only documents dated on or before this day (YYYY-MM-DD).") var dateTo: String?
    @Flag(name: .long, help: "An object with a `results` array.") var json = false
    @OptionGroup var location: DataOptions
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if let quality, !Verdicts.all.contains(quality) { throw ValidationError("--quality is good, doubtful or unreadable") }
        for (name, day) in [("--date-from", dateFrom), ("--date-to", dateTo)] {
            if let day, !SearchQuery.isDay(day) { throw ValidationError("\(name) is a day, YYYY-MM-DD") }
        }
    }

    var searchQuery: SearchQuery {
        get throws {
            var q = SearchQuery(text: query, batch: batch, meta: try MetaArguments.parse(meta), limit: limit,
                                candidates: rankAll ? nil : candidates, quality: quality)
            q.type = type; q.number = number; q.dateFrom = dateFrom; q.dateTo = dateTo
            return q
        }
    }

    func run() throws {
        let found: SearchResults
        do {
            if let client = try remote.client(unless: location) {
                // Through the API: its limits (candidates ≤ 100,000) and, of metadata, the department.
                var q = try searchQuery
                var m = q.meta
                let department = m.removeValue(forKey: "department")
                guard m.isEmpty else { throw ValidationError("with --url, --meta takes only department=…") }
                q.meta = [:]
                if rankAll { q.candidates = SearchQuery.maximumCandidates }
                found = try client.search(q, department: department)
            } else {
                found = try location.openIndex().search(try searchQuery)
            }
        } catch let e as SearchExpression.Invalid {
            throw ValidationError("cannot read the query: \(e)")
        }
        if json {
            let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try e.encode(SearchOutput(query: query, found)), as: UTF8.self))
            return
        }
        if found.hits.isEmpty { print("no matches"); return }
        for h in found.hits {
            print(String(format: "%@/%@  page %d  (document %lld, %@, score %.3g)", h.batch, h.name, h.page, h.document, h.method, h.score))
            let fields = ["type", "number", "date", "subject"].compactMap { k in h.fields[k].map { "\(k): \($0)" } }
            if !fields.isEmpty { print("    " + fields.joined(separator: " · ")) }
            print("    " + h.snippet)
        }
        if found.moreMatches, let n = found.ranked {
            print("(the query matches more than \(n) pages; these are the best of the newest \(n): narrow it, or --rank-all)")
        }
    }
}

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the pages judged doubtful or unreadable, for the records room to check or scan again.",
        discussion: """
            Newest documents first: the document, every name it was submitted under, the page, the verdict \
            and why. A file scanned again and submitted is a job of its own (other bytes), listed beside \
            the first under the same source name; nothing is replaced.
            """)
    @Option(name: .long, help: "Only this batch.") var batch: String?
    @Option(name: .long, help: "At most this many pages.") var limit = 200
    @Flag(name: .long, help: "A JSON object with a `pages` array.") var json = false
    @OptionGroup var location: DataOptions

    func run() throws {
        let pages = try location.openIndex().review(batch: batch, limit: limit)
        if json {
            struct Out: Encodable { var pages: [ReviewPage] }
            let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try e.encode(Out(pages: pages)), as: UTF8.self))
            return
        }
        if pages.isEmpty { print("no pages to review"); return }
        for p in pages {
            print("\(p.verdict.padding(toLength: 10, withPad: " ", startingAt: 0)) \(p.sources.first ?? p.batch)  page \(p.page)  (document \(p.document))\(p.reason.map { ": \($0)" } ?? "")")
            for other in p.sources.dropFirst() { print("           also submitted as \(other)") }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write finished documents as BagIt bags for the digital workspace.",
        discussion: """
            One bag per document (OUT/document-ID), in the order documents finished. Prints the cursor to \
            resume from; without --since, resumes from the cursor saved in OUT. With --url and a token \
            (or DAFTAR_URL and DAFTAR_TOKEN), exports through the HTTP API from any machine: the same bags.
            """)
    @Option(name: .long, help: "Folder for the bags.") var out: String
    @Option(name: .long, help: "Export documents after this cursor.") var since: Int64?
    @Option(name: .long) var batch: String?
    @Option(name: .long, help: "At most this many documents in this run.") var limit: Int?
    @Option(name: .long, help: "Source-Organization in bag-info.txt.") var organization = "Daftar"
    @OptionGroup var location: DataOptions
    @OptionGroup var remote: RemoteOptions

    func run() throws {
        let source: ArchiveSource
        if let client = try remote.client(unless: location) {
            source = RemoteArchive(client: client)
        } else {
            source = LocalArchive(dataDirectory: try location.dataDirectory, index: try location.openIndex())
        }
        let exporter = BagExporter(source: source, outputDirectory: URL(fileURLWithPath: out).standardizedFileURL.path,
                                   organization: organization)
        let start = since ?? exporter.savedCursor() ?? 0
        var n = 0
        let cursor = try exporter.export(after: start, batch: batch, limit: limit ?? .max) { d, path in
            n += 1
            print("\(path)  seq \(d.seq)")
        }
        print("cursor \(cursor)")
        FileHandle.standardError.write(Data("\(n) document(s) exported; resume with --since \(cursor)\n".utf8))
    }
}

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index", abstract: "The full-text index.",
                                                    subcommands: [Rebuild.self, Stats.self, Optimize.self])
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge the SQLite index's segments into one (faster word queries; run when quiet).")
        @OptionGroup var location: DataOptions
        func run() throws {
            guard location.index == nil else { throw ValidationError("optimize is for the SQLite index (PostgreSQL maintains its GIN index itself)") }
            let start = Date()
            try SQLiteIndex(path: try location.dataDirectory + "/index.sqlite").optimize()
            print(String(format: "index optimized in %.1f s", Date().timeIntervalSince(start)))
        }
    }
    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recreate the index from the journal and the stored outputs.")
        @OptionGroup var location: DataOptions
        func run() throws {
            let start = Date()
            let r = try IndexFeeder.rebuild(dataDirectory: try location.dataDirectory, index: try location.openIndex())
            print(String(format: "%d documents, %d pages indexed in %.1f s", r.documents, r.pages, Date().timeIntervalSince(start)))
        }
    }
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Documents and pages in the index.")
        @OptionGroup var location: DataOptions
        func run() throws {
            let c = try location.openIndex().counts()
            print("\(c.documents) documents, \(c.pages) pages")
        }
    }
}
