import CLibVips
import Foundation

/// Process-wide libvips set-up. Call `Vips.start()` once before any image work;
/// it is idempotent and thread-safe.
public enum Vips {
    private static let started: Bool = {
        guard vips_init("daftar") == 0 else { return false }
        // One job per core: each job uses one thread, so libvips' own pool stays at one.
        vips_concurrency_set(1)
        // Operation caching buys nothing for a stream of different documents and holds
        // memory for the life of a worker; keep it off.
        vips_cache_set_max(0)
        vips_cache_set_max_mem(0)
        return true
    }()

    @discardableResult
    public static func start() -> Bool { started }

    /// libvips' version, e.g. "8.14.1".
    public static var version: String {
        "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }
}
