import DaftarPipeline
import DaftarPool
import Foundation
import Messaging

public struct ClientError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// A client of the broker (submit, status, jobs). Requests are retried the "lazy pirate" way:
/// no answer within `timeout` → a new socket and the request again, which is safe because a
/// submit is idempotent (the same bytes to the same batch is the same job).
public final class PoolClient {
    public let endpoint: String
    let curve: CurveClientKeys?
    public var timeout: Double
    public var attempts: Int
    let context = ZMQContext()
    var socket: ZMQSocket!

    public init(endpoint: String, curve: CurveClientKeys? = nil, timeout: Double = 10, attempts: Int = 30) throws {
        self.endpoint = endpoint; self.curve = curve; self.timeout = timeout; self.attempts = attempts
        try reconnect()
    }

    deinit {
        socket?.close()
        context.terminate()
    }

    func reconnect() throws {
        socket?.close()
        let s = try ZMQSocket(context, .dealer)
        try s.setMaximumMessageSize(Int(Wire.maximumMessageSize))
        if let curve { try s.makeCurveClient(serverKey: curve.serverKey, keys: curve.keys) }
        try s.connect(endpoint)
        socket = s
    }

    /// Waits for a reply carrying `token`; nil on timeout.
    func awaitReply(token: String, timeout: Double) throws -> Wire.Message? {
        let deadline = Date().timeIntervalSince1970 + timeout
        while true {
            let left = deadline - Date().timeIntervalSince1970
            if left <= 0 { return nil }
            guard try ZMQPoll.readable([socket], timeoutMilliseconds: Int(left * 1000) + 1)[0] else { continue }
            while let frames = try socket.receive() {
                guard let m = try? Wire.parse(frames[...]) else { continue }
                if let t = try? m.decode(TokenOnly.self), t.token == token { return m }
            }
        }
    }

    struct TokenOnly: Decodable { var token: String }

    /// One request and its reply, retried on silence.
    public func query<T: Codable & Sendable>(_ command: Wire.Command, _ q: Query, as: T.Type) throws -> T {
        for _ in 0..<attempts {
            try socket.send(Wire.frames(command, q))
            guard let m = try awaitReply(token: q.token, timeout: timeout) else { try reconnect(); continue }
            if m.command == .error { throw ClientError((try? m.decode(TokenReply.self).message) ?? "refused") }
            return try m.decode(QueryReply<T>.self).value
        }
        throw ClientError("no answer from the broker at \(endpoint)")
    }

    public func status() throws -> Broker.StatusReport {
        try query(.status, Query(token: UUID().uuidString), as: Broker.StatusReport.self)
    }

    /// Submits one file: the bytes go only when the broker does not already hold them.
    /// Returns once the job is committed. `busy` is called when the broker refuses for load.
    public func submit(path: String?, request: SubmitRequest, busy: (Double) -> Void = { _ in }) throws -> SubmitReply {
        var request = request
        for _ in 0..<attempts {
            request.token = UUID().uuidString
            try socket.send(Wire.frames(.submit, request))
            guard let m = try awaitReply(token: request.token, timeout: timeout) else { try reconnect(); continue }
            switch m.command {
            case .submitted:
                return try m.decode(SubmitReply.self)
            case .busy:
                let wait = (try? m.decode(TokenReply.self).retryAfter) ?? 1
                busy(wait ?? 1)
                usleep(useconds_t(min(30, max(0.1, wait ?? 1)) * 1_000_000))
                continue
            case .need:
                guard let path else { throw ClientError("the broker asked for bytes of a job without a file") }
                if let reply = try upload(path: path, request: request) { return reply }
                try reconnect()
            case .error:
                throw ClientError((try? m.decode(TokenReply.self).message ?? "refused") ?? "refused")
            default:
                continue
            }
        }
        throw ClientError("no answer from the broker at \(endpoint)")
    }

    /// Submits a file from disk: hashes it (the job's identity) and sends it if the broker
    /// does not already hold those bytes.
    public func submitFile(_ path: String, batch: String, name: String, priority: Int = 5, languages: String = "",
                           meta: [String: String] = [:], busy: (Double) -> Void = { _ in }) throws -> SubmitReply {
        let digest = try FileDigest.sha256(path: path)
        return try submit(path: path, request: SubmitRequest(
            token: "", batch: batch, name: name, sha256: digest.hex, size: digest.bytes, priority: priority,
            languages: languages, meta: meta), busy: busy)
    }

    /// Sends the file in chunks, `Wire.window` at a time; nil when the broker went silent.
    private func upload(path: String, request: SubmitRequest) throws -> SubmitReply? {
        guard let h = FileHandle(forReadingAtPath: path) else { throw ClientError("cannot read \(path)") }
        defer { try? h.close() }
        var sent = 0, acknowledged = 0
        while true {
            while sent < request.size && sent - acknowledged < Wire.window * Wire.chunkSize {
                let data = try h.read(upToCount: min(Wire.chunkSize, request.size - sent)) ?? Data()
                guard !data.isEmpty else { throw ClientError("\(path) changed while it was being sent") }
                try socket.send(Wire.frames(.upload, UploadChunk(token: request.token, offset: sent), body: Array(data)))
                sent += data.count
            }
            guard let m = try awaitReply(token: request.token, timeout: timeout) else { return nil }
            switch m.command {
            case .uploaded: acknowledged = max(acknowledged, try m.decode(UploadAck.self).received)
            case .submitted: return try m.decode(SubmitReply.self)
            case .error: throw ClientError((try? m.decode(TokenReply.self).message ?? "upload refused") ?? "upload refused")
            default: continue
            }
        }
    }
}
