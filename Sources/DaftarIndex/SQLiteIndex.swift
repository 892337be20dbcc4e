import CSQLiteRank
import Foundation
import GRDB

/// The default index: SQLite FTS5 through GRDB, one file under the broker's data folder.
/// Page text is stored normalised (`TextNormalizer`) in an FTS5 table whose rowid is the
/// page's row; documents, sources, metadata and pages are plain tables beside it.
public final class SQLiteIndex: DocumentIndex {
    let db: DatabaseQueue

    /// `commonWords` are used only when the index file is created (see `CommonWords`); an
    /// existing index keeps the list it was built with.
    public init(path: String, commonWords: [String] = CommonWords.default) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            guard daftar_register_rank(UnsafeMutableRawPointer(db.sqliteConnection)) == 0 else {
                throw DatabaseError(message: "cannot register the FTS5 ranking function")
            }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Queries read the index through the page cache: mapped instead of copied by read(),
            // and a 64 MiB page cache (the default is 2 MiB) for the b-tree interiors.
            try db.execute(sql: "PRAGMA mmap_size = 2147418112")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        try Self.migrator(commonWords: commonWords).migrate(db)
    }

    static func migrator(commonWords: [String]) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-documents-pages-fts5") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                  id INTEGER PRIMARY KEY,
                  seq INTEGER NOT NULL UNIQUE,
                  sha256 TEXT NOT NULL,
                  batch TEXT NOT NULL,
                  output TEXT NOT NULL,
                  languages TEXT NOT NULL,
                  media_type TEXT,
                  page_count INTEGER NOT NULL,
                  finished_at REAL NOT NULL,
                  meta TEXT NOT NULL);
                CREATE INDEX documents_by_batch ON documents(batch);
                CREATE TABLE document_sources (
                  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                  batch TEXT NOT NULL, name TEXT NOT NULL,
                  PRIMARY KEY (document_id, batch, name)) WITHOUT ROWID;
                CREATE TABLE document_meta (
                  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                  key TEXT NOT NULL, value TEXT NOT NULL,
                  PRIMARY KEY (document_id, key)) WITHOUT ROWID;
                CREATE INDEX document_meta_by_value ON document_meta(key, value);
                CREATE TABLE pages (
                  id INTEGER PRIMARY KEY,
                  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                  number INTEGER NOT NULL,
                  method TEXT NOT NULL,
                  confidence REAL,
                  UNIQUE (document_id, number));
                CREATE VIRTUAL TABLE page_text USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        m.registerMigration("v2-prefix-indexes") { db in
            // Prefix queries of four letters or more (`reve*`, `revenu*`) start from a 4-letter
            // prefix index instead of scanning every term. (2- and 3-letter indexes as well
            // halved indexing speed: 1,800 pages/s.)
            try db.execute(sql: """
                CREATE VIRTUAL TABLE page_text_v2 USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', prefix = '4');
                INSERT INTO page_text_v2 (rowid, text) SELECT rowid, text FROM page_text;
                DROP TABLE page_text;
                ALTER TABLE page_text_v2 RENAME TO page_text;
                """)
        }
        m.registerMigration("v3-common-word-pairs") { db in
            // Phrases of two common words look up the pair (CommonWords, the daftar_pairs
            // tokenizer in CSQLiteRank) instead of comparing positions on every page with both.
            // The list is written into the table's definition: FTS5 option values take bare
            // words, so only words of letters and digits are kept.
            // automerge 8 (FTS5's default is 4) merges segments once 8 of a size have
            // gathered, which writes each posting fewer times: indexing 100,000 pages with
            // pairs went from 2,293 to 2,655 pages/s (`daftar-bench index --pages 100000`).
            let words = commonWords.map(TextNormalizer.normalize).filter { w in
                !w.isEmpty && w.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            }
            try db.execute(sql: """
                CREATE VIRTUAL TABLE page_text_v3 USING fts5(text, tokenize = 'daftar_pairs \(CommonWords.pairRankProducts.lowerBound) \(CommonWords.pairRankProducts.upperBound) \(words.joined(separator: " "))', prefix = '4');
                INSERT INTO page_text_v3 (page_text_v3, rank) VALUES ('automerge', 8);
                INSERT INTO page_text_v3 (rowid, text) SELECT rowid, text FROM page_text;
                DROP TABLE page_text;
                ALTER TABLE page_text_v3 RENAME TO page_text;
                """)
        }
        m.registerMigration("v4-page-quality") { db in
            // Each page's verdict and its reason; the flagged ones listed quickly for review.
            try db.execute(sql: """
                ALTER TABLE pages ADD COLUMN quality TEXT;
                ALTER TABLE pages ADD COLUMN reason TEXT;
                CREATE INDEX pages_flagged ON pages(quality, document_id) WHERE quality IN ('doubtful', 'unreadable');
                """)
        }
        m.registerMigration("v5-document-fields") { db in
            // The record's own fields: all of them as JSON for answers, and the three that
            // searches filter on in columns of their own.
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
                ALTER TABLE documents ADD COLUMN doc_type TEXT;
                ALTER TABLE documents ADD COLUMN doc_number TEXT;
                ALTER TABLE documents ADD COLUMN doc_date TEXT;
                CREATE INDEX documents_by_number ON documents(doc_number) WHERE doc_number IS NOT NULL;
                CREATE INDEX documents_by_date ON documents(doc_date) WHERE doc_date IS NOT NULL;
                ALTER TABLE pages ADD COLUMN original TEXT;
                """)
            // `pages.original`: the page's text as read, where folding changed it (Urdu), so
            // that snippets show the page's own spelling; the index holds the folded text.
        }
        return m
    }

    public func upsert(_ documents: [IndexDocument]) throws {
        try db.write { db in
            for d in documents {
                try delete(db, id: d.id)
                let meta = String(decoding: try JSONEncoder().encode(d.meta), as: UTF8.self)
                try db.cachedStatement(sql: """
                    INSERT INTO documents (id, seq, sha256, batch, output, languages, media_type, page_count, finished_at, meta,
                                           fields, doc_type, doc_number, doc_date)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [d.id, d.seq, d.sha256, d.batch, d.output, d.languages, d.mediaType, d.pageCount, d.finishedAt, meta,
                                             d.fieldsJSON, d.fields["type"], d.fields["number"], d.fields["date"]])
                for s in Set(d.sources) {
                    try db.cachedStatement(sql: "INSERT INTO document_sources (document_id, batch, name) VALUES (?, ?, ?)")
                        .execute(arguments: [d.id, s.batch, s.name])
                }
                for (k, v) in d.meta {
                    try db.cachedStatement(sql: "INSERT INTO document_meta (document_id, key, value) VALUES (?, ?, ?)").execute(arguments: [d.id, k, v])
                }
                for p in d.pages {
                    let folded = TextNormalizer.normalize(p.text)
                    try db.cachedStatement(sql: "INSERT INTO pages (document_id, number, method, confidence, quality, reason, original) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .execute(arguments: [d.id, p.number, p.method, p.confidence, p.quality, p.reason, folded == p.text ? nil : p.text])
                    try db.cachedStatement(sql: "INSERT INTO page_text (rowid, text) VALUES (?, ?)")
                        .execute(arguments: [db.lastInsertedRowID, folded])
                }
            }
        }
    }

    private func delete(_ db: Database, id: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM page_text WHERE rowid IN (SELECT id FROM pages WHERE document_id = ?)").execute(arguments: [id])
        for table in ["pages", "document_meta", "document_sources"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE document_id = ?").execute(arguments: [id])
        }
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [id])
    }

    /// Two steps, so that the cost of a query is the ranking of its matches and not the
    /// snippets and joins of all of them: first the best page rowids, then snippets and details
    /// for those few.
    ///
    /// With a candidate limit (the default), the first step walks the matches newest first
    /// (FTS5 reads its doclists in rowid order and stops after `candidates`) and ranks them by
    /// BM25 with `daftar_bm25_parts` (CSQLiteRank), which also notes where each match is; each
    /// phrase's IDF comes from its number of matching pages, counted up to `dfSample` and
    /// extrapolated beyond it from how far back the walk had to go. (FTS5's bm25() counts every
    /// match of every phrase first, so a word on most pages would cost a walk over the whole
    /// index.) The snippets are then cut from the pages' text at the noted places
    /// (`daftar_snippet`), without running the search again.
    ///
    /// Without a candidate limit, every match is ranked with FTS5's bm25() (the same formula,
    /// exact IDF) and snippets come from FTS5's snippet().
    public func search(_ query: SearchQuery) throws -> SearchResults {
        if query.isFieldsOnly { return try searchFields(query) }
        let expression = try SearchExpression.parse(query.text)
        let match = expression.fts5
        let limit = max(1, min(query.limit, 1000))
        let filtered = query.batch != nil || !query.meta.isEmpty || query.quality != nil || query.batchPrefix != nil || query.filtersFields
        func firstStep(_ columns: String) -> (String, [DatabaseValueConvertible]) {
            var args: [DatabaseValueConvertible] = [match]
            guard filtered else { return ("SELECT rowid, \(columns) FROM page_text WHERE page_text MATCH ?", args) }
            var sql = """
                SELECT page_text.rowid, \(columns) FROM page_text JOIN pages p ON p.id = page_text.rowid
                JOIN documents d ON d.id = p.document_id WHERE page_text MATCH ?
                """
            Self.filter(query, into: &sql, &args)
            return (sql, args)
        }
        let details = """
            SELECT d.id, d.sha256, d.batch,
                   (SELECT MIN(s.name) FROM document_sources s WHERE s.document_id = d.id AND s.batch = d.batch),
                   p.number, p.method, d.meta, %@, d.fields
            FROM page_text JOIN pages p ON p.id = page_text.rowid JOIN documents d ON d.id = p.document_id
            """
        func hit(_ r: Row, score: Double) -> SearchHit {
            let metaText: String = r[6]
            let snippet: String = r[7] ?? ""
            let fields: String? = r["fields"]
            var found = SearchHit(document: r[0], sha256: r[1], batch: r[2], name: r[3] ?? "", page: r[4], method: r[5], score: score,
                             snippet: SnippetMarks.marked(snippet),
                             meta: (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:])
            found.fields = .fromJSON(fields)
            return found
        }
        return try db.read { db in
            guard let candidates = query.candidates else {
                var (sql, args) = firstStep("bm25(page_text)")
                sql += " ORDER BY bm25(page_text), page_text.rowid DESC LIMIT ?"
                args.append(limit)
                let best = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { (rowid: $0[0] as Int64, score: -($0[1] as Double)) }
                guard !best.isEmpty else { return SearchResults(hits: [], ranked: nil, moreMatches: false) }
                let rows = try Row.fetchAll(db, sql: String(format: details, "snippet(page_text, 0, char(2), char(3), '…', 16), page_text.rowid, p.original")
                    + " WHERE page_text MATCH ? AND page_text.rowid IN (\(best.map { String($0.rowid) }.joined(separator: ",")))", arguments: [match])
                let byRow = Dictionary(rows.map { ($0[8] as Int64, $0) }, uniquingKeysWith: { a, _ in a })
                return SearchResults(hits: best.compactMap { b in byRow[b.rowid].map { r in
                    var h = hit(r, score: b.score)
                    // FTS5's snippet() sees the folded text: a page whose spelling folding changed
                    // gets its snippet from its own text.
                    if let original: String = r["original"] { h.snippet = SnippetCutter.snippet(original, query: expression) }
                    return h
                } }, ranked: nil, moreMatches: false)
            }
            let n = max(candidates, limit)
            var (sql, args) = firstStep("daftar_bm25_parts(page_text)")
            sql += " ORDER BY page_text.rowid DESC LIMIT ?"
            args.append(n + 1)
            let leaves = expression.leaves
            let phrases = leaves.count
            // The walk, flat: phrase p's part of row i at parts[i * phrases + p]; row i's
            // match places at places[placeStart[i]..<placeStart[i + 1]] ((offset, size) pairs).
            var rowids: [Int64] = [], parts: [Double] = [], places: [Double] = [], placeStart: [Int] = [0]
            rowids.reserveCapacity(n + 1); parts.reserveCapacity((n + 1) * phrases)
            var rows = 0.0
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                rowids.append(row[0])
                try row.withUnsafeData(atIndex: 1) { data in
                    let width = MemoryLayout<Double>.size
                    guard let data, data.count >= (phrases + 2) * width else {
                        throw DatabaseError(message: "daftar_bm25_parts: \(data?.count ?? 0) bytes for \(phrases) phrases")
                    }
                    data.withUnsafeBytes { raw in
                        rows = raw.loadUnaligned(as: Double.self)
                        for p in 0..<phrases { parts.append(raw.loadUnaligned(fromByteOffset: (1 + p) * width, as: Double.self)) }
                        let kept = min(Int(raw.loadUnaligned(fromByteOffset: (1 + phrases) * width, as: Double.self)),
                                       (data.count / width - phrases - 2) / 2)
                        for k in 0..<(2 * kept) { places.append(raw.loadUnaligned(fromByteOffset: (2 + phrases + k) * width, as: Double.self)) }
                    }
                }
                placeStart.append(places.count)
            }
            let more = rowids.count > n
            if more { rowids.removeLast() }
            guard !rowids.isEmpty else { return SearchResults(hits: [], ranked: 0, moreMatches: false) }
            // Each phrase's number of matching pages, for its IDF.
            let span = try self.rowidSpan(db)
            var df = [Double](repeating: 1, count: phrases)
            if phrases == 1 && !filtered {
                df[0] = more ? Self.extrapolate(found: rowids.count, oldest: rowids[rowids.count - 1], span: span) : Double(rowids.count)
            } else {
                for (i, l) in leaves.enumerated() where !l.negated {
                    df[i] = try self.matchingPages(db, l.leaf.fts5, span: span)
                }
            }
            let idf = df.map { max(1e-6, log((rows - $0 + 0.5) / ($0 + 0.5))) }
            var scored: [(index: Int, score: Double)] = rowids.indices.map { i in
                var score = 0.0
                for p in 0..<phrases { score += idf[p] * parts[i * phrases + p] }
                return (i, score)
            }
            // Best first; ties go to the newer page.
            scored.sort { ($0.score, rowids[$0.index]) > ($1.score, rowids[$1.index]) }
            // Snippets are cut from the page's own spelling where folding changed it (folding
            // keeps every word, so the match places, counted in words, are the same).
            let statement = try db.cachedStatement(sql: String(format: details, "daftar_snippet(COALESCE(p.original, page_text.text), ?, 16)") + " WHERE page_text.rowid = ?")
            var hits: [SearchHit] = []
            for s in scored.prefix(limit) {
                let placesBlob = places[placeStart[s.index]..<placeStart[s.index + 1]].withUnsafeBytes { Data($0) }
                if let r = try Row.fetchOne(statement, arguments: [placesBlob, rowids[s.index]]) { hits.append(hit(r, score: s.score)) }
            }
            return SearchResults(hits: hits, ranked: rowids.count, moreMatches: more)
        }
    }

    /// The query's filters as SQL conditions on `d` (documents) and `p` (pages).
    static func filter(_ query: SearchQuery, into sql: inout String, _ args: inout [DatabaseValueConvertible]) {
        if let b = query.batch { sql += " AND d.batch = ?"; args.append(b) }
        if let q = query.quality { sql += " AND COALESCE(p.quality, 'good') = ?"; args.append(q) }
        if let prefix = query.batchPrefix { sql += " AND substr(d.batch, 1, length(?)) = ?"; args += [prefix, prefix] }
        if let t = query.type { sql += " AND d.doc_type = ?"; args.append(t) }
        if let n = query.number { sql += " AND d.doc_number = ?"; args.append(n) }
        if let from = query.dateFrom { sql += " AND d.doc_date >= ?"; args.append(from) }
        if let to = query.dateTo { sql += " AND d.doc_date <= ?"; args.append(to) }
        for (k, v) in query.meta.sorted(by: { $0.key < $1.key }) {
            sql += " AND EXISTS (SELECT 1 FROM document_meta m WHERE m.document_id = d.id AND m.key = ? AND m.value = ?)"
            args += [k, v]
        }
    }

    /// Documents by their own fields alone (no words asked): newest first, each as its first
    /// page with the page's opening words as the snippet.
    private func searchFields(_ query: SearchQuery) throws -> SearchResults {
        var sql = """
            SELECT d.id, d.sha256, d.batch,
                   (SELECT MIN(s.name) FROM document_sources s WHERE s.document_id = d.id AND s.batch = d.batch),
                   p.number, p.method, d.meta, substr(COALESCE(p.original, t.text), 1, 200), d.fields
            FROM documents d JOIN pages p ON p.document_id = d.id AND p.number = 1 JOIN page_text t ON t.rowid = p.id WHERE 1
            """
        var args: [DatabaseValueConvertible] = []
        Self.filter(query, into: &sql, &args)
        sql += " ORDER BY d.seq DESC LIMIT ?"
        args.append(max(1, min(query.limit, SearchQuery.maximumLimit)))
        return try db.read { db in
            let hits = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r -> SearchHit in
                var hit = SearchHit(document: r[0], sha256: r[1], batch: r[2], name: r[3] ?? "", page: r[4], method: r[5], score: 0,
                                    snippet: ((r[7] as String?) ?? "").replacingOccurrences(of: "\n", with: " ") + "…",
                                    meta: .fromJSON(r[6]))
                hit.fields = .fromJSON(r[8])
                return hit
            }
            return SearchResults(hits: hits, ranked: nil, moreMatches: false)
        }
    }

    /// Matches counted exactly up to this many; beyond, extrapolated.
    static let dfSample = 1_000

    /// The lowest and highest page rowids (the b-tree's two ends).
    private func rowidSpan(_ db: Database) throws -> (low: Int64, high: Int64) {
        let r = try Row.fetchOne(db, sql: "SELECT (SELECT min(id) FROM pages), (SELECT max(id) FROM pages)")
        return (r?[0] ?? 0, r?[1] ?? 0)
    }

    /// Pages matching one phrase: counted while walking newest first; past `dfSample`, the
    /// count so far scaled by the share of the rowid range the walk covered.
    private func matchingPages(_ db: Database, _ phrase: String, span: (low: Int64, high: Int64)) throws -> Double {
        let r = try Row.fetchOne(db, sql: """
            SELECT count(*), min(r) FROM (SELECT rowid AS r FROM page_text WHERE page_text MATCH ? ORDER BY rowid DESC LIMIT ?)
            """, arguments: [phrase, Self.dfSample])
        let found: Int = r?[0] ?? 0
        guard found >= Self.dfSample, let oldest: Int64 = r?[1] else { return Double(found) }
        return Self.extrapolate(found: found, oldest: oldest, span: span)
    }

    static func extrapolate(found: Int, oldest: Int64, span: (low: Int64, high: Int64)) -> Double {
        let covered = Double(span.high - oldest + 1), total = Double(span.high - span.low + 1)
        return covered > 0 && total > covered ? Double(found) * total / covered : Double(found)
    }

    public func verdictCounts() throws -> [String: Int] {
        try db.read { db in
            var out = Dictionary(uniqueKeysWithValues: Verdicts.all.map { ($0, 0) })
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM pages") ?? 0
            for r in try Row.fetchAll(db, sql: "SELECT quality, count(*) FROM pages INDEXED BY pages_flagged WHERE quality IN ('doubtful', 'unreadable') GROUP BY quality") {
                out[r[0] as String] = r[1]
            }
            out["good"] = total - (out["doubtful"] ?? 0) - (out["unreadable"] ?? 0)
            return out
        }
    }

    public func review(batch: String?, limit: Int) throws -> [ReviewPage] {
        try db.read { db in
            var sql = """
                SELECT d.id, d.sha256, d.batch, p.number, p.quality, p.reason,
                       (SELECT group_concat(s.batch || '/' || s.name, char(10)) FROM document_sources s WHERE s.document_id = d.id), d.meta
                FROM pages p INDEXED BY pages_flagged JOIN documents d ON d.id = p.document_id
                WHERE p.quality IN ('doubtful', 'unreadable')
                """
            var args: [DatabaseValueConvertible] = []
            if let batch { sql += " AND (d.batch = ? OR d.id IN (SELECT document_id FROM document_sources WHERE batch = ?))"; args += [batch, batch] }
            sql += " ORDER BY d.seq DESC, p.number LIMIT ?"
            args.append(max(1, min(limit, 10_000)))
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
                let sources = ((r[6] as String?) ?? "").split(separator: "\n").map(String.init).sorted()
                let metaText: String = r[7]
                return ReviewPage(document: r[0], sha256: r[1], batch: r[2], sources: sources, page: r[3], verdict: r[4], reason: r[5],
                                  meta: (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:])
            }
        }
    }

    public func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument] {
        try db.read { db in
            var sql = "SELECT id, seq, sha256, batch, output, languages, media_type, page_count, finished_at, meta, fields FROM documents WHERE seq > ?"
            var args: [DatabaseValueConvertible] = [cursor]
            if let batch { sql += " AND (batch = ? OR id IN (SELECT document_id FROM document_sources WHERE batch = ?))"; args += [batch, batch] }
            sql += " ORDER BY seq LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
                let id: Int64 = r[0]
                let sources = try Row.fetchAll(db, sql: "SELECT batch, name FROM document_sources WHERE document_id = ? ORDER BY batch, name", arguments: [id])
                    .map { IndexDocument.Source(batch: $0[0], name: $0[1]) }
                let pages = try Row.fetchAll(db, sql: """
                    SELECT p.number, p.method, p.confidence, COALESCE(p.original, t.text), p.quality, p.reason FROM pages p JOIN page_text t ON t.rowid = p.id
                    WHERE p.document_id = ? ORDER BY p.number
                    """, arguments: [id]).map { IndexDocument.Page(number: $0[0], method: $0[1], confidence: $0[2], text: $0[3],
                                                                     quality: $0[4], reason: $0[5]) }
                let metaText: String = r[9]
                return IndexDocument(id: id, seq: r[1], sha256: r[2], batch: r[3], output: r[4], sources: sources,
                                     meta: (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:],
                                     languages: r[5], mediaType: r[6], pageCount: r[7], finishedAt: r[8], pages: pages,
                                     fields: .fromJSON(r[10]))
            }
        }
    }

    /// Merges the FTS5 index's segments into one b-tree (faster queries; a long write).
    public func optimize() throws {
        try db.write { db in try db.execute(sql: "INSERT INTO page_text (page_text) VALUES ('optimize')") }
    }

    public func removeAll() throws {
        try db.write { db in
            for t in ["page_text", "pages", "document_meta", "document_sources", "documents"] { try db.execute(sql: "DELETE FROM \(t)") }
        }
    }

    public func counts() throws -> (documents: Int, pages: Int) {
        try db.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pages") ?? 0)
        }
    }
}
