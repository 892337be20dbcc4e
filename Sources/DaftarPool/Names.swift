/// Names that become paths under the broker's data folder: a batch name is one path
/// component, a document name a relative path. Both are refused, not rewritten, when they
/// could leave their folder.
public enum Names {
    /// Bytes in one component of a file name. File systems allow 255; the broker may add
    /// `.` and twelve digits of a SHA-256 to tell two files of one name apart, and staging
    /// folders add a little more, so a name keeps well clear of the limit.
    public static let maximumComponentBytes = 200
    /// Bytes in a batch name, and in a whole relative file name.
    public static let maximumBatchBytes = 100
    public static let maximumPathBytes = 1024
    /// Metadata a batch or a file may carry: keys, key length, value length.
    public static let maximumMetaKeys = 64
    public static let maximumMetaKeyBytes = 64
    public static let maximumMetaValueBytes = 4096

    /// One path component: not empty, not only dots, no `/` or `\`, no control or format
    /// characters (right-to-left overrides, zero-width joiners at the edges of a name make it
    /// read as another), at most `maximumComponentBytes`.
    public static func isSafeComponent(_ s: String) -> Bool {
        !s.isEmpty && !s.allSatisfy({ $0 == "." }) && s.utf8.count <= maximumComponentBytes
            && !s.contains("/") && !s.contains("\\")
            && !s.unicodeScalars.contains { isUnsafeScalar($0) }
    }

    /// A batch name: a safe component of at most `maximumBatchBytes`.
    public static func isSafeBatch(_ s: String) -> Bool {
        isSafeComponent(s) && s.utf8.count <= maximumBatchBytes
    }

    public static func isSafeRelativePath(_ s: String) -> Bool {
        guard !s.hasPrefix("/"), s.utf8.count <= maximumPathBytes else { return false }
        return s.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { isSafeComponent(String($0)) }
    }

    /// Metadata within the limits, with keys that are plain printable names (they become
    /// `bag-info.txt` labels) and values without control characters other than none.
    public static func isSafeMeta(_ meta: [String: String]) -> Bool {
        meta.count <= maximumMetaKeys && meta.allSatisfy { key, value in
            !key.isEmpty && key.utf8.count <= maximumMetaKeyBytes && value.utf8.count <= maximumMetaValueBytes
                && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0)) }
                && !value.unicodeScalars.contains { isUnsafeScalar($0) }
        }
    }

    static func isUnsafeScalar(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value)
            || c.properties.generalCategory == .format || c.properties.generalCategory == .lineSeparator
            || c.properties.generalCategory == .paragraphSeparator
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
