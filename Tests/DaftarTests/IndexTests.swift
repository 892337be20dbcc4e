import DaftarClient
import DaftarIndex
import DaftarPipeline
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

    /// Page verdicts in any index: counted, listed for review (with every source name, newest
    /// first, by batch), filtered in search, and given back in the feed.
    static func checkVerdicts(_ index: DocumentIndex) throws {
        try index.removeAll()
        var a = document(1, pages: ["Land revenue register, page one.", "Faint carbon copy of the register.", "Blank."])
        a.pages[1].quality = "doubtful"; a.pages[1].reason = "confidence 65"
        a.pages[2].quality = "good"
        var b = document(2, batch: "c", pages: ["Specked fax of the register."])
        b.pages[0].quality = "unreadable"; b.pages[0].reason = "confidence 31"
        b.sources.append(.init(batch: "d", name: "rescan/fax.tif"))
        let old = document(3, pages: ["A register digitised before verdicts existed."])
        try index.upsert([a, b, old])
        XCTAssertEqual(try index.verdictCounts(), ["good": 3, "doubtful": 1, "unreadable": 1])
        let review = try index.review(batch: nil, limit: 10)
        XCTAssertEqual(review.map { "\($0.document)/\($0.page)/\($0.verdict)" }, ["2/1/unreadable", "1/2/doubtful"])
        XCTAssertEqual(review[0].sources, ["c/doc-2.tif", "d/rescan/fax.tif"])
        XCTAssertEqual(review[0].reason, "confidence 31")
        XCTAssertEqual(try index.review(batch: "d", limit: 10).map(\.document), [2], "a batch it was submitted to as well")
        XCTAssertEqual(try index.review(batch: "b", limit: 10).map(\.document), [1])
        XCTAssertEqual(try index.review(batch: nil, limit: 1).count, 1)
        let good = try index.search(SearchQuery(text: "register", limit: 10, quality: "good"))
        XCTAssertEqual(Set(good.hits.map { "\($0.document)/\($0.page)" }), ["1/1", "3/1"], "pages without a verdict count as good")
        XCTAssertEqual(try index.search(SearchQuery(text: "register", limit: 10, quality: "doubtful")).hits.map(\.page), [2])
        XCTAssertEqual(try index.search(SearchQuery(text: "register", limit: 10, candidates: nil, quality: "unreadable")).hits.map(\.document), [2])
        let feed = try index.documents(after: 0, batch: nil, limit: 10)
        XCTAssertEqual(feed.first?.pages.map { $0.quality ?? "-" }, ["-", "doubtful", "good"])
        XCTAssertEqual(feed.first?.pages[1].reason, "confidence 65")
    }

    /// The export names the pages a records room should not trust in bag-info.txt.
    func testBagInfoNamesFlaggedPages() throws {
        let dir = Support.temporaryDirectory(self)
        let index = try SQLiteIndex(path: dir + "/index.sqlite")
        var d = Self.document(7, pages: ["one", "two", "three", "four"])
        d.pages[1].quality = "doubtful"; d.pages[2].quality = "unreadable"; d.pages[3].quality = "doubtful"
        d.fields = ["type": "notification", "number": "SO(Admn)/FD/1-12/2023", "date": "2023-11-10", "subject": "Posting\nof officers"]
        try index.upsert([d])
        let blob = dir + "/data/blobs/" + d.sha256.prefix(2)
        try FileManager.default.createDirectory(atPath: blob, withIntermediateDirectories: true)
        try "scan".write(toFile: blob + "/" + d.sha256, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/data/" + d.output, withIntermediateDirectories: true)
        try "one\u{0C}two\u{0C}three\u{0C}four".write(toFile: dir + "/data/" + d.output + "/text.txt", atomically: true, encoding: .utf8)
        let exporter = BagExporter(dataDirectory: dir + "/data", index: index, outputDirectory: dir + "/bags", organization: "test")
        _ = try exporter.export(after: 0, batch: nil) { _, _ in }
        let info = try String(contentsOfFile: dir + "/bags/document-7/bag-info.txt", encoding: .utf8)
        XCTAssertTrue(info.contains("Daftar-Pages-Doubtful: 2, 4\n"), info)
        XCTAssertTrue(info.contains("Daftar-Pages-Unreadable: 3\n"), info)
        // The record's own fields, each on one line; no office was read, so none is written.
        XCTAssertTrue(info.contains("Daftar-Document-Type: notification\nDaftar-Document-Number: SO(Admn)/FD/1-12/2023\n"
                                    + "Daftar-Document-Date: 2023-11-10\nDaftar-Subject: Posting of officers\n"), info)
        XCTAssertFalse(info.contains("Daftar-Office"), info)
    }

    /// An Urdu page typed with Arabic letter forms and diacritics is found by the Urdu
    /// spelling, and its snippet shows the page's own spelling, the match marked.
    func testSnippetsKeepThePagesOwnSpelling() throws {
        let index = try SQLiteIndex(path: Support.temporaryDirectory(self) + "/index.sqlite")
        try Self.checkOwnSpelling(index)
        // English pages are stored once (folding leaves them as they are).
        try index.upsert([Self.document(2, pages: ["Mutation register"])])
        XCTAssertEqual(try index.search(SearchQuery(text: "mutation")).hits.first?.snippet, "«Mutation» register")
    }

    /// In any index: an Urdu page typed with Arabic letter forms and diacritics, found by the
    /// Urdu spelling, its snippet in the page's own spelling with the match marked, ranked
    /// among candidates or all; the feed gives the text as read.
    static func checkOwnSpelling(_ index: DocumentIndex) throws {
        try index.removeAll()
        let page = "اعلامیہ: حكومتِ پاکستان کي وزارتِ خزانہ نے فيصلہ کيا"
        try index.upsert([document(1, pages: [page])])
        for candidates in [SearchQuery.defaultCandidates, nil] as [Int?] {
            let hit = try XCTUnwrap(index.search(SearchQuery(text: "حکومت", candidates: candidates)).hits.first)
            XCTAssertTrue(hit.snippet.contains("«حكومتِ»"), hit.snippet)
            XCTAssertTrue(hit.snippet.contains("کي وزارتِ"), hit.snippet)
        }
        XCTAssertEqual(try index.documents(after: 0, batch: nil, limit: 1).first?.pages.first?.text, page)
    }

    func testSQLiteIndexFiltersByTheRecordsFields() throws {
        try Self.checkFields(try SQLiteIndex(path: Support.temporaryDirectory(self) + "/index.sqlite"))
    }

    /// The record's fields in any index: kept, given back in the feed and in hits, and
    /// filtered on (type, number, date range), with words or without.
    static func checkFields(_ index: DocumentIndex) throws {
        try index.removeAll()
        var a = document(1, pages: ["Posting of Tehsildars in the district.", "Annexure."])
        a.fields = ["type": "notification", "number": "SO(Admn)/FD/1-12/2023", "date": "2023-11-10", "office": "Finance Department"]
        var b = document(2, pages: ["Posting of clerks in the district."])
        b.fields = ["type": "letter", "number": "F.2(14)/2021-Admn", "date": "2021-03-12", "subject": "Posting of clerks"]
        let c = document(3, pages: ["Posting of nobody, no head on this page."])
        try index.upsert([a, b, c])
        XCTAssertEqual(try index.documents(after: 0, batch: nil, limit: 10).map(\.fields), [a.fields, b.fields, [:]])
        func ids(_ text: String, _ set: (inout SearchQuery) -> Void) throws -> [Int64] {
            var q = SearchQuery(text: text)
            set(&q)
            return try index.search(q).hits.map(\.document).sorted()
        }
        XCTAssertEqual(try ids("posting") { _ in }, [1, 2, 3])
        XCTAssertEqual(try ids("posting") { $0.type = "letter" }, [2])
        XCTAssertEqual(try ids("posting") { $0.number = "SO(Admn)/FD/1-12/2023" }, [1])
        XCTAssertEqual(try ids("posting") { $0.dateFrom = "2022-01-01" }, [1])
        XCTAssertEqual(try ids("posting") { $0.dateFrom = "2021-03-12"; $0.dateTo = "2021-03-12" }, [2])
        XCTAssertEqual(try ids("posting") { $0.dateTo = "2020-12-31" }, [])
        // No words: the documents by their fields, each as its first page.
        let byNumber = try index.search({ var q = SearchQuery(text: ""); q.number = "F.2(14)/2021-Admn"; return q }())
        XCTAssertEqual(byNumber.hits.map { [$0.document, Int64($0.page)] }, [[2, 1]])
        XCTAssertEqual(byNumber.hits.first?.fields["subject"], "Posting of clerks")
        XCTAssertTrue(byNumber.hits.first?.snippet.lowercased().contains("posting of clerks") ?? false)
        XCTAssertEqual(try ids("") { $0.type = "notification" }, [1])
        XCTAssertEqual(try index.search(SearchQuery(text: "tehsildars")).hits.first?.fields["office"], "Finance Department")
        XCTAssertTrue(SearchQuery.isDay("2024-02-29"))
        XCTAssertFalse(SearchQuery.isDay("2023-02-29"))
        XCTAssertFalse(SearchQuery.isDay("12-03-2024"))
    }

    func testSQLiteIndexKeepsPageVerdicts() throws {
        try Self.checkVerdicts(try SQLiteIndex(path: Support.temporaryDirectory(self) + "/index.sqlite"))
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

        let records = try index.search(SearchQuery(text: "records district")).hits
        XCTAssertEqual(Set(records.map(\.document)), [1, 2])
        let phrase = try index.search(SearchQuery(text: "\"mutation register\"")).hits
        XCTAssertEqual(phrase.map { [$0.document, Int64($0.page)] }, [[1, 2]])
        XCTAssertTrue(phrase[0].snippet.contains("«Mutation» «register»") || phrase[0].snippet.contains("«Mutation register»"), phrase[0].snippet)
        XCTAssertEqual(try index.search(SearchQuery(text: "vaccin*")).hits.map(\.document), [2])
        XCTAssertEqual(try index.search(SearchQuery(text: "records NOT hospital")).hits.map(\.document), [1])
        XCTAssertEqual(Set(try index.search(SearchQuery(text: "mutation OR vaccination")).hits.map(\.document)), [1, 2])
        XCTAssertEqual(try index.search(SearchQuery(text: "records", batch: "c")).hits.map(\.document), [2])
        XCTAssertEqual(try index.search(SearchQuery(text: "records", meta: ["department": "revenue"])).hits.map(\.document), [1])
        // Urdu in either spelling.
        XCTAssertEqual(try index.search(SearchQuery(text: "حكومت")).hits.map(\.document), [3])
        XCTAssertEqual(try index.search(SearchQuery(text: "حکومت پاکستان")).hits.map(\.document), [3])
        XCTAssertEqual(try index.search(SearchQuery(text: "\"وزارت خزانه\"")).hits.map(\.document), [3])
        XCTAssertTrue(try index.search(SearchQuery(text: "nothinglikethis")).hits.isEmpty)

        let feed = try index.documents(after: 1, batch: nil, limit: 10)
        XCTAssertEqual(feed.map(\.id), [2, 3])
        XCTAssertEqual(try index.documents(after: 0, batch: "c", limit: 10).map(\.id), [2])

        // Broad queries: the best page for "ledger" is the oldest of 30 that hold it.
        try index.upsert([document(10, pages: ["ledger ledger ledger ledger entry"])]
                         + (11...39).map { document(Int64($0), pages: ["ledger entry \($0) of the cash book for the year"]) })
        let all = try index.search(SearchQuery(text: "ledger", limit: 3, candidates: nil))
        XCTAssertEqual(all.hits.first?.document, 10)
        XCTAssertEqual(all.ranked, nil)
        XCTAssertFalse(all.moreMatches)
        let enough = try index.search(SearchQuery(text: "ledger", limit: 3, candidates: 100))
        XCTAssertEqual(enough.hits.map(\.document), all.hits.map(\.document), "every match ranked: the same answer")
        XCTAssertEqual(enough.ranked, 30)
        XCTAssertFalse(enough.moreMatches)
        let newest = try index.search(SearchQuery(text: "ledger", limit: 3, candidates: 5))
        XCTAssertTrue(newest.moreMatches)
        XCTAssertEqual(newest.ranked, 5)
        XCTAssertEqual(newest.hits.count, 3)
        XCTAssertTrue(newest.hits.allSatisfy { (35...39).contains($0.document) }, "\(newest.hits.map(\.document))")
        XCTAssertEqual(try index.search(SearchQuery(text: "ledger", batch: "b", limit: 3, candidates: 5)).hits.map(\.document),
                       newest.hits.map(\.document), "a filter walks the same newest matches")
    }

    func testSQLiteIndexSearchesRanksFiltersAndFeeds() throws {
        let dir = Support.temporaryDirectory(self)
        try Self.checkSearch(try SQLiteIndex(path: dir + "/index.sqlite"))
    }

    /// The candidate walk ranks with daftar_bm25_parts and cuts snippets with daftar_snippet
    /// (CSQLiteRank); when it ranks every match it must agree with FTS5's own bm25() to the
    /// last digit, weigh a rare word above a common one, and cut snippets at the right words.
    func testSQLiteCandidateRankingMatchesFTS5AndCutsSnippets() throws {
        let index = try SQLiteIndex(path: Support.temporaryDirectory(self) + "/index.sqlite")
        var docs = (1...40).map { i in
            Self.document(Int64(i), pages: [(0..<(i % 7 + 1)).map { _ in "ledger" }.joined(separator: " ") + " entry \(i) of the cash book"])
        }
        let filler = (1...60).map { "word\($0)" }.joined(separator: " ")
        docs.append(Self.document(41, pages: [filler + " the zamindar signed the mutation register of the village " + filler]))
        docs.append(Self.document(42, pages: ["ledger zamindar"]))
        try index.upsert(docs)
        for q in ["ledger", "ledger OR zamindar", "ledger zamindar", "\"cash book\" OR mutation", "ledg* NOT entry", "zamindar"] {
            let exact = try index.search(SearchQuery(text: q, limit: 50, candidates: nil))
            let walked = try index.search(SearchQuery(text: q, limit: 50, candidates: 1000))
            XCTAssertFalse(walked.moreMatches, q)
            XCTAssertEqual(walked.hits.map(\.document), exact.hits.map(\.document), q)
            for (a, b) in zip(walked.hits, exact.hits) { XCTAssertEqual(a.score, b.score, accuracy: 1e-9, q) }
        }
        // The rare word outweighs a common one: the page with both, then the one with only "zamindar".
        XCTAssertEqual(try index.search(SearchQuery(text: "ledger OR zamindar", limit: 2)).hits.map(\.document), [42, 41])
        // A snippet around a match in the middle of a long page, cut at both ends, the phrase marked.
        let hit = try XCTUnwrap(index.search(SearchQuery(text: "\"mutation register\"")).hits.first)
        XCTAssertEqual(hit.document, 41)
        XCTAssertTrue(hit.snippet.hasPrefix("…") && hit.snippet.hasSuffix("…"), hit.snippet)
        XCTAssertTrue(hit.snippet.contains("signed the «mutation register» of the"), hit.snippet)
        XCTAssertEqual(hit.snippet.split(separator: " ").count, 16, hit.snippet)
        // Two words, each marked; a prefix marks the whole word.
        let both = try XCTUnwrap(index.search(SearchQuery(text: "zamindar village", limit: 1)).hits.first)
        XCTAssertTrue(both.snippet.contains("«zamindar»") && both.snippet.contains("«village»"), both.snippet)
        XCTAssertTrue(try XCTUnwrap(index.search(SearchQuery(text: "zamin*", limit: 1)).hits.first).snippet.contains("«zamindar»"))
    }
}
