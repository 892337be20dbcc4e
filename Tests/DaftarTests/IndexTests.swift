import DaftarIndex
import DaftarPool
import Foundation
import XCTest

/// Tiers 1 and 2: normalisation, query parsing, and the SQLite index on real SQLite.
final class IndexTests: XCTestCase {
    func testUrduVariantsAndDiacriticsFoldToOneSpelling() {
        // Arabic yeh/kaf/heh and Urdu yeh/keheh/heh goal; a damma; tatweel; Urdu digits.
        XCTAssertEqual(TextNormalizer.normalize("حكومت"), TextNormalizer.normalize("حکومت"))
        XCTAssertEqual(TextNormalizer.normalize("كي"), TextNormalizer.normalize("کی"))
        XCTAssertEqual(TextNormalizer.normalize("مدرسه"), TextNormalizer.normalize("مدرسہ"))
        XCTAssertEqual(TextNormalizer.normalize("ھے"), TextNormalizer.normalize("ہے"))
        XCTAssertEqual(TextNormalizer.normalize("حُکُومَت"), TextNormalizer.normalize("حکومت"))
        XCTAssertEqual(TextNormalizer.normalize("حکـــومت"), TextNormalizer.normalize("حکومت"))
        XCTAssertEqual(TextNormalizer.normalize("فائل ۱۲/۳"), "فائل 12/3")
        XCTAssertEqual(TextNormalizer.normalize("Revenue Département"), "Revenue Département")
    }

    func testQueriesBecomeSafeFTSExpressions() throws {
        XCTAssertEqual(try SearchExpression.parse("land revenue").fts5, "(\"land\" AND \"revenue\")")
        XCTAssertEqual(try SearchExpression.parse("\"land revenue\" OR tax*").fts5, "(\"land revenue\" OR \"tax\"*)")
        XCTAssertEqual(try SearchExpression.parse("tax NOT income").fts5, "(\"tax\" NOT \"income\")")
        XCTAssertEqual(try SearchExpression.parse("(a OR b) AND c").fts5, "((\"a\" OR \"b\") AND \"c\")")
        XCTAssertEqual(try SearchExpression.parse("file 12/3").fts5, "(\"file\" AND \"12 3\")")
        XCTAssertEqual(try SearchExpression.parse("كتاب").fts5, "\"کتاب\"")
        for bad in ["", "   ", "\"open", "(a", "a OR", "NOT a", "a)"] {
            XCTAssertThrowsError(try SearchExpression.parse(bad), bad)
        }
        // Punctuation that means something to FTS5 is only ever text.
        XCTAssertNoThrow(try SearchExpression.parse("col:umn ^start NEAR(a b) a-b {x} *"))
    }

    static func document(_ id: Int64, batch: String = "b", meta: [String: String] = [:], pages: [String]) -> IndexDocument {
        IndexDocument(id: id, seq: id, sha256: String(repeating: String(id), count: 64).prefix(64).description, batch: batch,
                      output: "outputs/\(batch)/doc-\(id).tif", sources: [.init(batch: batch, name: "doc-\(id).tif")], meta: meta,
                      languages: "eng", mediaType: "image/tiff", pageCount: pages.count, finishedAt: Double(id),
                      pages: pages.enumerated().map { .init(number: $0.offset + 1, method: "ocr", confidence: 90, text: $0.element) })
    }

    /// The same assertions for any index (SQLite here, PostgreSQL in PostgresIndexTests).
    static func checkSearch(_ index: DocumentIndex) throws {
        try index.removeAll()
        try index.upsert([
            document(1, meta: ["department": "revenue"], pages: ["Land revenue records of the district.", "Mutation register for the village."]),
            document(2, batch: "c", meta: ["department": "health"], pages: ["Vaccination records of the district hospital."]),
            document(3, meta: ["department": "revenue"], pages: ["حکومت پاکستان کی وزارت خزانہ"]),
        ])
        try index.upsert([document(1, meta: ["department": "revenue"], pages: ["Land revenue records of the district.", "Mutation register for the village."])])
        XCTAssertEqual(try index.counts().documents, 3)
        XCTAssertEqual(try index.counts().pages, 4)

        let records = try index.search(SearchQuery(text: "records district"))
        XCTAssertEqual(Set(records.map(\.document)), [1, 2])
        let phrase = try index.search(SearchQuery(text: "\"mutation register\""))
        XCTAssertEqual(phrase.map { [$0.document, Int64($0.page)] }, [[1, 2]])
        XCTAssertTrue(phrase[0].snippet.contains("«Mutation» «register»") || phrase[0].snippet.contains("«Mutation register»"), phrase[0].snippet)
        XCTAssertEqual(try index.search(SearchQuery(text: "vaccin*")).map(\.document), [2])
        XCTAssertEqual(try index.search(SearchQuery(text: "records NOT hospital")).map(\.document), [1])
        XCTAssertEqual(Set(try index.search(SearchQuery(text: "mutation OR vaccination")).map(\.document)), [1, 2])
        XCTAssertEqual(try index.search(SearchQuery(text: "records", batch: "c")).map(\.document), [2])
        XCTAssertEqual(try index.search(SearchQuery(text: "records", meta: ["department": "revenue"])).map(\.document), [1])
        // Urdu in either spelling.
        XCTAssertEqual(try index.search(SearchQuery(text: "حكومت")).map(\.document), [3])
        XCTAssertEqual(try index.search(SearchQuery(text: "حکومت پاکستان")).map(\.document), [3])
        XCTAssertEqual(try index.search(SearchQuery(text: "\"وزارت خزانه\"")).map(\.document), [3])
        XCTAssertTrue(try index.search(SearchQuery(text: "nothinglikethis")).isEmpty)

        let feed = try index.documents(after: 1, batch: nil, limit: 10)
        XCTAssertEqual(feed.map(\.id), [2, 3])
        XCTAssertEqual(try index.documents(after: 0, batch: "c", limit: 10).map(\.id), [2])
    }

    func testSQLiteIndexSearchesRanksFiltersAndFeeds() throws {
        let dir = Support.temporaryDirectory(self)
        try Self.checkSearch(try SQLiteIndex(path: dir + "/index.sqlite"))
    }
}
