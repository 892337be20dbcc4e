import DaftarFixtures
import DaftarIndex
import DaftarPool
import DaftarServer
import Foundation
import XCTest

/// Requests that once stopped `serve` (issue 16), sent to a real `serve`; the same process must
/// answer each with a clear 4xx, then still digitise a file; and `kill -9` of serve leaves no
/// process behind.
final class HostileRequestTests: XCTestCase {
    struct Reply { var status: Int; var headers: String; var text: String }

    /// curl with raw arguments; the body from `data` (a file path) when given.
    static func curl(_ url: String, token: String?, method: String = "GET", headers: [String] = [], data: String? = nil,
                     extra: [String] = []) throws -> Reply {
        let out = NSTemporaryDirectory() + "daftar-curl-\(UUID().uuidString)"
        let head = out + ".h"
        defer { unlink(out); unlink(head) }
        var args = ["-s", "-o", out, "-D", head, "-w", "%{http_code}", "-X", method, "--max-time", "30"]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        for h in headers { args += ["-H", h] }
        if let data { args += ["--data-binary", "@" + data] }
        args += extra + [url]
        let r = try Support.run("/usr/bin/curl", args)
        return Reply(status: Int(r.stdout) ?? 0, headers: (try? String(contentsOfFile: head, encoding: .utf8)) ?? "",
                     text: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    func testMalformedRequestsGetClearErrorsAndServeKeepsDigitising() throws {
        let h = PoolTests.Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        let data = h.dir + "/data"
        let port = Int.random(in: 41_000...49_000)
        let root = "http://127.0.0.1:\(port)", api = root + "/api/v1"
        let serve = try h.spawn(["serve", "--data", data, "--clients", h.clients, "--workers", h.workers, "--slots", "1",
                                 "--http", "127.0.0.1:\(port)"], log: "serve")
        try h.waitFor(30, "the HTTP API") { try Self.curl(api + "/status", token: nil).status == 401 }
        let token = try h.daftar(["tokens", "create", "--role", "operate", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let created = try Self.curl(api + "/batches", token: token, method: "POST", headers: ["Content-Type: application/json"],
                                    data: try write(h.dir + "/batch.json", "{\"name\":\"day-1\"}"))
        XCTAssertEqual(created.status, 201, created.text)
        let files = api + "/batches/1/files"
        let junk = try write(h.dir + "/junk.bin", "x")

        // Critical: an empty multipart boundary, bare or quoted.
        for boundary in ["boundary=", "boundary=\"\"", "boundary=\(String(repeating: "b", count: 71))"] {
            let r = try Self.curl(files, token: token, method: "POST", headers: ["Content-Type: multipart/form-data; \(boundary)"], data: junk)
            XCTAssertEqual(r.status, 400, "\(boundary): \(r.text)")
        }
        // Critical: a huge candidates count; 60,000 nested parentheses; 97 words.
        XCTAssertEqual(try Self.curl(api + "/search?q=probe&candidates=1000000000000", token: token).status, 400)
        let parens = try write(h.dir + "/q.txt", String(repeating: "(", count: 60_000) + "word")
        let deep = try Self.curl(api + "/search", token: token, extra: ["-G", "--data-urlencode", "q@" + parens])
        XCTAssertEqual(deep.status, 400, deep.text)
        let many = (0..<97).map { "w\($0)" }.joined(separator: "+")
        XCTAssertEqual(try Self.curl(api + "/search?q=" + many, token: token).status, 400)
        // Medium: no cap removal through a negative limit; a cut-short multipart body is refused.
        XCTAssertEqual(try Self.curl(api + "/documents?limit=-1", token: token).status, 400)
        let cut = try write(h.dir + "/cut.bin", "--XYZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\nabc")
        let truncated = try Self.curl(files, token: token, method: "POST", headers: ["Content-Type: multipart/form-data; boundary=XYZ"], data: cut)
        XCTAssertEqual(truncated.status, 400, truncated.text)
        // Low: metadata past the broker's limits is refused when the batch is made; so are
        // names that files may not have.
        let bigMeta = "{\"name\":\"big\",\"meta\":{\"k\":\"\(String(repeating: "v", count: 5000))\"}}"
        XCTAssertEqual(try Self.curl(api + "/batches", token: token, method: "POST", headers: ["Content-Type: application/json"],
                                     data: try write(h.dir + "/big.json", bigMeta)).status, 400)
        for name in ["...", "a\\u202Eb", "..\\\\x", "a/b"] {
            let r = try Self.curl(api + "/batches", token: token, method: "POST", headers: ["Content-Type: application/json"],
                                  data: try write(h.dir + "/n.json", "{\"name\":\"\(name)\"}"))
            XCTAssertEqual(r.status, 400, "batch name \(name): \(r.text)")
        }
        XCTAssertEqual(try Self.curl(api + "/batches", token: token, method: "POST", headers: ["Content-Type: application/json"],
                                     data: try write(h.dir + "/k.json", "{\"name\":\"nul\",\"meta\":{\"a\\u0000b\":\"v\"}}")).status, 400)
        // Low: an unknown job's retry is 404; an unreadable cursor is 400; `bearer` in lower case works;
        // `+` in a query string is a space.
        XCTAssertEqual(try Self.curl(api + "/jobs/999999/retry", token: token, method: "POST").status, 404)
        XCTAssertEqual(try Self.curl(api + "/documents?since=abc", token: token).status, 400)
        XCTAssertEqual(try Self.curl(api + "/status", token: nil, headers: ["Authorization: bearer \(token)"]).status, 200)
        let plus = try Self.curl(api + "/search?q=land+revenue", token: token)
        XCTAssertTrue(plus.text.contains("\"query\":\"land revenue\""), plus.text)
        // Security headers on pages and API answers.
        for url in [root + "/", root + "/upload", api + "/status"] {
            let r = try Self.curl(url, token: token)
            XCTAssertTrue(r.headers.lowercased().contains("content-security-policy: default-src 'self'"), r.headers)
            XCTAssertTrue(r.headers.lowercased().contains("x-content-type-options: nosniff"), r.headers)
            XCTAssertTrue(r.headers.lowercased().contains("x-frame-options: deny"), r.headers)
        }

        // High: a 251-byte name used twice with different bytes is refused (it would need a
        // longer folder name than the file system allows), not left running to its time limit.
        try PoolTests.scan("First of two", to: h.dir + "/one.png")
        let long = String(repeating: "n", count: 247) + ".png"
        XCTAssertEqual(try Self.curl(files + "?name=" + long, token: token, method: "POST",
                                     headers: ["Content-Type: application/octet-stream"], data: h.dir + "/one.png").status, 400)
        // A quoted multipart file name keeps its ';'.
        try PoolTests.scan("Uploaded after the hostile requests", to: h.dir + "/after.png")
        let form = try Self.curl(files, token: token, method: "POST", extra: ["-F", "f=@\(h.dir)/after.png;filename=\"file;12.png\""])
        XCTAssertEqual(form.status, 202, form.text)
        XCTAssertTrue(form.text.contains("file;12.png"), form.text)

        // The same serve, never restarted, digitises the file.
        XCTAssertTrue(serve.isRunning)
        struct Files: Decodable { struct F: Decodable { var job: Int64 }; var files: [F] }
        let job = try JSONDecoder().decode(Files.self, from: Data(form.text.utf8)).files[0].job
        try h.waitFor(90, "the upload to be digitised") {
            try Self.curl(api + "/jobs/\(job)", token: token).text.contains("\"state\":\"done\"")
        }
        XCTAssertTrue(serve.isRunning, "serve still runs")

        // The HTTP front end is a process of its own: killed, it comes back, and the broker
        // never stopped.
        let before = try Self.children(of: serve.processIdentifier, named: "http")
        XCTAssertEqual(before.count, 1, "one HTTP front end")
        kill(before[0], SIGKILL)
        try h.waitFor(15, "the HTTP front end to come back") { try Self.curl(api + "/status", token: token).status == 200 }
        XCTAssertTrue(serve.isRunning)

        // kill -9 of serve: nothing it started is left within 5 s.
        let tree = try Self.descendants(of: serve.processIdentifier)
        XCTAssertGreaterThanOrEqual(tree.count, 2, "worker and HTTP front end")
        kill(serve.processIdentifier, SIGKILL)
        try h.waitFor(5, "every process serve started to end") { tree.allSatisfy { kill($0, 0) != 0 } }
    }

    func write(_ path: String, _ text: String) throws -> String {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Process ids whose parent is `pid`, from /proc.
    static func children(of pid: Int32, named: String? = nil) throws -> [Int32] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init).filter { p in
            guard let stat = try? String(contentsOfFile: "/proc/\(p)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == pid else { return false }
            guard let named else { return true }
            let cmd = (try? String(contentsOfFile: "/proc/\(p)/cmdline", encoding: .utf8)) ?? ""
            return cmd.split(separator: "\0").dropFirst().first.map(String.init) == named
        }
    }

    static func descendants(of pid: Int32) throws -> [Int32] {
        var all: [Int32] = [], frontier = [pid]
        while let p = frontier.popLast() {
            let c = try children(of: p)
            all += c
            frontier += c
        }
        return all
    }

    /// Bounded fuzzing with a fixed seed: the query parser, the multipart header parser and
    /// the protocol decoder take random and mutated input and answer or refuse, never crash
    /// (a crash fails the whole test run).
    func testFuzzQueryParserMultipartHeadersAndProtocolDecoder() throws {
        var rng = SplitMix(seed: 20261130)
        let alphabet = Array("ab ()\"*ANDORNOT-_/\\;=:حکومت\u{0}\u{202E}\t\n".unicodeScalars)
        let deadline = Date().addingTimeInterval(4)
        var queries = 0, parsed = 0
        while Date() < deadline && queries < 200_000 {
            queries += 1
            let length = Int(rng.next() % 120)
            var s = String.UnicodeScalarView()
            for _ in 0..<length { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let query = String(s)
            if let e = try? SearchExpression.parse(query) {
                parsed += 1
                XCTAssertLessThanOrEqual(e.leaves.count, SearchExpression.maximumWords)
                XCTAssertFalse(e.fts5.isEmpty)
            }
            _ = HeaderParameters.parse("form-data; " + query)
        }
        XCTAssertGreaterThan(queries, 1000)
        XCTAssertGreaterThan(parsed, 10, "some random queries are queries")
        // The deep and the wide, at their limits and past them.
        XCTAssertNoThrow(try SearchExpression.parse(String(repeating: "(", count: 16) + "a" + String(repeating: ")", count: 16)))
        XCTAssertThrowsError(try SearchExpression.parse(String(repeating: "(", count: 17) + "a" + String(repeating: ")", count: 17)))
        XCTAssertThrowsError(try SearchExpression.parse(String(repeating: "(", count: 60_000) + "a"))
        XCTAssertThrowsError(try SearchExpression.parse((0..<33).map { "w\($0)" }.joined(separator: " ")))
        XCTAssertEqual(HeaderParameters.parse("form-data; name=\"f\"; filename=\"a;b \\\"c\\\".png\"")["filename"], "a;b \"c\".png")
        XCTAssertEqual(HeaderParameters.parse("multipart/form-data; boundary=\"\"")["boundary"], "")
        XCTAssertFalse(MultipartSink.isValidBoundary(""))
        XCTAssertTrue(MultipartSink.isValidBoundary("----WebKitFormBoundary7MA4YWxkTrZu0gW"))

        // The protocol decoder: random frames and mutations of a real message.
        let real = Wire.frames(.status, Query(token: "t"))
        var messages = 0
        while messages < 20_000 {
            messages += 1
            var frames = real.map { $0 }
            switch rng.next() % 4 {
            case 0: frames = (0..<Int(rng.next() % 5)).map { _ in (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
            case 1: if !frames.isEmpty { let i = Int(rng.next() % UInt64(frames.count)); if !frames[i].isEmpty { frames[i][Int(rng.next() % UInt64(frames[i].count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1) } }
            case 2: frames.append((0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            default: if !frames.isEmpty { frames.removeLast() }
            }
            if let m = try? Wire.parse(frames[...]) { _ = try? m.decode(Query.self) }
        }
    }
}


/// Tokens limited to batches (a name prefix) and to a department see only their own jobs and
/// documents, and of a document submitted to two batches only their batch's names.
final class ScopedTokenTests: XCTestCase {
    func testScopedTokensSeeOnlyTheirBatchesAndDepartment() throws {
        typealias C = HostileRequestTests
        let h = PoolTests.Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        let data = h.dir + "/data"
        let port = Int.random(in: 41_000...49_000)
        let api = "http://127.0.0.1:\(port)/api/v1"
        try h.spawn(["serve", "--data", data, "--clients", h.clients, "--workers", h.workers, "--slots", "1",
                     "--http", "127.0.0.1:\(port)"], log: "serve")
        try h.waitFor(30, "the HTTP API") { try C.curl(api + "/status", token: nil).status == 401 }
        func token(_ args: [String]) throws -> String {
            try h.daftar(["tokens", "create", "--data", data] + args).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let ops = try token(["--role", "operate"])
        let north = try token(["--role", "read", "--batch-prefix", "north-"])
        let health = try token(["--role", "upload", "--department", "health"])
        func json(_ name: String, _ body: String) throws -> String {
            let path = h.dir + "/" + name
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func batch(_ t: String, _ body: String) throws -> C.Reply {
            try C.curl(api + "/batches", token: t, method: "POST", headers: ["Content-Type: application/json"], data: try json("b.json", body))
        }
        struct B: Decodable { var id: Int64; var meta: [String: String] }
        let n = try JSONDecoder().decode(B.self, from: Data(try batch(ops, "{\"name\":\"north-day-1\",\"meta\":{\"department\":\"revenue\"}}").text.utf8))
        let sBatch = try JSONDecoder().decode(B.self, from: Data(try batch(ops, "{\"name\":\"south-day-1\",\"meta\":{\"department\":\"health\"}}").text.utf8))
        try PoolTests.scan("Mutation register shared by two offices", to: h.dir + "/shared.png")
        try PoolTests.scan("Vaccination register of the south only", to: h.dir + "/south.png")
        struct Q: Decodable { var job: Int64 }
        func upload(_ t: String, _ b: Int64, _ file: String, _ name: String) throws -> C.Reply {
            try C.curl(api + "/batches/\(b)/files?name=\(name)", token: t, method: "POST",
                       headers: ["Content-Type: application/octet-stream"], data: file)
        }
        let shared = try JSONDecoder().decode(Q.self, from: Data(try upload(ops, n.id, h.dir + "/shared.png", "n-shared.png").text.utf8)).job
        XCTAssertEqual(try JSONDecoder().decode(Q.self, from: Data(try upload(ops, sBatch.id, h.dir + "/shared.png", "s-shared.png").text.utf8)).job, shared)
        let southOnly = try JSONDecoder().decode(Q.self, from: Data(try upload(ops, sBatch.id, h.dir + "/south.png", "s-only.png").text.utf8)).job
        try h.waitFor(90, "both documents indexed") {
            let feed = try C.curl(api + "/documents?since=0", token: ops).text
            return feed.contains("s-only.png") && feed.contains("s-shared.png")
        }

        // The batch-limited reader: its jobs, its documents, its names.
        let jobs = try C.curl(api + "/jobs", token: north).text
        XCTAssertTrue(jobs.contains("\"id\":\(shared)") && !jobs.contains("\"id\":\(southOnly)"), jobs)
        XCTAssertEqual(try C.curl(api + "/jobs/\(southOnly)", token: north).status, 404)
        XCTAssertEqual(try C.curl(api + "/documents/\(southOnly)/text", token: north).status, 404)
        let detail = try C.curl(api + "/jobs/\(shared)", token: north).text
        XCTAssertTrue(detail.contains("north-day-1/n-shared.png") && !detail.contains("south"), detail)
        let feed = try C.curl(api + "/documents?since=0", token: north).text
        XCTAssertTrue(feed.contains("n-shared.png") && !feed.contains("south") && !feed.contains("s-only"), feed)
        XCTAssertTrue(try C.curl(api + "/search?q=register", token: north).text.contains("n-shared.png"))
        XCTAssertFalse(try C.curl(api + "/search?q=vaccination", token: north).text.contains("s-only"))
        // The department-limited clerk: batches of its department only.
        XCTAssertEqual(try batch(health, "{\"name\":\"h-1\",\"meta\":{\"department\":\"revenue\"}}").status, 403)
        let made = try batch(health, "{\"name\":\"h-1\"}")
        XCTAssertEqual(made.status, 201, made.text)
        XCTAssertEqual(try JSONDecoder().decode(B.self, from: Data(made.text.utf8)).meta["department"], "health")
        XCTAssertEqual(try upload(health, n.id, h.dir + "/south.png", "x.png").status, 404, "not its department's batch")
        XCTAssertEqual(try upload(health, sBatch.id, h.dir + "/south.png", "again.png").status, 202)
    }
}
