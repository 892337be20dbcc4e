import DaftarIndex
import Foundation
import GRDB

/// Builds index documents from the journal (job, batch, metadata, sources, completion order)
/// and the stored outputs (document.json, text.txt). The broker feeds the index this way as
/// jobs finish, and `daftar index rebuild` recreates the whole index the same way: the index
/// is never the only copy of anything.
public enum IndexFeeder {
    /// Index documents for the given done jobs (jobs without outputs — no-op jobs — are skipped).
    public static func documents(_ db: Database, ids: [Int64], dataDirectory: String) throws -> [IndexDocument] {
        var out: [IndexDocument] = []
        for id in ids {
            guard let r = try Row.fetchOne(db, sql: """
                SELECT id, done_seq, sha256, batch, output, meta, languages, finished_at, kind FROM jobs
                WHERE id = ? AND state = 'done'
                """, arguments: [id]), (r[8] as String) == "document", let output: String = r[4] else { continue }
            let folder = dataDirectory + "/" + output
            guard let (record, pages) = try? IndexDocument.pages(outputFolder: folder) else { continue }
            let sources = try Row.fetchAll(db, sql: "SELECT batch, name FROM job_sources WHERE job_id = ? ORDER BY batch, name", arguments: [id])
                .map { IndexDocument.Source(batch: $0[0], name: $0[1]) }
            let metaText: String = r[5]
            out.append(IndexDocument(
                id: r[0], seq: r[1] ?? r[0], sha256: r[2], batch: r[3], output: output, sources: sources,
                meta: (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:],
                languages: record.languages, mediaType: record.mediaType, pageCount: record.pageCount,
                finishedAt: r[7] ?? 0, pages: pages, fields: record.fields?.values ?? [:]))
        }
        return out
    }

    /// Done jobs not yet in the index (through the partial index: the planner would otherwise
    /// walk every done job).
    public static func pending(_ db: Database, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM jobs INDEXED BY jobs_to_index WHERE state = 'done' AND indexed = 0 ORDER BY id LIMIT ?", arguments: [limit])
    }

    public static func markIndexed(_ db: Database, ids: [Int64]) throws {
        for id in ids { try db.execute(sql: "UPDATE jobs SET indexed = 1 WHERE id = ?", arguments: [id]) }
    }

    /// Recreates the index from the journal and the outputs; returns documents and pages indexed.
    public static func rebuild(dataDirectory: String, index: DocumentIndex, progress: (Int) -> Void = { _ in }) throws -> (documents: Int, pages: Int) {
        let journal = try Journal(path: dataDirectory + "/journal.sqlite")
        try index.removeAll()
        let ids = try journal.queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM jobs WHERE state = 'done' AND kind = 'document' ORDER BY done_seq")
        }
        var documents = 0, pages = 0
        for chunk in stride(from: 0, to: ids.count, by: 200).map({ Array(ids[$0..<min($0 + 200, ids.count)]) }) {
            let docs = try journal.queue.read { db in try IndexFeeder.documents(db, ids: chunk, dataDirectory: dataDirectory) }
            try index.upsert(docs)
            documents += docs.count
            pages += docs.reduce(0) { $0 + $1.pages.count }
            try journal.queue.write { db in try markIndexed(db, ids: chunk) }
            progress(documents)
        }
        return (documents, pages)
    }
}
