import DaftarClient
import ArgumentParser
import DaftarFixtures
import DaftarPool
import Foundation
import Messaging

/// `daftar-bench pool`: the broker's speed with durable commits, its memory with a deep
/// queue, and how real pages scale from one slot to two.
struct PoolBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pool",
        abstract: "Broker throughput, submit-to-start latency, memory with 100,000 queued jobs, and 1 vs 2 slots on real pages.")
    @Option var out = "bench-out/pool"
    @Option(help: "No-op jobs for the throughput run.") var jobs = 50_000
    @Option(help: "No-op jobs for the latency run (one at a time).") var latencyJobs = 2_000
    @Option(help: "Queued jobs for the memory run.") var queued = 100_000
    @Flag(help: "Skip the real-page run (1 vs 2 slots).") var noPages = false

    var daftar: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("daftar").path
    }

    func run() throws {
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: out).standardizedFileURL.path
        var rows: [(String, String, String)] = []

        // 1. Throughput and latency of no-op jobs through a real broker process.
        do {
            let dir = root + "/noop"
            let broker = try spawn([daftar, "broker", "--data", dir, "--clients", "ipc://\(root)/c1", "--workers", "ipc://\(root)/w1", "--http", "off"], log: root + "/broker-noop.log")
            defer { broker.terminate(); broker.waitUntilExit() }
            usleep(500_000)
            let worker = try NoopWorker(endpoint: "ipc://\(root)/w1", slots: 256)
            let workerThread = Thread { worker.run() }
            workerThread.start()
            defer { worker.stop() }
            let client = try PipelinedClient(endpoint: "ipc://\(root)/c1")
            let t = try client.submitNoop(count: jobs, window: 1000, prefix: "t", worker: worker)
            rows.append(("no-op jobs through the broker (\(jobs), durable commits)", String(format: "%.0f jobs/s", Double(jobs) / t), ">= 5,000 jobs/s"))
            let latencies = try client.latency(count: latencyJobs, worker: worker).sorted()
            let p50 = latencies[latencies.count / 2] * 1000, p99 = latencies[Int(Double(latencies.count) * 0.99)] * 1000
            rows.append(("submit-to-start latency, one job at a time (\(latencyJobs))", String(format: "p50 %.2f ms, p99 %.2f ms", p50, p99), "p99 < 5 ms"))
        }

        // 2. Memory of the broker with a deep queue (no workers).
        do {
            let dir = root + "/deep"
            let broker = try spawn([daftar, "broker", "--data", dir, "--clients", "ipc://\(root)/c2", "--workers", "ipc://\(root)/w2", "--http", "off"], log: root + "/broker-deep.log")
            defer { broker.terminate(); broker.waitUntilExit() }
            usleep(500_000)
            let client = try PipelinedClient(endpoint: "ipc://\(root)/c2")
            _ = try client.submitNoop(count: queued, window: 1000, prefix: "q", worker: nil)
            let status = try PoolClient(endpoint: "ipc://\(root)/c2").status()
            let rss = Self.memory(broker.processIdentifier)
            rows.append(("broker with \(status.queued) queued jobs", String(format: "%.0f MB resident (peak %.0f MB)", rss.current, rss.peak), "< 300 MB"))
        }

        // 3. Real pages: serve with one slot, then two.
        if !noPages {
            // The comparison set and a second one from other texts (30 pages): with only 15, the
            // last file alone on one slot weighs on the ratio.
            let set = root + "/pages"
            let kinds = DegradedPages.Kind.allCases
            let fixtures = try DegradedPages.comparisonSet(in: set + "/a")
                + kinds.enumerated().map { i, kind in try DegradedPages.make(kind, in: set + "/b", seed: kinds.count + i + 1) }
            let pages = fixtures.reduce(0) { $0 + $1.pages.count }
            var perMinute: [Int: Double] = [:]
            for slots in [1, 2] {
                let dir = root + "/serve-\(slots)"
                let serve = try spawn([daftar, "serve", "--data", dir, "--slots", String(slots), "--clients", "ipc://\(root)/c-s\(slots)",
                                       "--workers", "ipc://\(root)/w-s\(slots)", "--http", "off"], log: root + "/serve-\(slots).log")
                usleep(500_000)
                let start = Date()
                let submit = try spawn([daftar, "submit", set, "--wait", "--connect", "ipc://\(root)/c-s\(slots)"], log: root + "/submit-\(slots).log")
                submit.waitUntilExit()
                let seconds = Date().timeIntervalSince(start)
                kill(serve.processIdentifier, SIGTERM)
                serve.waitUntilExit()
                perMinute[slots] = Double(pages) / seconds * 60
                rows.append(("serve --slots \(slots): \(pages) pages (\(fixtures.count) files)", String(format: "%.1f pages/min (%.1f s)", perMinute[slots]!, seconds), slots == 1 ? "" : "-"))
            }
            rows.append(("2 slots / 1 slot", String(format: "%.2fx", perMinute[2]! / perMinute[1]!), ">= 1.8x"))
        }

        print("| measure | figure | target |")
        print("|---|---:|---|")
        for r in rows { print("| \(r.0) | \(r.1) | \(r.2) |") }
        print("\nMachine: \(ProcessInfo.processInfo.activeProcessorCount) cores; broker journal in \(root) (SQLite WAL, synchronous=FULL).")
    }

    func spawn(_ command: [String], log: String) throws -> Foundation.Process {
        let p = Foundation.Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        FileManager.default.createFile(atPath: log, contents: nil)
        let h = FileHandle(forWritingAtPath: log)!
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }

    static func memory(_ pid: Int32) -> (current: Double, peak: Double) {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Double {
            guard let line = s.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }
}

/// A worker that finishes no-op jobs at once and notes when each job reached it. It speaks the
/// worker protocol directly so that the broker, not slot processes, is what is measured.
final class NoopWorker: @unchecked Sendable {
    private let context = ZMQContext()
    private let socket: ZMQSocket
    private let slots: Int
    private let lock = NSLock()
    private var started: [Int64: Double] = [:]   // guarded by lock
    private var finished = 0                     // guarded by lock
    private var stopping = false                 // guarded by lock

    init(endpoint: String, slots: Int) throws {
        self.slots = slots
        socket = try ZMQSocket(context, .dealer)
        try socket.setRoutingID("noop-\(getpid())")
        try socket.setHighWaterMarks(send: 100_000, receive: 100_000)
        try socket.connect(endpoint)
    }

    func startTime(_ job: Int64) -> Double? { lock.withLock { started[job] } }
    var finishedCount: Int { lock.withLock { finished } }
    func stop() { lock.withLock { stopping = true } }

    func run() {
        try? socket.send(Wire.frames(.ready, Ready(name: "noop-bench", slots: slots, free: slots, running: [])))
        var lastBeat = Date().timeIntervalSince1970
        while !lock.withLock({ stopping }) {
            guard (try? ZMQPoll.readable([socket], timeoutMilliseconds: 100))?.first == true else { continue }
            while let frames = (try? socket.receive()) ?? nil {
                let now = Date().timeIntervalSince1970
                guard let m = try? Wire.parse(frames[...]) else { continue }
                switch m.command {
                case .order:
                    guard let o = try? m.decode(JobOrder.self) else { continue }
                    lock.withLock { started[o.job] = now }
                    try? socket.send(Wire.frames(.result, ResultOffer(job: o.job, attempt: o.attempt, token: "", size: 0, sha256: "", pages: 0)))
                case .finished:
                    lock.withLock { finished += 1 }
                    try? socket.send(Wire.frames(.credit, Credit(slots: 1)))
                default: break
                }
            }
            let now = Date().timeIntervalSince1970
            if now - lastBeat > 1 { lastBeat = now; try? socket.send(Wire.frames(.heartbeat, Heartbeat(running: []))) }
        }
        socket.close()
    }
}

/// Submits no-op jobs with many requests in flight.
final class PipelinedClient {
    private let context = ZMQContext()
    private let socket: ZMQSocket
    private var serial = 0

    init(endpoint: String) throws {
        socket = try ZMQSocket(context, .dealer)
        try socket.setHighWaterMarks(send: 100_000, receive: 100_000)
        try socket.connect(endpoint)
    }

    private func request(_ prefix: String) -> SubmitRequest {
        serial += 1
        let sha = String(format: "%@%063d", prefix, serial).suffix(64)
        return SubmitRequest(token: "\(serial)", batch: "bench", name: "noop-\(prefix)-\(serial)", sha256: String(sha), size: 0,
                             priority: 5, languages: "eng", meta: [:], kind: "noop")
    }

    /// Seconds from the first submit to the last job finished (or acknowledged, without a worker).
    func submitNoop(count: Int, window: Int, prefix: String, worker: NoopWorker?) throws -> Double {
        let start = Date()
        var sent = 0, acknowledged = 0
        let finishedBefore = worker?.finishedCount ?? 0
        while acknowledged < count {
            while sent < count && sent - acknowledged < window {
                try socket.send(Wire.frames(.submit, request(prefix)))
                sent += 1
            }
            guard try ZMQPoll.readable([socket], timeoutMilliseconds: 10_000)[0] else { throw ClientError("broker silent") }
            while let frames = try socket.receive() {
                if let m = try? Wire.parse(frames[...]), m.command == .submitted { acknowledged += 1 }
                else if let m = try? Wire.parse(frames[...]), m.command == .busy || m.command == .error {
                    throw ClientError("submit refused: \(String(decoding: m.header, as: UTF8.self))")
                }
            }
        }
        if let worker {
            while worker.finishedCount - finishedBefore < count { usleep(1000) }
        }
        return Date().timeIntervalSince(start)
    }

    /// Submit one job, wait until the worker has it; return each submit-to-start time.
    func latency(count: Int, worker: NoopWorker) throws -> [Double] {
        var out: [Double] = []
        for _ in 0..<count {
            let r = request("l")
            let sentAt = Date().timeIntervalSince1970
            try socket.send(Wire.frames(.submit, r))
            var job: Int64?
            while job == nil {
                guard try ZMQPoll.readable([socket], timeoutMilliseconds: 10_000)[0] else { throw ClientError("broker silent") }
                while let frames = try socket.receive() {
                    if let m = try? Wire.parse(frames[...]), m.command == .submitted, let s = try? m.decode(SubmitReply.self) { job = s.job }
                }
            }
            var started: Double?
            while started == nil { started = worker.startTime(job!); if started == nil { usleep(50) } }
            out.append(started! - sentAt)
        }
        return out
    }
}
