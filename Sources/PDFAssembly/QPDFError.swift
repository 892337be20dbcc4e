/// A qpdf failure: the operation, qpdf's error code and its full message.
public struct QPDFError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var message: String

    public init(operation: String, code: Int32 = -1, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }
}
