import ArgumentParser
import DaftarPool
import DaftarServer
import Foundation
import Logging
import ServiceLifecycle

/// `daftar http`: the HTTP API and pages in a process of their own. `serve` and `broker` start
/// it and start it again if it ends; it can also run alone beside a broker.
struct HTTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "http",
        abstract: "The HTTP API and pages, as a process of its own (serve and broker start it).")

    @Option(name: .long, help: "The broker's data folder (tokens, outputs, index).") var data: String
    @Option(name: .long, help: "Address HOST:PORT to listen on.") var listen = "127.0.0.1:8080"
    @Option(name: .long, help: "The broker's client endpoint.") var broker = "tcp://127.0.0.1:5555"
    @Option(name: .long, help: "The index: a SQLite file or a postgresql:// URL (default: DATA/index.sqlite).") var index: String?
    @Option(name: .long, help: "Largest upload, in MB.") var maxUploadMb = 2048
    @Option(name: .long, help: "A CURVE key pair to reach the broker with (serve passes the broker's own).") var curveKeys: String?
    @Option(name: .long, help: "The broker's CURVE public key (default: the key pair's own).") var curveServerKey: String?
    @Flag(name: .long, help: "Debug logging.") var verbose = false

    func run() throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen takes HOST:PORT")
        }
        signal(SIGPIPE, SIG_IGN)
        let log = logger("daftar.http", verbose: verbose)
        let dataDirectory = URL(fileURLWithPath: data).standardizedFileURL.path
        var server = HTTPServer(host: String(listen[..<colon]), port: port, dataDirectory: dataDirectory, brokerEndpoint: broker,
                                indexLocation: index ?? dataDirectory + "/index.sqlite")
        server.maximumUpload = maxUploadMb << 20
        server.registry = DaftarMetrics.bootstrap()
        server.brokerMetrics = true
        if let curveKeys {
            let keys = try KeyFile.readPair(curveKeys)
            server.curve = CurveClientKeys(serverKey: try curveServerKey.map(KeyFile.readPublic) ?? keys.publicKey, keys: keys)
        }
        let app = try server.makeApplication(logger: log)
        let done = DispatchSemaphore(value: 0)
        let failure = Locked<Error?>(nil)
        Task.detached {
            // One ServiceGroup: SIGTERM or SIGINT lets requests in flight finish, then stops.
            let group = ServiceGroup(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: log)
            do { try await group.run() } catch { failure.set(error) }
            done.signal()
        }
        done.wait()
        if let e = failure.get() { throw e }
    }
}

/// A value shared between a task and the thread waiting for it.
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T   // guarded by lock
    init(_ value: T) { self.value = value }
    func set(_ v: T) { lock.withLock { value = v } }
    func get() -> T { lock.withLock { value } }
}

/// The HTTP front end's process, as its parent supervises it: started with the parent's death
/// signal set, started again (at most once a second) when it ends while the parent runs.
final class HTTPChild {
    private let arguments: [String]
    private let logger: Logger
    private var process: Foundation.Process?
    private var lastStart = Date.distantPast
    private var stopped = false

    init(arguments: [String], logger: Logger) {
        self.arguments = arguments
        self.logger = logger
    }

    var pid: Int32 { process?.processIdentifier ?? 0 }

    func start() throws {
        let p = Foundation.Process()
        p.executableURL = URL(fileURLWithPath: executablePath())
        p.arguments = arguments
        p.environment = ChildProcess.environment()
        lastStart = Date()
        try p.run()
        process = p
    }

    /// Called from the parent's loop: starts the front end again if it ended.
    func supervise(stopping: Bool) {
        if stopping { stop(); return }
        guard let p = process, !p.isRunning, Date().timeIntervalSince(lastStart) >= 1 else { return }
        let how = p.terminationReason == .uncaughtSignal ? "signal \(p.terminationStatus)" : "status \(p.terminationStatus)"
        logger.error("the HTTP front end ended (\(how)); starting it again")
        do { try start() } catch { logger.error("cannot start the HTTP front end: \(error)") }
    }

    /// Asks the front end to finish its requests and stop.
    func stop() {
        guard !stopped else { return }
        stopped = true
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGTERM) }
    }
}
