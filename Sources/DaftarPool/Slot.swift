import DaftarPipeline
import Foundation
import Logging

/// What a worker asks of one of its slot processes: one line of JSON on the slot's stdin.
public struct SlotRequest: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var input: String
    public var output: String
    public var name: String
    public var languages: String
}

/// The slot's answer: one line of JSON on the slot's result channel.
public struct SlotResponse: Codable, Sendable {
    public var job: Int64
    public var attempt: Int
    public var pages: Int
    public var errorKind: String?
    public var message: String?
    public var permanent: Bool
}

/// The body of a slot process (`daftar slot`): runs documents through the pipeline, one at a
/// time, for the worker that started it. It is a separate process so that a crash, a hang or
/// runaway memory in C code costs one attempt: the worker sees the process die or kills it,
/// and starts another.
public enum SlotServer {
    /// Reads requests from stdin until it closes. Results go to the original stdout, which is
    /// kept private: fd 1 is pointed at /dev/null so that no C library can write into it.
    public static func run(options: PipelineOptions, logger: Logger) {
        let channel = dup(1)
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 { dup2(null, 1); close(null) }
        let failpoints = Failpoints(ProcessInfo.processInfo.environment["DAFTAR_FAILPOINTS"] ?? "")
        // The usual languages' models are loaded before the first request, not during it.
        let usual = DocumentPipeline(options: options, logger: logger)
        do { try usual.loadModels() } catch {
            logger.error("cannot load the recognition models", metadata: ["languages": "\(options.languages)", "error": "\(error)"])
        }
        var pipelines: [String: DocumentPipeline] = [options.languages: usual]
        while let line = readLine(strippingNewline: true) {
            guard let request = try? JSONDecoder().decode(SlotRequest.self, from: Data(line.utf8)) else { continue }
            failpoints.apply(to: request.name)
            var o = options
            if !request.languages.isEmpty { o.languages = request.languages }
            let pipeline = pipelines[o.languages] ?? DocumentPipeline(options: o, logger: logger)
            pipelines[o.languages] = pipeline
            let record = pipeline.process(file: request.input, outputDirectory: request.output, sourceName: request.name)
            let kind = record.error.flatMap { DocumentError.Kind(rawValue: $0.kind) }
            let response = SlotResponse(job: request.job, attempt: request.attempt, pages: record.pageCount,
                                        errorKind: record.error?.kind, message: record.error?.message,
                                        permanent: kind.map { DocumentError($0, "").isPermanent } ?? false)
            var data = (try? JSONEncoder().encode(response)) ?? Data()
            data.append(UInt8(ascii: "\n"))
            data.withUnsafeBytes { p in
                var done = 0
                while done < p.count {
                    let n = write(channel, p.baseAddress! + done, p.count - done)
                    if n <= 0 { exit(1) }
                    done += n
                }
            }
        }
    }
}

/// Fault injection for the pool's tests (the practice of failpoints in FoundationDB or
/// TiKV): `DAFTAR_FAILPOINTS="crash=NAME,hang=NAME,sleep=NAME:SECONDS"` makes a slot crash
/// (SIGSEGV), hang, or sleep before processing a document whose name contains NAME. Unset in
/// production; it changes nothing else.
struct Failpoints {
    var crash: [String] = [], hang: [String] = [], sleep: [(String, Double)] = []

    init(_ spec: String) {
        for item in spec.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "crash": crash.append(kv[1])
            case "hang": hang.append(kv[1])
            case "sleep":
                let p = kv[1].split(separator: ":").map(String.init)
                if p.count == 2, let s = Double(p[1]) { sleep.append((p[0], s)) }
            default: continue
            }
        }
    }

    func apply(to name: String) {
        if crash.contains(where: { name.contains($0) }) { signal(SIGSEGV, SIG_DFL); raise(SIGSEGV) }
        if hang.contains(where: { name.contains($0) }) { while true { Foundation.sleep(3600) } }
        for (n, s) in sleep where name.contains(n) { usleep(useconds_t(s * 1_000_000)) }
    }
}
