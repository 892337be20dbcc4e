import DaftarClient
import Crypto
import DaftarIndex
import DaftarPool
import Foundation
import GRDB
import Hummingbird
import HummingbirdCore
import HTTPTypes
import NIOCore
import Logging
import MultipartKit
import Metrics
import Prometheus

/// API tokens and batches, in DATA/api.sqlite. A token is shown once when created and only
/// its SHA-256 is kept.
public final class APIStore: @unchecked Sendable {
    public enum Role: String, CaseIterable, Sendable {
        case upload, read, operate
        /// `operate` may do everything; `upload` may also read (a clerk follows their files).
        func allows(_ need: Role) -> Bool {
            self == .operate || self == need || (self == .upload && need == .read)
        }
    }

    let db: DatabaseQueue

    public init(dataDirectory: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        db = try DatabaseQueue(path: dataDirectory + "/api.sqlite", configuration: config)
        var m = DatabaseMigrator()
        m.registerMigration("v1-tokens-batches") { db in
            try db.execute(sql: """
                CREATE TABLE tokens (sha256 TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL, created_at REAL NOT NULL);
                CREATE TABLE batches (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, meta TEXT NOT NULL, created_at REAL NOT NULL);
                """)
        }
        m.registerMigration("v2-token-scopes") { db in
            // A token may be limited to batches whose names start with a prefix and/or to one
            // department (the `department` metadata); NULL: not limited.
            try db.execute(sql: """
                ALTER TABLE tokens ADD COLUMN batch_prefix TEXT;
                ALTER TABLE tokens ADD COLUMN department TEXT;
                """)
        }
        try m.migrate(db)
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// What a token may do and see: its role, and, when limited, the batches (a name prefix)
    /// and the department (the `department` metadata) whose documents and jobs it sees.
    public struct Scope: Sendable, Equatable {
        public var role: Role
        public var batchPrefix: String?
        public var department: String?
        public var isLimited: Bool { batchPrefix != nil || department != nil }
        public func allows(batch: String) -> Bool { batchPrefix.map { batch.hasPrefix($0) } ?? true }
        public func allows(department d: String?) -> Bool { department.map { $0 == d } ?? true }
        /// A job or document: in one of the token's batches (any it was submitted to) and department.
        public func allows(batches: [String], department d: String?) -> Bool {
            allows(department: d) && (batchPrefix == nil || batches.contains { allows(batch: $0) })
        }
    }

    /// Creates a token with a role, limited to a batch prefix and/or a department when given;
    /// returns the token text (shown once).
    public func createToken(role: Role, name: String, batchPrefix: String? = nil, department: String? = nil) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = "dft_" + bytes.map { String(format: "%02x", $0) }.joined()
        try db.write { db in
            try db.execute(sql: "INSERT INTO tokens (sha256, role, name, created_at, batch_prefix, department) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [Self.digest(token), role.rawValue, name, Date().timeIntervalSince1970, batchPrefix, department])
        }
        return token
    }

    func scope(ofToken token: String) throws -> Scope? {
        try db.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT role, batch_prefix, department FROM tokens WHERE sha256 = ?",
                                           arguments: [Self.digest(token)]),
                  let role = Role(rawValue: r[0]) else { return nil }
            return Scope(role: role, batchPrefix: r[1], department: r[2])
        }
    }

    public struct Batch: Codable, Sendable { public var id: Int64; public var name: String; public var meta: [String: String] }

    func createBatch(name: String, meta: [String: String]) throws -> Batch {
        try db.write { db in
            if let r = try Row.fetchOne(db, sql: "SELECT id, meta FROM batches WHERE name = ?", arguments: [name]) {
                let m = (try? JSONDecoder().decode([String: String].self, from: Data((r[1] as String).utf8))) ?? [:]
                return Batch(id: r[0], name: name, meta: m)
            }
            let metaText = String(decoding: try JSONEncoder().encode(meta), as: UTF8.self)
            try db.execute(sql: "INSERT INTO batches (name, meta, created_at) VALUES (?, ?, ?)", arguments: [name, metaText, Date().timeIntervalSince1970])
            return Batch(id: db.lastInsertedRowID, name: name, meta: meta)
        }
    }

    func batch(_ id: Int64) throws -> Batch? {
        try db.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT name, meta FROM batches WHERE id = ?", arguments: [id]) else { return nil }
            return Batch(id: id, name: r[0], meta: (try? JSONDecoder().decode([String: String].self, from: Data((r[1] as String).utf8))) ?? [:])
        }
    }
}

/// The HTTP API (Hummingbird 2), served by `serve` and `broker` beside the ZeroMQ sockets.
/// Handlers reach the broker through its own client protocol (a `PoolClient` on the client
/// endpoint) and read the index and outputs from the data folder; every blocking call runs on
/// a dispatch queue of its own, never on Swift's cooperative pool.
public struct HTTPServer: Sendable {
    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var brokerEndpoint: String
    /// Keys for the server's own connection to the broker when CURVE is on.
    public var curve: CurveClientKeys?
    public var indexLocation: String
    /// Where `GET /metrics` reads from (see `bootstrapMetrics`).
    public var registry: PrometheusCollectorRegistry?
    /// Uploads larger than this get 413.
    public var maximumUpload: Int = 2 << 30
    /// Whether `/metrics` also asks the broker for its metrics (the API in a process of its own).
    public var brokerMetrics = false
    /// A connection that sends or asks nothing for this long is closed.
    public var idleSeconds = 30
    public init(host: String, port: Int, dataDirectory: String, brokerEndpoint: String, indexLocation: String) {
        self.host = host; self.port = port; self.dataDirectory = dataDirectory
        self.brokerEndpoint = brokerEndpoint; self.indexLocation = indexLocation
    }

    static let blocking = DispatchQueue(label: "daftar.http.blocking", attributes: .concurrent)

    /// The index, opened once for every request (an index connection keeps its page cache warm
    /// between searches, and opening checks the migrations), one request at a time. Opened
    /// again on the next request after an error other than an unreadable query, so a
    /// restarted PostgreSQL server is picked up.
    final class SharedIndex: @unchecked Sendable {
        private let location: String
        private let lock = NSLock()
        private var index: DocumentIndex?
        init(location: String) { self.location = location }

        func use<T>(_ body: (DocumentIndex) throws -> T) throws -> T {
            try lock.withLock {
                let current = try index ?? IndexLocation.open(location)
                index = current
                do {
                    return try body(current)
                } catch let e as SearchExpression.Invalid {
                    throw e
                } catch {
                    index = nil
                    throw error
                }
            }
        }
    }

    /// What `GET /api/v1/documents/{id}/{what}` serves.
    static let documentOutputs = ["original", "searchable.pdf", "text", "alto", "json"]

    /// Page renders and PDF look-ups, at most two at a time (each holds a page's pixels).
    static let renders = DispatchSemaphore(value: 2)
    static func rendering<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await offload {
            renders.wait()
            defer { renders.signal() }
            return try body()
        }
    }

    static func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            blocking.async { c.resume(with: Result { try body() }) }
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try e.encode(value))))
    }

    struct Problem: Encodable { var error: String }

    /// A request's token: allowed, with what it may see, or the 401/403 answer.
    enum Access { case allowed(APIStore.Scope), refused(Response) }

    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(Problem(error: message), status: status)) ?? Response(status: status)
    }

    public func makeApplication(logger: Logger) throws -> some ApplicationProtocol {
        let store = try APIStore(dataDirectory: dataDirectory)
        let server = self
        let index = SharedIndex(location: indexLocation)
        let router = Router(context: BasicRequestContext.self)
        // First: a route takes the middlewares added before it.
        router.middlewares.add(SecurityHeaders())

        /// Checks the bearer token: its scope when the request may go on, else the 401/403 response.
        @Sendable func authorize(_ request: Request, _ need: APIStore.Role) async throws -> Access {
            guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
                return .refused(Self.problem(.unauthorized, "an API token is needed (Authorization: Bearer …)"))
            }
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard token.utf8.count <= 256 else { return .refused(Self.problem(.unauthorized, "unknown API token")) }
            guard let scope = try await Self.offload({ try store.scope(ofToken: token) }) else {
                return .refused(Self.problem(.unauthorized, "unknown API token"))
            }
            return scope.role.allows(need) ? .allowed(scope)
                : .refused(Self.problem(.forbidden, "this token's role (\(scope.role.rawValue)) may not do this"))
        }

        /// A route that needs `need`: its handler is given the token's scope, or never runs and
        /// the 401/403 answer goes back instead.
        @Sendable func guarded(_ need: APIStore.Role,
                               _ handler: @escaping @Sendable (Request, BasicRequestContext, APIStore.Scope) async throws -> Response)
            -> @Sendable (Request, BasicRequestContext) async throws -> Response {
            { request, context in
                switch try await authorize(request, need) {
                case .refused(let answer): return answer
                case .allowed(let scope): return try await handler(request, context, scope)
                }
            }
        }

        @Sendable func client() throws -> PoolClient {
            try PoolClient(endpoint: server.brokerEndpoint, curve: server.curve, timeout: 10, attempts: 2)
        }
        let clients = ClientPool(make: client)

        /// The job, if the token may see it: any batch it was submitted to in the token's
        /// prefix, and its department the token's. Otherwise 404, as if it did not exist.
        @Sendable func visibleJob(_ id: Int64, _ scope: APIStore.Scope) async throws -> JobDetail? {
            let found: JobDetail? = try await Self.offload {
                do {
                    return try clients.with { try $0.query(.job, Query(token: UUID().uuidString, id: id), as: JobDetail.self) }
                } catch let e as ClientError where e.description.hasPrefix("no job") {
                    return nil
                }
            }
            guard let detail = found else { return nil }
            let batches = [detail.job.batch] + detail.sources.compactMap { $0.split(separator: "/", maxSplits: 1).first.map(String.init) }
            return scope.allows(batches: batches, department: detail.meta["department"]) ? detail : nil
        }

        // Prometheus text format; no token (scrapers rarely carry one; the server is on loopback
        // unless told otherwise). No job or worker ids among the labels.
        router.get("/metrics") { _, _ -> Response in
            var text = server.registry?.emitToBuffer() ?? []
            if server.brokerMetrics {
                // The queue's own metrics live in the broker's process: asked for, then appended.
                let broker = (try? await Self.offload { try clients.with { try $0.query(.metrics, Query(token: UUID().uuidString), as: String.self) } }) ?? ""
                text += Array(broker.utf8)
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }

        // The operator and clerk pages: they load without a token and ask for one.
        @Sendable func html(_ text: String) -> Response {
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/") { _, _ in html(WebPages.pages["dashboard"]!) }
        router.get("/upload") { _, _ in html(WebPages.pages["upload"]!) }
        router.get("/search") { _, _ in html(WebPages.pages["search"]!) }
        router.get("/review") { _, _ in html(WebPages.pages["review"]!) }
        router.get("/documents/{id}") { _, _ in html(WebPages.pages["document"]!) }
        router.get("/static/{file}") { _, context -> Response in
            guard let name = context.parameters.get("file"), let asset = WebPages.asset(name) else {
                return Self.problem(.notFound, "no such file")
            }
            return Response(status: .ok, headers: [.contentType: asset.type, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(string: asset.text)))
        }

        router.get("/api/v1/status", use: guarded(.read) { request, _, scope -> Response in
            var status = try await Self.offload { try clients.with { try $0.status() } }
            // Counts are the queue's; names of jobs are shown only to tokens that may see them.
            status.recentFailures = status.recentFailures.filter { scope.allows(batches: [$0.batch], department: $0.department) }
            return try Self.json(status)
        })

        router.get("/api/v1/jobs", use: guarded(.read) { request, _, scope -> Response in
            let q = Self.form(request)
            if let bad = Self.unreadableField(q) { return bad }
            let state = q["state"], batch = q["batch"]
            let list = try await Self.offload {
                try clients.with { try $0.query(.jobs, Query(token: UUID().uuidString, state: state, batch: batch, limit: 10_000), as: [JobSummary].self) }
            }
            return try Self.json(list.filter { scope.allows(batches: [$0.batch], department: $0.department) })
        })

        router.get("/api/v1/jobs/{id}", use: guarded(.read) { request, context, scope -> Response in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { return Self.problem(.badRequest, "job id must be a number") }
            guard var detail = try await visibleJob(id, scope) else { return Self.problem(.notFound, "no job \(id)") }
            // A limited token sees only the names the job has in its own batches.
            detail.sources = detail.sources.filter { scope.allows(batch: String($0.split(separator: "/", maxSplits: 1).first ?? "")) }
            return try Self.json(detail)
        })

        router.post("/api/v1/jobs/{id}/retry", use: guarded(.operate) { request, context, scope -> Response in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { return Self.problem(.badRequest, "job id must be a number") }
            guard try await visibleJob(id, scope) != nil else { return Self.problem(.notFound, "no job \(id)") }
            let n = try await Self.offload { try clients.with { try $0.query(.retry, Query(token: UUID().uuidString, id: id), as: Int.self) } }
            struct Out: Encodable { var job: Int64; var queued: Bool }
            return try Self.json(Out(job: id, queued: n == 1), status: n == 1 ? .ok : .conflict)
        })

        router.post("/api/v1/batches", use: guarded(.upload) { request, context, scope -> Response in
            struct In: Decodable { var name: String; var meta: [String: String]? }
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let input = try? JSONDecoder().decode(In.self, from: Data(buffer: body)) else {
                return Self.problem(.badRequest, "expected {\"name\": \"…\", \"meta\": {…}}")
            }
            guard Names.isSafeBatch(input.name) else {
                return Self.problem(.badRequest, "a batch name is one printable path component of at most \(Names.maximumBatchBytes) bytes, not only dots")
            }
            guard Names.isSafeMeta(input.meta ?? [:]) else {
                return Self.problem(.badRequest, "meta: at most \(Names.maximumMetaKeys) keys of letters, digits, '_', '-' or '.' up to \(Names.maximumMetaKeyBytes) bytes, values up to \(Names.maximumMetaValueBytes) bytes without control characters")
            }
            guard scope.allows(batch: input.name) else {
                return Self.problem(.forbidden, "this token may only make batches whose names start with \(scope.batchPrefix ?? "")")
            }
            var meta = input.meta ?? [:]
            if let department = scope.department {
                // A department's token makes that department's batches.
                guard meta["department"].map({ $0 == department }) ?? true else {
                    return Self.problem(.forbidden, "this token's batches belong to the department \(department)")
                }
                meta["department"] = department
            }
            let batch = try await Self.offload { [meta] in try store.createBatch(name: input.name, meta: meta) }
            guard scope.allows(department: batch.meta["department"]) else {
                return Self.problem(.forbidden, "the batch \(batch.name) belongs to another department")
            }
            return try Self.json(batch, status: .created)
        })

        router.post("/api/v1/batches/{id}/files", use: guarded(.upload) { request, context, scope -> Response in
            guard let id = context.parameters.get("id").flatMap(Int64.init),
                  let batch = try await Self.offload({ try store.batch(id) }),
                  scope.allows(batches: [batch.name], department: batch.meta["department"]) else {
                return Self.problem(.notFound, "no such batch")
            }
            let contentType = request.headers[.contentType] ?? ""
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                return try await Self.multipartUpload(request, contentType: contentType, batch: batch, server: server, client: client)
            }
            guard let rawName = Self.form(request)["name"], rawName != Self.unreadable, let name = Self.safeName(rawName) else {
                return Self.problem(.badRequest, "give ?name=FILE (a relative path without .. or control characters)")
            }
            // Stream the body to a temporary file, counting; too large → 413 and nothing kept.
            let temporary = server.dataDirectory + "/tmp/upload-\(UUID().uuidString)"
            FileManager.default.createFile(atPath: temporary, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: temporary) else { return Self.problem(.internalServerError, "cannot store the upload") }
            var size = 0
            do {
                for try await chunk in request.body {
                    size += chunk.readableBytes
                    if size > server.maximumUpload { break }
                    try handle.write(contentsOf: Data(buffer: chunk))
                }
            } catch {
                try? handle.close(); unlink(temporary)
                throw error
            }
            try? handle.close()
            if size > server.maximumUpload {
                unlink(temporary)
                return Self.problem(.contentTooLarge, "the file is larger than \(server.maximumUpload) bytes")
            }
            defer { unlink(temporary) }
            return try Self.json(try await Self.submit(temporary, name: name, batch: batch, client: client), status: .accepted)
        })

        router.get("/api/v1/search", use: guarded(.read) { request, _, scope -> Response in
            let q = Self.form(request)
            if let bad = Self.unreadableField(q) { return bad }
            let text = q["q"] ?? ""
            guard !text.isEmpty || q["number"] != nil || q["type"] != nil || q["date_from"] != nil || q["date_to"] != nil else {
                return Self.problem(.badRequest, "give ?q= (words), or one of number, type, date_from, date_to")
            }
            let batch = q["batch"], quality = q["quality"]
            if let quality, !Verdicts.all.contains(quality) { return Self.problem(.badRequest, "quality is good, doubtful or unreadable") }
            let type = q["type"], number = q["number"], dateFrom = q["date_from"], dateTo = q["date_to"]
            for day in [dateFrom, dateTo] where day != nil && !SearchQuery.isDay(day!) {
                return Self.problem(.badRequest, "date_from and date_to are days, YYYY-MM-DD")
            }
            if (type?.utf8.count ?? 0) > 64 || (number?.utf8.count ?? 0) > 200 {
                return Self.problem(.badRequest, "type is at most 64 bytes, number at most 200")
            }
            guard let limit = Self.integer(q["limit"], default: 20, in: 1...SearchQuery.maximumLimit),
                  let candidates = Self.integer(q["candidates"], default: SearchQuery.defaultCandidates, in: 1...SearchQuery.maximumCandidates) else {
                return Self.problem(.badRequest, "limit is 1 to \(SearchQuery.maximumLimit), candidates 1 to \(SearchQuery.maximumCandidates)")
            }
            // A department's token searches its department only; others may ask for one.
            let department = scope.department ?? q["department"].flatMap { $0.isEmpty ? nil : $0 }
            if let asked = q["department"], !asked.isEmpty, let own = scope.department, asked != own {
                return try Self.json(SearchOutput(query: text, SearchResults(hits: [], ranked: 0, moreMatches: false)))
            }
            do {
                let found = try await Self.offload {
                    var query = SearchQuery(text: text, batch: batch, meta: department.map { ["department": $0] } ?? [:],
                                            limit: limit, candidates: candidates, quality: quality)
                    query.batchPrefix = scope.batchPrefix
                    query.type = type; query.number = number; query.dateFrom = dateFrom; query.dateTo = dateTo
                    return try index.use { try $0.search(query) }
                }
                return try Self.json(SearchOutput(query: text, found))
            } catch let e as SearchExpression.Invalid {
                return Self.problem(.badRequest, "cannot read the query: \(e)")
            }
        })

        // The pages a records room should look at again: doubtful and unreadable, newest first.
        router.get("/api/v1/review", use: guarded(.read) { request, _, scope -> Response in
            let q = Self.form(request)
            if let bad = Self.unreadableField(q) { return bad }
            guard let limit = Self.integer(q["limit"], default: 200, in: 1...10_000) else {
                return Self.problem(.badRequest, "limit is 1 to 10000")
            }
            let batch = q["batch"]
            struct Out: Encodable { var pages: [ReviewPage] }
            let pages = try await Self.offload { try index.use { try $0.review(batch: batch, limit: scope.isLimited ? 10_000 : limit) } }
            let visible = pages.compactMap { p -> ReviewPage? in
                let batches = p.sources.compactMap { $0.split(separator: "/", maxSplits: 1).first.map(String.init) }
                guard scope.allows(batches: [p.batch] + batches, department: p.meta["department"]) else { return nil }
                var q = p
                q.sources = p.sources.filter { scope.allows(batch: String($0.split(separator: "/", maxSplits: 1).first ?? "")) }
                return q
            }
            // Which of them an operator has checked (kept in the journal by the broker).
            let shown = Array(visible.prefix(limit))
            let checks = try await Self.offload {
                try clients.with { try $0.query(.checks, Query(token: UUID().uuidString, ids: Array(Set(shown.map(\.document)))), as: [PageCheck].self) }
            }
            let checked = Dictionary(checks.map { ("\($0.job)/\($0.page)", $0) }, uniquingKeysWith: { a, _ in a })
            struct Flagged: Encodable {
                var page: ReviewPage; var checked: PageCheck?
                func encode(to encoder: Encoder) throws {
                    try page.encode(to: encoder)
                    var c = encoder.container(keyedBy: Keys.self)
                    try c.encode(checked, forKey: .checked)
                }
                enum Keys: String, CodingKey { case checked }
            }
            struct Listing: Encodable { var pages: [Flagged] }
            return try Self.json(Listing(pages: shown.map { Flagged(page: $0, checked: checked["\($0.document)/\($0.page)"]) }))
        })

        // An operator has looked at a flagged page: kept in the journal, counted apart in status.
        router.post("/api/v1/review/{id}/{page}/checked", use: guarded(.operate) { request, context, scope -> Response in
            guard let id = context.parameters.get("id").flatMap(Int64.init), let page = context.parameters.get("page").flatMap(Int.init) else {
                return Self.problem(.badRequest, "give a document id and a page number")
            }
            guard try await visibleJob(id, scope) != nil else { return Self.problem(.notFound, "no document \(id)") }
            let by = (request.headers[.authorization].map { "token " + APIStore.digest(String($0.dropFirst(7)).trimmingCharacters(in: .whitespaces)).prefix(12) }) ?? "operator"
            let ok = try await Self.offload {
                try clients.with { try $0.query(.check, Query(token: UUID().uuidString, id: id, page: page, by: String(by)), as: Bool.self) }
            }
            guard ok else { return Self.problem(.notFound, "document \(id) has no page \(page)") }
            struct Out: Encodable { var document: Int64; var page: Int; var checked: Bool }
            return try Self.json(Out(document: id, page: page, checked: true))
        })

        router.get("/api/v1/documents", use: guarded(.read) { request, _, scope -> Response in
            let q = Self.form(request)
            if let bad = Self.unreadableField(q) { return bad }
            guard let since = Self.integer(q["since"], default: 0, in: 0...Int.max).map(Int64.init) else {
                return Self.problem(.badRequest, "since is a cursor from an earlier answer (a whole number, 0 or more)")
            }
            guard let limit = Self.integer(q["limit"], default: 100, in: 1...1000) else {
                return Self.problem(.badRequest, "limit is 1 to 1000")
            }
            let batch = q["batch"]
            let docs = try await Self.offload { try index.use { try $0.documents(after: since, batch: batch, limit: limit) } }
            struct PageSummary: Encodable {
                var number: Int; var method: String; var confidence: Double?; var quality: String?; var reason: String?
            }
            struct Summary: Encodable {
                var id: Int64; var seq: Int64; var sha256: String; var batch: String; var sources: [IndexDocument.Source]
                var meta: [String: String]; var pageCount: Int; var finishedAt: Double; var links: [String: String]
                var fields: [String: String]; var languages: String; var mediaType: String?; var pages: [PageSummary]
            }
            struct Out: Encodable { var documents: [Summary]; var cursor: Int64 }
            // A limited token's feed: its documents only, each with its own batches' names (the
            // cursor still moves past the others, so paging goes on).
            let out = docs.filter { scope.allows(batches: $0.sources.map(\.batch) + [$0.batch], department: $0.meta["department"]) }.map { d in
                Summary(id: d.id, seq: d.seq, sha256: d.sha256, batch: d.batch, sources: d.sources.filter { scope.allows(batch: $0.batch) },
                        meta: d.meta, pageCount: d.pageCount,
                        finishedAt: d.finishedAt, links: Dictionary(uniqueKeysWithValues: Self.documentOutputs.map {
                            ($0, "/api/v1/documents/\(d.id)/\($0)") }),
                        fields: d.fields, languages: d.languages, mediaType: d.mediaType,
                        pages: d.pages.map { PageSummary(number: $0.number, method: $0.method, confidence: $0.confidence,
                                                         quality: $0.quality, reason: $0.reason) })
            }
            return try Self.json(Out(documents: out, cursor: docs.last?.seq ?? since))
        })

        /// A finished document the token may see: its job and output folder, or the answer
        /// refusing it (400 for an id that is not a number, 404 for unknown or unfinished).
        enum Finished { case found(Int64, JobDetail, String), refused(Response) }
        @Sendable func finished(_ context: BasicRequestContext, _ scope: APIStore.Scope) async throws -> Finished {
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { return .refused(Self.problem(.badRequest, "document id must be a number")) }
            guard let detail = try await visibleJob(id, scope) else { return .refused(Self.problem(.notFound, "no document \(id)")) }
            guard detail.job.state == "done", let output = detail.job.output else { return .refused(Self.problem(.notFound, "document \(id) is not finished")) }
            return .found(id, detail, server.dataDirectory + "/" + output)
        }

        router.get("/api/v1/documents/{id}/{what}", use: guarded(.read) { request, context, scope -> Response in
            guard context.parameters.get("id").flatMap(Int64.init) != nil, let what = context.parameters.get("what") else {
                return Self.problem(.badRequest, "bad document path")
            }
            let (id, detail, folder): (Int64, JobDetail, String)
            switch try await finished(context, scope) {
            case .refused(let answer): return answer
            case .found(let i, let d, let f): (id, detail, folder) = (i, d, f)
            }
            switch what {
            case "original":
                // The file as it was submitted, under the name it has in the token's batches.
                let visible = detail.sources.filter { scope.allows(batch: String($0.split(separator: "/", maxSplits: 1).first ?? "")) }
                let name = ((visible.first ?? detail.job.name) as NSString).lastPathComponent
                let sha = detail.sha256
                guard sha.count == 64, sha.allSatisfy(\.isHexDigit) else { return Self.problem(.notFound, "no original for document \(id)") }
                var answer = try Self.file(server.dataDirectory + "/blobs/" + sha.prefix(2) + "/" + sha, type: "application/octet-stream")
                let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
                let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
                answer.headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
                return answer
            case "searchable.pdf": return try Self.file(folder + "/searchable.pdf", type: "application/pdf")
            case "text": return try Self.file(folder + "/text.txt", type: "text/plain; charset=utf-8")
            case "json": return try Self.file(folder + "/document.json", type: "application/json")
            case "alto":
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/alto")) ?? []).sorted()
                struct Out: Encodable { var pages: [String: String] }
                var pages: [String: String] = [:]
                for f in files { pages[f] = try String(contentsOfFile: folder + "/alto/" + f, encoding: .utf8) }
                return try Self.json(Out(pages: pages))
            default: return Self.problem(.notFound, "unknown output \(what) (\(Self.documentOutputs.joined(separator: ", ")))")
            }
        })

        // A page as an image, rendered from the searchable PDF at ?width= pixels (cached).
        router.get("/api/v1/documents/{id}/pages/{page}", use: guarded(.read) { request, context, scope -> Response in
            let file = context.parameters.get("page") ?? ""
            guard file.hasSuffix(".png"), let number = Int(file.dropLast(4)), number >= 1, number <= 100_000 else {
                return Self.problem(.badRequest, "ask for pages/N.png (N from 1)")
            }
            guard let width = Self.integer(Self.form(request)["width"], default: PageImages.defaultWidth, in: PageImages.widths) else {
                return Self.problem(.badRequest, "width is \(PageImages.widths.lowerBound) to \(PageImages.widths.upperBound) pixels")
            }
            let (id, folder): (Int64, String)
            switch try await finished(context, scope) {
            case .refused(let answer): return answer
            case .found(let i, _, let f): (id, folder) = (i, f)
            }
            let cache = server.dataDirectory + "/cache/pages/\(id)"
            do {
                let png = try await Self.rendering { try PageImages.png(pdf: folder + "/searchable.pdf", page: number, width: width, cache: cache) }
                return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=3600"],
                                body: .init(byteBuffer: ByteBuffer(bytes: png)))
            } catch PageImages.Failure.noPage {
                return Self.problem(.notFound, "document \(id) has no page \(number)")
            } catch PageImages.Failure.tooLarge {
                return Self.problem(.unprocessableContent, "page \(number) cannot be shown at that width")
            }
        })

        // Where the query's words stand on a page (fractions of its width and height), for
        // highlighting them on the page image.
        router.get("/api/v1/documents/{id}/pages/{page}/find", use: guarded(.read) { request, context, scope -> Response in
            guard let number = context.parameters.get("page").flatMap(Int.init), number >= 1 else {
                return Self.problem(.badRequest, "page must be a number from 1")
            }
            let fields = Self.form(request)
            if let bad = Self.unreadableField(fields) { return bad }
            let q = fields["q"] ?? ""
            guard q.utf8.count <= SearchExpression.maximumQueryBytes else { return Self.problem(.badRequest, "q is at most \(SearchExpression.maximumQueryBytes) bytes") }
            let words = Array(Set(q.split(whereSeparator: { " \"()*".contains($0) }).map(String.init)
                .filter { !["AND", "OR", "NOT"].contains($0) && $0.count <= 100 })).sorted().prefix(16)
            let (id, folder): (Int64, String)
            switch try await finished(context, scope) {
            case .refused(let answer): return answer
            case .found(let i, _, let f): (id, folder) = (i, f)
            }
            do {
                let boxes = try await Self.rendering { try PageImages.find(pdf: folder + "/searchable.pdf", page: number, words: Array(words)) }
                struct Out: Encodable { var document: Int64; var page: Int; var boxes: [PageImages.Box] }
                return try Self.json(Out(document: id, page: number, boxes: boxes))
            } catch PageImages.Failure.noPage {
                return Self.problem(.notFound, "document \(id) has no page \(number)")
            }
        })

        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(Int64(server.idleSeconds)),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))
        return Application(router: router, server: .http1(configuration: http1),
                           configuration: .init(address: .hostname(host, port: port), serverName: "daftar"), logger: logger)
    }

    /// The query string as form fields: `+` is a space, percent escapes decoded, the first of
    /// a repeated field kept; at most 32 fields of 8 KiB each are read. A field whose value
    /// cannot be read (escapes that are no UTF-8, or over 8 KiB) is `unreadable`, not absent:
    /// `since=%00%ff` is no cursor, and taken as absent it restarted the feed from the first
    /// document.
    static func form(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        guard let query = request.uri.query, !query.isEmpty else { return out }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true).prefix(32) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String? { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard parts[0].utf8.count <= 256, let key = decode(parts[0]) else { continue }
            let value = pair.utf8.count > 8192 ? nil : parts.count > 1 ? decode(parts[1]) : ""
            if out[key] == nil { out[key] = value ?? unreadable }
        }
        return out
    }

    /// The value of a query field that could not be read: no number, no cursor, no name.
    static let unreadable = "\u{FFFD}"

    /// A problem answer for a request any of whose query fields could not be read; nil when all were.
    static func unreadableField(_ q: [String: String]) -> Response? {
        guard let key = q.first(where: { $0.value == unreadable })?.key else { return nil }
        return problem(.badRequest, "the query field \(key.prefix(40)) could not be read (percent escapes that are no UTF-8, or over 8 KiB)")
    }

    /// A whole number from a query field: `fallback` when absent, nil when it is not a number
    /// or lies outside `range`.
    static func integer(_ text: String?, default fallback: Int, in range: ClosedRange<Int>) -> Int? {
        guard let text else { return fallback }
        guard let n = Int(text), range.contains(n) else { return nil }
        return n
    }

    struct Queued: Codable, Sendable { var job: Int64; var state: String; var duplicate: Bool; var name: String; var batch: String }

    static func submit(_ path: String, name: String, batch: APIStore.Batch, client: @escaping @Sendable () throws -> PoolClient) async throws -> Queued {
        try await offload {
            let r = try client().submitFile(path, batch: batch.name, name: name, meta: batch.meta)
            return Queued(job: r.job, state: r.state, duplicate: r.duplicate, name: name, batch: batch.name)
        }
    }

    /// multipart/form-data: every part with a filename is a file, streamed to its own
    /// temporary file as it arrives (never held in memory), then queued.
    static func multipartUpload(_ request: Request, contentType: String, batch: APIStore.Batch, server: HTTPServer,
                                client: @escaping @Sendable () throws -> PoolClient) async throws -> Response {
        guard let boundary = HeaderParameters.parse(contentType)["boundary"], MultipartSink.isValidBoundary(boundary) else {
            return problem(.badRequest, "multipart needs a boundary of 1 to 70 letters, digits or '()+_,-./:=? (RFC 2046)")
        }
        let sink = MultipartSink(directory: server.dataDirectory + "/tmp", limit: server.maximumUpload)
        defer { sink.discard() }
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in sink.header(field, value) }
        parser.onBody = { buffer in sink.body(&buffer) }
        parser.onPartComplete = { sink.complete() }
        var tail = CloseDelimiter(boundary: boundary)
        for try await chunk in request.body {
            tail.see(chunk)
            do { try parser.execute(chunk) } catch {
                return problem(.badRequest, "the multipart body cannot be read: \(error)")
            }
            if sink.tooLarge { return problem(.contentTooLarge, "the upload is larger than \(server.maximumUpload) bytes") }
            if let e = sink.failure { return problem(.internalServerError, e) }
        }
        guard tail.closed else {
            return problem(.badRequest, "the multipart body is cut short: it does not end with its closing boundary, so nothing was kept")
        }
        if let bad = sink.files.first(where: { safeName($0.name) == nil }) {
            return problem(.badRequest, "unsafe file name: \(bad.name)")
        }
        guard !sink.files.isEmpty else { return problem(.badRequest, "no file parts (Content-Disposition with a filename)") }
        var queued: [Queued] = []
        for f in sink.files { queued.append(try await submit(f.path, name: safeName(f.name)!, batch: batch, client: client)) }
        struct Out: Encodable { var files: [Queued] }
        return try json(Out(files: queued), status: .accepted)
    }

    static func file(_ path: String, type: String) throws -> Response {
        guard let data = FileManager.default.contents(atPath: path) else { return problem(.notFound, "no such output") }
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An uploaded file name as a relative path: backslashes as folders, empty and `.`
    /// components dropped; nil if anything could leave the batch folder or is not printable.
    public static func safeName(_ raw: String) -> String? {
        let parts = raw.replacingOccurrences(of: "\\", with: "/").split(separator: "/").map { String($0) }.filter { $0 != "." && !$0.isEmpty }
        let name = parts.joined(separator: "/").precomposedStringWithCanonicalMapping
        guard !parts.isEmpty, !parts.contains(".."), Names.isSafeRelativePath(name),
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .format || $0.properties.generalCategory == .control }) else { return nil }
        return name
    }
}

public enum DaftarMetrics {
    /// Makes swift-metrics report to a Prometheus registry (once per process, before the
    /// broker makes its metrics) and returns the registry for `GET /metrics`.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [0.01, 0.05, 0.25, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600].map { .milliseconds(Int64($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        return registry
    }
}

/// The parameters of a header value such as `multipart/form-data; boundary="a b"` or
/// `form-data; name="file"; filename="x;y.png"`: names lower-cased, quoted values unquoted
/// (backslash escapes honoured, `;` inside quotes kept).
public enum HeaderParameters {
    public static func parse(_ value: String) -> [String: String] {
        var out: [String: String] = [:]
        var chars = Substring(value)
        // Skip the value itself, up to the first ';' outside quotes.
        func next(_ s: inout Substring) -> Substring {
            var inQuotes = false, escaped = false
            var i = s.startIndex
            while i < s.endIndex {
                let c = s[i]
                if escaped { escaped = false } else if c == "\\" && inQuotes { escaped = true }
                else if c == "\"" { inQuotes.toggle() } else if c == ";" && !inQuotes { break }
                i = s.index(after: i)
            }
            let part = s[s.startIndex..<i]
            s = i < s.endIndex ? s[s.index(after: i)...] : s[s.endIndex...]
            return part
        }
        _ = next(&chars)
        var count = 0
        while !chars.isEmpty && count < 32 {
            count += 1
            let part = next(&chars).trimmingCharacters(in: .whitespaces)
            guard let eq = part.firstIndex(of: "=") else { continue }
            let key = part[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 {
                raw = String(raw.dropFirst().dropLast())
                var unescaped = "", escaped = false
                for c in raw {
                    if escaped { unescaped.append(c); escaped = false } else if c == "\\" { escaped = true } else { unescaped.append(c) }
                }
                raw = unescaped
            }
            if out[key] == nil { out[key] = raw }
        }
        return out
    }
}

/// Watches the end of a multipart body for its close delimiter (`--BOUNDARY--`, then at most
/// whitespace): a body without it was cut short.
struct CloseDelimiter {
    let delimiter: [UInt8]
    private var last: [UInt8] = []
    init(boundary: String) { delimiter = Array("--\(boundary)--".utf8) }

    mutating func see(_ chunk: ByteBuffer) {
        let bytes = chunk.readableBytesView
        let keep = delimiter.count + 64
        last += bytes.suffix(keep)
        if last.count > keep { last.removeFirst(last.count - keep) }
    }

    var closed: Bool {
        var end = last[...]
        while let b = end.last, b == 0x0D || b == 0x0A || b == 0x20 || b == 0x09 { end = end.dropLast() }
        return end.count >= delimiter.count && Array(end.suffix(delimiter.count)) == delimiter
    }
}

/// Security headers on every answer, page or API: no sniffing of content types, no framing by
/// other sites, scripts only from the server's own files (no inline code) and styles from the
/// server, no referrer to other sites.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}

/// Broker clients for the API's handlers, kept between requests (each holds a ZeroMQ context,
/// an I/O thread and a socket: making one per request cost more than the request). A client
/// serves one request at a time and is handed between threads under the lock; after an error
/// it is dropped, since its socket may still receive a late reply.
final class ClientPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [PoolClient] = []   // guarded by lock
    private let make: @Sendable () throws -> PoolClient
    let capacity = 32

    init(make: @escaping @Sendable () throws -> PoolClient) { self.make = make }

    func with<T>(_ body: (PoolClient) throws -> T) throws -> T {
        let client = try lock.withLock { idle.popLast() } ?? make()
        let result = try body(client)
        lock.withLock { if idle.count < capacity { idle.append(client) } }
        return result
    }
}

/// Where the parts of one multipart upload go while it streams in.
public final class MultipartSink: @unchecked Sendable {
    struct File { var name: String; var path: String }
    let directory: String
    let limit: Int
    private(set) var files: [File] = []
    private(set) var tooLarge = false
    private(set) var failure: String?
    private var handle: FileHandle?
    private var filename: String?
    private var total = 0

    init(directory: String, limit: Int) { self.directory = directory; self.limit = limit }

    /// RFC 2046: 1 to 70 characters from a small set, not ending in a space.
    public static func isValidBoundary(_ b: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ")
        return (1...70).contains(b.count) && b.allSatisfy { allowed.contains($0) } && !b.hasSuffix(" ")
    }

    func header(_ field: String, _ value: String) {
        guard field.lowercased() == "content-disposition" else { return }
        // form-data; name="file"; filename="file-12/page 1.png" (quoted values may hold ';')
        if let name = HeaderParameters.parse(value)["filename"] { filename = name }
    }

    func body(_ buffer: inout ByteBuffer) {
        guard let name = filename, !tooLarge, failure == nil else { return }
        if handle == nil {
            let path = directory + "/upload-\(UUID().uuidString)"
            FileManager.default.createFile(atPath: path, contents: nil)
            handle = FileHandle(forWritingAtPath: path)
            files.append(File(name: name, path: path))
        }
        total += buffer.readableBytes
        if total > limit { tooLarge = true; return }
        do { try handle?.write(contentsOf: Data(buffer: buffer)) } catch { failure = "cannot store the upload: \(error)" }
    }

    func complete() {
        try? handle?.close()
        handle = nil
        filename = nil
    }

    func discard() {
        try? handle?.close()
        for f in files { unlink(f.path) }
    }
}
