import ArgumentParser
import DaftarPipeline
import DaftarPool
import DaftarServer
import Prometheus
import DaftarClient
import Foundation
import Logging
import Messaging

// MARK: shared options

struct BrokerOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder: journal, blobs, outputs.")
    var data: String

    @Option(name: .long, help: "Endpoint for clients (submit, status, jobs).")
    var clients = "tcp://127.0.0.1:5555"

    @Option(name: .long, help: "Endpoint for workers.")
    var workers = "tcp://127.0.0.1:5556"

    @Option(name: .long, help: "The broker's CURVE key pair (from `daftar keys generate`); required beyond loopback.")
    var curveKeys: String?

    @Option(name: .long, help: "File of public keys allowed to connect when CURVE is on.")
    var allow: String?

    @Option(name: .long, help: "Seconds an attempt may run before it is stopped and counted as failed.")
    var timeLimit: Double = 600

    @Option(name: .long, help: "Failed attempts after which a job is dead.")
    var maxAttempts = 3

    @Option(name: .long, help: "Seconds before the first retry; doubles after each failure.")
    var retryDelay: Double = 5

    @Option(name: .long, help: "Waiting jobs past which a submit is refused with 'busy, retry after'.")
    var maxQueued = 1_000_000

    @Option(name: .long, help: "Seconds of waiting that raise a job by one priority level.")
    var aging: Double = 60

    @Option(name: .long, help: "The full-text index: a postgresql:// URL (default: SQLite at DATA/index.sqlite).")
    var index: String?

    @Option(name: .long, help: "HTTP API address HOST:PORT, or 'off'.")
    var http = "127.0.0.1:8080"

    @Option(name: .long, help: "Largest upload through the HTTP API, in MB.")
    var maxUploadMb = 2048

    /// Starts the HTTP API as a child process (`daftar http`), supervised by the broker's loop:
    /// whatever a request does to it, the broker and the queue go on, and a new one is started
    /// within a second or two. Nil when `--http off`.
    func startHTTP(_ b: Broker, verbose: Bool, logger: Logger) throws -> HTTPChild? {
        guard http != "off" else { return nil }
        guard let colon = http.lastIndex(of: ":"), Int(http[http.index(after: colon)...]) != nil else {
            throw ValidationError("--http takes HOST:PORT or off")
        }
        // The API talks to the broker through its client socket, as any client does.
        var endpoint = b.clientEndpoint
        for wildcard in ["tcp://0.0.0.0:", "tcp://*:"] where endpoint.hasPrefix(wildcard) {
            endpoint = "tcp://127.0.0.1:" + endpoint.dropFirst(wildcard.count)
        }
        let c = b.configuration
        var args = ["http", "--data", c.dataDirectory, "--listen", http, "--broker", endpoint,
                    "--max-upload-mb", String(maxUploadMb), "--index", c.indexLocation]
        if let curveKeys { args += ["--curve-keys", curveKeys] }
        if verbose { args.append("--verbose") }
        let child = HTTPChild(arguments: args, logger: logger)
        try child.start()
        logger.info("HTTP API on http://\(http)/api/v1/ (process \(child.pid))")
        return child
    }

    func configuration() throws -> BrokerConfiguration {
        var c = BrokerConfiguration(dataDirectory: URL(fileURLWithPath: data).standardizedFileURL.path)
        c.clientEndpoint = clients
        c.workerEndpoint = workers
        if let curveKeys { c.curveKeys = try KeyFile.readPair(curveKeys) }
        if let allow { c.allowedKeys = try KeyFile.readAllowList(allow) }
        // The broker's own HTTP API connects with the broker's key.
        if let k = c.curveKeys { c.allowedKeys.insert(k.publicKey) }
        if c.curveKeys != nil && allow == nil {
            throw ValidationError("--curve-keys needs --allow with the public keys of workers and clients")
        }
        c.timeLimit = timeLimit
        c.retry.maximumAttempts = maxAttempts
        c.retry.firstDelay = retryDelay
        c.maximumQueued = maxQueued
        c.agingSeconds = aging
        c.index = index
        return c
    }

    func validate() throws {
        guard timeLimit > 0, maxAttempts >= 1, retryDelay >= 0, maxQueued >= 1, aging > 0 else {
            throw ValidationError("--time-limit, --max-attempts, --max-queued and --aging must be positive")
        }
        for e in [clients, workers] where !Names.isLocalEndpoint(e) && curveKeys == nil {
            throw ValidationError("\(e) is beyond loopback: the broker needs --curve-keys and --allow to listen there")
        }
    }
}

struct ConnectOptions: ParsableArguments {
    @Option(name: .long, help: "The broker's client endpoint.")
    var connect = "tcp://127.0.0.1:5555"

    @Option(name: .long, help: "The broker's CURVE public key (40 characters or a .pub file).")
    var curveServerKey: String?

    @Option(name: .long, help: "This client's CURVE key pair file.")
    var curveKeys: String?

    @Option(name: .long, help: "Seconds to wait for the broker before trying again.")
    var timeout: Double = 10

    func client(attempts: Int = 30) throws -> PoolClient {
        try PoolClient(endpoint: connect, curve: try curve(curveServerKey, curveKeys), timeout: timeout, attempts: attempts)
    }
}

func curve(_ serverKey: String?, _ keys: String?) throws -> CurveClientKeys? {
    switch (serverKey, keys) {
    case (nil, nil): return nil
    case let (s?, k?): return CurveClientKeys(serverKey: try KeyFile.readPublic(s), keys: try KeyFile.readPair(k))
    default: throw ValidationError("--curve-server-key and --curve-keys go together")
    }
}

/// SIGINT and SIGTERM set a flag that the loops check; the default actions are turned off.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false   // guarded by lock
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { [weak self] in self?.raise() }
            s.resume()
            sources.append(s)
        }
    }
    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
}

func logger(_ label: String, verbose: Bool) -> Logger {
    var l = Logger(label: label)
    l.logLevel = verbose ? .debug : .info
    return l
}

func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

// MARK: broker, worker, serve, slot

struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broker",
        abstract: "Run the broker: the journal, the blob store and the queue, for workers on any machine.")

    @OptionGroup var broker: BrokerOptions
    @Flag(name: .long, help: "Debug logging.") var verbose = false

    func run() throws {
        let stop = StopSignal()
        let log = logger("daftar.broker", verbose: verbose)
        let registry = DaftarMetrics.bootstrap()
        var c = try broker.configuration()
        c.metricsText = { String(decoding: registry.emitToBuffer(), as: UTF8.self) }
        let b = try Broker(configuration: c, logger: log)
        let http = try broker.startHTTP(b, verbose: verbose, logger: log)
        try b.run {
            http?.supervise(stopping: stop.isRaised)
            return stop.isRaised
        }
        http?.stop()
    }
}

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker",
        abstract: "Run documents for a broker, one child process per slot.")

    @Option(name: .long, help: "The broker's worker endpoint.")
    var connect = "tcp://127.0.0.1:5556"
    @Option(name: .long, help: "Documents at once (one slot process and one core each).")
    var slots = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .long, help: "Languages for jobs submitted without --lang: auto (each page: English, or Urdu when OSD finds Arabic script), or Tesseract's, e.g. eng, urd, eng+urd.")
    var lang = PipelineOptions.automatic
    @Option(name: .long, help: "Name shown in status (default: host name).")
    var name: String?
    @Option(name: .long, help: "Scratch folder (default: the system's temporary folder); the worker keeps files in flight in a folder of its own inside it, removed when it ends.")
    var work: String?
    @Option(name: .long, help: "A slot using more resident memory than this (MB) is stopped.")
    var memoryLimit = 4096
    @Option(name: .long, help: "Refuse pages with more pixels than this (decompression bombs).")
    var maxMegapixels: Double = 250
    @Option(name: .long, help: "The broker's CURVE public key (40 characters or a .pub file).")
    var curveServerKey: String?
    @Option(name: .long, help: "This worker's CURVE key pair file.")
    var curveKeys: String?
    @Option(name: .long, help: "Stop after this many seconds without a word from the broker (0: never, keep reconnecting).")
    var brokerGoneLimit: Double = 0
    @Flag(name: .long, help: "Debug logging, and the C libraries' diagnostics.") var verbose = false

    func validate() throws {
        guard slots >= 1, slots <= 256 else { throw ValidationError("--slots must be 1 to 256") }
        guard PipelineOptions.isLanguageList(lang) else {
            throw ValidationError("--lang must look like eng or eng+urd")
        }
    }

    func run() throws {
        let stop = StopSignal()
        signal(SIGPIPE, SIG_IGN)
        let host = ProcessInfo.processInfo.hostName
        var slotCommand = [executablePath(), "slot", "--lang", lang, "--max-megapixels", String(maxMegapixels)]
        if verbose { slotCommand.append("--verbose") }
        var c = WorkerConfiguration(endpoint: connect, slots: slots, name: name ?? host,
                                    workDirectory: work ?? NSTemporaryDirectory(),
                                    slotCommand: slotCommand)
        c.memoryLimitMB = memoryLimit
        c.brokerGoneLimit = brokerGoneLimit
        c.curve = try curve(curveServerKey, curveKeys)
        let w = try Worker(configuration: c, logger: logger("daftar.worker", verbose: verbose))
        try w.run { stop.isRaised }
    }
}

struct SlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "slot",
        abstract: "One worker slot (started by `daftar worker`; reads requests on stdin).", shouldDisplay: false)
    @Option(name: .long) var lang = PipelineOptions.automatic
    @Option(name: .long) var maxMegapixels: Double = 250
    @Flag(name: .long) var verbose = false

    func run() throws {
        // The worker decides when a slot stops (stdin closes, or SIGKILL); Ctrl-C in the
        // terminal must not kill documents in flight during a drain.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        if !verbose { _ = Console(silenceLibraries: true) }
        var o = PipelineOptions()
        o.languages = lang
        o.maximumMegapixels = maxMegapixels
        var l = Logger(label: "daftar.slot")
        l.logLevel = verbose ? .debug : .critical
        SlotServer.run(options: o, logger: l)
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The embedded default: a broker and local worker slots, in one command.",
        discussion: "Ctrl-C or SIGTERM lets running documents finish, then stops.")

    @OptionGroup var broker: BrokerOptions
    @Option(name: .long, help: "Local worker slots (0: broker only).")
    var slots = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .long, help: "Languages for jobs submitted without --lang: auto (each page: English, or Urdu when OSD finds Arabic script), or Tesseract's, e.g. eng, urd, eng+urd.")
    var lang = PipelineOptions.automatic
    @Flag(name: .long, help: "Debug logging.") var verbose = false

    func run() throws {
        let stop = StopSignal()
        let log = logger("daftar.serve", verbose: verbose)
        let registry = DaftarMetrics.bootstrap()
        var c = try broker.configuration()
        c.metricsText = { String(decoding: registry.emitToBuffer(), as: UTF8.self) }
        let b = try Broker(configuration: c, logger: log)
        let http = try broker.startHTTP(b, verbose: verbose, logger: log)
        defer { http?.stop() }
        func startWorker() throws -> Foundation.Process {
            let p = Foundation.Process()
            p.executableURL = URL(fileURLWithPath: executablePath())
            // The local worker dies with serve (and stops by itself if the broker is gone).
            var args = ["worker", "--connect", b.workerEndpoint, "--slots", String(slots), "--lang", lang,
                        "--name", "\(ProcessInfo.processInfo.hostName)-local", "--broker-gone-limit", "15"]
            if verbose { args.append("--verbose") }
            p.arguments = args
            p.environment = ChildProcess.environment()
            try p.run()
            return p
        }
        var worker = slots > 0 ? try startWorker() : nil
        var signalled = false
        try b.run {
            http?.supervise(stopping: stop.isRaised)
            if stop.isRaised && !signalled {
                signalled = true
                if let worker, worker.isRunning { kill(worker.processIdentifier, SIGTERM) }
            }
            // The local worker runs no C library code itself, but if it dies anyway, start another.
            if !stop.isRaised, let w = worker, !w.isRunning { worker = try? startWorker() }
            return stop.isRaised && !(worker?.isRunning ?? false)
        }
    }
}

// MARK: submit

struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Queue files or folders (recursively) for digitisation.",
        discussion: """
            The same file submitted to the same batch again is the same job. With --wait, waits until \
            every job is finished and exits 1 if any failed for good, listing them.
            """)

    @Argument(help: "Files or folders.") var paths: [String]
    @Option(name: .long, help: "Batch name (one path component).") var batch = "default"
    @Option(name: .long, help: "0 (least) to 9 (most urgent).") var priority = 5
    @Option(name: .long, parsing: .upToNextOption, help: "KEY=VALUE metadata, e.g. department=revenue file_number=12/3.")
    var meta: [String] = []
    @Option(name: .long, help: "Tesseract languages (default: the worker's).") var lang = ""
    @Flag(name: .long, help: "Wait until the jobs are finished.") var wait = false
    @OptionGroup var connection: ConnectOptions

    func validate() throws {
        guard Scheduler.priorities.contains(priority) else { throw ValidationError("--priority must be 0 to 9") }
        guard Names.isSafeBatch(batch) else { throw ValidationError("--batch must be one printable name without '/' of at most \(Names.maximumBatchBytes) bytes") }
        for m in meta where !m.contains("=") { throw ValidationError("--meta takes KEY=VALUE, not \(m)") }
    }

    func run() throws {
        let inputs: [InputFile]
        do { inputs = try InputFile.collect(paths) } catch let e as InputFile.CollectError { throw ValidationError(e.message) }
        guard !inputs.isEmpty else { throw ValidationError("no files found in \(paths.joined(separator: ", "))") }
        let metadata = try MetaArguments.parse(meta)
        let console = Console(silenceLibraries: false)
        let client = try connection.client()
        let progress = Progress(total: inputs.count, console: console)
        var jobs: [(InputFile, Int64)] = []
        var failures: [String] = []
        for input in inputs {
            do {
                let r = try client.submitFile(input.path, batch: batch, name: input.relative, priority: priority,
                                              languages: lang, meta: metadata) { wait in
                    console.error("broker busy; retrying in \(Int(wait.rounded(.up))) s")
                }
                jobs.append((input, r.job))
                print("job \(r.job) \(r.duplicate ? "already submitted (\(r.state))" : "queued"): \(batch)/\(input.relative)")
                fflush(nil)
            } catch let e as ClientError where e.description.hasPrefix("no answer") {
                progress.finish()
                console.error("daftar submit: \(e)")
                throw ExitCode(1)
            } catch {
                failures.append("\(input.path): \(error)")
            }
            progress.advance(input.relative)
        }
        progress.finish()
        for f in failures { console.error(f) }
        console.error("\(jobs.count) of \(inputs.count) files submitted to batch \(batch)")
        guard wait else { if !failures.isEmpty { throw ExitCode(1) }; return }

        let ids = jobs.map(\.1)
        var last = ""
        while true {
            let states = try client.query(.states, Query(token: UUID().uuidString, ids: ids), as: [JobSummary].self)
            let finished = states.filter { ["done", "dead", "cancelled"].contains($0.state) }
            if console.isTerminal {
                let line = "\(finished.count)/\(ids.count) finished"
                if line != last { console.status(line); last = line }
            }
            if finished.count == ids.count {
                if console.isTerminal { console.status(nil) }
                let bad = states.filter { $0.state != "done" }
                for j in bad { console.error("job \(j.id) \(j.batch)/\(j.name): \(j.state): \(j.errorKind ?? "-"): \(j.error ?? "")") }
                console.error("\(states.count - bad.count) of \(states.count) jobs done")
                if !bad.isEmpty || !failures.isEmpty { throw ExitCode(1) }
                return
            }
            usleep(300_000)
        }
    }
}

// MARK: status, jobs

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Queue depth, workers, throughput and recent failures.")
    @Flag(name: .long, help: "One JSON object.") var json = false
    @OptionGroup var connection: ConnectOptions

    func run() throws {
        let s = try connection.client(attempts: 2).status()
        if json {
            let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try e.encode(s), as: UTF8.self))
            return
        }
        print("jobs      queued \(s.queued)  running \(s.running)  done \(s.done)  failed (retrying) \(s.failed)  dead \(s.dead)  cancelled \(s.cancelled)")
        let byP = s.queuedByPriority.sorted { $0.key > $1.key }.map { "p\($0.key): \($0.value)" }.joined(separator: "  ")
        print("queued    by priority: \(byP.isEmpty ? "-" : byP); oldest waiting \(Int(s.oldestQueuedSeconds)) s")
        print("workers   \(s.workers) connected, \(s.busyWorkers) busy; slots \(s.busySlots)/\(s.slots) busy")
        print("last min  \(s.jobsLastMinute) jobs, \(s.pagesLastMinute) pages")
        if let p = s.pages {
            let flagged = (p["doubtful"] ?? 0) + (p["unreadable"] ?? 0)
            let checked = p["checked"] ?? 0
            print("pages     good \(p["good"] ?? 0)  doubtful \(p["doubtful"] ?? 0)  unreadable \(p["unreadable"] ?? 0)"
                  + (checked > 0 ? "  (\(checked) checked)" : "")
                  + (flagged > checked ? "  (daftar review and /review list them)" : ""))
        }
        for w in s.workerList { print("  \(w.name): \(w.busy)/\(w.slots) busy\(w.jobs.isEmpty ? "" : ", jobs " + w.jobs.map(String.init).joined(separator: " "))") }
        if !s.recentFailures.isEmpty {
            print("recent failures")
            for j in s.recentFailures { print("  job \(j.id) \(j.batch)/\(j.name) \(j.state): \(j.errorKind ?? "-"): \(j.error ?? "")") }
        }
        let c = s.counters
        print("refused   \(c.refusedSubmits) submits (busy), \(c.refusedKeys) keys; dropped \(c.malformedMessages) malformed messages")
    }
}

struct Jobs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List, show, retry and cancel jobs.",
                                                    subcommands: [List.self, Show.self, Retry.self, Cancel.self])

    struct List: ParsableCommand {
        @Option(name: .long, help: "queued, running, done, failed, dead or cancelled.") var state: String?
        @Option(name: .long) var batch: String?
        @Option(name: .long) var limit = 1000
        @Flag(name: .long) var json = false
        @OptionGroup var connection: ConnectOptions
        func run() throws {
            let list = try connection.client(attempts: 2).query(.jobs, Query(token: UUID().uuidString, state: state, batch: batch, limit: limit), as: [JobSummary].self)
            if json { print(String(decoding: try JSONEncoder().encode(list), as: UTF8.self)); return }
            for j in list {
                print("\(j.id)\t\(j.state)\tp\(j.priority)\tattempts \(j.attempts)\t\(j.batch)/\(j.name)\(j.error.map { "\t\(j.errorKind ?? ""): \($0)" } ?? "")")
            }
        }
    }

    struct Show: ParsableCommand {
        @Argument var id: Int64
        @OptionGroup var connection: ConnectOptions
        func run() throws {
            let d = try connection.client(attempts: 2).query(.job, Query(token: UUID().uuidString, id: id), as: JobDetail.self)
            let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try e.encode(d), as: UTF8.self))
        }
    }

    struct Retry: ParsableCommand {
        @Argument var id: Int64?
        @Flag(name: .long, help: "Retry every dead job.") var dead = false
        @OptionGroup var connection: ConnectOptions
        func validate() throws { if (id == nil) == !dead { throw ValidationError("give a job id or --dead") } }
        func run() throws {
            let n = try connection.client(attempts: 2).query(.retry, Query(token: UUID().uuidString, id: id, dead: dead), as: Int.self)
            print("\(n) job(s) queued again")
        }
    }

    struct Cancel: ParsableCommand {
        @Argument var id: Int64
        @OptionGroup var connection: ConnectOptions
        func run() throws {
            let n = try connection.client(attempts: 2).query(.cancel, Query(token: UUID().uuidString, id: id), as: Int.self)
            print(n == 1 ? "job \(id) cancelled" : "job \(id) was not waiting or running")
            if n == 0 { throw ExitCode(1) }
        }
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "CURVE keys for brokers, workers and clients.",
                                                    subcommands: [Generate.self])
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write NAME.key (private) and NAME.pub.")
        @Argument(help: "Path without extension, e.g. keys/broker.") var name: String
        func run() throws {
            let k = try CurveKeyPair.generate()
            try KeyFile.write(k, base: name)
            print(k.publicKey)
        }
    }
}

// MARK: watch

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A hot folder: submit files that scanners write into DIR.",
        discussion: """
            A file is taken once its size has not changed for --stable seconds; after the broker acknowledges \
            it, it moves to DIR/.done/ (and on to DIR/.failed/ with a .reason.txt if it fails for good). \
            Restarting loses and repeats nothing. --poll rescans on a timer only (network shares).
            """)
    @Argument(help: "The folder to watch.") var dir: String
    @Flag(name: .long, help: "Each file's first folder under DIR is its batch.") var batchFromFolder = false
    @Option(name: .long, help: "Batch (or the batch for files at the top with --batch-from-folder).") var batch = "watch"
    @Option(name: .long, help: "0 (least) to 9 (most urgent).") var priority = 5
    @Option(name: .long, parsing: .upToNextOption, help: "KEY=VALUE metadata for every file.") var meta: [String] = []
    @Option(name: .long, help: "Tesseract languages (default: the worker's).") var lang = ""
    @Option(name: .long, help: "Seconds a file's size must stay the same before it is taken.") var stable: Double = 5
    @Option(name: .long, help: "Seconds between scans.") var interval: Double = 1
    @Flag(name: .long, help: "Rescan on a timer only; no inotify (network shares).") var poll = false
    @OptionGroup var connection: ConnectOptions

    func validate() throws {
        guard Names.isSafeBatch(batch) else { throw ValidationError("--batch must be one printable name without '/' of at most \(Names.maximumBatchBytes) bytes") }
        guard Scheduler.priorities.contains(priority), stable >= 0, interval > 0 else { throw ValidationError("bad --priority, --stable or --interval") }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { throw ValidationError("no such folder: \(dir)") }
    }

    func run() throws {
        let stop = StopSignal()
        var options = HotFolder.Options()
        options.batch = batch; options.batchFromFolder = batchFromFolder; options.priority = priority
        options.languages = lang; options.stableSeconds = stable; options.interval = interval; options.poll = poll
        options.meta = try MetaArguments.parse(meta)
        let folder = try HotFolder(root: dir, options: options, client: try connection.client(attempts: 1_000_000)) { line in
            print(line); fflush(nil)
        }
        try folder.run { stop.isRaised }
    }
}

// MARK: tokens

struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "API tokens for the HTTP API.", subcommands: [Create.self])
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token (printed once; only its hash is kept).")
        @Option(name: .long, help: "upload (clerks), read (the workspace), operate (operators: everything).") var role: String
        @Option(name: .long, help: "Who or what the token is for.") var name = "token"
        @Option(name: .long, help: "Limit the token to batches whose names start with this.") var batchPrefix: String?
        @Option(name: .long, help: "Limit the token to documents of this department (their `department` metadata).") var department: String?
        @OptionGroup var location: DataOptions
        func run() throws {
            guard let r = APIStore.Role(rawValue: role) else { throw ValidationError("--role is upload, read or operate") }
            if let p = batchPrefix, p.isEmpty || p.utf8.count > Names.maximumBatchBytes { throw ValidationError("--batch-prefix is 1 to \(Names.maximumBatchBytes) bytes") }
            if let d = department, !Names.isSafeMeta(["department": d]) { throw ValidationError("--department is a metadata value") }
            print(try APIStore(dataDirectory: try location.dataDirectory).createToken(role: r, name: name, batchPrefix: batchPrefix,
                                                                                     department: department))
        }
    }
}
