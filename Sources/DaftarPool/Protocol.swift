import Foundation

/// Daftar's wire protocol over ZeroMQ.
///
/// Every message is `[tag, command, header]` or `[tag, command, header, body]`: `tag` is
/// `DAFTAR1`, `command` an ASCII word, `header` a JSON object and `body` raw bytes (file
/// chunks only). A ROUTER sees the peer's routing id in front. Anything else — a wrong tag, an
/// unknown command, a header that does not decode, too many frames — is dropped and counted.
///
/// Clients (DEALER → broker's client ROUTER):
///   SUBMIT → SUBMITTED | NEED (send the bytes) | BUSY (retry after) | ERROR
///   UPLOAD + chunk → UPLOADED (one per chunk: the sender's credit); the last chunk of a
///     submit is answered by SUBMITTED once the blob and the job are committed
///   STATUS, JOBS, JOB, STATES, RETRY, CANCEL → the matching reply or ERROR
/// Workers (DEALER, one routing id per process start → broker's worker ROUTER):
///   READY (slots, free) · HEARTBEAT (both ways) · CREDIT (a slot became free) · BYE
///   broker → JOB (a lease) · CANCEL (stop that attempt) · RESET (unknown to me: READY again)
///   FETCH → CHUNK + bytes (the input, in bounded chunks)
///   RESULT (size, sha256 of the output bundle) → NEED | DROP (already done: first result won)
///   UPLOAD + chunk → UPLOADED; the last → FINISHED (accepted or not)
///   FAIL (kind, message, permanent)
public enum Wire {
    public static let tag: [UInt8] = Array("DAFTAR1".utf8)
    /// File bytes travel in chunks of at most this size.
    public static let chunkSize = 512 * 1024
    /// No peer may send a larger message; libzmq disconnects it.
    public static let maximumMessageSize = Int64(chunkSize + 64 * 1024)
    /// Chunks a sender may have unacknowledged.
    public static let window = 8

    public enum Command: String, Sendable, CaseIterable {
        // clients
        case submit = "SUBMIT", submitted = "SUBMITTED", need = "NEED", busy = "BUSY", error = "ERROR"
        case upload = "UPLOAD", uploaded = "UPLOADED"
        case status = "STATUS", jobs = "JOBS", job = "JOB", states = "STATES", retry = "RETRY", cancel = "CANCEL"
        /// The broker's metrics in Prometheus' text format (for the HTTP front end's `/metrics`).
        case metrics = "METRICS"
        /// An operator has checked a flagged page (`CHECK`), and which pages of some jobs are
        /// checked (`CHECKS`).
        case check = "CHECK", checks = "CHECKS"
        case reply = "REPLY"
        // workers
        case ready = "READY", heartbeat = "HEARTBEAT", credit = "CREDIT", bye = "BYE", reset = "RESET"
        case order = "ORDER", fetch = "FETCH", chunk = "CHUNK", result = "RESULT", drop = "DROP"
        case finished = "FINISHED", fail = "FAIL"
    }

    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    /// A decoded message (without the routing id).
    public struct Message: Sendable {
        public var command: Command
        public var header: [UInt8]
        public var body: [UInt8]?

        public func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do { return try JSONDecoder().decode(T.self, from: Data(header)) } catch {
                throw Malformed(description: "\(command.rawValue) header does not decode as \(T.self)")
            }
        }
    }

    public static func frames<T: Encodable>(_ command: Command, _ header: T, body: [UInt8]? = nil) -> [[UInt8]] {
        // Encoding our own Codable structs cannot fail.
        let json = (try? encoder.encode(header)).map { Array($0) } ?? Array("{}".utf8)
        var f = [tag, Array(command.rawValue.utf8), json]
        if let body { f.append(body) }
        return f
    }

    public static func parse(_ frames: ArraySlice<[UInt8]>) throws -> Message {
        guard frames.count == 3 || frames.count == 4 else { throw Malformed(description: "\(frames.count) frames") }
        let f = Array(frames)
        guard f[0] == tag else { throw Malformed(description: "not a Daftar message") }
        guard let name = String(bytes: f[1], encoding: .ascii), let command = Command(rawValue: name) else {
            throw Malformed(description: "unknown command")
        }
        guard f[2].first == UInt8(ascii: "{") else { throw Malformed(description: "header is not a JSON object") }
        return Message(command: command, header: f[2], body: f.count == 4 ? f[3] : nil)
    }

    nonisolated(unsafe) static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()
}

// MARK: headers

public struct Empty: Codable, Sendable { public init() {} }

public struct SubmitRequest: Codable, Sendable {
    public var token: String
    public var batch: String
    /// The file's path relative to the folder submitted (its outputs go to outputs/BATCH/NAME).
    public var name: String
    public var sha256: String
    public var size: Int
    public var priority: Int
    public var languages: String
    public var meta: [String: String]
    /// "document" (the pipeline) or "noop" (no bytes, finishes at once: benchmarks and smoke tests).
    public var kind: String
    public init(token: String, batch: String, name: String, sha256: String, size: Int, priority: Int,
                languages: String, meta: [String: String], kind: String = "document") {
        self.token = token; self.batch = batch; self.name = name; self.sha256 = sha256; self.size = size
        self.priority = priority; self.languages = languages; self.meta = meta; self.kind = kind
    }
}

public struct SubmitReply: Codable, Sendable {
    public var token: String
    public var job: Int64
    public var state: String
    /// True when the same bytes were already submitted to this batch.
    public var duplicate: Bool
}

public struct TokenReply: Codable, Sendable {
    public var token: String
    public var message: String?
    public var retryAfter: Double?
}

public struct UploadChunk: Codable, Sendable {
    public var token: String
    public var offset: Int
    public init(token: String, offset: Int) { self.token = token; self.offset = offset }
}

public struct UploadAck: Codable, Sendable {
    public var token: String
    public var received: Int
}

public struct Query: Codable, Sendable {
    public var token: String
    public var id: Int64?
    public var ids: [Int64]?
    public var state: String?
    public var batch: String?
    public var limit: Int?
    public var dead: Bool?
    /// CHECK: the page and who checked it.
    public var page: Int?
    public var by: String?
    public init(token: String, id: Int64? = nil, ids: [Int64]? = nil, state: String? = nil, batch: String? = nil,
                limit: Int? = nil, dead: Bool? = nil, page: Int? = nil, by: String? = nil) {
        self.token = token; self.id = id; self.ids = ids; self.state = state; self.batch = batch
        self.limit = limit; self.dead = dead; self.page = page; self.by = by
    }
}

/// A flagged page an operator has looked at: the text is as good as the page allows, or the
/// page has been scanned again.
public struct PageCheck: Codable, Sendable, Equatable {
    public var job: Int64
    public var page: Int
    public var by: String
    public var at: Double
}

/// A reply to a query: its token and one JSON value.
public struct QueryReply<T: Codable & Sendable>: Codable, Sendable {
    public var token: String
    public var value: T
}

public struct Ready: Codable, Sendable {
    public var name: String
    public var slots: Int
    public var free: Int
    /// Attempts this worker is still running (after a broker restart it keeps them).
    public var running: [AttemptRef]
    public init(name: String, slots: Int, free: Int, running: [AttemptRef]) {
        self.name = name; self.slots = slots; self.free = free; self.running = running
    }
}

public struct AttemptRef: Codable, Sendable, Hashable {
    public var job: Int64
    public var attempt: Int
}

public struct Heartbeat: Codable, Sendable {
    public var running: [AttemptRef]
    public init(running: [AttemptRef]) { self.running = running }
}

public struct Credit: Codable, Sendable {
    public var slots: Int
    public init(slots: Int) { self.slots = slots }
}

public struct JobOrder: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var kind: String
    public var batch: String
    public var name: String
    public var sha256: String
    public var size: Int
    public var languages: String
    /// Seconds the attempt may run before the worker stops it.
    public var timeLimit: Double
    public var ref: AttemptRef { AttemptRef(job: job, attempt: attempt) }
}

public struct FetchRequest: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var sha256: String
    public var offset: Int
    public var length: Int
}

public struct ChunkReply: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var sha256: String
    public var offset: Int
    public var error: String?
}

public struct ResultOffer: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var token: String
    public var size: Int
    public var sha256: String
    public var pages: Int
    public init(job: Int64, attempt: Int, token: String, size: Int, sha256: String, pages: Int) {
        self.job = job; self.attempt = attempt; self.token = token; self.size = size; self.sha256 = sha256; self.pages = pages
    }
}

public struct AttemptReply: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var token: String?
    public var accepted: Bool
    public var reason: String?
}

public struct FailureReport: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var kind: String
    public var message: String
    /// The file itself is at fault (encrypted, corrupt, too large): no retry.
    public var permanent: Bool
    /// The attempt was never started (e.g. no free slot): it does not count.
    public var returned: Bool?
}
