import CLibPQ
import Foundation

public struct PostgresError: Error, CustomStringConvertible {
    public var description: String
}

/// The index on PostgreSQL, for sites that outgrow one machine: page text in a `tsvector`
/// column ('simple' configuration over the same normalised text as SQLite) with a GIN index;
/// ranked by `ts_rank_cd`, snippets by `ts_headline`. Talks libpq directly (blocking calls,
/// made from the broker's own thread or a command, never from Swift's cooperative pool).
public final class PostgresIndex: DocumentIndex {
    let connection: OpaquePointer

    public init(url: String) throws {
        guard let c = PQconnectdb(url) else { throw PostgresError(description: "libpq could not allocate a connection") }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(c))
            PQfinish(c)
            throw PostgresError(description: "cannot connect to PostgreSQL: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        connection = c
        try migrate()
    }

    deinit { PQfinish(connection) }

    @discardableResult
    func exec(_ sql: String, _ params: [String?] = []) throws -> [[String?]] {
        let result: OpaquePointer? = withArrayOfOptionalCStrings(params) { pointers in
            PQexecParams(connection, sql, Int32(params.count), nil, pointers, nil, nil, 0)
        }
        guard let result else { throw PostgresError(description: String(cString: PQerrorMessage(connection))) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw PostgresError(description: String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var rows: [[String?]] = []
        for r in 0..<PQntuples(result) {
            var row: [String?] = []
            for f in 0..<PQnfields(result) {
                row.append(PQgetisnull(result, r, f) == 1 ? nil : String(cString: PQgetvalue(result, r, f)))
            }
            rows.append(row)
        }
        return rows
    }

    func migrate() throws {
        try exec("CREATE TABLE IF NOT EXISTS daftar_migrations (name text PRIMARY KEY)")
        let done = Set(try exec("SELECT name FROM daftar_migrations").compactMap { $0[0] })
        let migrations: [(String, String)] = [("v1-documents-pages-tsvector", """
            CREATE TABLE documents (
              id bigint PRIMARY KEY, seq bigint NOT NULL UNIQUE, sha256 text NOT NULL, batch text NOT NULL,
              output text NOT NULL, languages text NOT NULL, media_type text, page_count integer NOT NULL,
              finished_at double precision NOT NULL, meta jsonb NOT NULL);
            CREATE INDEX documents_by_batch ON documents(batch);
            CREATE INDEX documents_meta ON documents USING GIN (meta jsonb_path_ops);
            CREATE TABLE document_sources (
              document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              batch text NOT NULL, name text NOT NULL, PRIMARY KEY (document_id, batch, name));
            CREATE TABLE pages (
              document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              number integer NOT NULL, method text NOT NULL, confidence double precision,
              text text NOT NULL, tsv tsvector NOT NULL, PRIMARY KEY (document_id, number));
            CREATE INDEX pages_tsv ON pages USING GIN (tsv);
            """), ("v2-page-quality", """
            ALTER TABLE pages ADD COLUMN quality text;
            ALTER TABLE pages ADD COLUMN reason text;
            CREATE INDEX pages_flagged ON pages(quality, document_id) WHERE quality IN ('doubtful', 'unreadable');
            """), ("v3-document-fields", """
            ALTER TABLE documents ADD COLUMN fields jsonb NOT NULL DEFAULT '{}';
            ALTER TABLE documents ADD COLUMN doc_type text;
            ALTER TABLE documents ADD COLUMN doc_number text;
            ALTER TABLE documents ADD COLUMN doc_date text;
            CREATE INDEX documents_by_number ON documents(doc_number) WHERE doc_number IS NOT NULL;
            CREATE INDEX documents_by_date ON documents(doc_date) WHERE doc_date IS NOT NULL;
            ALTER TABLE pages ADD COLUMN original text;
            """)]
        for (name, sql) in migrations where !done.contains(name) {
            try exec("BEGIN")
            do {
                for statement in sql.components(separatedBy: ";") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try exec(statement)
                }
                try exec("INSERT INTO daftar_migrations (name) VALUES ($1)", [name])
                try exec("COMMIT")
            } catch {
                _ = try? exec("ROLLBACK")
                throw error
            }
        }
    }

    public func upsert(_ documents: [IndexDocument]) throws {
        try exec("BEGIN")
        do {
            for d in documents {
                try exec("DELETE FROM documents WHERE id = $1", [String(d.id)])
                let meta = String(decoding: try JSONEncoder().encode(d.meta), as: UTF8.self)
                try exec("""
                    INSERT INTO documents (id, seq, sha256, batch, output, languages, media_type, page_count, finished_at, meta,
                                           fields, doc_type, doc_number, doc_date)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14)
                    """, [String(d.id), String(d.seq), d.sha256, d.batch, d.output, d.languages, d.mediaType, String(d.pageCount),
                          String(d.finishedAt), meta, d.fieldsJSON, d.fields["type"], d.fields["number"], d.fields["date"]])
                for s in Set(d.sources) {
                    try exec("INSERT INTO document_sources (document_id, batch, name) VALUES ($1, $2, $3)", [String(d.id), s.batch, s.name])
                }
                for p in d.pages {
                    let text = TextNormalizer.normalize(p.text)
                    // The text as read beside the folded one where folding changed it (Urdu):
                    // snippets show the page's own spelling.
                    try exec("""
                        INSERT INTO pages (document_id, number, method, confidence, text, tsv, quality, reason, original)
                        VALUES ($1, $2, $3, $4, $5, to_tsvector('simple', $5), $6, $7, $8)
                        """, [String(d.id), String(p.number), p.method, p.confidence.map { String($0) }, text, p.quality, p.reason,
                              text == p.text ? nil : p.text])
                }
            }
            try exec("COMMIT")
        } catch {
            _ = try? exec("ROLLBACK")
            throw error
        }
    }

    /// The tsquery text for an expression (lexemes quoted; prefix as :*; phrase as <->).
    static func tsquery(_ e: SearchExpression) -> String {
        func lexeme(_ w: String) -> String { "'" + w.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'" }
        switch e {
        case .term(let w, let p): return lexeme(w) + (p ? ":*" : "")
        case .phrase(let ws): return "(" + ws.map(lexeme).joined(separator: " <-> ") + ")"
        case .and(let a, let b): return "(\(tsquery(a)) & \(tsquery(b)))"
        case .or(let a, let b): return "(\(tsquery(a)) | \(tsquery(b)))"
        case .not(let a, let b): return "(\(tsquery(a)) & !\(tsquery(b)))"
        }
    }

    /// With a candidate limit, the newest `candidates` matching pages are ranked (as on SQLite);
    /// without one, every match.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        // Only the record's fields asked: every document's first page, by the filters below.
        let fieldsOnly = query.isFieldsOnly
        let expression = fieldsOnly ? nil : try SearchExpression.parse(query.text)
        let q = expression.map(Self.tsquery) ?? ""
        var params: [String?] = [q]
        var filter = fieldsOnly ? "($1 = '' AND p.number = 1)" : "p.tsv @@ to_tsquery('simple', $1)"
        if let b = query.batch { params.append(b); filter += " AND d.batch = $\(params.count)" }
        if let q = query.quality { params.append(q); filter += " AND COALESCE(p.quality, 'good') = $\(params.count)" }
        if let prefix = query.batchPrefix { params.append(prefix); filter += " AND starts_with(d.batch, $\(params.count))" }
        if let t = query.type { params.append(t); filter += " AND d.doc_type = $\(params.count)" }
        if let n = query.number { params.append(n); filter += " AND d.doc_number = $\(params.count)" }
        if let from = query.dateFrom { params.append(from); filter += " AND d.doc_date >= $\(params.count)" }
        if let to = query.dateTo { params.append(to); filter += " AND d.doc_date <= $\(params.count)" }
        if !query.meta.isEmpty {
            params.append(String(decoding: try JSONEncoder().encode(query.meta), as: UTF8.self))
            filter += " AND d.meta @> $\(params.count)::jsonb"
        }
        let limit = max(1, min(query.limit, 1000))
        if fieldsOnly {
            params.append(String(limit))
            let hits = try exec("""
                SELECT d.id, d.sha256, d.batch,
                       (SELECT MIN(s.name) FROM document_sources s WHERE s.document_id = d.id AND s.batch = d.batch),
                       p.number, p.method, left(COALESCE(p.original, p.text), 200), d.meta::text, d.fields::text
                FROM pages p JOIN documents d ON d.id = p.document_id WHERE \(filter) ORDER BY d.seq DESC LIMIT $\(params.count)
                """, params).map { r -> SearchHit in
                var hit = SearchHit(document: Int64(r[0]!)!, sha256: r[1]!, batch: r[2]!, name: r[3] ?? "", page: Int(r[4]!)!, method: r[5]!,
                                    score: 0, snippet: (r[6] ?? "").replacingOccurrences(of: "\n", with: " ") + "…", meta: .fromJSON(r[7]))
                hit.fields = .fromJSON(r[8])
                return hit
            }
            return SearchResults(hits: hits, ranked: nil, moreMatches: false)
        }
        var ranked: Int?, more = false
        var from = "pages p JOIN documents d ON d.id = p.document_id"
        if let candidates = query.candidates {
            // Newest first: the latest documents' pages.
            let n = max(candidates, limit)
            let keys = try exec("""
                SELECT p.document_id, p.number FROM pages p JOIN documents d ON d.id = p.document_id WHERE \(filter)
                ORDER BY p.document_id DESC, p.number DESC LIMIT \(n + 1)
                """, params).compactMap { r -> String? in
                    guard let d = r[0].flatMap({ Int64($0) }), let number = r[1].flatMap({ Int($0) }) else { return nil }
                    return "(\(d),\(number))"
                }
            more = keys.count > n
            ranked = min(keys.count, n)
            guard !keys.isEmpty else { return SearchResults(hits: [], ranked: 0, moreMatches: false) }
            from = "(SELECT * FROM pages WHERE (document_id, number) IN (\(keys.prefix(n).joined(separator: ",")))) p JOIN documents d ON d.id = p.document_id"
        }
        params.append(String(limit))
        let sql = """
            SELECT d.id, d.sha256, d.batch,
                   (SELECT MIN(s.name) FROM document_sources s WHERE s.document_id = d.id AND s.batch = d.batch),
                   p.number, p.method, ts_rank_cd(p.tsv, q),
                   ts_headline('simple', p.text, q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=…'),
                   d.meta::text, d.fields::text, p.original
            FROM \(from), to_tsquery('simple', $1) q
            WHERE \(filter)
            ORDER BY ts_rank_cd(p.tsv, q) DESC, p.document_id DESC, p.number DESC LIMIT $\(params.count)
            """
        let hits = try exec(sql, params).map { r -> SearchHit in
            var hit = SearchHit(document: Int64(r[0]!)!, sha256: r[1]!, batch: r[2]!, name: r[3] ?? "", page: Int(r[4]!)!, method: r[5]!,
                      score: Double(r[6]!) ?? 0, snippet: (r[7] ?? "").replacingOccurrences(of: "\n", with: " "),
                      meta: (try? JSONDecoder().decode([String: String].self, from: Data((r[8] ?? "{}").utf8))) ?? [:])
            hit.fields = .fromJSON(r[9])
            // A page whose spelling folding changed: the snippet from its own text.
            if let original = r[10], let expression { hit.snippet = SnippetCutter.snippet(original, query: expression) }
            return hit
        }
        return SearchResults(hits: hits, ranked: ranked, moreMatches: more)
    }

    public func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument] {
        var params: [String?] = [String(cursor)]
        var sql = "SELECT id, seq, sha256, batch, output, languages, media_type, page_count, finished_at, meta::text, fields::text FROM documents WHERE seq > $1"
        if let batch { params.append(batch); sql += " AND (batch = $2 OR id IN (SELECT document_id FROM document_sources WHERE batch = $2))" }
        params.append(String(limit))
        sql += " ORDER BY seq LIMIT $\(params.count)"
        return try exec(sql, params).map { r in
            let id = r[0]!
            let sources = try exec("SELECT batch, name FROM document_sources WHERE document_id = $1 ORDER BY batch, name", [id])
                .map { IndexDocument.Source(batch: $0[0]!, name: $0[1]!) }
            let pages = try exec("SELECT number, method, confidence, COALESCE(original, text), quality, reason FROM pages WHERE document_id = $1 ORDER BY number", [id])
                .map { IndexDocument.Page(number: Int($0[0]!)!, method: $0[1]!, confidence: $0[2].flatMap(Double.init), text: $0[3]!,
                                          quality: $0[4], reason: $0[5]) }
            return IndexDocument(id: Int64(id)!, seq: Int64(r[1]!)!, sha256: r[2]!, batch: r[3]!, output: r[4]!, sources: sources,
                                 meta: (try? JSONDecoder().decode([String: String].self, from: Data((r[9] ?? "{}").utf8))) ?? [:],
                                 languages: r[5]!, mediaType: r[6], pageCount: Int(r[7]!)!, finishedAt: Double(r[8]!)!, pages: pages,
                                 fields: .fromJSON(r[10]))
        }
    }

    public func removeAll() throws {
        try exec("TRUNCATE documents, document_sources, pages")
    }

    public func counts() throws -> (documents: Int, pages: Int) {
        let r = try exec("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM pages)")
        return (Int(r[0][0]!)!, Int(r[0][1]!)!)
    }

    public func verdictCounts() throws -> [String: Int] {
        var out = Dictionary(uniqueKeysWithValues: Verdicts.all.map { ($0, 0) })
        for r in try exec("SELECT COALESCE(quality, 'good'), count(*) FROM pages GROUP BY 1") {
            out[r[0]!, default: 0] += Int(r[1]!) ?? 0
        }
        return out
    }

    public func review(batch: String?, limit: Int) throws -> [ReviewPage] {
        var params: [String?] = []
        var sql = """
            SELECT d.id, d.sha256, d.batch, p.number, p.quality, p.reason,
                   (SELECT string_agg(s.batch || '/' || s.name, E'\\n' ORDER BY s.batch, s.name) FROM document_sources s WHERE s.document_id = d.id),
                   d.meta::text
            FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.quality IN ('doubtful', 'unreadable')
            """
        if let batch { params.append(batch); sql += " AND (d.batch = $1 OR d.id IN (SELECT document_id FROM document_sources WHERE batch = $1))" }
        params.append(String(max(1, min(limit, 10_000))))
        sql += " ORDER BY d.seq DESC, p.number LIMIT $\(params.count)"
        return try exec(sql, params).map { r in
            ReviewPage(document: Int64(r[0]!)!, sha256: r[1]!, batch: r[2]!, sources: (r[6] ?? "").split(separator: "\n").map(String.init),
                       page: Int(r[3]!)!, verdict: r[4]!, reason: r[5],
                       meta: (try? JSONDecoder().decode([String: String].self, from: Data((r[7] ?? "{}").utf8))) ?? [:])
        }
    }
}

/// Calls `body` with a C array of C strings (NULL for nil), valid for the call.
func withArrayOfOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let buffers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { buffers.forEach { free($0) } }
    let pointers = buffers.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
