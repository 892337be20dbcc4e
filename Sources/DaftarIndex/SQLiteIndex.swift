import Foundation
import GRDB

/// The default index: SQLite FTS5 through GRDB, one file under the broker's data folder.
/// Page text is stored normalised (`TextNormalizer`) in an FTS5 table whose rowid is the
/// page's row; documents, sources, metadata and pages are plain tables beside it.
public final class SQLiteIndex: DocumentIndex {
    let db: DatabaseQueue

    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
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
        return m
    }

    public func upsert(_ documents: [IndexDocument]) throws {
        try db.write { db in
            for d in documents {
                try delete(db, id: d.id)
                let meta = String(decoding: try JSONEncoder().encode(d.meta), as: UTF8.self)
                try db.cachedStatement(sql: """
                    INSERT INTO documents (id, seq, sha256, batch, output, languages, media_type, page_count, finished_at, meta)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [d.id, d.seq, d.sha256, d.batch, d.output, d.languages, d.mediaType, d.pageCount, d.finishedAt, meta])
                for s in Set(d.sources) {
                    try db.cachedStatement(sql: "INSERT INTO document_sources (document_id, batch, name) VALUES (?, ?, ?)")
                        .execute(arguments: [d.id, s.batch, s.name])
                }
                for (k, v) in d.meta {
                    try db.cachedStatement(sql: "INSERT INTO document_meta (document_id, key, value) VALUES (?, ?, ?)").execute(arguments: [d.id, k, v])
                }
                for p in d.pages {
                    try db.cachedStatement(sql: "INSERT INTO pages (document_id, number, method, confidence) VALUES (?, ?, ?, ?)")
                        .execute(arguments: [d.id, p.number, p.method, p.confidence])
                    try db.cachedStatement(sql: "INSERT INTO page_text (rowid, text) VALUES (?, ?)")
                        .execute(arguments: [db.lastInsertedRowID, TextNormalizer.normalize(p.text)])
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
    /// snippets and joins of all of them: first the best page rowids by BM25 (joining the
    /// document tables only when a filter needs them), then snippets and details for those
    /// few rowids in one more query.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let expression = try SearchExpression.parse(query.text)
        let match = expression.fts5
        var sql: String
        var args: [DatabaseValueConvertible] = [match]
        if query.batch == nil && query.meta.isEmpty {
            sql = "SELECT rowid, bm25(page_text) FROM page_text WHERE page_text MATCH ?"
        } else {
            sql = """
                SELECT page_text.rowid, bm25(page_text) FROM page_text JOIN pages p ON p.id = page_text.rowid
                JOIN documents d ON d.id = p.document_id WHERE page_text MATCH ?
                """
            if let b = query.batch { sql += " AND d.batch = ?"; args.append(b) }
            for (k, v) in query.meta.sorted(by: { $0.key < $1.key }) {
                sql += " AND EXISTS (SELECT 1 FROM document_meta m WHERE m.document_id = d.id AND m.key = ? AND m.value = ?)"
                args.append(k); args.append(v)
            }
        }
        sql += " ORDER BY bm25(page_text) LIMIT ?"
        args.append(max(1, min(query.limit, 1000)))
        return try db.read { db in
            let best = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { (rowid: $0[0] as Int64, score: $0[1] as Double) }
            guard !best.isEmpty else { return [] }
            let rows = try Row.fetchAll(db, sql: """
                SELECT page_text.rowid, d.id, d.sha256, d.batch,
                       (SELECT MIN(s.name) FROM document_sources s WHERE s.document_id = d.id AND s.batch = d.batch),
                       p.number, p.method, snippet(page_text, 0, char(2), char(3), '…', 16), d.meta
                FROM page_text JOIN pages p ON p.id = page_text.rowid JOIN documents d ON d.id = p.document_id
                WHERE page_text MATCH ? AND page_text.rowid IN (\(best.map { String($0.rowid) }.joined(separator: ",")))
                """, arguments: [match])
            let byRow = Dictionary(rows.map { ($0[0] as Int64, $0) }, uniquingKeysWith: { a, _ in a })
            return best.compactMap { b in
                guard let r = byRow[b.rowid] else { return nil }
                let metaText: String = r[8]
                let snippet: String = r[7]
                return SearchHit(document: r[1], sha256: r[2], batch: r[3], name: r[4] ?? "", page: r[5], method: r[6],
                                 score: -b.score, snippet: snippet.replacingOccurrences(of: "\u{2}", with: SnippetMarks.open)
                                    .replacingOccurrences(of: "\u{3}", with: SnippetMarks.close).replacingOccurrences(of: "\n", with: " "),
                                 meta: (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:])
            }
        }
    }

    public func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument] {
        try db.read { db in
            var sql = "SELECT id, seq, sha256, batch, output, languages, media_type, page_count, finished_at, meta FROM documents WHERE seq > ?"
            var args: [DatabaseValueConvertible] = [cursor]
            if let batch { sql += " AND (batch = ? OR id IN (SELECT document_id FROM document_sources WHERE batch = ?))"; args += [batch, batch] }
            sql += " ORDER BY seq LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
                let id: Int64 = r[0]
                let sources = try Row.fetchAll(db, sql: "SELECT batch, name FROM document_sources WHERE document_id = ? ORDER BY batch, name", arguments: [id])
                    .map { IndexDocument.Source(batch: $0[0], name: $0[1]) }
                let pages = try Row.fetchAll(db, sql: """
                    SELECT p.number, p.method, p.confidence, t.text FROM pages p JOIN page_text t ON t.rowid = p.id
                    WHERE p.document_id = ? ORDER BY p.number
                    """, arguments: [id]).map { IndexDocument.Page(number: $0[0], method: $0[1], confidence: $0[2], text: $0[3]) }
                let metaText: String = r[9]
                return IndexDocument(id: id, seq: r[1], sha256: r[2], batch: r[3], output: r[4], sources: sources,
                                     meta: (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:],
                                     languages: r[5], mediaType: r[6], pageCount: r[7], finishedAt: r[8], pages: pages)
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
