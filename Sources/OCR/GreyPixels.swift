/// An 8-bit greyscale page as OCR takes it: rows of `width` bytes, dark ink on light paper.
public struct GreyPixels: Sendable {
    public var width: Int
    public var height: Int
    /// Resolution in pixels per inch; Tesseract's size heuristics and the PDF page size use it.
    public var ppi: Int
    public var bytes: [UInt8]

    public init(width: Int, height: Int, ppi: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height, "GreyPixels: \(bytes.count) bytes for \(width)x\(height)")
        self.width = width
        self.height = height
        self.ppi = ppi
        self.bytes = bytes
    }

    /// Pixels darker than mid-grey.
    public var darkPixels: Int {
        var dark = 0
        for b in bytes where b < 128 { dark += 1 }
        return dark
    }
}
