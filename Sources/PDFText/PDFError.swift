/// A PDF that cannot be read, and why. `kind` tells permanent causes apart.
public struct PDFError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case encrypted, damaged, render
    }
    public var kind: Kind
    public var operation: String
    /// Poppler's `PopplerError` code (or cairo status for renders), -1 when none.
    public var code: Int32
    public var message: String

    public init(kind: Kind, operation: String, code: Int32 = -1, message: String) {
        self.kind = kind
        self.operation = operation
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
