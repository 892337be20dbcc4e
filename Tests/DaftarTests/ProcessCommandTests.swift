import DaftarFixtures
import Foundation
import XCTest

/// Tier 3: `daftar process` as a user runs it.
final class ProcessCommandTests: XCTestCase {
    func daftar(_ arguments: [String]) throws -> Support.Run { try Support.run(Support.daftarBinary, arguments) }

    func testAFolderWithGoodAndBadFiles() throws {
        let dir = Support.temporaryDirectory(self)
        let input = dir + "/bundle"
        let fm = FileManager.default
        try fm.createDirectory(atPath: input + "/file-12", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: input + "/file-13", withIntermediateDirectories: true)
        // Two good scans with the same name in different folders, and three bad files.
        let good = try DegradedPages.make(.fax150, in: dir + "/src")
        try fm.copyItem(atPath: good.path, toPath: input + "/file-12/page.tif")
        try fm.copyItem(atPath: Support.fixture("type3_font_nomapping.pdf"), toPath: input + "/file-13/page.tif")
        try Data().write(to: URL(fileURLWithPath: input + "/file-13/empty.jpg"))
        try fm.copyItem(atPath: Support.fixture("invalid.pdf"), toPath: input + "/file-12/invalid.pdf")
        try fm.copyItem(atPath: Support.fixture("hugemono.pdf"), toPath: input + "/hugemono.pdf")

        let out = dir + "/out"
        let r = try daftar(["process", input, "--out", out, "--jobs", "2"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let failures = r.stderr.split(separator: "\n").filter { $0.contains(": ") && !$0.contains("files digitised") }
        XCTAssertEqual(failures.count, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("empty.jpg: empty:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("invalid.pdf: corrupt:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hugemono.pdf: too-large:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("2 of 5 files digitised"), r.stderr)

        // REL paths keep same-named files apart; each good file has every output.
        for rel in ["file-12/page.tif", "file-13/page.tif"] {
            for item in ["document.json", "text.txt", "searchable.pdf", "alto/0001.xml", "hocr/0001.hocr"] {
                XCTAssertTrue(fm.fileExists(atPath: "\(out)/\(rel)/\(item)"), "\(rel)/\(item)")
            }
        }
        let text = try String(contentsOfFile: out + "/file-12/page.tif/text.txt", encoding: .utf8)
        XCTAssertLessThan(CharacterErrorRate.of(text, reference: good.pages[0]), 0.03)
        // No staging folders are left behind.
        XCTAssertFalse(try fm.contentsOfDirectory(atPath: out + "/file-12").contains { $0.hasPrefix(".") })
    }

    func testUsageErrorsExitWithTwo() throws {
        XCTAssertEqual(try daftar(["process", "/nonexistent/folder", "--out", "/tmp/x"]).status, 2)
        XCTAssertEqual(try daftar(["process", Support.fixture("linn.png")]).status, 2)  // no --out
        XCTAssertEqual(try daftar(["process", Support.fixture("linn.png"), "--out", "/tmp/x", "--jobs", "0"]).status, 2)
    }

    func testAllGoodExitsWithZero() throws {
        let dir = Support.temporaryDirectory(self)
        let r = try daftar(["process", Support.fixture("type3_font_nomapping.pdf"), "--out", dir, "--no-pdf"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/type3_font_nomapping.pdf/document.json"))
    }
}
