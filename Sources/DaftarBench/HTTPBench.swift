import ArgumentParser
import DaftarFixtures
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Latencies and status codes gathered from many threads.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var status: [Double] = [], uploads: [Double] = [], failures: [Int: Int] = [:]   // guarded by lock
    func add(upload: Bool, code: Int, seconds: Double) {
        lock.withLock {
            if upload { uploads.append(seconds) } else { status.append(seconds) }
            if !(200...299).contains(code) { failures[code, default: 0] += 1 }
        }
    }
    func sorted() -> ([Double], [Double], [Int: Int]) { lock.withLock { (status.sorted(), uploads.sorted(), failures) } }

    /// One answer's status, set by the session's thread and read after it signals.
    final class Code: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0   // guarded by lock
        func set(_ v: Int) { lock.withLock { value = v } }
        func get() -> Int { lock.withLock { value } }
    }
}

/// `daftar-bench http`: a real `daftar serve` (its HTTP front end in a process of its own)
/// under 50 parallel uploads and 200 parallel status calls, twice; prints the status calls'
/// latency (p50, p99), the uploads' time and every answer that was not 2xx.
struct HTTPBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "http",
        abstract: "The HTTP API under parallel uploads and status calls: latency and errors.")
    @Option var out = "bench-out/http"
    @Option(help: "Parallel uploads per round.") var uploads = 50
    @Option(help: "Parallel status calls per round.") var statusCalls = 200
    @Option var rounds = 2

    /// One request, waited for: its status (0 when there was no answer) and seconds.
    static func call(_ session: URLSession, _ method: String, _ url: String, token: String?, body: Data?) -> (Int, Double) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        let status = Tally.Code()
        session.dataTask(with: request) { _, response, _ in
            status.set((response as? HTTPURLResponse)?.statusCode ?? 0)
            done.signal()
        }.resume()
        done.wait()
        return (status.get(), Date().timeIntervalSince(started))
    }

    func run() throws {
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: out).standardizedFileURL.path
        let pool = PoolBench()
        let port = Int.random(in: 41_000...49_000)
        let serve = try pool.spawn([pool.daftar, "serve", "--data", root + "/data", "--clients", "ipc://\(root)/c", "--workers",
                                    "ipc://\(root)/w", "--slots", "1", "--http", "127.0.0.1:\(port)"], log: root + "/serve.log")
        defer { kill(serve.processIdentifier, SIGTERM); serve.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)/api/v1"
        let session = URLSession(configuration: .ephemeral)
        let call = { @Sendable (method: String, url: String, token: String?, body: Data?) -> (Int, Double) in
            Self.call(session, method, url, token: token, body: body)
        }
        var ready = false
        for _ in 0..<100 where !ready { ready = call("GET", base + "/status", nil, nil).0 == 401; if !ready { usleep(200_000) } }
        guard ready else { throw ValidationError("serve did not answer; see \(root)/serve.log") }
        let tokens = Foundation.Process()
        tokens.executableURL = URL(fileURLWithPath: pool.daftar)
        tokens.arguments = ["tokens", "create", "--role", "operate", "--data", root + "/data"]
        let pipe = Pipe()
        tokens.standardOutput = pipe
        try tokens.run()
        let token = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        tokens.waitUntilExit()
        _ = call("POST", base + "/batches", token, Data("{\"name\":\"bench\"}".utf8))
        // Small distinct scans (one typed line each), so every upload is a job of its own.
        var files: [Data] = []
        for i in 0..<uploads {
            let path = "\(root)/scan-\(i).png"
            try DegradedPages.page(text: "Upload \(i) of the HTTP benchmark", ppi: 100).savePNG(path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let tally = Tally()
        let scans = files, n = uploads
        for round in 0..<rounds {
            // One thread per request, all started together: really in parallel (GCD's
            // concurrentPerform would run only as many at once as there are cores).
            let group = DispatchGroup()
            for i in 0..<(uploads + statusCalls) {
                group.enter()
                let thread = Thread {
                    let (code, seconds): (Int, Double) = i < n
                        ? call("POST", base + "/batches/1/files?name=r\(round)-\(i).png", token, scans[i])
                        : call("GET", base + "/status", token, nil)
                    tally.add(upload: i < n, code: code, seconds: seconds)
                    group.leave()
                }
                thread.start()
            }
            group.wait()
        }
        let (statusTimes, uploadTimes, failures) = tally.sorted()
        func ms(_ v: [Double], _ q: Double) -> Double { v.isEmpty ? 0 : v[min(v.count - 1, Int(Double(v.count) * q))] * 1000 }
        print("HTTP API of a real `daftar serve` (front end in its own process), \(rounds) rounds of \(uploads) parallel uploads and \(statusCalls) parallel status calls:")
        print(String(format: "  GET /api/v1/status: p50 %.1f ms, p99 %.1f ms over %d calls", ms(statusTimes, 0.5), ms(statusTimes, 0.99), statusTimes.count))
        print(String(format: "  uploads: p50 %.1f ms, p99 %.1f ms over %d", ms(uploadTimes, 0.5), ms(uploadTimes, 0.99), uploadTimes.count))
        print("  answers that were not 2xx: \(failures.isEmpty ? "none" : failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))")
    }
}
