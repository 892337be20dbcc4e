import DaftarPool
import Foundation

/// A hot folder for scanners that write to a share (`daftar watch DIR`).
///
/// A file is taken only after its size and modification time have been the same for
/// `stableSeconds` (a scanner still writing keeps changing them). It is submitted; once the
/// broker acknowledges the job (after its COMMIT) the file moves to `DIR/.done/REL`. The job is
/// remembered in `DIR/.daftar-watch.json` until it finishes; if it fails for good the file
/// moves on to `DIR/.failed/REL` with `REL.reason.txt` beside it.
///
/// Restarts lose nothing and submit nothing twice: a file is moved only after the broker has
/// it, and a file submitted but not yet moved (a crash in between) is submitted again, which
/// the broker answers with the same job (the same bytes are the same job).
public final class HotFolder {
    public struct Options: Sendable {
        public var batch = "watch"
        /// Use each file's first folder under DIR as its batch (files at the top use `batch`).
        public var batchFromFolder = false
        public var priority = 5
        public var languages = ""
        public var meta: [String: String] = [:]
        public var stableSeconds: Double = 5
        public var interval: Double = 1
        /// Rescan on a timer only (network shares deliver no inotify events).
        public var poll = false
        public init() {}
    }

    struct Pending: Codable { var job: Int64; var rel: String }
    struct State: Codable { var pending: [Pending] = [] }

    let root: String
    let options: Options
    let client: PoolClient
    let log: (String) -> Void
    var seen: [String: (size: Int, mtime: Double, since: Double)] = [:]
    var state = State()
    var lastStateCheck = 0.0

    public init(root: String, options: Options, client: PoolClient, log: @escaping (String) -> Void) throws {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.options = options
        self.client = client
        self.log = log
        if let data = FileManager.default.contents(atPath: stateFile), let s = try? JSONDecoder().decode(State.self, from: data) {
            state = s
        }
    }

    var stateFile: String { root + "/.daftar-watch.json" }

    func saveState() {
        guard let data = try? JSONEncoder().encode(state) else { return }
        let tmp = stateFile + ".tmp"
        FileManager.default.createFile(atPath: tmp, contents: data)
        _ = rename(tmp, stateFile)
    }

    /// Runs until `shouldStop`; wakes on inotify events (unless polling) or every `interval`.
    public func run(shouldStop: () -> Bool) throws {
        let notify = options.poll ? nil : Inotify(root: root)
        while !shouldStop() {
            try scanOnce(now: Date().timeIntervalSince1970)
            if let notify { notify.wait(seconds: options.interval) } else { usleep(useconds_t(options.interval * 1_000_000)) }
        }
    }

    /// One pass: submit stable files, move acknowledged ones, settle finished jobs.
    public func scanOnce(now: Double) throws {
        for rel in candidates() {
            let path = root + "/" + rel
            guard let a = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = (a[.size] as? NSNumber)?.intValue, let mtime = (a[.modificationDate] as? Date)?.timeIntervalSince1970 else { continue }
            if let s = seen[rel], s.size == size, s.mtime == mtime {
                if now - s.since >= options.stableSeconds { try take(rel) }
            } else {
                seen[rel] = (size, mtime, now)
            }
        }
        if now - lastStateCheck >= 2, !state.pending.isEmpty {
            lastStateCheck = now
            try settle()
        }
    }

    /// Regular files under the root, not hidden and not in .done/.failed.
    func candidates() -> [String] {
        var out: [String] = []
        guard let e = FileManager.default.enumerator(atPath: root) else { return out }
        for case let rel as String in e {
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.append(rel) }
        }
        return out.sorted()
    }

    func batch(for rel: String) -> String {
        let parts = rel.split(separator: "/")
        if options.batchFromFolder, parts.count > 1, Names.isSafeComponent(String(parts[0])) { return String(parts[0]) }
        return options.batch
    }

    func take(_ rel: String) throws {
        let path = root + "/" + rel
        let b = batch(for: rel)
        let name = options.batchFromFolder && b != options.batch ? rel.split(separator: "/").dropFirst().joined(separator: "/") : rel
        let reply: SubmitReply
        do {
            reply = try client.submitFile(path, batch: b, name: name, priority: options.priority,
                                          languages: options.languages, meta: options.meta)
        } catch let e as ClientError where !e.description.hasPrefix("no answer") {
            // Refused by the broker (e.g. a name it cannot store): failed for good, with the reason.
            try move(rel, to: ".failed", reason: e.description)
            return
        }
        try move(rel, to: ".done", reason: nil)
        seen[rel] = nil
        state.pending.append(Pending(job: reply.job, rel: rel))
        saveState()
        log("job \(reply.job) \(reply.duplicate ? "already submitted" : "queued"): \(b)/\(name)")
    }

    func move(_ rel: String, to folder: String, reason: String?, from: String? = nil) throws {
        let fm = FileManager.default
        let source = (from.map { root + "/" + $0 + "/" } ?? root + "/") + rel
        let target = root + "/" + folder + "/" + rel
        try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? fm.removeItem(atPath: target)
        try fm.moveItem(atPath: source, toPath: target)
        if let reason { try (reason + "\n").write(toFile: target + ".reason.txt", atomically: true, encoding: .utf8) }
    }

    /// Jobs that finished: done ones are forgotten; dead or cancelled ones move to .failed.
    func settle() throws {
        let jobs = try client.query(.states, Query(token: UUID().uuidString, ids: state.pending.map(\.job)), as: [JobSummary].self)
        let byID = Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var keep: [Pending] = []
        for p in state.pending {
            guard let j = byID[p.job] else { keep.append(p); continue }
            switch j.state {
            case "done": continue
            case "dead", "cancelled":
                let reason = "job \(j.id) \(j.state): \(j.errorKind ?? "-"): \(j.error ?? "")"
                if FileManager.default.fileExists(atPath: root + "/.done/" + p.rel) {
                    try move(p.rel, to: ".failed", reason: reason, from: ".done")
                }
                log("failed for good: \(p.rel): \(reason)")
            default: keep.append(p)
            }
        }
        if keep.count != state.pending.count { state.pending = keep; saveState() }
    }
}

/// inotify on a folder tree, used only to wake the scanner early.
final class Inotify {
    let fd: Int32
    init?(root: String) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY)
        inotify_add_watch(fd, root, mask)
        if let e = FileManager.default.enumerator(atPath: root) {
            for case let rel as String in e where !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), isDir.boolValue {
                    inotify_add_watch(fd, root + "/" + rel, mask)
                }
            }
        }
    }
    deinit { close(fd) }

    /// Waits for an event or the timeout, then drains the queue.
    func wait(seconds: Double) {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&p, 1, Int32(seconds * 1000))
        var buffer = [UInt8](repeating: 0, count: 65536)
        while read(fd, &buffer, buffer.count) > 0 {}
    }
}
