import CProcess
import Foundation

/// Child processes that must not outlive the process that started them: `serve`'s worker and
/// HTTP front end, a worker's slots. The parent names itself in the child's environment
/// (`DAFTAR_PARENT_PID`); the child, first thing, asks the kernel to kill it when its parent
/// goes (`PR_SET_PDEATHSIG`, SIGKILL, so a hung slot goes too) and exits at once if the parent
/// is already gone (the race between spawning and asking).
///
/// The kernel signals when the *thread* that spawned the child ends: children are spawned from
/// the parent's main loop thread, which lives as long as the process.
public enum ChildProcess {
    public static let parentVariable = "DAFTAR_PARENT_PID"

    /// The environment for a child that dies with this process.
    public static func environment(_ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var env = base
        env[parentVariable] = String(getpid())
        return env
    }

    /// Called by every daftar process at start: when a parent named itself, die with it.
    public static func dieWithParent() {
        guard let text = ProcessInfo.processInfo.environment[parentVariable], let parent = Int32(text) else { return }
        _ = daftar_set_parent_death_signal(SIGKILL)
        if getppid() != parent { exit(1) }
    }
}
