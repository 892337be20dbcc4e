import Foundation
import GRDB

/// The broker's journal: every state change of a job is a row change in SQLite (WAL,
/// synchronous=FULL). The broker batches the changes of one turn of its loop into one
/// transaction and answers peers only after it commits.
///
/// States: queued → running → done; running → failed (retry_at) → queued … → dead;
/// cancelled. `attempts` counts leases; `failures` counts the attempts that failed and is
/// what the cap applies to (an attempt interrupted by a broker restart is not the job's fault).
public final class Journal: @unchecked Sendable {
    public let queue: DatabaseQueue

    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-jobs-attempts-sources") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                  id INTEGER PRIMARY KEY,
                  batch TEXT NOT NULL,
                  name TEXT NOT NULL,
                  sha256 TEXT NOT NULL,
                  size INTEGER NOT NULL,
                  kind TEXT NOT NULL,
                  priority INTEGER NOT NULL,
                  languages TEXT NOT NULL,
                  meta TEXT NOT NULL,
                  state TEXT NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  failures INTEGER NOT NULL DEFAULT 0,
                  submitted_at REAL NOT NULL,
                  queued_at REAL NOT NULL,
                  retry_at REAL,
                  started_at REAL,
                  finished_at REAL,
                  worker TEXT,
                  error_kind TEXT,
                  error TEXT,
                  output TEXT,
                  pages INTEGER,
                  UNIQUE (batch, sha256));
                CREATE INDEX jobs_by_state ON jobs(state, priority, id);
                CREATE INDEX jobs_by_batch ON jobs(batch, id);
                CREATE TABLE job_sources (
                  job_id INTEGER NOT NULL REFERENCES jobs(id),
                  name TEXT NOT NULL,
                  PRIMARY KEY (job_id, name)) WITHOUT ROWID;
                CREATE TABLE attempts (
                  job_id INTEGER NOT NULL REFERENCES jobs(id),
                  number INTEGER NOT NULL,
                  worker TEXT NOT NULL,
                  started_at REAL NOT NULL,
                  ended_at REAL,
                  outcome TEXT NOT NULL,
                  error_kind TEXT,
                  error TEXT,
                  PRIMARY KEY (job_id, number)) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v2-output-index") { db in
            // Finding whether an output folder is taken must not scan the table.
            try db.execute(sql: "CREATE INDEX jobs_by_output ON jobs(output)")
        }
        m.registerMigration("v3-content-dedupe-and-index-feed") { db in
            // One job per content (SHA-256) across batches, each source remembered with its
            // batch; `done_seq` orders finished jobs for the export feed; `indexed` marks jobs
            // whose document is in the index (the index can always be rebuilt from outputs).
            try db.execute(sql: """
                ALTER TABLE jobs ADD COLUMN done_seq INTEGER;
                ALTER TABLE jobs ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
                CREATE UNIQUE INDEX jobs_by_done_seq ON jobs(done_seq);
                CREATE INDEX jobs_by_sha256 ON jobs(sha256);
                CREATE INDEX jobs_to_index ON jobs(id) WHERE state = 'done' AND indexed = 0;
                CREATE TABLE job_sources_v3 (
                  job_id INTEGER NOT NULL REFERENCES jobs(id),
                  batch TEXT NOT NULL,
                  name TEXT NOT NULL,
                  PRIMARY KEY (job_id, batch, name)) WITHOUT ROWID;
                INSERT INTO job_sources_v3 (job_id, batch, name)
                  SELECT s.job_id, j.batch, s.name FROM job_sources s JOIN jobs j ON j.id = s.job_id;
                DROP TABLE job_sources;
                ALTER TABLE job_sources_v3 RENAME TO job_sources;
                UPDATE jobs SET done_seq = id WHERE state = 'done';
                """)
        }
        m.registerMigration("v4-page-checks") { db in
            // Flagged pages an operator has checked (the review page's "Checked").
            try db.execute(sql: """
                CREATE TABLE page_checks (
                  job_id INTEGER NOT NULL REFERENCES jobs(id),
                  page INTEGER NOT NULL,
                  checked_by TEXT NOT NULL,
                  checked_at REAL NOT NULL,
                  PRIMARY KEY (job_id, page)) WITHOUT ROWID;
                """)
        }
        return m
    }

    /// Marks a page of a finished job checked; false when there is no such page.
    static func check(_ db: Database, job: Int64, page: Int, by: String, now: Double) throws -> Bool {
        guard let pages = try Int.fetchOne(db, sql: "SELECT pages FROM jobs WHERE id = ? AND state = 'done'", arguments: [job]),
              (1...max(1, pages)).contains(page) else { return false }
        try db.execute(sql: "INSERT OR REPLACE INTO page_checks (job_id, page, checked_by, checked_at) VALUES (?, ?, ?, ?)",
                       arguments: [job, page, by, now])
        return true
    }

    static func checks(_ db: Database, jobs: [Int64]) throws -> [PageCheck] {
        guard !jobs.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: "SELECT job_id, page, checked_by, checked_at FROM page_checks WHERE job_id IN (\(jobs.map { String($0) }.joined(separator: ",")))")
            .map { PageCheck(job: $0["job_id"], page: $0["page"], by: $0["checked_by"], at: $0["checked_at"]) }
    }

    static func checkedPages(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM page_checks") ?? 0
    }

    // MARK: recovery

    public struct Recovered: Sendable {
        public var queued: [(id: Int64, priority: Int, queuedAt: Double)]
        public var waitingRetry: [(id: Int64, retryAt: Double)]
        public var interrupted: Int
    }

    /// At start: attempts that were running when the broker stopped are interrupted (not the
    /// job's fault) and their jobs queued again; returns what the scheduler must hold.
    public func recover(now: Double) throws -> Recovered {
        try queue.write { db in
            try db.execute(sql: "UPDATE attempts SET outcome = 'interrupted', ended_at = ? WHERE outcome = 'running'", arguments: [now])
            try db.execute(sql: "UPDATE jobs SET state = 'queued', queued_at = ?, worker = NULL WHERE state = 'running'", arguments: [now])
            let interrupted = db.changesCount
            var queued: [(Int64, Int, Double)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, priority, queued_at FROM jobs WHERE state = 'queued' ORDER BY id")
            while let r = try rows.next() { queued.append((r[0], r[1], r[2])) }
            var waiting: [(Int64, Double)] = []
            let f = try Row.fetchCursor(db, sql: "SELECT id, retry_at FROM jobs WHERE state = 'failed'")
            while let r = try f.next() { waiting.append((r[0], r[1] ?? now)) }
            return Recovered(queued: queued, waitingRetry: waiting, interrupted: interrupted)
        }
    }

    // MARK: changes (called inside the broker's transaction)

    public struct Existing: Sendable { public var id: Int64; public var state: String }

    /// The job that already holds these bytes, from any batch (noop jobs only within one batch).
    public static func find(_ db: Database, batch: String, sha256: String, kind: String) throws -> Existing? {
        let row = kind == "noop"
            ? try Row.fetchOne(db.cachedStatement(sql: "SELECT id, state FROM jobs WHERE batch = ? AND sha256 = ?"), arguments: [batch, sha256])
            : try Row.fetchOne(db.cachedStatement(sql: "SELECT id, state FROM jobs WHERE sha256 = ? ORDER BY id LIMIT 1"), arguments: [sha256])
        return row.map { Existing(id: $0[0], state: $0[1]) }
    }

    public static func insert(_ db: Database, _ s: SubmitRequest, output: String, now: Double) throws -> Int64 {
        let meta = String(decoding: (try? JSONSerialization.data(withJSONObject: s.meta, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO jobs (batch, name, sha256, size, kind, priority, languages, meta, state, submitted_at, queued_at, output)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
            """).execute(arguments: [s.batch, s.name, s.sha256, s.size, s.kind, s.priority, s.languages, meta, now, now, output])
        let id = db.lastInsertedRowID
        try addSource(db, job: id, batch: s.batch, name: s.name)
        return id
    }

    /// Records another name (and batch) under which the same bytes were submitted.
    /// Records another name (and batch) the job's bytes were submitted under. A finished job
    /// that gains a source is marked for indexing again, so that the index, the feed and search
    /// know the document under every name and batch it was submitted to. Returns whether the
    /// source was new.
    @discardableResult
    public static func addSource(_ db: Database, job: Int64, batch: String, name: String) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO job_sources (job_id, batch, name) VALUES (?, ?, ?)").execute(arguments: [job, batch, name])
        guard db.changesCount > 0 else { return false }
        try db.cachedStatement(sql: "UPDATE jobs SET indexed = 0 WHERE id = ? AND state = 'done'").execute(arguments: [job])
        return true
    }

    public static func outputTaken(_ db: Database, output: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM jobs WHERE output = ?)"), arguments: [output]) ?? false
    }

    /// Leases the job to a worker: a new attempt, numbered from the job's attempt counter.
    public static func lease(_ db: Database, job: Int64, worker: String, now: Double) throws -> (attempt: Int, order: JobOrder, queuedAt: Double)? {
        try db.cachedStatement(sql: "UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, worker = ? WHERE id = ? AND state = 'queued'")
            .execute(arguments: [now, worker, job])
        guard db.changesCount == 1 else { return nil }
        guard let r = try Row.fetchOne(db.cachedStatement(sql: "SELECT attempts, kind, batch, name, sha256, size, languages, queued_at FROM jobs WHERE id = ?"), arguments: [job]) else { return nil }
        let attempt: Int = r[0]
        try db.cachedStatement(sql: "INSERT INTO attempts (job_id, number, worker, started_at, outcome) VALUES (?, ?, ?, ?, 'running')")
            .execute(arguments: [job, attempt, worker, now])
        let order = JobOrder(job: job, attempt: attempt, kind: r[1], batch: r[2], name: r[3], sha256: r[4], size: r[5],
                             languages: r[6], timeLimit: 0)
        return (attempt, order, r[7])
    }

    public static func endAttempt(_ db: Database, job: Int64, attempt: Int, outcome: String, kind: String? = nil,
                                  error: String? = nil, now: Double) throws {
        try db.cachedStatement(sql: "UPDATE attempts SET outcome = ?, ended_at = ?, error_kind = ?, error = ? WHERE job_id = ? AND number = ?")
            .execute(arguments: [outcome, now, kind, error, job, attempt])
    }

    /// Current state of a job, or nil.
    public static func state(_ db: Database, job: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM jobs WHERE id = ?"), arguments: [job])
    }

    public static func markDone(_ db: Database, job: Int64, attempt: Int, pages: Int, now: Double) throws {
        try db.cachedStatement(sql: """
            UPDATE jobs SET state = 'done', finished_at = ?, pages = ?, retry_at = NULL,
              done_seq = (SELECT COALESCE(MAX(done_seq), 0) + 1 FROM jobs), indexed = (kind = 'noop')
            WHERE id = ?
            """).execute(arguments: [now, pages, job])
        try endAttempt(db, job: job, attempt: attempt, outcome: "done", now: now)
    }

    /// Records a failed attempt; returns the job's new state (failed with a retry time, or dead).
    public static func markFailed(_ db: Database, job: Int64, attempt: Int, outcome: String, kind: String, message: String,
                                  permanent: Bool, policy: RetryPolicy, now: Double) throws -> (state: String, retryAt: Double?) {
        try endAttempt(db, job: job, attempt: attempt, outcome: outcome, kind: kind, error: message, now: now)
        let failures = (try Int.fetchOne(db.cachedStatement(sql: "SELECT failures FROM jobs WHERE id = ?"), arguments: [job]) ?? 0) + 1
        let dead = permanent || failures >= policy.maximumAttempts
        let retryAt = dead ? nil : now + policy.delay(afterFailures: failures)
        try db.cachedStatement(sql: """
            UPDATE jobs SET state = ?, failures = ?, retry_at = ?, error_kind = ?, error = ?, worker = NULL,
              finished_at = CASE WHEN ? THEN ? ELSE NULL END WHERE id = ?
            """).execute(arguments: [dead ? "dead" : "failed", failures, retryAt, kind, message, dead, now, job])
        return (dead ? "dead" : "failed", retryAt)
    }

    /// Puts a job back in the queue: its attempt ended without being the job's fault.
    public static func requeue(_ db: Database, job: Int64, attempt: Int?, outcome: String, now: Double) throws {
        if let attempt { try endAttempt(db, job: job, attempt: attempt, outcome: outcome, now: now) }
        try db.cachedStatement(sql: "UPDATE jobs SET state = 'queued', queued_at = ?, worker = NULL, retry_at = NULL WHERE id = ?")
            .execute(arguments: [now, job])
    }

    public static func cancel(_ db: Database, job: Int64, now: Double) throws -> Bool {
        try db.execute(sql: "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state IN ('queued', 'running', 'failed')",
                       arguments: [now, job])
        return db.changesCount == 1
    }

    /// Operator retry of a dead (or cancelled) job: failures reset, queued again.
    public static func revive(_ db: Database, job: Int64, now: Double) throws -> (priority: Int, queuedAt: Double)? {
        try db.execute(sql: """
            UPDATE jobs SET state = 'queued', failures = 0, queued_at = ?, retry_at = NULL, finished_at = NULL
            WHERE id = ? AND state IN ('dead', 'cancelled', 'failed')
            """, arguments: [now, job])
        guard db.changesCount == 1 else { return nil }
        let p = try Int.fetchOne(db, sql: "SELECT priority FROM jobs WHERE id = ?", arguments: [job]) ?? 0
        return (p, now)
    }

    public static func deadJobs(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM jobs WHERE state = 'dead' ORDER BY id")
    }

    // MARK: reading

    public static func counts(_ db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM jobs GROUP BY state") { out[r[0]] = r[1] }
        return out
    }

    public static func queuedByPriority(_ db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT priority, COUNT(*) FROM jobs WHERE state = 'queued' GROUP BY priority") {
            out[String(r[0] as Int)] = r[1]
        }
        return out
    }

    static let summaryColumns = "id, batch, name, state, priority, attempts, failures, submitted_at, started_at, finished_at, worker, error_kind, error, output, pages, kind, json_extract(meta, '$.department')"

    static func summary(_ r: Row) -> JobSummary {
        JobSummary(id: r[0], batch: r[1], name: r[2], state: r[3], priority: r[4], attempts: r[5], failures: r[6],
                   submittedAt: r[7], startedAt: r[8], finishedAt: r[9], worker: r[10], errorKind: r[11], error: r[12],
                   output: r[13], pages: r[14], kind: r[15], department: r[16])
    }

    public static func list(_ db: Database, state: String?, batch: String?, limit: Int) throws -> [JobSummary] {
        var sql = "SELECT \(summaryColumns) FROM jobs WHERE 1"
        var args: [DatabaseValueConvertible?] = []
        if let state { sql += " AND state = ?"; args.append(state) }
        if let batch { sql += " AND batch = ?"; args.append(batch) }
        sql += " ORDER BY id LIMIT ?"; args.append(limit)
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(summary)
    }

    public static func summaries(_ db: Database, ids: [Int64]) throws -> [JobSummary] {
        var out: [JobSummary] = []
        let st = try db.cachedStatement(sql: "SELECT \(summaryColumns) FROM jobs WHERE id = ?")
        for id in ids { if let r = try Row.fetchOne(st, arguments: [id]) { out.append(summary(r)) } }
        return out
    }

    public static func detail(_ db: Database, id: Int64) throws -> JobDetail? {
        guard let r = try Row.fetchOne(db, sql: "SELECT \(summaryColumns), sha256, size, languages, meta FROM jobs WHERE id = ?", arguments: [id]) else { return nil }
        let attempts = try Row.fetchAll(db, sql: "SELECT number, worker, started_at, ended_at, outcome, error_kind, error FROM attempts WHERE job_id = ? ORDER BY number", arguments: [id]).map {
            AttemptSummary(number: $0[0], worker: $0[1], startedAt: $0[2], endedAt: $0[3], outcome: $0[4], errorKind: $0[5], error: $0[6])
        }
        let sources = try Row.fetchAll(db, sql: "SELECT batch, name FROM job_sources WHERE job_id = ? ORDER BY batch, name", arguments: [id])
            .map { "\($0[0] as String)/\($0[1] as String)" }
        // By name: the summary's columns come first and may grow.
        let metaText: String = r["meta"]
        let meta = (try? JSONDecoder().decode([String: String].self, from: Data(metaText.utf8))) ?? [:]
        return JobDetail(job: summary(r), sha256: r["sha256"], size: r["size"], languages: r["languages"], meta: meta,
                         sources: sources, attempts: attempts)
    }

    public static func recentFailures(_ db: Database, limit: Int) throws -> [JobSummary] {
        try Row.fetchAll(db, sql: """
            SELECT \(summaryColumns) FROM jobs WHERE state IN ('failed', 'dead') ORDER BY COALESCE(finished_at, started_at) DESC LIMIT ?
            """, arguments: [limit]).map(summary)
    }
}

/// How often, and after how long, a failed job is tried again.
public struct RetryPolicy: Sendable {
    /// Failed attempts after which a job is dead.
    public var maximumAttempts = 3
    /// Delay after the first failure; doubles after each further one, up to `maximumDelay`.
    public var firstDelay: Double = 5
    public var maximumDelay: Double = 600
    public init() {}
    public func delay(afterFailures n: Int) -> Double {
        min(maximumDelay, firstDelay * pow(2, Double(max(0, n - 1))))
    }
}

public struct JobSummary: Codable, Sendable {
    public var id: Int64
    public var batch: String
    public var name: String
    public var state: String
    public var priority: Int
    public var attempts: Int
    public var failures: Int
    public var submittedAt: Double
    public var startedAt: Double?
    public var finishedAt: Double?
    public var worker: String?
    public var errorKind: String?
    public var error: String?
    public var output: String?
    public var pages: Int?
    public var kind: String
    /// The `department` metadata the job was submitted with, if any (for scoped API tokens).
    public var department: String?
}

public struct AttemptSummary: Codable, Sendable {
    public var number: Int
    public var worker: String
    public var startedAt: Double
    public var endedAt: Double?
    public var outcome: String
    public var errorKind: String?
    public var error: String?
}

public struct JobDetail: Codable, Sendable {
    public var job: JobSummary
    public var sha256: String
    public var size: Int
    public var languages: String
    public var meta: [String: String]
    public var sources: [String]
    public var attempts: [AttemptSummary]
}
