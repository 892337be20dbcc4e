/// Which queued job goes next: the highest priority first, first-in-first-out within a
/// priority, and ageing so that no job waits forever: a job gains one priority level for every
/// `agingSeconds` it has waited, so a priority-0 job that has waited 9 × `agingSeconds`
/// goes before a priority-9 job that has just arrived.
///
/// Every operation is O(1) amortised (the broker removes a job from here on every accepted
/// result): `live` maps each queued job to the sequence number of its one live entry; an
/// entry whose number is not in `live` (removed, or queued again since) is skipped when it
/// reaches the head of its FIFO.
public struct Scheduler: Sendable {
    public static let priorities = 0...9
    public let agingSeconds: Double

    private struct Entry: Sendable { var id: Int64; var queuedAt: Double; var sequence: Int }
    /// One FIFO per priority; `heads[p]` is the index of its first unconsumed entry.
    private var fifos: [[Entry]] = Array(repeating: [], count: 10)
    private var heads: [Int] = Array(repeating: 0, count: 10)
    private var live: [Int64: Int] = [:]
    private var sequence = 0

    public var count: Int { live.count }

    public init(agingSeconds: Double = 60) { self.agingSeconds = agingSeconds }

    /// Queues a job (queuing it again replaces its earlier place).
    public mutating func enqueue(_ id: Int64, priority: Int, queuedAt: Double) {
        sequence += 1
        live[id] = sequence
        fifos[min(9, max(0, priority))].append(Entry(id: id, queuedAt: queuedAt, sequence: sequence))
    }

    /// Removes a job wherever it is.
    public mutating func remove(_ id: Int64) { live[id] = nil }

    public func contains(_ id: Int64) -> Bool { live[id] != nil }

    /// Takes the next job, or nil when none is queued.
    public mutating func next(now: Double) -> Int64? {
        var best: (score: Double, p: Int)?
        for p in (0..<10).reversed() {
            skipDead(p)
            guard heads[p] < fifos[p].count else { continue }
            let waited = max(0, now - fifos[p][heads[p]].queuedAt)
            let score = Double(p) + waited / agingSeconds
            if best == nil || score > best!.score { best = (score, p) }
        }
        guard let p = best?.p else { return nil }
        let id = fifos[p][heads[p]].id
        heads[p] += 1
        live[id] = nil
        compact(p)
        return id
    }

    /// Seconds the oldest queued job has waited.
    public mutating func oldestWait(now: Double) -> Double {
        var oldest: Double?
        for p in 0..<10 {
            skipDead(p)
            if heads[p] < fifos[p].count { oldest = min(oldest ?? .infinity, fifos[p][heads[p]].queuedAt) }
        }
        return oldest.map { max(0, now - $0) } ?? 0
    }

    private func isLive(_ e: Entry) -> Bool { live[e.id] == e.sequence }

    private mutating func skipDead(_ p: Int) {
        while heads[p] < fifos[p].count, !isLive(fifos[p][heads[p]]) { heads[p] += 1 }
        compact(p)
    }

    private mutating func compact(_ p: Int) {
        if heads[p] > 4096 && heads[p] * 2 > fifos[p].count {
            fifos[p].removeFirst(heads[p])
            heads[p] = 0
        }
    }
}
