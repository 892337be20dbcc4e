import Crypto
import Foundation

/// Content-addressed storage under `root/blobs/ab/abcdef…` (SHA-256 of the bytes). A blob is
/// written to `root/tmp/`, checked, synced and renamed into place, so a blob that exists is
/// whole.
public final class BlobStore: @unchecked Sendable {
    public let root: String

    public init(root: String) throws {
        self.root = root
        for d in ["blobs", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
        }
        // Partial uploads from before a restart are worthless: the sender starts again.
        for f in (try? FileManager.default.contentsOfDirectory(atPath: root + "/tmp")) ?? [] {
            try? FileManager.default.removeItem(atPath: root + "/tmp/" + f)
        }
    }

    public static func isDigest(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    public func path(_ sha256: String) -> String {
        root + "/blobs/" + sha256.prefix(2) + "/" + sha256
    }

    public func contains(_ sha256: String) -> Bool { FileManager.default.fileExists(atPath: path(sha256)) }

    public func temporaryPath(_ name: String) -> String { root + "/tmp/" + name }

    /// Moves a checked temporary file into place (after fsync of the file).
    public func adopt(_ temporary: String, sha256: String) throws {
        let dest = path(sha256)
        let dir = (dest as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: dest) {
            try? FileManager.default.removeItem(atPath: temporary)
            return
        }
        guard rename(temporary, dest) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        Durable.syncDirectory(dir)
    }

    /// Reads `length` bytes at `offset`.
    public func read(_ sha256: String, offset: Int, length: Int) throws -> [UInt8] {
        let fd = open(path(sha256), O_RDONLY)
        guard fd >= 0 else { throw POSIXError(.ENOENT) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(0, length))
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(offset)) }
        guard n >= 0 else { throw POSIXError(.EIO) }
        return Array(buffer.prefix(n))
    }
}

/// A file arriving in chunks, in order, hashed as it is written.
public final class IncomingFile {
    public let path: String
    public let expectedSize: Int
    public let expectedSHA256: String
    public private(set) var received = 0
    private var hasher = SHA256()
    private let fd: Int32

    public init(path: String, size: Int, sha256: String) throws {
        self.path = path; expectedSize = size; expectedSHA256 = sha256
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    deinit { close(fd) }

    public struct Rejected: Error, CustomStringConvertible { public var description: String }

    public func append(_ chunk: [UInt8], at offset: Int) throws {
        guard offset == received else { throw Rejected(description: "chunk at \(offset), expected \(received)") }
        guard received + chunk.count <= expectedSize else { throw Rejected(description: "more bytes than announced") }
        var done = 0
        while done < chunk.count {
            let n = chunk.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, chunk.count - done) }
            guard n > 0 else { throw Rejected(description: "write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
        hasher.update(data: chunk)
        received += chunk.count
    }

    public var isComplete: Bool { received == expectedSize }

    /// Syncs the file and checks its digest.
    public func finish() throws {
        guard fsync(fd) == 0 else { throw Rejected(description: "fsync failed") }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard digest == expectedSHA256 else { throw Rejected(description: "sha256 mismatch: got \(digest)") }
    }

    public func discard() { unlink(path) }
}

enum Durable {
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
