import DaftarClient
import DaftarIndex
import DaftarPipeline
import DaftarPool
import Foundation
import Imaging
import Messaging
import XCTest

/// Tier 3: the pool as real processes on this machine (brokers, workers, slot processes and
/// clients talking ZeroMQ over ipc:// sockets in a temporary folder).
final class PoolTests: XCTestCase {
    // MARK: harness

    final class Harness {
        let dir: String
        var clients: String { "ipc://\(dir)/c.sock" }
        var workers: String { "ipc://\(dir)/w.sock" }
        var processes: [Foundation.Process] = []
        init(_ dir: String) { self.dir = dir }

        /// Starts `daftar ARGUMENTS` (after `delay` seconds, through sh, keeping the pid).
        @discardableResult
        func spawn(_ arguments: [String], environment: [String: String] = [:], log: String, delay: Double = 0) throws -> Foundation.Process {
            let p = Foundation.Process()
            if delay > 0 {
                p.executableURL = URL(fileURLWithPath: "/bin/sh")
                p.arguments = ["-c", "sleep \(delay); exec \"$0\" \"$@\"", Support.daftarBinary] + arguments
            } else {
                p.executableURL = URL(fileURLWithPath: Support.daftarBinary)
                p.arguments = arguments
            }
            var env = ProcessInfo.processInfo.environment
            for (k, v) in environment { env[k] = v }
            p.environment = env
            FileManager.default.createFile(atPath: "\(dir)/\(log).log", contents: nil)
            let h = FileHandle(forWritingAtPath: "\(dir)/\(log).log")!
            h.seekToEndOfFile()
            p.standardOutput = h
            p.standardError = h
            try p.run()
            processes.append(p)
            return p
        }

        func broker(_ extra: [String] = [], delay: Double = 0) throws -> Foundation.Process {
            try spawn(["broker", "--data", dir + "/data", "--clients", clients, "--workers", workers, "--http", "off"] + extra, log: "broker", delay: delay)
        }

        func worker(slots: Int, failpoints: String = "", _ extra: [String] = []) throws -> Foundation.Process {
            try spawn(["worker", "--connect", workers, "--slots", String(slots), "--name", "w", "--work", dir + "/work-\(processes.count)"] + extra,
                      environment: ["DAFTAR_FAILPOINTS": failpoints], log: "worker")
        }

        typealias Run = Support.Run

        func daftar(_ arguments: [String]) throws -> Run { try Support.run(Support.daftarBinary, arguments) }
        func runTool(_ executable: String, _ arguments: [String]) throws -> Run { try Support.run(executable, arguments) }

        func client(_ arguments: [String]) throws -> Run {
            try daftar(arguments + ["--connect", clients, "--timeout", "2"])
        }

        func status() throws -> Broker.StatusReport {
            let r = try client(["status", "--json"])
            guard r.status == 0 else { throw ClientError("status failed: \(r.stderr)") }
            return try JSONDecoder().decode(Broker.StatusReport.self, from: Data(r.stdout.utf8))
        }

        func job(_ id: Int64) throws -> JobDetail {
            let r = try client(["jobs", "show", String(id)])
            return try JSONDecoder().decode(JobDetail.self, from: Data(r.stdout.utf8))
        }

        /// Polls until `condition` holds or `seconds` pass.
        func waitFor(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if (try? condition()) == true { return }
                usleep(200_000)
            }
            XCTFail("timed out waiting for \(what)")
            throw ClientError("timed out waiting for \(what)")
        }

        /// `daftar serve` with its HTTP front end on a random loopback port, once its data
        /// folder exists: the data folder and the port.
        func serveWithHTTP(slots: Int = 2) throws -> (data: String, port: Int) {
            let data = dir + "/data"
            let port = Int.random(in: 41_000...49_000)
            _ = try spawn(["serve", "--data", data, "--clients", clients, "--workers", workers, "--slots", String(slots),
                           "--http", "127.0.0.1:\(port)"], log: "serve")
            try waitFor(20, "the data folder") { FileManager.default.fileExists(atPath: data + "/journal.sqlite") }
            return (data, port)
        }

        func log(_ name: String) -> String { (try? String(contentsOfFile: "\(dir)/\(name).log", encoding: .utf8)) ?? "" }

        func stopAll() {
            for p in processes where p.isRunning { kill(p.processIdentifier, SIGKILL) }
            for p in processes { p.waitUntilExit() }
        }
    }

    func harness() -> Harness {
        let h = Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        return h
    }

    /// A small scan: one line of text at 300 ppi (OCR takes a fraction of a second).
    static func scan(_ text: String, to path: String) throws {
        Vips.start()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let ink = try Image.text(text, font: "Liberation Serif 12", width: 1800, dpi: 300)
        let paper = try ink.linear(-1, 255).castUChar()
        try paper.embedded(x: 100, y: 100, width: ink.width + 200, height: ink.height + 200).withResolution(ppi: 300).savePNG(path)
    }

    /// The ids printed by `daftar submit` ("job N queued: …").
    static func jobIDs(_ stdout: String) -> [Int64] {
        stdout.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("job ") else { return nil }
            return Int64(line.dropFirst(4).prefix { $0.isNumber })
        }
    }

    // MARK: tests

    func testServeDigitisesAFolderAndResubmittingIsIdempotent() throws {
        let h = harness()
        let input = h.dir + "/scans"
        try Self.scan("Revenue department file 12 page one", to: input + "/file-12/p1.png")
        try Self.scan("Revenue department file 13 page one", to: input + "/file-13/p1.png")
        try Data().write(to: URL(fileURLWithPath: input + "/file-13/blank.jpg"))
        // The local worker's scratch folder goes in this test's temporary folder, beside a
        // file of someone else's and the folder a killed worker left (its process is gone).
        let tmp = h.dir + "/tmp"
        let gone = Foundation.Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try FileManager.default.createDirectory(atPath: tmp + "/daftar-worker-\(gone.processIdentifier)", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: tmp + "/daftar-worker-\(gone.processIdentifier)/1-1.input"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: tmp + "/notes.txt"))
        let serve = try h.spawn(["serve", "--data", h.dir + "/data", "--clients", h.clients, "--workers", h.workers, "--slots", "2", "--http", "off"],
                                environment: ["TMPDIR": tmp], log: "serve")

        let r = try h.client(["submit", input, "--batch", "day-1", "--meta", "department=revenue", "--wait"])
        XCTAssertEqual(r.status, 1, r.stderr)   // the empty file fails for good
        XCTAssertTrue(r.stderr.contains("day-1/file-13/blank.jpg: dead: empty"), r.stderr)
        XCTAssertTrue(r.stderr.contains("2 of 3 jobs done"), r.stderr)
        for rel in ["file-12/p1.png", "file-13/p1.png"] {
            let out = h.dir + "/data/outputs/day-1/" + rel
            for item in ["document.json", "text.txt", "searchable.pdf", "alto/0001.xml", "hocr/0001.hocr"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + item), rel + "/" + item)
            }
        }
        let text = try String(contentsOfFile: h.dir + "/data/outputs/day-1/file-12/p1.png/text.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("Revenue department file 12"), text)

        // The same files again: the same jobs, nothing new queued.
        let again = try h.client(["submit", input, "--batch", "day-1"])
        XCTAssertEqual(Self.jobIDs(again.stdout).sorted(), Self.jobIDs(r.stdout).sorted())
        XCTAssertEqual(again.stdout.components(separatedBy: "already submitted").count - 1, 3, again.stdout)
        let s = try h.status()
        XCTAssertEqual([s.queued, s.running, s.done, s.failed, s.dead, s.workers], [0, 0, 2, 0, 1, 1])
        let blank = try h.job(Self.jobIDs(r.stdout)[1])
        XCTAssertEqual(blank.attempts.count, 1, "a permanent error is not retried")
        XCTAssertEqual(blank.meta["department"], "revenue")

        // SIGTERM: serve drains and stops cleanly.
        kill(serve.processIdentifier, SIGTERM)
        try h.waitFor(15, "serve to stop") { !serve.isRunning }
        XCTAssertEqual(serve.terminationStatus, 0, h.log("serve"))
        // The worker removed its own scratch folder and the gone worker's, and nothing else.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), ["notes.txt"])
    }

    func testAKilledSlotCostsOneAttemptAndTheJobFinishesOnce() throws {
        let h = harness()
        try Self.scan("A slow page that loses its slot", to: h.dir + "/in/slow-page.png")
        _ = try h.broker(["--retry-delay", "0.2"])
        let worker = try h.worker(slots: 2, failpoints: "sleep=slow-page:3")
        let r = try h.client(["submit", h.dir + "/in/slow-page.png"])
        let id = try XCTUnwrap(Self.jobIDs(r.stdout).first, r.stderr)
        // Find the slot process working on it and kill it.
        var slot: Int32 = 0
        try h.waitFor(20, "a slot process") {
            slot = Self.children(of: worker.processIdentifier).first ?? 0
            let running = try h.status().running
            return slot != 0 && running == 1
        }
        kill(slot, SIGKILL)
        try h.waitFor(30, "the job to finish") { try h.job(id).job.state == "done" }
        let d = try h.job(id)
        XCTAssertEqual(d.attempts.map(\.outcome), ["failed", "done"])
        XCTAssertEqual(d.attempts[0].errorKind, "crashed")
        XCTAssertTrue(d.attempts[0].error?.contains("signal 9") == true, d.attempts[0].error ?? "")
        XCTAssertTrue(worker.isRunning, "the worker survives its slot")
        XCTAssertTrue(FileManager.default.fileExists(atPath: h.dir + "/data/outputs/default/slow-page.png/text.txt"))
        // The retried job is one document in the index.
        try h.waitFor(10, "the index") { try h.daftar(["index", "stats", "--data", h.dir + "/data"]).stdout.hasPrefix("1 documents, 1 pages") }
        let found = try h.daftar(["search", "\"loses its slot\"", "--data", h.dir + "/data"])
        XCTAssertEqual(found.stdout.components(separatedBy: "slow-page.png  page 1").count - 1, 1, found.stdout)
    }

    func testPoisonFilesAndHungPagesEndDeadWhileOthersFinish() throws {
        let h = harness()
        for name in ["poison", "hung", "good-1", "good-2"] { try Self.scan("Page named \(name)", to: h.dir + "/in/\(name).png") }
        _ = try h.broker(["--retry-delay", "0.2", "--max-attempts", "2", "--time-limit", "3"])
        _ = try h.worker(slots: 2, failpoints: "crash=poison,hang=hung")
        let r = try h.client(["submit", h.dir + "/in", "--wait"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("default/poison.png: dead: crashed"), r.stderr)
        XCTAssertTrue(r.stderr.contains("default/hung.png: dead: timeout"), r.stderr)
        XCTAssertTrue(r.stderr.contains("2 of 4 jobs done"), r.stderr)
        let ids = Self.jobIDs(r.stdout)
        for id in ids {
            let d = try h.job(id)
            if d.job.name.hasPrefix("good") {
                XCTAssertEqual(d.job.state, "done")
            } else {
                XCTAssertEqual(d.attempts.count, 2, "\(d.job.name): capped at two attempts")
            }
        }
    }

    func testBrokerKilledUnderLoadLosesNoAcknowledgedJob() throws {
        let h = harness()
        let files = try (1...16).map { i -> String in
            let path = h.dir + "/in/page-\(String(format: "%02d", i)).png"
            try Self.scan("Bundle page number \(i) of sixteen", to: path)
            return path
        }
        let args = ["--retry-delay", "0.2"]
        let broker = try h.broker(args)
        _ = try h.worker(slots: 2)
        // This test is the clerk: half the files, then the broker dies with jobs queued and
        // running; the other half is submitted while it is down and after it is back.
        let client = try PoolClient(endpoint: h.clients, timeout: 1, attempts: 60)
        var acknowledged: Set<Int64> = []
        for (i, path) in files.enumerated() {
            if i == 8 {
                XCTAssertGreaterThan(try h.status().queued + (try h.status()).running, 0, "the broker is under load")
                kill(broker.processIdentifier, SIGKILL)
                broker.waitUntilExit()
                _ = try h.broker(args, delay: 1.5)
            }
            let reply = try client.submitFile(path, batch: "default", name: (path as NSString).lastPathComponent, languages: "eng")
            acknowledged.insert(reply.job)
        }
        XCTAssertEqual(acknowledged.count, 16)
        try h.waitFor(90, "every job done") { try h.status().done == 16 }
        let s = try h.status()
        XCTAssertEqual([s.queued, s.running, s.failed, s.dead], [0, 0, 0, 0])
        for id in acknowledged {
            let d = try h.job(id)
            XCTAssertEqual(d.attempts.filter { $0.outcome == "done" }.count, 1, "job \(id): \(d.attempts.map(\.outcome))")
        }
        XCTAssertTrue(h.log("broker").contains("broker ready"), "the broker restarted")
    }

    func testRoguePeersAndMalformedFramesDoNoHarm() throws {
        let h = harness()
        _ = try h.broker()
        try Self.scan("Still accepted after the garbage", to: h.dir + "/in/after.png")
        let context = ZMQContext()
        var sockets: [ZMQSocket] = []
        for endpoint in [h.clients, h.workers] {
            let s = try ZMQSocket(context, .dealer)
            try s.connect(endpoint)
            sockets.append(s)
            let garbage: [[[UInt8]]] = [
                [(0..<100).map { _ in UInt8.random(in: 0...255) }],
                [Array("DAFTAR1".utf8), Array("SUBMIT".utf8), Array("{not json".utf8)],
                [Array("DAFTAR1".utf8), Array("LAUNCH".utf8), Array("{}".utf8)],
                [Array("DAFTAR1".utf8), Array("FETCH".utf8), Array("{\"sha256\":\"../../etc/passwd\",\"offset\":0,\"length\":9,\"job\":1,\"attempt\":1}".utf8)],
                Array(repeating: [1], count: 40),
                [Array("HTTP/1.1 GET /".utf8)],
            ]
            for g in garbage { try s.send(g) }
        }
        // An oversized message: libzmq disconnects the sender.
        let big = try ZMQSocket(context, .dealer)
        try big.connect(h.clients)
        try big.send([Wire.tag, Array("UPLOAD".utf8), Array("{}".utf8), [UInt8](repeating: 7, count: 4 << 20)])
        sockets.append(big)
        usleep(500_000)
        let s = try h.status()
        XCTAssertGreaterThanOrEqual(s.counters.malformedMessages, 8)
        let r = try h.client(["submit", h.dir + "/in/after.png"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try h.status().queued, 1)
        for s in sockets { s.close() }
        context.terminate()
    }

    func testCurveRefusesUnknownKeysAndBrokerRefusesOpenEndpointsWithoutKeys() throws {
        XCTAssertTrue(ZeroMQ.hasCurve)
        let h = harness()
        let open = try h.daftar(["broker", "--data", h.dir + "/x", "--clients", "tcp://0.0.0.0:45555"])
        XCTAssertEqual(open.status, 2)
        XCTAssertTrue(open.stderr.contains("beyond loopback"), open.stderr)

        for name in ["broker", "worker", "clerk", "stranger"] {
            XCTAssertEqual(try h.daftar(["keys", "generate", h.dir + "/" + name]).status, 0)
        }
        let allow = try ["worker", "clerk"].map { try String(contentsOfFile: h.dir + "/\($0).pub", encoding: .utf8) }.joined()
        try allow.write(toFile: h.dir + "/allowed", atomically: true, encoding: .utf8)
        _ = try h.broker(["--curve-keys", h.dir + "/broker.key", "--allow", h.dir + "/allowed"])
        _ = try h.worker(slots: 1, ["--curve-server-key", h.dir + "/broker.pub", "--curve-keys", h.dir + "/worker.key"])
        let clerk = ["--curve-server-key", h.dir + "/broker.pub", "--curve-keys", h.dir + "/clerk.key"]
        try Self.scan("Sent over an encrypted connection", to: h.dir + "/in/secret.png")
        let r = try h.client(["submit", h.dir + "/in/secret.png", "--wait"] + clerk)
        XCTAssertEqual(r.status, 0, r.stderr + h.log("broker"))

        let stranger = try h.client(["status", "--curve-server-key", h.dir + "/broker.pub", "--curve-keys", h.dir + "/stranger.key"])
        XCTAssertNotEqual(stranger.status, 0)
        let noKeys = try h.client(["status"])
        XCTAssertNotEqual(noKeys.status, 0)
        let s = try JSONDecoder().decode(Broker.StatusReport.self,
                                         from: Data(try h.client(["status", "--json"] + clerk).stdout.utf8))
        XCTAssertGreaterThanOrEqual(s.counters.refusedKeys, 1)
        XCTAssertEqual(s.done, 1)
    }

    func testPrioritiesOrderTheQueueAndAFullQueueRefusesSubmits() throws {
        let h = harness()
        _ = try h.broker(["--max-queued", "4"])
        let plan: [(String, Int)] = [("low", 1), ("urgent-a", 9), ("middle", 5), ("urgent-b", 9)]
        for (name, p) in plan {
            try Self.scan("Priority page \(name)", to: h.dir + "/in/\(name).png")
            let r = try h.client(["submit", h.dir + "/in/\(name).png", "--priority", String(p)])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        // The fifth is refused while four wait; the client retries until there is room.
        try Self.scan("Priority page late", to: h.dir + "/late.png")
        let late = try h.spawn(["submit", h.dir + "/late.png", "--priority", "0", "--connect", h.clients, "--timeout", "2"], log: "late")
        try h.waitFor(10, "a refused submit") { try h.status().counters.refusedSubmits >= 1 }
        XCTAssertTrue(late.isRunning)
        XCTAssertEqual(try h.status().queued, 4)

        _ = try h.worker(slots: 1)
        try h.waitFor(60, "all five done") { try h.status().done == 5 }
        XCTAssertEqual(late.terminationStatus, 0)
        let list = try JSONDecoder().decode([JobSummary].self, from: Data(try h.client(["jobs", "list", "--json"]).stdout.utf8))
        let order = list.sorted { ($0.startedAt ?? 0) < ($1.startedAt ?? 0) }.map { ($0.name as NSString).deletingPathExtension }
        XCTAssertEqual(order, ["urgent-a", "urgent-b", "middle", "low", "late"])
    }

    static func children(of pid: Int32) -> [Int32] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else { return [] }
        return text.split(separator: " ").compactMap { Int32($0) }
    }
}

/// Tier 3: the index, search and export over a real `serve`, on OCR'd English and Urdu pages.
final class IndexProcessTests: XCTestCase {
    static let urdu = "حکومت پاکستان کی وزارت خزانہ نے دفتری ریکارڈ محفوظ کرنے کا فیصلہ کیا ہے"

    static func urduScan(to path: String) throws {
        Vips.start()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let ink = try Image.text(urdu, font: "Noto Naskh Arabic 14", width: 2200, dpi: 300)
        let paper = try ink.linear(-1, 255).castUChar()
        try paper.embedded(x: 120, y: 120, width: ink.width + 240, height: ink.height + 240).withResolution(ppi: 300).savePNG(path)
    }

    func testSearchFindsOCRdEnglishAndUrduAndExportMakesValidBags() throws {
        let h = PoolTests.Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        let data = h.dir + "/data"
        try PoolTests.scan("The land revenue records of Mauza Chak 42 were inspected by the Tehsildar.", to: h.dir + "/en/file-7/p1.png")
        try PoolTests.scan("Minutes of the district health committee about vaccination.", to: h.dir + "/en/file-8/p1.png")
        try Self.urduScan(to: h.dir + "/ur/urdu-1.png")
        _ = try h.spawn(["serve", "--data", data, "--clients", h.clients, "--workers", h.workers, "--slots", "2", "--http", "off"], log: "serve")
        XCTAssertEqual(try h.client(["submit", h.dir + "/en", "--batch", "day-1", "--meta", "department=revenue", "--wait"]).status, 0)
        let ur = try h.client(["submit", h.dir + "/ur", "--batch", "urdu", "--lang", "urd", "--wait"])
        XCTAssertEqual(ur.status, 0, ur.stderr)
        try h.waitFor(20, "three documents in the index") { try h.daftar(["index", "stats", "--data", data]).stdout.hasPrefix("3 documents") }

        func search(_ q: String, _ extra: [String] = []) throws -> [SearchHit] {
            struct Out: Decodable { var results: [SearchHit] }
            let r = try h.daftar(["search", q, "--data", data, "--json"] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8)).results
        }
        // A phrase from an OCR'd page, with the match in its snippet.
        let hits = try search("\"revenue records\"")
        XCTAssertEqual(hits.map(\.name), ["file-7/p1.png"])
        XCTAssertEqual(hits.first?.method, "ocr")
        XCTAssertTrue(hits.first?.snippet.contains("«revenue» «records»") == true || hits.first?.snippet.contains("«revenue records»") == true,
                      hits.first?.snippet ?? "")
        XCTAssertEqual(try search("vaccin* NOT revenue").map(\.name), ["file-8/p1.png"])
        XCTAssertEqual(try search("records", ["--meta", "department=revenue"]).map(\.name), ["file-7/p1.png"])
        XCTAssertTrue(try search("records", ["--batch", "urdu"]).isEmpty)

        // Urdu, OCR'd with `urd`, found in the Urdu spelling and in the Arabic-letter one.
        let urduText = try String(contentsOfFile: data + "/outputs/urdu/urdu-1.png/text.txt", encoding: .utf8)
        XCTAssertTrue(urduText.contains("پاکستان"), urduText)
        XCTAssertEqual(try search("حکومت پاکستان").map(\.name), ["urdu-1.png"])
        XCTAssertEqual(try search("حكومت پاكستان").map(\.name), ["urdu-1.png"], "Arabic kaf for keheh")
        XCTAssertEqual(try search("\"وزارت خزانه\"").map(\.name), ["urdu-1.png"], "Arabic heh for heh goal")

        // The same bytes again under another name and batch: one job, one document, both names.
        let dup = try h.client(["submit", h.dir + "/en/file-7/p1.png", "--batch", "day-2"])
        XCTAssertTrue(dup.stdout.contains("already submitted"), dup.stdout)
        let id = try XCTUnwrap(PoolTests.jobIDs(dup.stdout).first)
        XCTAssertEqual(try h.job(id).sources, ["day-1/file-7/p1.png", "day-2/p1.png"])
        XCTAssertEqual(try search("\"revenue records\"").count, 1)
        // …and the index learns the new name: the second batch's feed has the document.
        try h.waitFor(15, "the second batch in the index") {
            try SQLiteIndex(path: data + "/index.sqlite").documents(after: 0, batch: "day-2", limit: 10)
                .contains { $0.id == id && $0.sources.contains(.init(batch: "day-2", name: "p1.png")) }
        }

        // The index is never the only copy: rebuilt from the outputs, it answers the same.
        let before = try search("records OR vaccination OR پاکستان")
        let rebuilt = try h.daftar(["index", "rebuild", "--data", data])
        XCTAssertEqual(rebuilt.status, 0, rebuilt.stderr)
        XCTAssertTrue(rebuilt.stdout.hasPrefix("3 documents"), rebuilt.stdout)
        XCTAssertEqual(try search("records OR vaccination OR پاکستان"), before)

        // Export, interrupted after one bag, then resumed: three valid bags, none twice.
        let bags = h.dir + "/bags"
        let first = try h.daftar(["export", "--data", data, "--out", bags, "--limit", "1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        try FileManager.default.createDirectory(atPath: bags + "/.document-99.partial", withIntermediateDirectories: true)
        let rest = try h.daftar(["export", "--data", data, "--out", bags])
        XCTAssertEqual(rest.status, 0, rest.stderr)
        XCTAssertTrue(first.stdout.contains("cursor 1"), first.stdout)
        XCTAssertEqual(rest.stdout.split(separator: "\n").filter { $0.contains("seq") }.count, 2, rest.stdout)
        let written = try FileManager.default.contentsOfDirectory(atPath: bags).filter { $0.hasPrefix("document-") }.sorted()
        XCTAssertEqual(written.count, 3)
        for bag in written {
            let v = try h.runTool("/usr/bin/env", ["python3", "-m", "bagit", "--validate", bags + "/" + bag])
            XCTAssertEqual(v.status, 0, v.stderr)
            XCTAssertTrue(v.stderr.contains("is valid"), v.stderr)
        }
        let info = try String(contentsOfFile: bags + "/" + written[0] + "/bag-info.txt", encoding: .utf8)
        for label in ["Source-Organization:", "External-Identifier:", "Bagging-Date:", "Payload-Oxum:", "Daftar-Batch:"] {
            XCTAssertTrue(info.contains(label), info)
        }
        let again = try h.daftar(["export", "--data", data, "--out", bags])
        XCTAssertFalse(again.stdout.contains("seq"), "nothing new to export: \(again.stdout)")
    }
}

/// Tier 3: the hot folder against a real broker and worker.
final class HotFolderTests: XCTestCase {
    func testHotFolderTakesOnlyFinishedFilesAndSurvivesRestart() throws {
        let h = PoolTests.Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        let share = h.dir + "/share"
        try FileManager.default.createDirectory(atPath: share + "/file-12", withIntermediateDirectories: true)
        try PoolTests.scan("Scanned into the hot folder", to: h.dir + "/src/page.png")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: h.dir + "/src/page.png"))
        _ = try h.broker(["--retry-delay", "0.2"])
        _ = try h.worker(slots: 1)
        var watch = try h.spawn(["watch", share, "--batch-from-folder", "--stable", "2", "--interval", "0.3",
                                 "--connect", h.clients, "--timeout", "2"], log: "watch")

        // A scanner writing slowly: half now, the rest 1.2 s later. Nothing may be taken early.
        let target = share + "/file-12/page.png"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: target))
        usleep(1_200_000)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        try handle.seekToEnd(); try handle.write(contentsOf: bytes.suffix(from: bytes.count / 2)); try handle.close()
        try Data().write(to: URL(fileURLWithPath: share + "/blank.tif"))

        try h.waitFor(20, "the page to move to .done") { FileManager.default.fileExists(atPath: share + "/.done/file-12/page.png") }
        try h.waitFor(30, "the empty file to move to .failed") { FileManager.default.fileExists(atPath: share + "/.failed/blank.tif") }
        let reason = try String(contentsOfFile: share + "/.failed/blank.tif.reason.txt", encoding: .utf8)
        XCTAssertTrue(reason.contains("dead: empty"), reason)
        let jobs = try JSONDecoder().decode([JobSummary].self, from: Data(try h.client(["jobs", "list", "--json"]).stdout.utf8))
        XCTAssertEqual(jobs.count, 2, "one job per file: the half-written file was never submitted")
        let page = try XCTUnwrap(jobs.first { $0.name == "page.png" })
        XCTAssertEqual(page.batch, "file-12")
        let detail = try h.job(page.id)
        XCTAssertEqual(detail.sha256, try FileDigest.sha256(path: h.dir + "/src/page.png").hex)
        try h.waitFor(30, "the page to be done") { try h.job(page.id).job.state == "done" }

        // Restart the watcher, with the page put back as if the move had never happened.
        kill(watch.processIdentifier, SIGKILL); watch.waitUntilExit()
        try FileManager.default.moveItem(atPath: share + "/.done/file-12/page.png", toPath: target)
        watch = try h.spawn(["watch", share, "--batch-from-folder", "--stable", "1", "--interval", "0.3", "--poll",
                             "--connect", h.clients, "--timeout", "2"], log: "watch")
        try h.waitFor(20, "the page to move to .done again") { FileManager.default.fileExists(atPath: share + "/.done/file-12/page.png") }
        XCTAssertEqual(try JSONDecoder().decode([JobSummary].self, from: Data(try h.client(["jobs", "list", "--json"]).stdout.utf8)).count, 2,
                       "no second job after a restart")
        XCTAssertTrue(h.log("watch").contains("already submitted"), h.log("watch"))
    }
}
