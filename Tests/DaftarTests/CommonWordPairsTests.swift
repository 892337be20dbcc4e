import CSQLiteRank
import DaftarIndex
import Foundation
import GRDB
import XCTest

/// The index records pairs of common words (CommonWords, the daftar_pairs tokenizer) so that
/// phrases of them are looked up instead of compared position by position. The pairs must
/// change no answer: every phrase finds the same pages, with the same scores and snippets, as
/// an index without them.
final class CommonWordPairsTests: XCTestCase {
    func testPairsAreRecordedAndChangeNoAnswer() throws {
        let dir = Support.temporaryDirectory(self)
        let withPairs = try SQLiteIndex(path: dir + "/pairs.sqlite")
        let without = try SQLiteIndex(path: dir + "/plain.sqlite", commonWords: [])
        // Pages of the 60 most frequent English words and a few others, in a seeded order:
        // pairs of every rank product, recorded and not.
        let vocabulary = Array(CommonWords.english.prefix(60)) + ["ledger", "zamindar", "mutation", "register", "revenue", "tehsil"]
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var pages: [String] = []
        for _ in 0..<40 { pages.append((0..<150).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")) }
        let docs = pages.enumerated().map { i, text in IndexTests.document(Int64(i + 1), pages: [text]) }
        try withPairs.upsert(docs)
        try without.upsert(docs)

        // Phrases of two and three words taken from the pages, and some that no page holds.
        var queries: [String] = []
        for i in 0..<60 {
            let words = pages[i % pages.count].split(separator: " ")
            let at = next(words.count - 3), length = 2 + i % 2
            queries.append("\"" + words[at..<(at + length)].joined(separator: " ") + "\"")
        }
        queries += ["\"the of\"", "\"of the\" OR ledger", "\"for was\" NOT zamindar", "\"will would shall\"", "\"the ledger\" \"in it\""]
        var found = 0
        for q in queries {
            for candidates in [nil, 10] as [Int?] {
                let a = try withPairs.search(SearchQuery(text: q, limit: 50, candidates: candidates))
                let b = try without.search(SearchQuery(text: q, limit: 50, candidates: candidates))
                XCTAssertEqual(a.hits.map(\.document), b.hits.map(\.document), q)
                XCTAssertEqual(a.hits.map(\.snippet), b.hits.map(\.snippet), q)
                XCTAssertEqual(a.moreMatches, b.moreMatches, q)
                for (x, y) in zip(a.hits, b.hits) { XCTAssertEqual(x.score, y.score, accuracy: 1e-9, q) }
                found += a.hits.count
            }
        }
        XCTAssertGreaterThan(found, 100, "the phrases come from the pages, so most are found")

        // The pairs are really there (terms of two plane-15 private-use characters), and a
        // phrase ending in a prefix does not pair its last word (it names a word's start).
        func open(_ path: String) throws -> DatabaseQueue {
            var config = Configuration()
            config.prepareDatabase { db in _ = daftar_register_rank(UnsafeMutableRawPointer(db.sqliteConnection)) }
            return try DatabaseQueue(path: path, configuration: config)
        }
        func pairTerms(_ path: String) throws -> Int {
            try open(path).write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, page_text, 'row')")
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.v WHERE substr(term, 1, 1) >= char(983040)") ?? 0
            }
        }
        XCTAssertGreaterThan(try pairTerms(dir + "/pairs.sqlite"), 50)
        XCTAssertEqual(try pairTerms(dir + "/plain.sqlite"), 0)
        let pairsDB = try open(dir + "/pairs.sqlite"), plainDB = try open(dir + "/plain.sqlite")
        var prefixes = ["\"for wa\"*"]
        for i in 0..<10 {
            let words = pages[i].split(separator: " ")
            let at = next(words.count - 3)
            prefixes.append("\"\(words[at]) \(words[at + 1]) \(words[at + 2].prefix(2))\"*")
        }
        for prefix in prefixes {
            let sql = "SELECT rowid FROM page_text WHERE page_text MATCH ? ORDER BY rowid"
            let a = try pairsDB.read { try Int64.fetchAll($0, sql: sql, arguments: [prefix]) }
            let b = try plainDB.read { try Int64.fetchAll($0, sql: sql, arguments: [prefix]) }
            XCTAssertEqual(a, b, prefix)
            XCTAssertFalse(a.isEmpty, prefix)
        }
    }
}
