import DaftarFixtures
import Foundation
import XCTest

/// Tier 3: the pages in a real headless browser (Debian `chromium`, driven over the DevTools
/// protocol by scripts/browser-test.py): a clerk uploads scans through /upload and sees them
/// finish; the operators' page counts them. Screenshots of both go to .build/test-artifacts/.
final class BrowserTests: XCTestCase {
    func testUploadPageDigitisesFilesAndDashboardShowsThem() throws {
        let h = PoolTests.Harness(Support.temporaryDirectory(self))
        addTeardownBlock { h.stopAll() }
        let (data, port) = try h.serveWithHTTP()
        let token = try h.daftar(["tokens", "create", "--role", "operate", "--data", data]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var files: [String] = []
        for i in 1...3 {
            let path = h.dir + "/scans/page-\(i).png"
            try PoolTests.scan("Page \(i) uploaded through the browser", to: path)
            files.append(path)
        }
        // A generated notification with a reference number, to be found in the archive.
        var seed = 7100
        var notice = try OfficialDocuments.make(seed: seed, in: h.dir + "/scans")
        while notice.truth["type"] != "notification" || notice.truth["number"] == nil {
            seed += 1
            notice = try OfficialDocuments.make(seed: seed, in: h.dir + "/scans")
        }
        files.append(notice.path)
        let phrase = notice.body[1].split(separator: " ").prefix(4).joined(separator: " ")
        let word = String(notice.body[1].split(separator: " ")[3]).trimmingCharacters(in: .punctuationCharacters)
        let artefacts = Support.root.appendingPathComponent(".build/test-artifacts").path
        let run = try h.runTool("/usr/bin/env", ["python3", Support.root.appendingPathComponent("scripts/browser-test.py").path,
                                                 "http://127.0.0.1:\(port)", token, "browser-batch", artefacts] + files
                                                + ["--archive", notice.truth["number"]!, phrase, word])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr + h.log("serve"))
        XCTAssertTrue(run.stdout.contains("dashboard: done = 4"), run.stdout)
        XCTAssertTrue(run.stdout.contains("download: "), run.stdout)
        for shot in ["upload.png", "dashboard.png", "search.png", "document.png", "review.png"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: artefacts + "/" + shot)[.size] as? NSNumber)?.intValue ?? 0
            XCTAssertGreaterThan(size, 10_000, "\(shot) screenshot")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: data + "/outputs/browser-batch/page-2.png/text.txt"))
    }
}
