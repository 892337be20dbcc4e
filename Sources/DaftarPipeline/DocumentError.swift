/// Why a document could not be digitised. `kind` is stable, machine-readable and tells a
/// permanent problem with the file (retrying cannot help) from a transient one.
public struct DocumentError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        /// Zero bytes.
        case empty
        /// Not a format Daftar reads (told from the bytes).
        case unsupported
        /// A PDF that needs a password.
        case encrypted
        /// Truncated or corrupt data.
        case corrupt
        /// More pixels than the configured limit: a decompression bomb or an absurd scan.
        case tooLarge = "too-large"
        /// A dynamic XFA form: the PDF's pages are a placeholder; its content is an XML form
        /// that only a forms viewer lays out.
        case xfa
        /// The file cannot be opened or read.
        case unreadable
        /// OCR, cleaning or output failed for a reason not in the file.
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// True when the file itself is the problem, so another attempt would fail the same way.
    public var isPermanent: Bool { kind != .failed && kind != .unreadable }

    public var description: String { "\(kind.rawValue): \(message)" }
}
