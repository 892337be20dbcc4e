import DaftarFixtures
import ArgumentParser
import DaftarIndex
import DaftarServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `daftar-bench index`: indexing speed, search latency and index size on generated pages.
///
/// Pages are ~300 words drawn from a 50,000-word vocabulary with a Zipf distribution (as word
/// frequencies in real text are), ten pages per document. Queries: 1,000 each of one word, two
/// words (AND), a two-word phrase taken from a page, and a prefix; words drawn uniformly from
/// vocabulary ranks 100–50,000 (the top 100 act as stop words), plus the worst case: the most
/// common word alone. The index records pairs of the vocabulary's 2,500 most frequent words
/// (`--common-words`, as `CommonWords` does for English and Urdu), the list a site would give
/// for its language.
struct IndexBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index",
        abstract: "Indexing pages/s, search p50/p95/p99 and index size on generated pages.")
    @Option var out = "bench-out/index"
    @Option(help: "Pages to index.") var pages = 1_000_000
    @Option(help: "Words per page.") var words = 300
    @Option(help: "Queries per kind.") var queries = 1000
    @Flag(help: "Only the queries, on the index left by an earlier run in --out.") var reuse = false
    @Flag(help: "Merge the FTS5 segments into one ('optimize') before the queries.") var optimize = false
    @Option(help: "Rank at most this many matching pages, the newest (as daftar search).") var candidates = SearchQuery.defaultCandidates
    @Flag(help: "Rank every matching page (daftar search --rank-all).") var rankAll = false
    @Option(help: "Record pairs of the vocabulary's N most frequent words (CommonWords); 0 for none. Used when the index is created.")
    var commonWords = 2_500
    @Flag(help: "Also through the HTTP API, as the /search page asks (a `daftar http` on this index): the page's load and each query kind's first 200 queries.")
    var http = false

    func run() throws {
        if !reuse { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let path = out + "/index.sqlite"
        var rng = SplitMix(seed: 42)
        let vocabulary = Self.vocabulary(50_000, &rng)
        let index = try SQLiteIndex(path: path, commonWords: Array(vocabulary.prefix(commonWords)))
        let zipf = Zipf(n: vocabulary.count, s: 1.0)

        var phrases: [String] = []
        let perDocument = 10, batchDocuments = 100
        var indexed = 0, seconds = 0.0, id: Int64 = 0
        let started = Date()
        if reuse {
            // Phrases from the stored pages, as the generating run takes them (page 4, words 100–101).
            indexed = pages
            id = Int64(pages / perDocument)
            var d: Int64 = 7
            while phrases.count < queries, d <= id {
                if let doc = try index.documents(after: d - 1, batch: nil, limit: 1).first, doc.pages.count > 3 {
                    let w = doc.pages[3].text.split(separator: " ")
                    if w.count > 101 { phrases.append("\"\(w[100]) \(w[101])\"") }
                }
                d += 7
            }
        }
        while indexed < pages {
            var docs: [IndexDocument] = []
            for _ in 0..<batchDocuments where indexed + docs.count * perDocument < pages {
                id += 1
                let ps = (1...perDocument).map { n -> IndexDocument.Page in
                    let text = (0..<words).map { _ in vocabulary[zipf.sample(&rng)] }.joined(separator: " ")
                    return IndexDocument.Page(number: n, method: "ocr", confidence: 90, text: text)
                }
                if phrases.count < queries, id % 7 == 0 {
                    let w = ps[3].text.split(separator: " ")
                    phrases.append("\"\(w[100]) \(w[101])\"")
                }
                docs.append(IndexDocument(id: id, seq: id, sha256: String(format: "%064llx", id), batch: "bench-\(id % 10)",
                                          output: "outputs/bench/\(id)", sources: [.init(batch: "bench-\(id % 10)", name: "doc-\(id).tif")],
                                          meta: ["department": "d\(id % 20)"], languages: "eng", mediaType: "image/tiff",
                                          pageCount: perDocument, finishedAt: Double(id), pages: ps))
            }
            let t = Date()
            try index.upsert(docs)
            seconds += Date().timeIntervalSince(t)
            indexed += docs.count * perDocument
            if indexed % 100_000 == 0 {
                FileHandle.standardError.write(Data(String(format: "  %d pages indexed, %.0f pages/s (index calls only)\n", indexed, Double(indexed) / seconds).utf8))
            }
        }
        let wall = Date().timeIntervalSince(started)
        if optimize {
            let t = Date()
            try index.optimize()
            print(String(format: "FTS5 optimize: %.0f s", Date().timeIntervalSince(t)))
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0)
            + ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.doubleValue ?? 0)

        func word(_ rng: inout SplitMix) -> String { vocabulary[100 + Int(rng.next() % UInt64(vocabulary.count - 100))] }
        var kinds: [(String, [String])] = []
        kinds.append(("one word", (0..<queries).map { _ in word(&rng) }))
        kinds.append(("two words (AND)", (0..<queries).map { _ in word(&rng) + " " + word(&rng) }))
        kinds.append(("phrase from a page", phrases))
        kinds.append(("prefix (4 letters*)", (0..<queries).map { _ in String(word(&rng).prefix(4)) + "*" }))
        kinds.append(("most common word (worst case)", Array(repeating: vocabulary[0], count: 20)))

        print(String(format: "Index: %d pages (%d documents, %d words a page) in %@", indexed, id, words, path))
        print(String(format: "Indexing: %.0f pages/s (index calls), %.0f pages/s (wall, with text generation); target >= 2,000 pages/s", Double(indexed) / seconds, Double(indexed) / wall))
        print(String(format: "Size: %.2f GB, %.2f KB per page\n", size / 1e9, size / Double(indexed) / 1024))
        print(rankAll ? "Every match ranked (--rank-all)." : "At most \(candidates) matching pages ranked, the newest (the default of daftar search).")
        print("| query kind | queries | hits (median) | more matches than ranked | p50 ms | p95 ms | p99 ms |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for (name, qs) in kinds {
            var times: [Double] = [], hits: [Int] = [], broad = 0
            for q in qs {
                let t = Date()
                let r = try index.search(SearchQuery(text: q, limit: 20, candidates: rankAll ? nil : candidates))
                times.append(Date().timeIntervalSince(t) * 1000)
                hits.append(r.hits.count)
                if r.moreMatches { broad += 1 }
            }
            times.sort(); hits.sort()
            func pct(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
            print(String(format: "| %@ | %d | %d | %.0f%% | %.2f | %.2f | %.2f |", name, qs.count, hits[hits.count / 2],
                         100 * Double(broad) / Double(qs.count), pct(0.5), pct(0.95), pct(0.99)))
        }
        print("\nTarget: search p95 <= 20 ms (limit 20 results, ranked by BM25, snippets included).")
        if http { try throughHTTP(kinds.map { ($0.0, Array($0.1.prefix(200))) }) }
    }

    /// The same queries as the /search page sends them (`GET /api/v1/search?q=…&limit=21`, with
    /// a token) to a `daftar http` serving this index, and the page itself.
    func throughHTTP(_ kinds: [(String, [String])]) throws {
        let root = URL(fileURLWithPath: out).standardizedFileURL.path
        let token = try APIStore(dataDirectory: root).createToken(role: .read, name: "bench")
        let pool = PoolBench()
        let port = Int.random(in: 41_000...49_000)
        let server = try pool.spawn([pool.daftar, "http", "--data", root, "--index", root + "/index.sqlite",
                                     "--listen", "127.0.0.1:\(port)", "--broker", "ipc://\(root)/no-broker"], log: root + "/http.log")
        defer { kill(server.processIdentifier, SIGTERM); server.waitUntilExit() }
        let session = URLSession(configuration: .ephemeral)
        let base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 where !ready { ready = HTTPBench.call(session, "GET", base + "/search", token: nil, body: nil).0 == 200; if !ready { usleep(200_000) } }
        guard ready else { throw ValidationError("daftar http did not answer; see \(root)/http.log") }
        var page: [Double] = []
        for _ in 0..<50 { page.append(HTTPBench.call(session, "GET", base + "/search", token: nil, body: nil).1 * 1000) }
        for asset in ["/static/daftar.css", "/static/common.js", "/static/search.js", "/static/begin.js"] {
            for i in 0..<50 { page[i] += HTTPBench.call(session, "GET", base + asset, token: nil, body: nil).1 * 1000 }
        }
        page.sort()
        print("\nThrough the HTTP API (`daftar http` on this index, as the /search page asks; one client at a time):")
        print(String(format: "  the /search page and its CSS and scripts: p50 %.2f ms, p95 %.2f ms", page[25], page[47]))
        print("| query kind | queries | p50 ms | p95 ms | p99 ms | not 200 |")
        print("|---|---:|---:|---:|---:|---:|")
        for (name, qs) in kinds {
            var times: [Double] = [], bad = 0
            for q in qs {
                let query = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
                let (code, seconds) = HTTPBench.call(session, "GET", base + "/api/v1/search?q=\(query)&limit=21", token: token, body: nil)
                if code != 200 { bad += 1 }
                times.append(seconds * 1000)
            }
            times.sort()
            func pct(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
            print(String(format: "| %@ | %d | %.2f | %.2f | %.2f | %d |", name, qs.count, pct(0.5), pct(0.95), pct(0.99), bad))
        }
    }

    /// Pronounceable made-up words, so that tokenisation and prefixes behave like text.
    static func vocabulary(_ n: Int, _ rng: inout SplitMix) -> [String] {
        let c = Array("bcdfghjklmnprstvwz"), v = Array("aeiou")
        var seen = Set<String>(), out: [String] = []
        while out.count < n {
            let syllables = 1 + Int(rng.next() % 4)
            let w = String((0..<syllables).flatMap { _ in [c[Int(rng.next() % UInt64(c.count))], v[Int(rng.next() % UInt64(v.count))]] })
            if seen.insert(w).inserted { out.append(w) }
        }
        // Short words first: the most frequent words of a language are its short ones.
        return out.sorted { ($0.count, $0) < ($1.count, $1) }
    }
}


/// Zipf sampling by binary search over the cumulative distribution.
struct Zipf {
    let cdf: [Double]
    init(n: Int, s: Double) {
        var c = [Double](repeating: 0, count: n), total = 0.0
        for k in 0..<n { total += 1 / pow(Double(k + 1), s); c[k] = total }
        cdf = c.map { $0 / total }
    }
    func sample(_ rng: inout SplitMix) -> Int {
        let u = rng.unit()
        var lo = 0, hi = cdf.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] < u { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}
