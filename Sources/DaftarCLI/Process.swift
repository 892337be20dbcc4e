import ArgumentParser
import DaftarPipeline
import Foundation
import Logging

struct Process: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Digitise files or folders into an output folder, without a queue.",
        discussion: """
            For each input file, writes OUT/REL/ with document.json, text.txt, alto/, hocr/ and \
            searchable.pdf, where REL is the file's path relative to the folder argument (or its name, \
            for a file argument). Exit status: 0 when every file succeeded, 1 when any failed (one line \
            per failure on stderr), 2 for usage errors.
            """)

    @Argument(help: "Files or folders (folders are searched recursively).")
    var paths: [String]

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .long, help: "auto (each page read in English, or with the Urdu models when OSD finds Arabic script), or Tesseract languages, e.g. eng, urd, eng+urd.")
    var lang: String = PipelineOptions.automatic

    @Option(name: .long, help: "Documents processed at once (one core each).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Refuse pages with more pixels than this (decompression bombs).")
    var maxMegapixels: Double = 250

    @Flag(name: .long, help: "Skip the searchable PDF.")
    var noPdf = false

    @Flag(name: .long, help: "Let the C libraries' own diagnostics through to stderr.")
    var verbose = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxMegapixels > 0 else { throw ValidationError("--max-megapixels must be positive") }
        guard PipelineOptions.isLanguageList(lang) else {
            throw ValidationError("--lang must look like eng or eng+urd")
        }
    }

    func run() throws {
        let inputs: [InputFile]
        do { inputs = try InputFile.collect(paths) } catch let e as InputFile.CollectError {
            throw ValidationError(e.message)
        }
        guard !inputs.isEmpty else { throw ValidationError("no files found in \(paths.joined(separator: ", "))") }

        let console = Console(silenceLibraries: !verbose)
        var options = PipelineOptions()
        options.languages = lang
        options.maximumMegapixels = maxMegapixels
        options.searchablePDF = !noPdf
        let outRoot = URL(fileURLWithPath: out).standardizedFileURL.path

        let failures = Failures()
        let flagged = FlaggedPages()
        let progress = Progress(total: inputs.count, console: console)
        let queue = WorkQueue(inputs)
        let workers = min(jobs, inputs.count)
        var logger = Logger(label: "daftar.process")
        logger.logLevel = verbose ? .debug : .critical
        let jobOptions = options, jobLogger = logger
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                let pipeline = DocumentPipeline(options: jobOptions, logger: jobLogger)
                while let input = queue.next() {
                    let record = pipeline.process(file: input.path, outputDirectory: outRoot + "/" + input.relative,
                                                  sourceName: input.relative)
                    if let e = record.error { failures.add("\(input.path): \(e.kind): \(e.message)") }
                    for page in record.flaggedPages {
                        flagged.add(Flagged(name: input.relative, page: page.number, verdict: page.quality?.verdict ?? .doubtful,
                                            reason: page.quality?.reason))
                    }
                    progress.advance(input.relative)
                }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        progress.finish()
        let failed = failures.all
        for line in failed { console.error(line) }
        console.error("\(inputs.count - failed.count) of \(inputs.count) files digitised into \(outRoot)")
        // Pages whose text cannot be trusted, for the records room to look at or scan again.
        // They do not change the exit status: the files were processed.
        for line in FlaggedPages.summary(flagged.all) { console.error(line) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

/// One input file and where its outputs go.
struct InputFile: Sendable {
    var path: String
    var relative: String

    struct CollectError: Error { var message: String }

    static func collect(_ arguments: [String]) throws -> [InputFile] {
        let fm = FileManager.default
        var result: [InputFile] = []
        var seen: [String: String] = [:]
        for argument in arguments {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDir) else {
                throw CollectError(message: "no such file or folder: \(argument)")
            }
            let root = URL(fileURLWithPath: argument).standardizedFileURL
            var found: [InputFile] = []
            if isDir.boolValue {
                guard let e = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                            options: [.skipsHiddenFiles]) else { continue }
                for case let url as URL in e {
                    guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                    let full = url.standardizedFileURL.path
                    let rel = String(full.dropFirst(root.path.count).drop { $0 == "/" })
                    found.append(InputFile(path: full, relative: rel))
                }
                found.sort { $0.relative < $1.relative }
            } else {
                found.append(InputFile(path: root.path, relative: root.lastPathComponent))
            }
            for f in found {
                if let other = seen[f.relative] {
                    throw CollectError(message: "\(other) and \(f.path) would both be written to \(f.relative); process them in separate runs")
                }
                seen[f.relative] = f.path
                result.append(f)
            }
        }
        return result
    }
}

final class WorkQueue: @unchecked Sendable {
    // Guarded by `lock`.
    private var items: [InputFile]
    private var index = 0
    private let lock = NSLock()

    init(_ items: [InputFile]) { self.items = items }

    func next() -> InputFile? {
        lock.withLock {
            guard index < items.count else { return nil }
            defer { index += 1 }
            return items[index]
        }
    }
}

final class Failures: @unchecked Sendable {
    // Guarded by `lock`.
    private var lines: [String] = []
    private let lock = NSLock()
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct Flagged: Sendable {
    var name: String
    var page: Int
    var verdict: PageQuality.Verdict
    var reason: String?
}

final class FlaggedPages: @unchecked Sendable {
    // Guarded by `lock`.
    private var pages: [Flagged] = []
    private let lock = NSLock()
    func add(_ p: Flagged) { lock.withLock { pages.append(p) } }
    var all: [Flagged] { lock.withLock { pages.sorted { ($0.name, $0.page) < ($1.name, $1.page) } } }

    /// "2 pages doubtful: a.pdf p3, b.tif p1" and the like, one line per verdict, each page's
    /// reason after it.
    static func summary(_ pages: [Flagged]) -> [String] {
        [PageQuality.Verdict.doubtful, .unreadable].compactMap { verdict in
            let these = pages.filter { $0.verdict == verdict }
            guard !these.isEmpty else { return nil }
            let list = these.map { "\($0.name) p\($0.page)\($0.reason.map { " (\($0))" } ?? "")" }.joined(separator: ", ")
            return "\(these.count) page\(these.count == 1 ? "" : "s") \(verdict.rawValue): \(list)"
        }
    }
}

final class Progress: @unchecked Sendable {
    // Guarded by `lock`.
    private var done = 0
    private let total: Int
    private let console: Console
    private let lock = NSLock()

    init(total: Int, console: Console) {
        self.total = total
        self.console = console
    }

    func advance(_ name: String) {
        lock.withLock {
            done += 1
            guard console.isTerminal else { return }
            let width = 30
            let filled = width * done / max(1, total)
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            console.status("[\(bar)] \(done)/\(total) \(name.suffix(40))")
        }
    }

    func finish() { lock.withLock { if console.isTerminal { console.status(nil) } } }
}

/// Daftar's own stderr. The C libraries (Poppler, libvips, Leptonica) print diagnostics to
/// file descriptor 2; unless `--verbose`, those go to /dev/null and Daftar keeps a private copy
/// of the real stderr for its own messages.
final class Console: @unchecked Sendable {
    private let fd: Int32
    let isTerminal: Bool
    private let lock = NSLock()

    init(silenceLibraries: Bool) {
        isTerminal = isatty(2) == 1
        if silenceLibraries {
            fd = dup(2)
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, 2); close(null) }
        } else {
            fd = 2
        }
    }

    func error(_ line: String) { write(line + "\n") }

    /// A status line overwritten in place; nil clears it.
    func status(_ line: String?) { write("\r\u{1B}[K" + (line ?? "")) }

    private func write(_ s: String) {
        lock.withLock {
            var data = Array(s.utf8)
            _ = data.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        }
    }
}
