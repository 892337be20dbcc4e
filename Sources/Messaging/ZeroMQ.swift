import CZmq
import Foundation

/// The ZeroMQ wrapper module: the only importer of libzmq.
///
/// One `ZMQContext` per process; each `ZMQSocket` belongs to the one thread that made it
/// (libzmq sockets are not thread-safe), which is why they are `@unchecked Sendable` only so
/// that they can be created on one thread and handed to the thread that then owns them.
public enum ZeroMQ {
    public static var version: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// Whether this libzmq was built with CURVE security (Debian's is, through libsodium).
    public static var hasCurve: Bool { zmq_has("curve") != 0 }
}

/// A libzmq failure, with the native errno.
public struct ZMQError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let operation: String
    public var description: String { "\(operation): \(String(cString: zmq_strerror(code))) (errno \(code))" }
    init(_ operation: String, code: Int32 = zmq_errno()) { self.code = code; self.operation = operation }
    public var isWouldBlock: Bool { code == EAGAIN }
    public var isUnroutable: Bool { code == EHOSTUNREACH }
}

public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    public init() {
        handle = zmq_ctx_new()
    }
    /// Terminates the context; every socket must be closed first.
    public func terminate() { zmq_ctx_term(handle) }
}

public enum SocketType: Sendable {
    case router, dealer, rep, req
    var native: Int32 {
        switch self {
        case .router: return ZMQ_ROUTER
        case .dealer: return ZMQ_DEALER
        case .rep: return ZMQ_REP
        case .req: return ZMQ_REQ
        }
    }
}

/// A CURVE key pair in Z85 text (40 characters each).
public struct CurveKeyPair: Sendable, Equatable {
    public var publicKey: String
    public var secretKey: String
    public init(publicKey: String, secretKey: String) { self.publicKey = publicKey; self.secretKey = secretKey }

    public static func generate() throws -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41), sec = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&pub, &sec) == 0 else { throw ZMQError("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: String(cString: pub), secretKey: String(cString: sec))
    }

    /// The public key that belongs to a secret key.
    public static func publicKey(forSecret secret: String) throws -> String {
        var pub = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&pub, secret) == 0 else { throw ZMQError("zmq_curve_public") }
        return String(cString: pub)
    }

    /// Whether `text` is a 40-character Z85 key that decodes to 32 bytes.
    public static func isValidKey(_ text: String) -> Bool {
        guard text.utf8.count == 40 else { return false }
        var out = [UInt8](repeating: 0, count: 32)
        return zmq_z85_decode(&out, text) != nil
    }

    /// Z85 text of a raw 32-byte key (the form ZAP hands credentials in).
    public static func z85(_ raw: [UInt8]) -> String? {
        guard raw.count == 32 else { return nil }
        var out = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&out, raw, 32) != nil else { return nil }
        return String(cString: out)
    }
}

public final class ZMQSocket: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private var closed = false

    public init(_ context: ZMQContext, _ type: SocketType) throws {
        guard let h = zmq_socket(context.handle, type.native) else { throw ZMQError("zmq_socket") }
        handle = h
        try set(ZMQ_LINGER, Int32(0))
    }

    deinit { close() }

    public func close() {
        if !closed { zmq_close(handle); closed = true }
    }

    // MARK: options

    private func set(_ option: Int32, _ value: Int32) throws {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size) == 0 else { throw ZMQError("zmq_setsockopt \(option)") }
    }
    private func set(_ option: Int32, _ value: Int64) throws {
        var v = value
        guard zmq_setsockopt(handle, option, &v, MemoryLayout<Int64>.size) == 0 else { throw ZMQError("zmq_setsockopt \(option)") }
    }
    private func set(_ option: Int32, _ bytes: [UInt8]) throws {
        guard zmq_setsockopt(handle, option, bytes, bytes.count) == 0 else { throw ZMQError("zmq_setsockopt \(option)") }
    }

    /// Sends to an unknown routing id fail with EHOSTUNREACH instead of vanishing.
    public func setRouterMandatory() throws { try set(ZMQ_ROUTER_MANDATORY, Int32(1)) }
    public func setRoutingID(_ id: String) throws { try set(ZMQ_ROUTING_ID, Array(id.utf8)) }
    /// Peers sending a larger message are disconnected by libzmq.
    public func setMaximumMessageSize(_ bytes: Int) throws { try set(ZMQ_MAXMSGSIZE, Int64(bytes)) }
    public func setHighWaterMarks(send: Int, receive: Int) throws {
        try set(ZMQ_SNDHWM, Int32(send)); try set(ZMQ_RCVHWM, Int32(receive))
    }
    /// Heartbeats at the ZMTP level, so that a vanished TCP peer is noticed.
    public func setTransportHeartbeat(intervalMilliseconds: Int) throws {
        try set(ZMQ_HEARTBEAT_IVL, Int32(intervalMilliseconds))
        try set(ZMQ_HEARTBEAT_TIMEOUT, Int32(intervalMilliseconds * 3))
    }
    /// Server side of CURVE: this socket's secret key; clients authenticate through ZAP.
    public func makeCurveServer(secretKey: String, domain: String) throws {
        try set(ZMQ_CURVE_SERVER, Int32(1))
        try set(ZMQ_CURVE_SECRETKEY, Array(secretKey.utf8))
        try set(ZMQ_ZAP_DOMAIN, Array(domain.utf8))
    }
    /// Client side of CURVE: the server's public key and this peer's own key pair.
    public func makeCurveClient(serverKey: String, keys: CurveKeyPair) throws {
        try set(ZMQ_CURVE_SERVERKEY, Array(serverKey.utf8))
        try set(ZMQ_CURVE_PUBLICKEY, Array(keys.publicKey.utf8))
        try set(ZMQ_CURVE_SECRETKEY, Array(keys.secretKey.utf8))
    }

    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError("bind \(endpoint)") }
    }
    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError("connect \(endpoint)") }
    }

    /// The endpoint actually bound (resolves `tcp://127.0.0.1:*` to its port).
    public var lastEndpoint: String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(cString: buffer)
    }

    // MARK: messages

    /// Sends a multipart message without blocking. Throws `isWouldBlock` when the peer's
    /// queue is full and `isUnroutable` when a ROUTER does not know the routing id.
    public func send(_ frames: [[UInt8]]) throws {
        for (i, frame) in frames.enumerated() {
            let more = i < frames.count - 1 ? ZMQ_SNDMORE : 0
            let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, more | ZMQ_DONTWAIT) }
            if rc < 0 {
                // Only the first frame can fail without leaving a part-sent message; later
                // frames of an accepted message are queued by libzmq as a unit.
                throw ZMQError("zmq_send")
            }
        }
    }

    /// Receives one multipart message; nil when none is waiting (non-blocking).
    public func receive() throws -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        while true {
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let rc = zmq_msg_recv(&message, handle, frames.isEmpty ? ZMQ_DONTWAIT : 0)
            if rc < 0 {
                let e = zmq_errno()
                if e == EAGAIN && frames.isEmpty { return nil }
                throw ZMQError("zmq_msg_recv", code: e)
            }
            let size = zmq_msg_size(&message)
            if let data = zmq_msg_data(&message), size > 0 {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }
}

/// zmq_poll over a set of sockets.
public enum ZMQPoll {
    /// Waits up to `timeoutMilliseconds` (-1: forever) and returns, per socket, whether it is readable.
    public static func readable(_ sockets: [ZMQSocket], timeoutMilliseconds: Int) throws -> [Bool] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let rc = zmq_poll(&items, Int32(items.count), timeoutMilliseconds)
        if rc < 0 {
            if zmq_errno() == EINTR { return Array(repeating: false, count: sockets.count) }
            throw ZMQError("zmq_poll")
        }
        return items.map { ($0.revents & Int16(ZMQ_POLLIN)) != 0 }
    }
}
