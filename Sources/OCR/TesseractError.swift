/// A Tesseract or Leptonica failure: the call that failed, its native status, and what it means.
public struct TesseractError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var message: String

    public init(operation: String, code: Int32 = -1, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    public var description: String { "\(operation) (\(code)): \(message)" }
}
