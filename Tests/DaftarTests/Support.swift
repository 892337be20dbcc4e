import DaftarFixtures
import DaftarPipeline
import Foundation
import XCTest

/// Paths and helpers shared by the tests.
enum Support {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func fixture(_ name: String) -> String { root.appendingPathComponent("fixtures/\(name)").path }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) -> String {
        let dir = NSTemporaryDirectory() + "daftar-test-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// The `daftar` executable built beside the test bundle.
    static var daftarBinary: String {
        let xctest = URL(fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0])
        return xctest.deletingLastPathComponent().appendingPathComponent("daftar").path
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs a program to its end and collects its exit status and output.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Text of each page of a document's text.txt.
    static func pages(_ outputDirectory: String) throws -> [String] {
        try String(contentsOfFile: outputDirectory + "/text.txt", encoding: .utf8)
            .split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
    }

    static func cer(_ got: String, _ reference: String) -> Double {
        CharacterErrorRate.of(got, reference: reference)
    }
}
