import Foundation
import DaftarPipeline
import DaftarIndex
import GRDB
import Logging
import Messaging
import Metrics

public struct BrokerConfiguration: Sendable {
    public var dataDirectory: String
    public var clientEndpoint = "tcp://127.0.0.1:5555"
    public var workerEndpoint = "tcp://127.0.0.1:5556"
    /// The broker's CURVE key pair; required to listen beyond loopback.
    public var curveKeys: CurveKeyPair?
    /// Public keys (Z85) of the workers and clients allowed in when CURVE is on.
    public var allowedKeys: Set<String> = []
    public var retry = RetryPolicy()
    public var agingSeconds: Double = 60
    /// Past this many waiting jobs a submit is refused with "busy, retry after".
    public var maximumQueued = 1_000_000
    /// Seconds an attempt may run; the worker stops it then, the broker a little later.
    public var timeLimit: Double = 600
    public var heartbeatInterval: Double = 1
    /// Heartbeats a worker may miss before its jobs go back to the queue.
    public var heartbeatLiveness: Double = 3
    /// Where finished documents are indexed: a SQLite file (default DATA/index.sqlite) or a
    /// postgresql:// URL.
    public var index: String?
    /// The broker's metrics as Prometheus text, for clients that ask (`METRICS`).
    public var metricsText: (@Sendable () -> String)?
    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }
    public var indexLocation: String { index ?? dataDirectory + "/index.sqlite" }
}

/// The broker's metrics, through swift-metrics (Prometheus in `serve`/`broker`). Labels are
/// states, outcomes and methods only: never job or worker ids.
struct BrokerMetrics {
    let jobs: [String: Gauge] = Dictionary(uniqueKeysWithValues: ["queued", "running", "done", "failed", "dead", "cancelled"].map {
        ($0, Gauge(label: "daftar_jobs", dimensions: [("state", $0)]))
    })
    let oldestQueued = Gauge(label: "daftar_oldest_queued_job_age_seconds")
    let workersConnected = Gauge(label: "daftar_workers_connected")
    let workersBusy = Gauge(label: "daftar_workers_busy")
    let slots = Gauge(label: "daftar_slots")
    let slotsBusy = Gauge(label: "daftar_slots_busy")
    let queueWait = Metrics.Timer(label: "daftar_queue_wait_seconds")
    let processing = Metrics.Timer(label: "daftar_processing_seconds")
    let refused = Counter(label: "daftar_submissions_refused_total")
    let malformed = Counter(label: "daftar_malformed_messages_total")
    /// Made once: looking a metric up in the factory on every event costs the loop time.
    let attempts: [String: Counter] = Dictionary(uniqueKeysWithValues:
        ["done", "failed", "timeout", "lost", "returned", "duplicate", "superseded"].map {
            ($0, Counter(label: "daftar_attempts_total", dimensions: [("outcome", $0)]))
        })
    /// Pages indexed, by how they were read and the verdict on them.
    let pagesByKind: [String: Counter] = Dictionary(uniqueKeysWithValues: ["ocr", "text-layer"].flatMap { method in
        ["good", "doubtful", "unreadable"].map { quality in
            ("\(method)/\(quality)", Counter(label: "daftar_pages_total", dimensions: [("method", method), ("quality", quality)]))
        }
    })
    func attempt(_ outcome: String) { attempts[outcome]?.increment() }
    func pages(_ method: String, quality: String?, _ n: Int) { pagesByKind["\(method)/\(quality ?? "good")"]?.increment(by: n) }
}

public struct BrokerStartError: Error, CustomStringConvertible {
    public var description: String
}

/// The broker: owns the journal, the blob store and the finished outputs; hands queued jobs
/// to workers with a free slot; never blocks on a peer (all sends are non-blocking and a
/// message that cannot be sent is dropped: the peer's retry or lease expiry recovers).
///
/// One thread runs `run`; each turn of its loop reads every waiting message, applies them in
/// one SQLite transaction, commits, and only then sends the replies, so an acknowledgement
/// always follows a durable commit and many changes share one fsync.
public final class Broker: @unchecked Sendable {
    public let configuration: BrokerConfiguration
    let logger: Logger
    let journal: Journal
    let blobs: BlobStore
    let index: DocumentIndex
    var indexDue = true
    var lastIndexAttempt = 0.0
    let context = ZMQContext()
    let clients: ZMQSocket
    let workers: ZMQSocket
    let zap: ZMQSocket?
    public let clientEndpoint: String
    public let workerEndpoint: String

    var scheduler: Scheduler
    struct Lease { var worker: [UInt8]; var attempt: Int; var deadline: Double; var startedAt: Double }
    var leases: [Int64: Lease] = [:]
    var retryAt: [Int64: Double] = [:]
    struct WorkerState {
        var name: String
        var slots: Int
        var credit: Int
        var lastSeen: Double
        var jobs: Set<Int64> = []
    }
    var workerStates: [[UInt8]: WorkerState] = [:]
    enum Purpose { case submit(SubmitRequest), result(ResultOffer) }
    struct Upload { var file: IncomingFile; var purpose: Purpose; var lastActivity: Double }
    var uploads: [[UInt8]: Upload] = [:]   // key: peer id + token
    var completions: [(at: Double, pages: Int)] = []
    var completionHead = 0

    public struct Counters: Codable, Sendable {
        public var malformedMessages = 0
        public var refusedKeys = 0
        public var refusedSubmits = 0
        public var droppedSends = 0
        public var duplicateResults = 0
    }
    var counters = Counters()
    let metrics = BrokerMetrics()
    /// Indexed pages by verdict, as the index counts them, at most `verdictCountSeconds` old
    /// (a document indexed again with a new source must not count twice).
    var pagesByVerdict: [String: Int] = [:]
    var verdictsCountedAt = 0.0
    let verdictCountSeconds = 10.0
    var lastCounts = 0.0

    enum Side { case clients, workers }
    var outbox: [(Side, [[UInt8]])] = []
    private var lastTimers = 0.0

    public init(configuration: BrokerConfiguration, logger: Logger = Logger(label: "daftar.broker")) throws {
        self.configuration = configuration
        self.logger = logger
        let data = configuration.dataDirectory
        try FileManager.default.createDirectory(atPath: data + "/outputs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: data + "/staging", withIntermediateDirectories: true)
        for f in (try? FileManager.default.contentsOfDirectory(atPath: data + "/staging")) ?? [] {
            try? FileManager.default.removeItem(atPath: data + "/staging/" + f)
        }
        for endpoint in [configuration.clientEndpoint, configuration.workerEndpoint]
        where !Names.isLocalEndpoint(endpoint) && configuration.curveKeys == nil {
            throw BrokerStartError(description: "\(endpoint) is beyond loopback: give the broker CURVE keys (--curve-keys) and an allow-list (--allow)")
        }
        journal = try Journal(path: data + "/journal.sqlite")
        blobs = try BlobStore(root: data)
        index = try IndexLocation.open(configuration.indexLocation)
        scheduler = Scheduler(agingSeconds: configuration.agingSeconds)

        if let keys = configuration.curveKeys {
            guard ZeroMQ.hasCurve else { throw BrokerStartError(description: "this libzmq has no CURVE support") }
            let z = try ZMQSocket(context, .rep)
            try z.bind("inproc://zeromq.zap.01")
            zap = z
            _ = keys
        } else {
            zap = nil
        }
        clients = try ZMQSocket(context, .router)
        workers = try ZMQSocket(context, .router)
        for s in [clients, workers] {
            try s.setRouterMandatory()
            try s.setMaximumMessageSize(Int(Wire.maximumMessageSize))
            try s.setHighWaterMarks(send: 10_000, receive: 10_000)
            if let keys = configuration.curveKeys { try s.makeCurveServer(secretKey: keys.secretKey, domain: "daftar") }
        }
        try clients.bind(configuration.clientEndpoint)
        try workers.bind(configuration.workerEndpoint)
        clientEndpoint = clients.lastEndpoint
        workerEndpoint = workers.lastEndpoint

        let now = Date().timeIntervalSince1970
        let recovered = try journal.recover(now: now)
        for q in recovered.queued { scheduler.enqueue(q.id, priority: q.priority, queuedAt: q.queuedAt) }
        for w in recovered.waitingRetry { retryAt[w.id] = w.retryAt }
        logger.info("broker ready", metadata: [
            "clients": "\(clientEndpoint)", "workers": "\(workerEndpoint)",
            "queued": "\(scheduler.count)", "interrupted": "\(recovered.interrupted)"])
    }

    /// Runs until `shouldStop` returns true (checked at least every 100 ms).
    public func run(shouldStop: () -> Bool) throws {
        var sockets = [clients, workers]
        if let zap { sockets.append(zap) }
        while !shouldStop() {
            let readable = try ZMQPoll.readable(sockets, timeoutMilliseconds: 100)
            if readable.count > 2, readable[2], let zap { answerZAP(zap) }
            var inbox: [(Side, [[UInt8]])] = []
            if readable[0] { drain(clients, .clients, into: &inbox) }
            if readable[1] { drain(workers, .workers, into: &inbox) }
            let now = Date().timeIntervalSince1970
            let timersDue = now - lastTimers >= 0.1
            guard !inbox.isEmpty || timersDue else { continue }
            try journal.queue.write { db in
                for (side, frames) in inbox { handle(side, frames, db: db, now: now) }
                if timersDue { lastTimers = now; try timers(db, now: now) }
                try dispatch(db, now: now)
            }
            flush()
            if indexDue || now - lastIndexAttempt > 5 { indexFinished(now: now) }
        }
        // Tell workers nothing; their jobs stay `running` in the journal and are queued again
        // at the next start (as `interrupted`, which does not count against the job).
        clients.close(); workers.close(); zap?.close()
        context.terminate()
    }

    private func drain(_ socket: ZMQSocket, _ side: Side, into inbox: inout [(Side, [[UInt8]])]) {
        // A bounded batch per turn keeps the loop responsive under a flood.
        for _ in 0..<5000 {
            guard let frames = (try? socket.receive()) ?? nil else { return }
            inbox.append((side, frames))
        }
    }

    private func flush() {
        for (side, frames) in outbox {
            do { try (side == .clients ? clients : workers).send(frames) } catch {
                counters.droppedSends += 1
            }
        }
        outbox.removeAll(keepingCapacity: true)
    }

    func reply<T: Encodable>(_ side: Side, _ peer: [UInt8], _ command: Wire.Command, _ header: T, body: [UInt8]? = nil) {
        outbox.append((side, [peer] + Wire.frames(command, header, body: body)))
    }

    // MARK: messages

    private func handle(_ side: Side, _ frames: [[UInt8]], db: Database, now: Double) {
        guard frames.count >= 2 else { counters.malformedMessages += 1; return }
        let peer = frames[0]
        do {
            let m = try Wire.parse(frames[1...])
            switch side {
            case .clients: try handleClient(peer, m, db: db, now: now)
            case .workers: try handleWorker(peer, m, db: db, now: now)
            }
        } catch let e as Wire.Malformed {
            counters.malformedMessages += 1
            metrics.malformed.increment()
            logger.debug("dropped a malformed message", metadata: ["reason": "\(e)"])
        } catch let e as DatabaseError {
            // The journal is the truth; if it cannot be written, stop rather than diverge.
            logger.critical("journal write failed; stopping (a restart recovers from the journal): \(e)")
            exit(70)
        } catch {
            counters.malformedMessages += 1
            logger.debug("message refused", metadata: ["reason": "\(error)"])
        }
    }

    private func handleClient(_ peer: [UInt8], _ m: Wire.Message, db: Database, now: Double) throws {
        switch m.command {
        case .submit:
            let s = try m.decode(SubmitRequest.self)
            try submit(peer, s, db: db, now: now)
        case .upload:
            let c = try m.decode(UploadChunk.self)
            try receiveChunk(.clients, peer, c, m.body ?? [], db: db, now: now)
        case .status:
            let q = try m.decode(Query.self)
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: try status(db, now: now)))
        case .metrics:
            let q = try m.decode(Query.self)
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: configuration.metricsText?() ?? ""))
        case .check:
            let q = try m.decode(Query.self)
            guard let id = q.id, let page = q.page, let by = q.by, by.utf8.count <= 200 else {
                throw Wire.Malformed(description: "CHECK needs id, page and by (at most 200 bytes)")
            }
            let ok = try Journal.check(db, job: id, page: page, by: by, now: now)
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: ok))
        case .checks:
            let q = try m.decode(Query.self)
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: try Journal.checks(db, jobs: Array((q.ids ?? []).prefix(10_000)))))
        case .jobs:
            let q = try m.decode(Query.self)
            let list = try Journal.list(db, state: q.state, batch: q.batch, limit: min(max(q.limit ?? 100, 1), 100_000))
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: list))
        case .states:
            let q = try m.decode(Query.self)
            let list = try Journal.summaries(db, ids: Array((q.ids ?? []).prefix(100_000)))
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: list))
        case .job:
            let q = try m.decode(Query.self)
            guard let id = q.id, let d = try Journal.detail(db, id: id) else {
                reply(.clients, peer, .error, TokenReply(token: q.token, message: "no job \(q.id ?? 0)")); return
            }
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: d))
        case .retry:
            let q = try m.decode(Query.self)
            let ids = q.dead == true ? try Journal.deadJobs(db) : (q.id.map { [$0] } ?? [])
            var n = 0
            for id in ids {
                if let r = try Journal.revive(db, job: id, now: now) {
                    retryAt[id] = nil
                    scheduler.enqueue(id, priority: r.priority, queuedAt: r.queuedAt)
                    n += 1
                }
            }
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: n))
        case .cancel:
            let q = try m.decode(Query.self)
            guard let id = q.id else { throw Wire.Malformed(description: "CANCEL without id") }
            let ok = try Journal.cancel(db, job: id, now: now)
            if ok {
                scheduler.remove(id)
                retryAt[id] = nil
                if let lease = leases.removeValue(forKey: id) {
                    try Journal.endAttempt(db, job: id, attempt: lease.attempt, outcome: "cancelled", now: now)
                    workerStates[lease.worker]?.jobs.remove(id)
                    reply(.workers, lease.worker, .cancel, AttemptRef(job: id, attempt: lease.attempt))
                }
            }
            reply(.clients, peer, .reply, QueryReply(token: q.token, value: ok ? 1 : 0))
        default:
            throw Wire.Malformed(description: "\(m.command.rawValue) is not a client command")
        }
    }

    private func submit(_ peer: [UInt8], _ s: SubmitRequest, db: Database, now: Double) throws {
        func refuse(_ message: String) { reply(.clients, peer, .error, TokenReply(token: s.token, message: message)) }
        guard Names.isSafeBatch(s.batch) else {
            return refuse("a batch name is one path component of at most \(Names.maximumBatchBytes) bytes, printable, not only dots")
        }
        guard Names.isSafeRelativePath(s.name) else { return refuse("file name must be a relative path inside its folder: \(s.name)") }
        guard s.kind == "document" || s.kind == "noop" else { return refuse("unknown job kind \(s.kind)") }
        guard s.kind == "noop" || BlobStore.isDigest(s.sha256) else { return refuse("sha256 must be 64 lowercase hex digits") }
        guard s.size >= 0, Scheduler.priorities.contains(s.priority) else { return refuse("size or priority out of range") }
        guard s.languages.isEmpty || PipelineOptions.isLanguageList(s.languages) else {
            return refuse("languages must look like eng or eng+urd")
        }
        guard Names.isSafeMeta(s.meta) else {
            return refuse("metadata: at most \(Names.maximumMetaKeys) keys of letters, digits, '_', '-' or '.' up to \(Names.maximumMetaKeyBytes) bytes, values up to \(Names.maximumMetaValueBytes) bytes without control characters")
        }
        if let existing = try Journal.find(db, batch: s.batch, sha256: s.sha256, kind: s.kind) {
            if try Journal.addSource(db, job: existing.id, batch: s.batch, name: s.name) { indexDue = true }
            reply(.clients, peer, .submitted, SubmitReply(token: s.token, job: existing.id, state: existing.state, duplicate: true))
            return
        }
        if scheduler.count + retryAt.count >= configuration.maximumQueued {
            counters.refusedSubmits += 1
            metrics.refused.increment()
            reply(.clients, peer, .busy, TokenReply(token: s.token, message: "busy: \(scheduler.count) jobs queued", retryAfter: 2))
            return
        }
        if s.kind == "document" && !blobs.contains(s.sha256) {
            let key = peer + Array(s.token.utf8)
            let file = try IncomingFile(path: blobs.temporaryPath(UUID().uuidString), size: s.size, sha256: s.sha256)
            uploads[key] = Upload(file: file, purpose: .submit(s), lastActivity: now)
            if s.size == 0 { try completeUpload(.clients, peer, key, db: db, now: now) } else {
                reply(.clients, peer, .need, TokenReply(token: s.token))
            }
            return
        }
        try createJob(peer, s, db: db, now: now)
    }

    private func createJob(_ peer: [UInt8], _ s: SubmitRequest, db: Database, now: Double) throws {
        var output = "outputs/\(s.batch)/\(s.name)"
        if try Journal.outputTaken(db, output: output) { output += ".\(s.sha256.prefix(12))" }
        let id = try Journal.insert(db, s, output: output, now: now)
        scheduler.enqueue(id, priority: s.priority, queuedAt: now)
        reply(.clients, peer, .submitted, SubmitReply(token: s.token, job: id, state: "queued", duplicate: false))
    }

    private func receiveChunk(_ side: Side, _ peer: [UInt8], _ c: UploadChunk, _ body: [UInt8], db: Database, now: Double) throws {
        let key = peer + Array(c.token.utf8)
        guard var u = uploads[key] else {
            reply(side, peer, .error, TokenReply(token: c.token, message: "no upload \(c.token) in progress; start again"))
            return
        }
        do { try u.file.append(body, at: c.offset) } catch {
            u.file.discard(); uploads[key] = nil
            reply(side, peer, .error, TokenReply(token: c.token, message: "\(error); start again"))
            return
        }
        u.lastActivity = now
        uploads[key] = u
        reply(side, peer, .uploaded, UploadAck(token: c.token, received: u.file.received))
        if u.file.isComplete { try completeUpload(side, peer, key, db: db, now: now) }
    }

    private func completeUpload(_ side: Side, _ peer: [UInt8], _ key: [UInt8], db: Database, now: Double) throws {
        guard let u = uploads.removeValue(forKey: key) else { return }
        switch u.purpose {
        case .submit(let s):
            do {
                try u.file.finish()
                try blobs.adopt(u.file.path, sha256: s.sha256)
            } catch {
                u.file.discard()
                reply(side, peer, .error, TokenReply(token: s.token, message: "upload failed: \(error)"))
                return
            }
            // Another client may have submitted the same bytes meanwhile.
            if let existing = try Journal.find(db, batch: s.batch, sha256: s.sha256, kind: s.kind) {
                if try Journal.addSource(db, job: existing.id, batch: s.batch, name: s.name) { indexDue = true }
                reply(.clients, peer, .submitted, SubmitReply(token: s.token, job: existing.id, state: existing.state, duplicate: true))
            } else {
                try createJob(peer, s, db: db, now: now)
            }
        case .result(let r):
            defer { u.file.discard() }
            do { try u.file.finish() } catch {
                reply(side, peer, .error, TokenReply(token: r.token, message: "result upload failed: \(error)"))
                return
            }
            let staging = configuration.dataDirectory + "/staging/\(r.job)-\(r.attempt)"
            do { try OutputBundle.unpack(u.file.path, into: staging) } catch {
                try? FileManager.default.removeItem(atPath: staging)
                try fail(peer, FailureReport(job: r.job, attempt: r.attempt, kind: "failed", message: "bad output bundle: \(error)", permanent: false), db: db, now: now)
                reply(side, peer, .finished, AttemptReply(job: r.job, attempt: r.attempt, token: r.token, accepted: false, reason: "bad bundle"))
                return
            }
            let accepted = try accept(peer, r, staging: staging, db: db, now: now)
            reply(side, peer, .finished, AttemptReply(job: r.job, attempt: r.attempt, token: r.token, accepted: accepted,
                                                       reason: accepted ? nil : "already finished"))
        }
    }

    /// The first result of a job wins: it is accepted unless the job is already finished.
    private func accept(_ peer: [UInt8], _ r: ResultOffer, staging: String?, db: Database, now: Double) throws -> Bool {
        guard let state = try Journal.state(db, job: r.job), ["queued", "running", "failed"].contains(state) else {
            if let staging { try? FileManager.default.removeItem(atPath: staging) }
            counters.duplicateResults += 1
            metrics.attempt("duplicate")
            try Journal.endAttempt(db, job: r.job, attempt: r.attempt, outcome: "duplicate", now: now)
            return false
        }
        if let staging {
            guard let output = try String.fetchOne(db, sql: "SELECT output FROM jobs WHERE id = ?", arguments: [r.job]) else { return false }
            let target = configuration.dataDirectory + "/" + output
            do {
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: staging, toPath: target)
            } catch {
                // The outputs cannot be put where the job says (a name the file system refuses,
                // a full disk): the attempt fails with the reason, and its slot is free again.
                try? FileManager.default.removeItem(atPath: staging)
                try fail(peer, FailureReport(job: r.job, attempt: r.attempt, kind: "failed",
                                             message: "cannot store the outputs at \(output): \(error)", permanent: false), db: db, now: now)
                return false
            }
        }
        if let lease = leases[r.job], lease.attempt == r.attempt {
            metrics.processing.recordNanoseconds(Int64(max(0, now - lease.startedAt) * 1e9))
        }
        try Journal.markDone(db, job: r.job, attempt: r.attempt, pages: r.pages, now: now)
        metrics.attempt("done")
        scheduler.remove(r.job)
        retryAt[r.job] = nil
        if let lease = leases.removeValue(forKey: r.job) {
            workerStates[lease.worker]?.jobs.remove(r.job)
            if lease.attempt != r.attempt {
                // Another slot is still on it: stop that attempt.
                try Journal.endAttempt(db, job: r.job, attempt: lease.attempt, outcome: "superseded", now: now)
                metrics.attempt("superseded")
                reply(.workers, lease.worker, .cancel, AttemptRef(job: r.job, attempt: lease.attempt))
            }
        }
        completions.append((now, r.pages))
        if staging != nil { indexDue = true }   // no-op jobs have nothing to index
        return true
    }

    /// Puts documents finished (and committed) into the index, after the replies have gone.
    /// A failure leaves them marked unindexed; they are tried again every few seconds and at
    /// every start, so a document is never done without, eventually, being searchable.
    private func indexFinished(now: Double) {
        lastIndexAttempt = now
        indexDue = false
        do {
            while true {
                let (ids, docs) = try journal.queue.read { db in
                    let ids = try IndexFeeder.pending(db, limit: 100)
                    return (ids, try IndexFeeder.documents(db, ids: ids, dataDirectory: configuration.dataDirectory))
                }
                guard !ids.isEmpty else { return }
                try index.upsert(docs)
                try journal.queue.write { db in try IndexFeeder.markIndexed(db, ids: ids) }
                for d in docs {
                    for p in d.pages {
                        metrics.pages(p.method, quality: p.quality, 1)
                    }
                }
                if ids.count < 100 { return }
            }
        } catch {
            logger.error("indexing failed; will try again", metadata: ["error": "\(error)"])
        }
    }

    private func handleWorker(_ peer: [UInt8], _ m: Wire.Message, db: Database, now: Double) throws {
        if m.command == .ready {
            let r = try m.decode(Ready.self)
            guard r.slots >= 0, r.slots <= 1024, r.free >= 0, r.free <= r.slots else { throw Wire.Malformed(description: "READY out of range") }
            var w = workerStates[peer] ?? WorkerState(name: String(r.name.prefix(200)), slots: r.slots, credit: 0, lastSeen: now)
            w.slots = r.slots; w.credit = r.free; w.lastSeen = now
            workerStates[peer] = w
            logger.info("worker ready", metadata: ["worker": "\(w.name)", "slots": "\(r.slots)"])
            reply(.workers, peer, .heartbeat, Empty())
            return
        }
        guard var w = workerStates[peer] else {
            // Unknown to this broker (it restarted, or the worker was given up on): start again.
            reply(.workers, peer, .reset, Empty())
            return
        }
        w.lastSeen = now
        workerStates[peer] = w
        switch m.command {
        case .heartbeat:
            reply(.workers, peer, .heartbeat, Empty())
        case .credit:
            let c = try m.decode(Credit.self)
            workerStates[peer]?.credit = min(w.slots, w.credit + max(0, c.slots))
        case .fetch:
            let f = try m.decode(FetchRequest.self)
            guard BlobStore.isDigest(f.sha256), f.offset >= 0, f.length > 0, f.length <= Wire.chunkSize else {
                throw Wire.Malformed(description: "FETCH out of range")
            }
            do {
                let bytes = try blobs.read(f.sha256, offset: f.offset, length: f.length)
                reply(.workers, peer, .chunk, ChunkReply(job: f.job, attempt: f.attempt, sha256: f.sha256, offset: f.offset, error: nil), body: bytes)
            } catch {
                reply(.workers, peer, .chunk, ChunkReply(job: f.job, attempt: f.attempt, sha256: f.sha256, offset: f.offset, error: "no such blob"))
            }
        case .result:
            let r = try m.decode(ResultOffer.self)
            guard r.size >= 0, r.size < 64 << 30, r.pages >= 0 else { throw Wire.Malformed(description: "RESULT out of range") }
            if r.size == 0 {
                let accepted = try accept(peer, r, staging: nil, db: db, now: now)
                reply(.workers, peer, .finished, AttemptReply(job: r.job, attempt: r.attempt, token: r.token, accepted: accepted, reason: nil))
                return
            }
            if let state = try Journal.state(db, job: r.job), !["queued", "running", "failed"].contains(state) {
                counters.duplicateResults += 1
                try Journal.endAttempt(db, job: r.job, attempt: r.attempt, outcome: "duplicate", now: now)
                reply(.workers, peer, .drop, AttemptReply(job: r.job, attempt: r.attempt, token: r.token, accepted: false, reason: "job is \(state)"))
                return
            }
            guard BlobStore.isDigest(r.sha256) else { throw Wire.Malformed(description: "RESULT digest") }
            let file = try IncomingFile(path: blobs.temporaryPath("result-\(r.job)-\(r.attempt)-\(UUID().uuidString)"), size: r.size, sha256: r.sha256)
            uploads[peer + Array(r.token.utf8)] = Upload(file: file, purpose: .result(r), lastActivity: now)
            reply(.workers, peer, .need, TokenReply(token: r.token))
        case .upload:
            let c = try m.decode(UploadChunk.self)
            try receiveChunk(.workers, peer, c, m.body ?? [], db: db, now: now)
        case .fail:
            let f = try m.decode(FailureReport.self)
            try fail(peer, f, db: db, now: now)
        case .bye:
            try dropWorker(peer, outcome: "returned", db: db, now: now)
        default:
            throw Wire.Malformed(description: "\(m.command.rawValue) is not a worker command")
        }
    }

    private func fail(_ peer: [UInt8], _ f: FailureReport, db: Database, now: Double) throws {
        guard let lease = leases[f.job], lease.attempt == f.attempt else {
            // A stale attempt (superseded, cancelled, or from before a restart): note it only.
            try Journal.endAttempt(db, job: f.job, attempt: f.attempt, outcome: f.returned == true ? "returned" : "failed",
                                   kind: f.kind, error: String(f.message.prefix(2000)), now: now)
            return
        }
        leases[f.job] = nil
        workerStates[lease.worker]?.jobs.remove(f.job)
        metrics.attempt(f.returned == true ? "returned" : f.kind == "timeout" ? "timeout" : "failed")
        if f.returned == true {
            try Journal.requeue(db, job: f.job, attempt: f.attempt, outcome: "returned", now: now)
            scheduler.enqueue(f.job, priority: try priority(db, f.job), queuedAt: now)
            return
        }
        let outcome = f.kind == "timeout" ? "timeout" : "failed"
        let r = try Journal.markFailed(db, job: f.job, attempt: f.attempt, outcome: outcome, kind: f.kind,
                                       message: String(f.message.prefix(2000)), permanent: f.permanent,
                                       policy: configuration.retry, now: now)
        if let at = r.retryAt { retryAt[f.job] = at }
        logger.info("attempt failed", metadata: ["job": "\(f.job)", "attempt": "\(f.attempt)", "kind": "\(f.kind)", "state": "\(r.state)"])
    }

    private func priority(_ db: Database, _ job: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT priority FROM jobs WHERE id = ?"), arguments: [job]) ?? 0
    }

    private func dropWorker(_ peer: [UInt8], outcome: String, db: Database, now: Double) throws {
        guard let w = workerStates.removeValue(forKey: peer) else { return }
        for id in w.jobs {
            guard let lease = leases[id], lease.worker == peer else { continue }
            leases[id] = nil
            metrics.attempt(outcome)
            if outcome == "lost" {
                let r = try Journal.markFailed(db, job: id, attempt: lease.attempt, outcome: "lost", kind: "lost",
                                               message: "worker \(w.name) stopped answering", permanent: false,
                                               policy: configuration.retry, now: now)
                if let at = r.retryAt { retryAt[id] = at }
            } else {
                try Journal.requeue(db, job: id, attempt: lease.attempt, outcome: outcome, now: now)
                scheduler.enqueue(id, priority: try priority(db, id), queuedAt: now)
            }
        }
        for key in uploads.keys where key.starts(with: peer) { uploads[key]?.file.discard(); uploads[key] = nil }
        logger.info("worker gone", metadata: ["worker": "\(w.name)", "why": "\(outcome)"])
    }

    // MARK: timers and dispatch

    private func timers(_ db: Database, now: Double) throws {
        let silence = configuration.heartbeatInterval * configuration.heartbeatLiveness
        for (peer, w) in workerStates where now - w.lastSeen > silence {
            try dropWorker(peer, outcome: "lost", db: db, now: now)
        }
        for (id, lease) in leases where now > lease.deadline {
            leases[id] = nil
            metrics.attempt("timeout")
            workerStates[lease.worker]?.jobs.remove(id)
            let r = try Journal.markFailed(db, job: id, attempt: lease.attempt, outcome: "timeout", kind: "timeout",
                                           message: "no result within the time limit of \(Int(configuration.timeLimit)) s",
                                           permanent: false, policy: configuration.retry, now: now)
            if let at = r.retryAt { retryAt[id] = at }
            reply(.workers, lease.worker, .cancel, AttemptRef(job: id, attempt: lease.attempt))
        }
        for (id, at) in retryAt where at <= now {
            retryAt[id] = nil
            try Journal.requeue(db, job: id, attempt: nil, outcome: "", now: now)
            scheduler.enqueue(id, priority: try priority(db, id), queuedAt: now)
        }
        for (key, u) in uploads where now - u.lastActivity > 120 {
            u.file.discard()
            uploads[key] = nil
        }
        while completionHead < completions.count, now - completions[completionHead].at > 60 { completionHead += 1 }
        metrics.oldestQueued.record(scheduler.oldestWait(now: now))
        metrics.workersConnected.record(workerStates.count)
        metrics.workersBusy.record(workerStates.values.filter { !$0.jobs.isEmpty }.count)
        metrics.slots.record(workerStates.values.reduce(0) { $0 + $1.slots })
        metrics.slotsBusy.record(leases.count)
        if now - lastCounts >= 5 {
            // Finished states from the journal (an index range count), the live ones from memory.
            lastCounts = now
            let c = try Journal.counts(db)
            for state in ["done", "dead", "cancelled"] { metrics.jobs[state]?.record(c[state] ?? 0) }
        }
        metrics.jobs["queued"]?.record(scheduler.count)
        metrics.jobs["running"]?.record(leases.count)
        metrics.jobs["failed"]?.record(retryAt.count)
        if completionHead > 10_000 { completions.removeFirst(completionHead); completionHead = 0 }
    }

    private func dispatch(_ db: Database, now: Double) throws {
        guard scheduler.count > 0 else { return }
        // The worker with the most free slots first, so that several machines share the load.
        var free = workerStates.filter { $0.value.credit > 0 }.map { (peer: $0.key, credit: $0.value.credit) }
        guard !free.isEmpty else { return }
        free.sort { $0.credit > $1.credit }
        var i = 0
        while scheduler.count > 0, !free.isEmpty {
            let peer = free[i % free.count].peer
            guard let id = scheduler.next(now: now) else { break }
            guard let w = workerStates[peer],
                  let lease = try Journal.lease(db, job: id, worker: w.name, now: now) else { continue }
            var order = lease.order
            order.timeLimit = configuration.timeLimit
            metrics.queueWait.recordNanoseconds(Int64(max(0, now - lease.queuedAt) * 1e9))
            // Grace beyond the worker's own limit: the worker stops the attempt and reports first.
            leases[id] = Lease(worker: peer, attempt: lease.attempt, deadline: now + configuration.timeLimit + 30, startedAt: now)
            workerStates[peer]!.credit -= 1
            workerStates[peer]!.jobs.insert(id)
            reply(.workers, peer, .order, order)
            if workerStates[peer]!.credit == 0 { free.remove(at: i % free.count) } else { i += 1 }
        }
    }

    // MARK: status

    public struct WorkerReport: Codable, Sendable {
        public var name: String
        public var slots: Int
        public var busy: Int
        public var jobs: [Int64]
        public var lastSeenSeconds: Double
    }

    public struct StatusReport: Codable, Sendable {
        public var queued: Int
        public var running: Int
        public var done: Int
        /// Failed and waiting to be retried.
        public var failed: Int
        public var dead: Int
        public var cancelled: Int
        public var workers: Int
        public var busyWorkers: Int
        public var slots: Int
        public var busySlots: Int
        public var queuedByPriority: [String: Int]
        public var oldestQueuedSeconds: Double
        public var jobsLastMinute: Int
        public var pagesLastMinute: Int
        public var recentFailures: [JobSummary]
        public var workerList: [WorkerReport]
        public var counters: Counters
        /// Indexed pages by verdict: good, doubtful, unreadable (see `daftar review`), and
        /// `checked`: flagged pages an operator has checked since.
        public var pages: [String: Int]?
    }

    func status(_ db: Database, now: Double) throws -> StatusReport {
        if now - verdictsCountedAt >= verdictCountSeconds {
            verdictsCountedAt = now
            if let counts = try? index.verdictCounts() { pagesByVerdict = counts }
        }
        let c = try Journal.counts(db)
        let recent = completions[completionHead...].filter { now - $0.at <= 60 }
        let list = workerStates.values.map {
            WorkerReport(name: $0.name, slots: $0.slots, busy: $0.jobs.count, jobs: $0.jobs.sorted(), lastSeenSeconds: now - $0.lastSeen)
        }.sorted { $0.name < $1.name }
        return StatusReport(
            queued: c["queued"] ?? 0, running: c["running"] ?? 0, done: c["done"] ?? 0, failed: c["failed"] ?? 0,
            dead: c["dead"] ?? 0, cancelled: c["cancelled"] ?? 0,
            workers: list.count, busyWorkers: list.filter { $0.busy > 0 }.count,
            slots: list.reduce(0) { $0 + $1.slots }, busySlots: list.reduce(0) { $0 + $1.busy },
            queuedByPriority: try Journal.queuedByPriority(db), oldestQueuedSeconds: scheduler.oldestWait(now: now),
            jobsLastMinute: recent.count, pagesLastMinute: recent.reduce(0) { $0 + $1.pages },
            recentFailures: try Journal.recentFailures(db, limit: 10), workerList: list, counters: counters,
            pages: Dictionary(uniqueKeysWithValues: ["good", "doubtful", "unreadable"].map { ($0, pagesByVerdict[$0] ?? 0) }
                                + [("checked", try Journal.checkedPages(db))]))
    }

    // MARK: ZAP (CURVE allow-list)

    private func answerZAP(_ socket: ZMQSocket) {
        guard let f = (try? socket.receive()) ?? nil, f.count >= 6 else { return }
        // Frames: version, request id, domain, address, routing id, mechanism, credentials…
        let mechanism = String(decoding: f[5], as: UTF8.self)
        var allowed = false
        var user = ""
        if mechanism == "CURVE", f.count >= 7, let key = CurveKeyPair.z85(f[6]) {
            allowed = configuration.allowedKeys.contains(key)
            user = key
        }
        if !allowed {
            counters.refusedKeys += 1
            logger.warning("refused a peer", metadata: ["mechanism": "\(mechanism)", "key": "\(user)", "address": "\(String(decoding: f[3], as: UTF8.self))"])
        }
        let reply: [[UInt8]] = [Array("1.0".utf8), f[1], Array((allowed ? "200" : "400").utf8),
                                Array((allowed ? "OK" : "key not allowed").utf8), Array(user.utf8), []]
        try? socket.send(reply)
    }
}
