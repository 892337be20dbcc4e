import DaftarPool
import DaftarServer
import Foundation
import XCTest

/// Tier 3: the HTTP API of a real `serve`, spoken to with curl.
final class HTTPTests: XCTestCase {
    func testSafeNames() {
        XCTAssertEqual(HTTPServer.safeName("scans/page 1.png"), "scans/page 1.png")
        XCTAssertEqual(HTTPServer.safeName("C:\\scans\\p1.tif".replacingOccurrences(of: "C:", with: "")), "scans/p1.tif")
        XCTAssertEqual(HTTPServer.safeName("./a//b.png"), "a/b.png")
        for bad in ["../etc/passwd", "a/../../b", "..", "a\u{0}b", "a\nb", "a\u{202E}gnp.exe", ""] {
            XCTAssertNil(HTTPServer.safeName(bad), bad)
        }
    }

    struct Reply { var status: Int; var body: Data; var text: String { String(decoding: body, as: UTF8.self) } }

    func curl(_ method: String, _ url: String, token: String?, body: String? = nil, file: String? = nil, form: [String] = []) throws -> Reply {
        let out = NSTemporaryDirectory() + "daftar-curl-\(UUID().uuidString)"
        defer { unlink(out) }
        var args = ["-s", "-o", out, "-w", "%{http_code}", "-X", method, url]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        if let file { args += ["-H", "Content-Type: application/octet-stream", "--data-binary", "@" + file] }
        for f in form { args += ["-F", f] }
        let p = Foundation.Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let code = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return Reply(status: Int(code) ?? 0, body: FileManager.default.contents(atPath: out) ?? Data())
    }

    func testAPIRoundTripWithRolesLimitsAndSafeNames() throws {
        let h = PoolTests.Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        let data = h.dir + "/data"
        let port = Int.random(in: 41_000...49_000)
        let api = "http://127.0.0.1:\(port)/api/v1"
        _ = try h.spawn(["serve", "--data", data, "--clients", h.clients, "--workers", h.workers, "--slots", "1",
                         "--http", "127.0.0.1:\(port)", "--max-upload-mb", "1"], log: "serve")
        try h.waitFor(20, "the HTTP API") { try curl("GET", api + "/status", token: nil).status == 401 }
        func token(_ role: String) throws -> String {
            let r = try h.daftar(["tokens", "create", "--role", role, "--data", data])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let upload = try token("upload"), read = try token("read"), operate = try token("operate")

        XCTAssertEqual(try curl("GET", api + "/status", token: "dft_wrong").status, 401)
        let status = try curl("GET", api + "/status", token: read)
        XCTAssertEqual(status.status, 200)
        XCTAssertTrue(status.text.contains("\"queued\""), status.text)

        XCTAssertEqual(try curl("POST", api + "/batches", token: read, body: "{\"name\":\"day-1\"}").status, 403)
        let created = try curl("POST", api + "/batches", token: upload, body: "{\"name\":\"day-1\",\"meta\":{\"department\":\"revenue\"}}")
        XCTAssertEqual(created.status, 201, created.text)
        let batch = try JSONDecoder().decode(APIStore.Batch.self, from: created.body)

        try PoolTests.scan("Uploaded through the web for the revenue office", to: h.dir + "/up.png")
        let files = api + "/batches/\(batch.id)/files?name="
        XCTAssertEqual(try curl("POST", files + "..%2F..%2Fetc%2Fevil.png", token: upload, file: h.dir + "/up.png").status, 400)
        XCTAssertEqual(try curl("POST", files + "a%E2%80%AEgnp.exe", token: upload, file: h.dir + "/up.png").status, 400)
        let sent = try curl("POST", files + "scans%2F%D9%81%D8%A7%D8%A6%D9%84%20%C3%84.png", token: upload, file: h.dir + "/up.png")
        XCTAssertEqual(sent.status, 202, sent.text)
        struct Sent: Decodable { var job: Int64; var name: String }
        let job = try JSONDecoder().decode(Sent.self, from: sent.body)
        XCTAssertEqual(job.name, "scans/فائل Ä.png")

        // A browser-style multipart upload of two files, streamed part by part.
        try PoolTests.scan("Second page sent as a form", to: h.dir + "/form-a.png")
        try PoolTests.scan("Third page sent as a form", to: h.dir + "/form-b.png")
        let form = try curl("POST", api + "/batches/\(batch.id)/files", token: upload,
                            form: ["a=@\(h.dir)/form-a.png;filename=file-13/scan one.png", "b=@\(h.dir)/form-b.png;filename=file-13/scan two.png"])
        XCTAssertEqual(form.status, 202, form.text)
        XCTAssertTrue(form.text.contains("file-13/scan one.png") && form.text.contains("file-13/scan two.png"), form.text)
        XCTAssertEqual(try curl("POST", api + "/batches/\(batch.id)/files", token: upload,
                                form: ["a=@\(h.dir)/form-a.png;filename=../../evil.png"]).status, 400)

        // Over the size limit: 413 and nothing left behind.
        try Data(repeating: 7, count: 2 << 20).write(to: URL(fileURLWithPath: h.dir + "/big.bin"))
        XCTAssertEqual(try curl("POST", files + "big.bin", token: upload, file: h.dir + "/big.bin").status, 413)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data + "/tmp").filter { $0.hasPrefix("upload-") }, [])

        try h.waitFor(60, "the upload to be digitised") {
            try curl("GET", api + "/jobs/\(job.job)", token: upload).text.contains("\"state\":\"done\"")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: data + "/outputs/day-1/scans/فائل Ä.png/text.txt"))
        let text = try curl("GET", api + "/documents/\(job.job)/text", token: read)
        XCTAssertTrue(text.text.contains("revenue office"), text.text)
        XCTAssertTrue(try curl("GET", api + "/documents/\(job.job)/searchable.pdf", token: read).text.hasPrefix("%PDF"))
        try h.waitFor(10, "the feed") { try curl("GET", api + "/documents?since=0", token: read).text.contains("\"sha256\"") }
        let found = try curl("GET", api + "/search?q=%22revenue%20office%22", token: read)
        XCTAssertTrue(found.text.contains("«revenue» «office»") || found.text.contains("«revenue office»"), found.text)
        XCTAssertEqual(try curl("GET", api + "/search?q=%22open", token: read).status, 400)
        // A field that cannot be read is no field left out: a garbled cursor does not restart the
        // feed from the first document, nor a garbled query search for nothing in particular.
        for garbled in ["/documents?since=%00%ff", "/documents?since=" + String(repeating: "9", count: 9000), "/search?q=%ff%fe",
                        "/jobs?state=%c3", "/review?batch=%ff"] {
            XCTAssertEqual(try curl("GET", api + garbled, token: read).status, 400, String(garbled.prefix(40)))
        }

        XCTAssertEqual(try curl("POST", api + "/jobs/\(job.job)/retry", token: upload).status, 403)
        XCTAssertEqual(try curl("POST", api + "/jobs/\(job.job)/retry", token: operate).status, 409, "a done job is not retried")
        XCTAssertEqual(try curl("GET", api + "/jobs/999999", token: read).status, 404)

        // /metrics parses as Prometheus text and has what operators need, without ids as labels.
        try h.waitFor(60, "metrics") { try curl("GET", "http://127.0.0.1:\(port)/metrics", token: nil).text.contains("daftar_jobs{state=\"done\"} 3") }
        let metrics = try curl("GET", "http://127.0.0.1:\(port)/metrics", token: nil)
        XCTAssertEqual(metrics.status, 200)
        let families = try Self.parsePrometheus(metrics.text)
        for name in ["daftar_jobs", "daftar_oldest_queued_job_age_seconds", "daftar_workers_connected", "daftar_workers_busy",
                     "daftar_attempts_total", "daftar_queue_wait_seconds", "daftar_processing_seconds", "daftar_pages_total",
                     "daftar_submissions_refused_total"] {
            XCTAssertNotNil(families[name], "\(name) missing from /metrics")
        }
        XCTAssertEqual(families["daftar_jobs"]?["daftar_jobs{state=\"queued\"}"], 0)
        XCTAssertGreaterThanOrEqual(families["daftar_attempts_total"]?["daftar_attempts_total{outcome=\"done\"}"] ?? 0, 1)
        // Pages by method and verdict: the uploads are clean typed lines, read well.
        let ocrPages = (families["daftar_pages_total"] ?? [:]).filter { $0.key.hasPrefix("daftar_pages_total{method=\"ocr\"") }
        XCTAssertGreaterThanOrEqual(ocrPages.values.reduce(0, +), 1, "\(ocrPages)")
        XCTAssertTrue(ocrPages.keys.allSatisfy { $0.contains("quality=\"") }, "\(ocrPages)")
        let review = try curl("GET", api + "/review?batch=day-1", token: read)
        XCTAssertEqual(review.status, 200, review.text)
        XCTAssertTrue(review.text.hasPrefix("{\"pages\":["), review.text)
        XCTAssertEqual(try curl("GET", api + "/review?limit=0", token: read).status, 400)
        let statusText = try curl("GET", api + "/status", token: read).text
        XCTAssertTrue(statusText.contains("\"pages\":{"), statusText)
        XCTAssertGreaterThanOrEqual(families["daftar_processing_seconds"]?["daftar_processing_seconds_count"] ?? 0, 1)
        XCTAssertFalse(metrics.text.contains("job=") || metrics.text.contains("worker="), "no ids as labels")
    }

    /// A strict reading of the Prometheus text format: `# TYPE` before each family's samples,
    /// sample lines `name{labels} value`. Returns family → (series → value).
    static func parsePrometheus(_ text: String) throws -> [String: [String: Double]] {
        var families: [String: [String: Double]] = [:]
        var types: [String: String] = [:]
        let sample = try NSRegularExpression(pattern: #"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$"#)
        for line in text.split(separator: "\n").map(String.init) where !line.isEmpty {
            if line.hasPrefix("# TYPE ") {
                let p = line.split(separator: " ")
                XCTAssertEqual(p.count, 4, line)
                XCTAssertTrue(["counter", "gauge", "histogram", "summary", "untyped"].contains(String(p[3])), line)
                types[String(p[2])] = String(p[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            let range = NSRange(line.startIndex..., in: line)
            guard let m = sample.firstMatch(in: line, range: range), let nameRange = Range(m.range(at: 1), in: line) else {
                XCTFail("not a Prometheus sample line: \(line)"); continue
            }
            let name = String(line[nameRange])
            var family: String?
            for (f, type) in types {
                if name == f { family = f; break }
                if type == "histogram", [f + "_bucket", f + "_sum", f + "_count"].contains(name) { family = f; break }
            }
            guard let family else { XCTFail("sample before its # TYPE: \(line)"); continue }
            let parts = line.split(separator: " ")
            families[family, default: [:]][String(parts[0])] = Double(parts[1]) ?? .nan
        }
        return families
    }
}
