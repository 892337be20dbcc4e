import CLibVips

/// A libvips failure: the operation that failed and libvips' own message.
public struct VipsError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    /// Takes and clears libvips' per-thread error buffer.
    static func current(_ operation: String) -> VipsError {
        let text = vips_error_buffer().map { String(cString: $0) } ?? ""
        vips_error_clear()
        let message = text.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty }.joined(separator: "; ")
        return VipsError(operation: operation, message: message.isEmpty ? "failed" : message)
    }

    public var description: String { "\(operation): \(message)" }
}

/// Calls a libvips shim that produces one image, and takes ownership of it.
@inline(__always)
func produce(_ operation: String, _ body: (UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32) throws -> Image {
    var out: UnsafeMutablePointer<VipsImage>?
    guard body(&out) == 0, let out else { throw VipsError.current(operation) }
    return Image(owning: out)
}
