/// Names that become paths under the broker's data folder: a batch name is one path
/// component, a document name a relative path. Both are refused, not rewritten, when they
/// could leave their folder.
public enum Names {
    public static func isSafeComponent(_ s: String) -> Bool {
        !s.isEmpty && s != "." && s != ".." && s.utf8.count <= 255 && !s.contains("/")
            && !s.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    public static func isSafeRelativePath(_ s: String) -> Bool {
        guard !s.hasPrefix("/"), s.utf8.count <= 4096 else { return false }
        return s.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { isSafeComponent(String($0)) }
    }

    /// Whether a ZeroMQ endpoint stays on this machine (loopback TCP, ipc, inproc).
    public static func isLocalEndpoint(_ endpoint: String) -> Bool {
        if endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") { return true }
        guard endpoint.hasPrefix("tcp://") else { return false }
        var host = String(endpoint.dropFirst(6))
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host.hasPrefix("127.")
    }
}
