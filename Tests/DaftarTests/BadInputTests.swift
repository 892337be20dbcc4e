import DaftarFixtures
import DaftarPipeline
import Foundation
import Imaging
import XCTest

/// Every kind of bad input gets a clear error of its own kind, quickly, without decoding
/// the image, and never brings the process down.
final class BadInputTests: XCTestCase {
    struct Case: Sendable {
        var name: String
        var make: @Sendable (String) throws -> String
        var kind: DocumentError.Kind
        var mentions: String
    }

    static func write(_ bytes: [UInt8], _ dir: String, _ name: String) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func truncated(_ source: String, keep fraction: Double, _ dir: String, _ name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        return try write([UInt8](data.prefix(Int(Double(data.count) * fraction))), dir, name)
    }

    static let cases: [Case] = [
        Case(name: "empty file", make: { try write([], $0, "empty.pdf") }, kind: .empty, mentions: "empty"),
        Case(name: "random bytes named .tif", make: { dir in
            var g = SystemRandomNumberGenerator()
            return try write((0..<50_000).map { _ in UInt8.random(in: 0...255, using: &g) }, dir, "random.tif")
        }, kind: .unsupported, mentions: "not a PDF"),
        Case(name: "truncated PDF", make: { try truncated(Support.fixture("skew.pdf"), keep: 0.5, $0, "truncated.pdf") },
             kind: .corrupt, mentions: "truncated"),
        Case(name: "truncated JPEG", make: { dir in
            let f = try DegradedPages.make(.noisyJPEG, in: dir + "/src")
            return try truncated(f.path, keep: 0.4, dir, "truncated.jpg")
        }, kind: .corrupt, mentions: "truncated"),
        Case(name: "encrypted PDF", make: { dir in
            let out = dir + "/encrypted.pdf"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
            p.arguments = ["--encrypt", "secret", "owner", "256", "--", Support.fixture("trivial.pdf"), out]
            try p.run(); p.waitUntilExit()
            return out
        }, kind: .encrypted, mentions: "encrypted"),
        Case(name: "invalid.pdf", make: { _ in Support.fixture("invalid.pdf") }, kind: .corrupt, mentions: "PDF"),
        Case(name: "hugemono.pdf bomb", make: { _ in Support.fixture("hugemono.pdf") }, kind: .tooLarge, mentions: "1225 megapixels"),
        Case(name: "PNG claiming 60000x60000", make: { _ in Support.fixture("bomb-60000x60000.png") }, kind: .tooLarge,
             mentions: "60000×60000"),
        Case(name: "a PDF renamed .jpg", make: { dir in
            let out = dir + "/actually-a-pdf.jpg"
            try FileManager.default.copyItem(atPath: Support.fixture("trivial.pdf"), toPath: out)
            return out
        }, kind: .empty, mentions: ""),  // not an error: see testWrongExtensionIsReadByItsBytes
    ]

    func testEachBadInputGetsItsOwnClearErrorQuickly() throws {
        let dir = Support.temporaryDirectory(self)
        let pipeline = DocumentPipeline()
        for c in Self.cases where !c.mentions.isEmpty {
            let input = try c.make(dir)
            let out = dir + "/out/" + (input as NSString).lastPathComponent
            let start = Date()
            let record = pipeline.process(file: input, outputDirectory: out)
            let seconds = Date().timeIntervalSince(start)
            XCTAssertEqual(record.error?.kind, c.kind.rawValue, "\(c.name): \(record.error?.message ?? "no error")")
            XCTAssertTrue(record.error?.message.contains(c.mentions) ?? false, "\(c.name): \(record.error?.message ?? "")")
            XCTAssertLessThan(seconds, 5, "\(c.name) took \(seconds) s")
            // The failure is recorded on disk, and nothing half-made is left beside it.
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/document.json"))) as! [String: Any]
            XCTAssertEqual((json["error"] as? [String: Any])?["kind"] as? String, c.kind.rawValue, c.name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), ["document.json"], c.name)
        }
    }

    func testBombsAreRefusedWithoutAllocatingTheImage() throws {
        let dir = Support.temporaryDirectory(self)
        var before = rusage(), after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        let record = DocumentPipeline().process(file: Support.fixture("bomb-60000x60000.png"), outputDirectory: dir + "/bomb")
        getrusage(RUSAGE_SELF.rawValue, &after)
        XCTAssertEqual(record.error?.kind, "too-large")
        // 60000×60000 grey would be 3.6 GB; peak memory must not have moved by anything like it.
        XCTAssertLessThan(after.ru_maxrss - before.ru_maxrss, 200_000, "peak RSS grew by \(after.ru_maxrss - before.ru_maxrss) KiB")
    }

    func testThePixelLimitIsConfigurable() throws {
        var options = PipelineOptions()
        options.maximumMegapixels = 5  // a 300 dpi letter page is 8.4 MP
        let record = DocumentPipeline(options: options).process(file: Support.fixture("linn.png"),
                                                                outputDirectory: Support.temporaryDirectory(self) + "/x")
        XCTAssertEqual(record.error?.kind, "too-large")
        XCTAssertTrue(record.error?.message.contains("limit of 5") ?? false)
    }

    func testWrongExtensionIsReadByItsBytes() throws {
        let dir = Support.temporaryDirectory(self)
        let input = try Self.cases.first { $0.name == "a PDF renamed .jpg" }!.make(dir)
        let record = DocumentPipeline().process(file: input, outputDirectory: dir + "/out")
        XCTAssertNil(record.error)
        XCTAssertEqual(record.mediaType, "application/pdf")
    }

    func testAnEmptyMixedPDFTextPageIsNotMistakenForText() throws {
        let dir = Support.temporaryDirectory(self)
        let record = DocumentPipeline().process(file: Support.fixture("trivial.pdf"), outputDirectory: dir + "/t")
        XCTAssertNil(record.error)
        XCTAssertEqual(record.pages.first?.method, .ocr)
        XCTAssertEqual(record.pages.first?.ocrReason, "no-text")
    }

    /// Pages too small to hold text (one pixel, one row, one column, at 300 ppi, where the
    /// speck filter and the line measurements would have nothing to work on) are valid images:
    /// read as empty pages, with a searchable PDF, not failed.
    func testDegenerateImagesAreReadAsEmptyPages() throws {
        Vips.start()
        let dir = Support.temporaryDirectory(self)
        let pipeline = DocumentPipeline()
        for (w, h) in [(1, 1), (1, 900), (900, 1)] {
            let name = "\(w)x\(h).png"
            try Image.fromBytes([UInt8](repeating: 128, count: w * h), width: w, height: h).withResolution(ppi: 300)
                .savePNG(dir + "/" + name)
            let record = pipeline.process(file: dir + "/" + name, outputDirectory: dir + "/out/" + name)
            XCTAssertNil(record.error, "\(name): \(record.error?.message ?? "")")
            XCTAssertEqual(record.pages.map(\.characters), [0], name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/out/" + name + "/searchable.pdf"), name)
        }
    }
}
