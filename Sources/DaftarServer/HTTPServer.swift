import Crypto
import DaftarIndex
import DaftarPool
import Foundation
import GRDB
import Hummingbird
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
        try m.migrate(db)
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a token with a role; returns the token text (shown once).
    public func createToken(role: Role, name: String) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = "dft_" + bytes.map { String(format: "%02x", $0) }.joined()
        try db.write { db in
            try db.execute(sql: "INSERT INTO tokens (sha256, role, name, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [Self.digest(token), role.rawValue, name, Date().timeIntervalSince1970])
        }
        return token
    }

    func role(ofToken token: String) throws -> Role? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT role FROM tokens WHERE sha256 = ?", arguments: [Self.digest(token)]).flatMap(Role.init)
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

    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(Problem(error: message), status: status)) ?? Response(status: status)
    }

    public func makeApplication(logger: Logger) throws -> some ApplicationProtocol {
        let store = try APIStore(dataDirectory: dataDirectory)
        let server = self
        let index = SharedIndex(location: indexLocation)
        let router = Router(context: BasicRequestContext.self)

        /// Checks the bearer token; nil when the request may go on, else the 401/403 response.
        @Sendable func refuse(_ request: Request, _ need: APIStore.Role) async throws -> Response? {
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
                return Self.problem(.unauthorized, "an API token is needed (Authorization: Bearer …)")
            }
            let token = String(header.dropFirst(7))
            guard let role = try await Self.offload({ try store.role(ofToken: token) }) else {
                return Self.problem(.unauthorized, "unknown API token")
            }
            return role.allows(need) ? nil : Self.problem(.forbidden, "this token's role (\(role.rawValue)) may not do this")
        }

        @Sendable func client() throws -> PoolClient {
            try PoolClient(endpoint: server.brokerEndpoint, curve: server.curve, timeout: 10, attempts: 2)
        }

        // Prometheus text format; no token (scrapers rarely carry one; the server is on loopback
        // unless told otherwise). No job or worker ids among the labels.
        router.get("/metrics") { _, _ -> Response in
            let text = server.registry?.emitToBuffer() ?? []
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }

        // The operator and clerk pages: they load without a token and ask for one.
        @Sendable func html(_ text: String) -> Response {
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/") { _, _ in html(Pages.dashboard) }
        router.get("/upload") { _, _ in html(Pages.upload) }

        router.get("/api/v1/status") { request, _ -> Response in
            if let r = try await refuse(request, .read) { return r }
            return try Self.json(try await Self.offload { try client().status() })
        }

        router.get("/api/v1/jobs") { request, _ -> Response in
            if let r = try await refuse(request, .read) { return r }
            let q = request.uri.queryParameters
            let state = q.get("state").map { String($0) }, batch = q.get("batch").map { String($0) }
            let list = try await Self.offload {
                try client().query(.jobs, Query(token: UUID().uuidString, state: state, batch: batch, limit: 10_000), as: [JobSummary].self)
            }
            return try Self.json(list)
        }

        router.get("/api/v1/jobs/{id}") { request, context -> Response in
            if let r = try await refuse(request, .read) { return r }
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { return Self.problem(.badRequest, "job id must be a number") }
            do {
                return try Self.json(try await Self.offload { try client().query(.job, Query(token: UUID().uuidString, id: id), as: JobDetail.self) })
            } catch let e as ClientError where e.description.hasPrefix("no job") {
                return Self.problem(.notFound, e.description)
            }
        }

        router.post("/api/v1/jobs/{id}/retry") { request, context -> Response in
            if let r = try await refuse(request, .operate) { return r }
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { return Self.problem(.badRequest, "job id must be a number") }
            let n = try await Self.offload { try client().query(.retry, Query(token: UUID().uuidString, id: id), as: Int.self) }
            struct Out: Encodable { var job: Int64; var queued: Bool }
            return try Self.json(Out(job: id, queued: n == 1), status: n == 1 ? .ok : .conflict)
        }

        router.post("/api/v1/batches") { request, context -> Response in
            if let r = try await refuse(request, .upload) { return r }
            struct In: Decodable { var name: String; var meta: [String: String]? }
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let input = try? JSONDecoder().decode(In.self, from: Data(buffer: body)) else {
                return Self.problem(.badRequest, "expected {\"name\": \"…\", \"meta\": {…}}")
            }
            guard Names.isSafeComponent(input.name) else { return Self.problem(.badRequest, "a batch name is one path component") }
            return try Self.json(try await Self.offload { try store.createBatch(name: input.name, meta: input.meta ?? [:]) }, status: .created)
        }

        router.post("/api/v1/batches/{id}/files") { request, context -> Response in
            if let r = try await refuse(request, .upload) { return r }
            guard let id = context.parameters.get("id").flatMap(Int64.init),
                  let batch = try await Self.offload({ try store.batch(id) }) else { return Self.problem(.notFound, "no such batch") }
            let contentType = request.headers[.contentType] ?? ""
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                return try await Self.multipartUpload(request, contentType: contentType, batch: batch, server: server, client: client)
            }
            guard let rawName = request.uri.queryParameters.get("name").map({ String($0) }), let name = Self.safeName(rawName) else {
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
        }

        router.get("/api/v1/search") { request, _ -> Response in
            if let r = try await refuse(request, .read) { return r }
            let q = request.uri.queryParameters
            guard let text = q.get("q").map { String($0) }, !text.isEmpty else { return Self.problem(.badRequest, "give ?q=") }
            let batch = q.get("batch").map { String($0) }
            let limit = q.get("limit").flatMap { Int(String($0)) } ?? 20
            let candidates = q.get("candidates").flatMap { Int(String($0)) } ?? SearchQuery.defaultCandidates
            do {
                let found = try await Self.offload {
                    try index.use { try $0.search(SearchQuery(text: text, batch: batch, limit: limit, candidates: candidates)) }
                }
                return try Self.json(SearchOutput(query: text, found))
            } catch let e as SearchExpression.Invalid {
                return Self.problem(.badRequest, "cannot read the query: \(e)")
            }
        }

        router.get("/api/v1/documents") { request, _ -> Response in
            if let r = try await refuse(request, .read) { return r }
            let q = request.uri.queryParameters
            let since = q.get("since").flatMap { Int64(String($0)) } ?? 0
            let limit = min(1000, q.get("limit").flatMap { Int(String($0)) } ?? 100)
            let batch = q.get("batch").map { String($0) }
            let docs = try await Self.offload { try index.use { try $0.documents(after: since, batch: batch, limit: limit) } }
            struct Summary: Encodable {
                var id: Int64; var seq: Int64; var sha256: String; var batch: String; var sources: [IndexDocument.Source]
                var meta: [String: String]; var pageCount: Int; var finishedAt: Double; var links: [String: String]
            }
            struct Out: Encodable { var documents: [Summary]; var cursor: Int64 }
            let out = docs.map { d in
                Summary(id: d.id, seq: d.seq, sha256: d.sha256, batch: d.batch, sources: d.sources, meta: d.meta, pageCount: d.pageCount,
                        finishedAt: d.finishedAt, links: Dictionary(uniqueKeysWithValues: ["searchable.pdf", "text", "alto", "json"].map {
                            ($0, "/api/v1/documents/\(d.id)/\($0)") }))
            }
            return try Self.json(Out(documents: out, cursor: docs.last?.seq ?? since))
        }

        router.get("/api/v1/documents/{id}/{what}") { request, context -> Response in
            if let r = try await refuse(request, .read) { return r }
            guard let id = context.parameters.get("id").flatMap(Int64.init), let what = context.parameters.get("what") else {
                return Self.problem(.badRequest, "bad document path")
            }
            let detail: JobDetail
            do {
                detail = try await Self.offload { try client().query(.job, Query(token: UUID().uuidString, id: id), as: JobDetail.self) }
            } catch { return Self.problem(.notFound, "no document \(id)") }
            guard detail.job.state == "done", let output = detail.job.output else { return Self.problem(.notFound, "document \(id) is not finished") }
            let folder = server.dataDirectory + "/" + output
            switch what {
            case "searchable.pdf": return try Self.file(folder + "/searchable.pdf", type: "application/pdf")
            case "text": return try Self.file(folder + "/text.txt", type: "text/plain; charset=utf-8")
            case "json": return try Self.file(folder + "/document.json", type: "application/json")
            case "alto":
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/alto")) ?? []).sorted()
                struct Out: Encodable { var pages: [String: String] }
                var pages: [String: String] = [:]
                for f in files { pages[f] = try String(contentsOfFile: folder + "/alto/" + f, encoding: .utf8) }
                return try Self.json(Out(pages: pages))
            default: return Self.problem(.notFound, "unknown output \(what) (searchable.pdf, text, alto, json)")
            }
        }

        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "daftar"), logger: logger)
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
        guard let b = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst(9) else {
            return problem(.badRequest, "multipart without a boundary")
        }
        let sink = MultipartSink(directory: server.dataDirectory + "/tmp", limit: server.maximumUpload)
        defer { sink.discard() }
        let parser = MultipartParser(boundary: String(b).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        parser.onHeader = { field, value in sink.header(field, value) }
        parser.onBody = { buffer in sink.body(&buffer) }
        parser.onPartComplete = { sink.complete() }
        for try await chunk in request.body {
            try parser.execute(chunk)
            if sink.tooLarge { return problem(.contentTooLarge, "the upload is larger than \(server.maximumUpload) bytes") }
            if let e = sink.failure { return problem(.internalServerError, e) }
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

/// Where the parts of one multipart upload go while it streams in.
final class MultipartSink: @unchecked Sendable {
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

    func header(_ field: String, _ value: String) {
        guard field.lowercased() == "content-disposition" else { return }
        // form-data; name="file"; filename="file-12/page 1.png"
        for part in value.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where part.lowercased().hasPrefix("filename=") {
            filename = String(part.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
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
