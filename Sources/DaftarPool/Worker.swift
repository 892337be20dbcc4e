import DaftarPipeline
import Foundation
import Logging
import Messaging

/// How a worker or client reaches a broker that uses CURVE.
public struct CurveClientKeys: Sendable {
    public var serverKey: String
    public var keys: CurveKeyPair
    public init(serverKey: String, keys: CurveKeyPair) { self.serverKey = serverKey; self.keys = keys }
}

public struct WorkerConfiguration: Sendable {
    public var endpoint: String
    public var slots: Int
    public var name: String
    /// The scratch folder: the worker keeps the inputs and outputs of running attempts in a
    /// folder of its own inside it (`daftar-worker-PID`), removed when the worker ends. Nothing
    /// else in it is touched, apart from the folders of workers on this host that are gone.
    public var workDirectory: String
    public var curve: CurveClientKeys?
    /// The command that starts one slot process (the `daftar slot` subcommand).
    public var slotCommand: [String]
    /// A slot using more resident memory than this is stopped and its attempt failed.
    public var memoryLimitMB = 4096
    public var heartbeatInterval: Double = 1
    /// Seconds without a word from the broker after which the worker stops (0: never; it keeps
    /// reconnecting). `serve` gives its local worker a limit, so it never outlives the broker.
    public var brokerGoneLimit: Double = 0
    /// Without a word from the broker for this long, connect again with a new identity.
    public var brokerTimeout: Double = 5
    public init(endpoint: String, slots: Int, name: String, workDirectory: String, slotCommand: [String]) {
        self.endpoint = endpoint; self.slots = slots; self.name = name
        self.workDirectory = workDirectory; self.slotCommand = slotCommand
    }
}

/// A worker: one DEALER connection to the broker and `slots` child processes that run the
/// pipeline. The worker itself runs no C library code beyond libzmq, so it outlives whatever
/// a document does to a slot: a crash, a hang past the time limit, or runaway memory costs
/// that attempt (reported as failed, with the reason) and the slot is started again.
public final class Worker: @unchecked Sendable {
    let configuration: WorkerConfiguration
    let logger: Logger
    let context = ZMQContext()
    var socket: ZMQSocket?
    var lastHeard = 0.0
    /// When the broker was last heard from, across reconnects.
    var brokerLastSeen = Date().timeIntervalSince1970
    var lastHeartbeat = 0.0
    var lastMemoryCheck = 0.0

    enum Phase { case fetching, running, offering, uploading }
    final class Task {
        let order: JobOrder
        let slot: Int
        let started: Double
        var phase: Phase = .fetching
        var incoming: IncomingFile?
        var requested = 0
        var inputPath: String
        var outputPath: String
        var bundlePath: String
        var bundleSize = 0
        var sent = 0
        var pages = 0
        let token = UUID().uuidString
        init(order: JobOrder, slot: Int, started: Double, work: String) {
            self.order = order; self.slot = slot; self.started = started
            let base = "\(work)/\(order.job)-\(order.attempt)"
            inputPath = base + ".input"; outputPath = base + ".out"; bundlePath = base + ".bundle"
        }
    }
    var tasks: [AttemptRef: Task] = [:]
    var slotBusy: [AttemptRef?]
    var slotProcesses: [SlotProcess?]
    let events = SlotEvents()
    var generation = 0
    /// This worker's own folder inside the configured scratch folder.
    public let scratch: String

    public init(configuration: WorkerConfiguration, logger: Logger = Logger(label: "daftar.worker")) throws {
        self.configuration = configuration
        self.logger = logger
        slotBusy = Array(repeating: nil, count: configuration.slots)
        slotProcesses = Array(repeating: nil, count: configuration.slots)
        scratch = Worker.makeScratch(in: configuration.workDirectory, logger: logger)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    static let scratchPrefix = "daftar-worker-"

    /// This process's folder inside `parent`, after removing the folders that workers on this
    /// host left when they were killed (their process is gone). A folder of a running worker,
    /// and anything not named like a worker's folder, stays.
    static func makeScratch(in parent: String, logger: Logger) -> String {
        let fm = FileManager.default
        func path(_ name: String) -> String { (parent as NSString).appendingPathComponent(name) }
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(scratchPrefix) {
            guard let pid = pid_t(name.dropFirst(scratchPrefix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? fm.removeItem(atPath: path(name))
                logger.debug("removed a gone worker's scratch folder", metadata: ["folder": "\(path(name))"])
            }
        }
        return path(scratchPrefix + String(getpid()))
    }

    /// Runs until `shouldStop` is true and every running attempt has finished (a drain).
    public func run(shouldStop: () -> Bool) throws {
        try connect()
        var draining = false
        while true {
            if shouldStop() && !draining {
                draining = true
                logger.info("draining", metadata: ["running": "\(tasks.count)"])
            }
            if draining && tasks.isEmpty { break }
            guard let s = socket else { break }
            let readable = try ZMQPoll.readable([s], timeoutMilliseconds: 50)
            let now = Date().timeIntervalSince1970
            if readable[0] {
                for _ in 0..<1000 {
                    guard let frames = (try? s.receive()) ?? nil else { break }
                    lastHeard = now
                    brokerLastSeen = now
                    handle(frames, draining: draining, now: now)
                }
            }
            for e in events.take() { slotEvent(e, now: now) }
            try timers(now: now)
        }
        send(.bye, Empty())
        // Give libzmq a moment to put BYE on the wire before the socket closes.
        usleep(100_000)
        for p in slotProcesses { p?.stop() }
        let deadline = Date().addingTimeInterval(5)
        while slotProcesses.contains(where: { $0?.process.isRunning == true }) && Date() < deadline { usleep(20_000) }
        socket?.close()
        context.terminate()
        try? FileManager.default.removeItem(atPath: scratch)
    }

    private func connect() throws {
        socket?.close()
        let s = try ZMQSocket(context, .dealer)
        try s.setRoutingID("\(configuration.name)/\(UUID().uuidString.prefix(8))")
        try s.setMaximumMessageSize(Int(Wire.maximumMessageSize))
        if let c = configuration.curve { try s.makeCurveClient(serverKey: c.serverKey, keys: c.keys) }
        try s.connect(configuration.endpoint)
        socket = s
        let now = Date().timeIntervalSince1970
        lastHeard = now
        lastHeartbeat = now
        // After a reconnect, only attempts already inside a slot carry on; their results are
        // offered to the broker, which takes the first result of a job.
        for (ref, t) in tasks where t.phase != .running { finish(ref, credit: false) }
        let running = tasks.keys.sorted { $0.job < $1.job }
        send(.ready, Ready(name: configuration.name, slots: configuration.slots,
                           free: configuration.slots - running.count, running: running))
    }

    private func send<T: Encodable>(_ command: Wire.Command, _ header: T, body: [UInt8]? = nil) {
        do { try socket?.send(Wire.frames(command, header, body: body)) } catch {
            logger.debug("send failed", metadata: ["error": "\(error)"])
        }
    }

    // MARK: broker messages

    private func handle(_ frames: [[UInt8]], draining: Bool, now: Double) {
        guard let m = try? Wire.parse(frames[...]) else { return }
        do {
            switch m.command {
            case .heartbeat: break
            case .reset:
                logger.info("broker does not know this worker; connecting again")
                try connect()
            case .order:
                let o = try m.decode(JobOrder.self)
                start(o, draining: draining, now: now)
            case .chunk:
                let c = try m.decode(ChunkReply.self)
                try chunk(c, m.body ?? [], now: now)
            case .need:
                let t = try m.decode(TokenReply.self)
                if let (ref, task) = tasks.first(where: { $0.value.token == t.token && $0.value.phase == .offering }) {
                    task.phase = .uploading
                    pump(ref, task, acknowledged: 0)
                }
            case .uploaded:
                let a = try m.decode(UploadAck.self)
                if let (ref, task) = tasks.first(where: { $0.value.token == a.token && $0.value.phase == .uploading }) {
                    pump(ref, task, acknowledged: a.received)
                }
            case .finished, .drop:
                let r = try m.decode(AttemptReply.self)
                let ref = AttemptRef(job: r.job, attempt: r.attempt)
                if tasks[ref] != nil {
                    logger.info(r.accepted ? "result accepted" : "result dropped", metadata: ["job": "\(r.job)", "attempt": "\(r.attempt)"])
                    finish(ref, credit: true)
                }
            case .cancel:
                let r = try m.decode(AttemptRef.self)
                if let t = tasks[r] {
                    if t.phase == .running { slotProcesses[t.slot]?.kill(); slotProcesses[t.slot] = nil }
                    finish(r, credit: true)
                }
            case .error:
                let t = try m.decode(TokenReply.self)
                if let (ref, task) = tasks.first(where: { $0.value.token == t.token }) {
                    fail(ref, task, kind: "failed", message: t.message ?? "refused by the broker", permanent: false)
                }
            default: break
            }
        } catch {
            logger.debug("message refused", metadata: ["error": "\(error)"])
        }
    }

    private func start(_ o: JobOrder, draining: Bool, now: Double) {
        let ref = o.ref
        guard tasks[ref] == nil else { return }
        guard !draining, let slot = slotBusy.firstIndex(where: { $0 == nil }) else {
            send(.fail, FailureReport(job: o.job, attempt: o.attempt, kind: "returned", message: "no free slot", permanent: false, returned: true))
            return
        }
        let task = Task(order: o, slot: slot, started: now, work: scratch)
        tasks[ref] = task
        slotBusy[slot] = ref
        if o.kind == "noop" {
            task.phase = .offering
            send(.result, ResultOffer(job: o.job, attempt: o.attempt, token: task.token, size: 0, sha256: "", pages: 0))
            return
        }
        do {
            // A cleaner of old temporary files (systemd-tmpfiles) may have removed it while the worker idled.
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            task.incoming = try IncomingFile(path: task.inputPath, size: o.size, sha256: o.sha256)
        } catch {
            fail(ref, task, kind: "failed", message: "worker cannot write its input: \(error)", permanent: false)
            return
        }
        if o.size == 0 { startSlot(ref, task) } else { requestChunks(task) }
    }

    private func requestChunks(_ task: Task) {
        guard let file = task.incoming else { return }
        while task.requested < task.order.size && task.requested - file.received < Wire.window * Wire.chunkSize {
            let length = min(Wire.chunkSize, task.order.size - task.requested)
            send(.fetch, FetchRequest(job: task.order.job, attempt: task.order.attempt, sha256: task.order.sha256,
                                      offset: task.requested, length: length))
            task.requested += length
        }
    }

    private func chunk(_ c: ChunkReply, _ body: [UInt8], now: Double) throws {
        let ref = AttemptRef(job: c.job, attempt: c.attempt)
        guard let task = tasks[ref], task.phase == .fetching, let file = task.incoming else { return }
        if let e = c.error { return fail(ref, task, kind: "failed", message: "broker: \(e)", permanent: false) }
        do { try file.append(body, at: c.offset) } catch {
            return fail(ref, task, kind: "failed", message: "input transfer: \(error)", permanent: false)
        }
        if file.isComplete { startSlot(ref, task) } else { requestChunks(task) }
    }

    private func startSlot(_ ref: AttemptRef, _ task: Task) {
        do {
            try task.incoming?.finish()
            task.incoming = nil
            if slotProcesses[task.slot] == nil {
                generation += 1
                slotProcesses[task.slot] = try SlotProcess(command: configuration.slotCommand, slot: task.slot,
                                                           generation: generation, events: events)
            }
            task.phase = .running
            try slotProcesses[task.slot]!.send(SlotRequest(job: task.order.job, attempt: task.order.attempt,
                                                           input: task.inputPath, output: task.outputPath,
                                                           name: task.order.name, languages: task.order.languages))
        } catch {
            fail(ref, task, kind: "failed", message: "cannot start the slot: \(error)", permanent: false)
        }
    }

    // MARK: slot events

    private func slotEvent(_ e: SlotEvents.Event, now: Double) {
        guard e.slot < slotProcesses.count, let p = slotProcesses[e.slot], p.generation == e.generation else { return }
        let task = slotBusy[e.slot].flatMap { tasks[$0] }
        switch e.kind {
        case .line(let data):
            guard let task, task.phase == .running, let r = try? JSONDecoder().decode(SlotResponse.self, from: data),
                  r.job == task.order.job, r.attempt == task.order.attempt else { return }
            let ref = task.order.ref
            if let kind = r.errorKind {
                return fail(ref, task, kind: kind, message: r.message ?? kind, permanent: r.permanent)
            }
            task.pages = r.pages
            offer(ref, task)
        case .exited(let description):
            slotProcesses[e.slot] = nil
            if let task, task.phase == .running {
                fail(task.order.ref, task, kind: "crashed", message: "the slot process \(description)", permanent: false)
            }
        }
    }

    private func offer(_ ref: AttemptRef, _ task: Task) {
        do {
            try OutputBundle.pack(folder: task.outputPath, into: task.bundlePath)
            let digest = try FileDigest.sha256(path: task.bundlePath)
            task.bundleSize = digest.bytes
            task.phase = .offering
            send(.result, ResultOffer(job: task.order.job, attempt: task.order.attempt, token: task.token,
                                      size: digest.bytes, sha256: digest.hex, pages: task.pages))
        } catch {
            fail(ref, task, kind: "failed", message: "cannot pack the outputs: \(error)", permanent: false)
        }
    }

    /// Sends result chunks while fewer than `Wire.window` are unacknowledged.
    private func pump(_ ref: AttemptRef, _ task: Task, acknowledged: Int) {
        guard let h = FileHandle(forReadingAtPath: task.bundlePath) else {
            return fail(ref, task, kind: "failed", message: "outputs vanished", permanent: false)
        }
        defer { try? h.close() }
        while task.sent < task.bundleSize && task.sent - acknowledged < Wire.window * Wire.chunkSize {
            try? h.seek(toOffset: UInt64(task.sent))
            let data = (try? h.read(upToCount: Wire.chunkSize)) ?? Data()
            guard !data.isEmpty else { break }
            send(.upload, UploadChunk(token: task.token, offset: task.sent), body: Array(data))
            task.sent += data.count
        }
    }

    private func fail(_ ref: AttemptRef, _ task: Task, kind: String, message: String, permanent: Bool) {
        logger.info("attempt failed", metadata: ["job": "\(ref.job)", "attempt": "\(ref.attempt)", "kind": "\(kind)", "message": "\(message)"])
        send(.fail, FailureReport(job: ref.job, attempt: ref.attempt, kind: kind, message: message, permanent: permanent))
        finish(ref, credit: true)
    }

    /// Forgets an attempt, frees its slot and (unless reconnecting) tells the broker the slot is free.
    private func finish(_ ref: AttemptRef, credit: Bool) {
        guard let task = tasks.removeValue(forKey: ref) else { return }
        task.incoming?.discard()
        for p in [task.inputPath, task.outputPath, task.bundlePath] { try? FileManager.default.removeItem(atPath: p) }
        if slotBusy[task.slot] == ref { slotBusy[task.slot] = nil }
        if credit { send(.credit, Credit(slots: 1)) }
    }

    // MARK: timers

    private func timers(now: Double) throws {
        if now - lastHeartbeat >= configuration.heartbeatInterval {
            lastHeartbeat = now
            send(.heartbeat, Heartbeat(running: Array(tasks.keys)))
        }
        if configuration.brokerGoneLimit > 0 && now - brokerLastSeen > configuration.brokerGoneLimit {
            logger.error("the broker has been gone for \(Int(now - brokerLastSeen)) s (limit \(Int(configuration.brokerGoneLimit)) s): stopping")
            for p in slotProcesses { p?.kill() }
            exit(3)
        }
        if now - lastHeard > configuration.brokerTimeout {
            logger.warning("no word from the broker; connecting again")
            try connect()
        }
        for (ref, task) in tasks where now - task.started > task.order.timeLimit {
            if task.phase == .running { slotProcesses[task.slot]?.kill(); slotProcesses[task.slot] = nil }
            fail(ref, task, kind: "timeout", message: "stopped after the time limit of \(Int(task.order.timeLimit)) s", permanent: false)
        }
        if now - lastMemoryCheck >= 1 {
            lastMemoryCheck = now
            for (i, p) in slotProcesses.enumerated() {
                guard let p, let ref = slotBusy[i], let task = tasks[ref], task.phase == .running else { continue }
                let mb = p.residentMB()
                if mb > configuration.memoryLimitMB {
                    p.kill(); slotProcesses[i] = nil
                    fail(ref, task, kind: "memory", message: "stopped at \(mb) MB resident (limit \(configuration.memoryLimitMB) MB)", permanent: false)
                }
            }
        }
    }
}

/// Events from slot processes, posted by their reader threads and taken by the worker's loop.
final class SlotEvents: @unchecked Sendable {
    enum Kind { case line(Data), exited(String) }
    struct Event { var slot: Int; var generation: Int; var kind: Kind }
    private let lock = NSLock()
    private var items: [Event] = []   // guarded by lock
    func post(_ e: Event) { lock.withLock { items.append(e) } }
    func take() -> [Event] { lock.withLock { defer { items.removeAll() }; return items } }
}

/// One slot child process: requests on its stdin, answers on its stdout.
final class SlotProcess: @unchecked Sendable {
    let process = Foundation.Process()
    let input: FileHandle
    let generation: Int

    init(command: [String], slot: Int, generation: Int, events: SlotEvents) throws {
        self.generation = generation
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.environment = ChildProcess.environment()
        try process.run()
        input = stdin.fileHandleForWriting
        let reader = stdout.fileHandleForReading
        let process = self.process
        let thread = Thread {
            var buffer = Data()
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                buffer.append(data)
                while let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    events.post(.init(slot: slot, generation: generation, kind: .line(Data(buffer[buffer.startIndex..<nl]))))
                    buffer.removeSubrange(buffer.startIndex...nl)
                }
            }
            process.waitUntilExit()
            let how = process.terminationReason == .uncaughtSignal
                ? "was killed by signal \(process.terminationStatus)\(process.terminationStatus == SIGKILL ? " (SIGKILL)" : process.terminationStatus == SIGSEGV ? " (SIGSEGV)" : "")"
                : "exited with status \(process.terminationStatus)"
            events.post(.init(slot: slot, generation: generation, kind: .exited(how)))
        }
        thread.start()
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ request: SlotRequest) throws {
        var data = try JSONEncoder().encode(request)
        data.append(UInt8(ascii: "\n"))
        try input.write(contentsOf: data)
    }

    func kill() { Foundation.kill(pid, SIGKILL) }

    /// Closes stdin: the slot finishes its loop and exits.
    func stop() { try? input.close() }

    func residentMB() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return 0 }
        let fields = s.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }
}
