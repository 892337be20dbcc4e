import DaftarIndex
import Foundation
import XCTest

/// Tier 2: the index on a real PostgreSQL server (Debian `postgresql`), started on loopback
/// in a temporary folder for this test and stopped after it.
final class PostgresIndexTests: XCTestCase {
    final class Server {
        let dir: String
        let port = Int.random(in: 20_000...40_000)
        let bin: String
        let asRoot = getuid() == 0
        init(dir: String) throws {
            self.dir = dir
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
            guard let v = versions.sorted().last else { throw XCTSkip("PostgreSQL is not installed (workers/install-deps.sh installs it)") }
            bin = "/usr/lib/postgresql/\(v)/bin"
        }
        var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres?connect_timeout=5" }

        /// Runs a PostgreSQL tool and waits for it (posix_spawn + waitpid; output to a file, not
        /// a pipe, since the server that pg_ctl starts would hold a pipe open). As root, the
        /// tool runs as the `postgres` user: PostgreSQL refuses to run as root.
        @discardableResult
        func run(_ tool: String, _ args: [String]) throws -> String {
            let log = dir + "/\(tool).out"
            let argv = (asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", "\(bin)/\(tool)"] : ["\(bin)/\(tool)"]) + args
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { cArgs.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else {
                throw NSError(domain: "postgres", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot start \(tool)"])
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            guard status == 0 else {
                throw NSError(domain: "postgres", code: Int(status), userInfo: [NSLocalizedDescriptionKey: "\(tool) failed: \(text)"])
            }
            return text
        }

        func start() throws {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if asRoot {
                let chown = Foundation.Process()
                chown.executableURL = URL(fileURLWithPath: "/bin/chown")
                chown.arguments = ["-R", "postgres:postgres", dir]
                try chown.run(); chown.waitUntilExit()
            }
            try run("initdb", ["-D", dir + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"])
            try run("pg_ctl", ["-D", dir + "/data", "-l", dir + "/server.log", "-w", "-t", "60", "start",
                               "-o", "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off"])
        }

        func stop() { _ = try? run("pg_ctl", ["-D", dir + "/data", "-m", "immediate", "-w", "stop"]) }
    }

    func testPostgresIndexAnswersLikeSQLite() throws {
        let dir = NSTemporaryDirectory() + "daftar-pg-\(UUID().uuidString)"
        let server = try Server(dir: dir)
        try server.start()
        addTeardownBlock {
            server.stop()
            try? FileManager.default.removeItem(atPath: dir)
        }
        let index = try PostgresIndex(url: server.url)
        try IndexTests.checkSearch(index)
        // Migrations are named and run once: opening again changes nothing.
        XCTAssertEqual(try PostgresIndex(url: server.url).counts().documents, try index.counts().documents)
        XCTAssertEqual(try index.counts().documents, 33)
        try IndexTests.checkVerdicts(index)
        try IndexTests.checkFields(index)
        try IndexTests.checkOwnSpelling(index)
        XCTAssertThrowsError(try PostgresIndex(url: "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"))
    }
}
