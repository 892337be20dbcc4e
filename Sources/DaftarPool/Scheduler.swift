/// Which queued job goes next: the highest priority first, first-in-first-out within a
/// priority, and ageing so that no job waits forever: a job gains one priority level for every
/// `agingSeconds` it has waited, so a priority-0 job that has waited 9 × `agingSeconds`
/// goes before a priority-9 job that has just arrived.
public struct Scheduler: Sendable {
    public static let priorities = 0...9
    public let agingSeconds: Double

    private struct Entry: Sendable { var id: Int64; var queuedAt: Double }
    /// One FIFO per priority; `heads[p]` is the index of the first live entry.
    private var fifos: [[Entry]] = Array(repeating: [], count: 10)
    private var heads: [Int] = Array(repeating: 0, count: 10)
    /// Jobs taken out of the middle (cancelled); skipped when they reach the head.
    private var removed: Set<Int64> = []
    public private(set) var count = 0

    public init(agingSeconds: Double = 60) { self.agingSeconds = agingSeconds }

    public mutating func enqueue(_ id: Int64, priority: Int, queuedAt: Double) {
        let p = min(9, max(0, priority))
        removed.remove(id)
        fifos[p].append(Entry(id: id, queuedAt: queuedAt))
        count += 1
    }

    /// Removes a job wherever it is (lazily).
    public mutating func remove(_ id: Int64) {
        guard !removed.contains(id), contains(id) else { return }
        removed.insert(id)
        count -= 1
    }

    public func contains(_ id: Int64) -> Bool {
        for p in 0..<10 where fifos[p][heads[p]...].contains(where: { $0.id == id }) { return !removed.contains(id) }
        return false
    }

    /// Takes the next job, or nil when none is queued.
    public mutating func next(now: Double) -> Int64? {
        var best: (score: Double, p: Int)?
        for p in (0..<10).reversed() {
            skipRemoved(p)
            guard heads[p] < fifos[p].count else { continue }
            let waited = max(0, now - fifos[p][heads[p]].queuedAt)
            let score = Double(p) + waited / agingSeconds
            if best == nil || score > best!.score { best = (score, p) }
        }
        guard let p = best?.p else { return nil }
        let id = fifos[p][heads[p]].id
        heads[p] += 1
        count -= 1
        compact(p)
        return id
    }

    /// Seconds the oldest queued job has waited.
    public func oldestWait(now: Double) -> Double {
        var oldest: Double?
        for p in 0..<10 {
            if let e = fifos[p][heads[p]...].first(where: { !removed.contains($0.id) }) {
                oldest = min(oldest ?? e.queuedAt, e.queuedAt)
            }
        }
        return oldest.map { max(0, now - $0) } ?? 0
    }

    private mutating func skipRemoved(_ p: Int) {
        while heads[p] < fifos[p].count, removed.contains(fifos[p][heads[p]].id) {
            removed.remove(fifos[p][heads[p]].id)
            heads[p] += 1
        }
        compact(p)
    }

    private mutating func compact(_ p: Int) {
        if heads[p] > 4096 && heads[p] * 2 > fifos[p].count {
            fifos[p].removeFirst(heads[p])
            heads[p] = 0
        }
    }
}
