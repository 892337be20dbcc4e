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

    /// Whether anything darker than mid-grey covers at least `share` of the page (a blank page,
    /// or one with a few specks, has less): asked of pages on which no words were read.
    public func hasInk(share: Double = 0.0005) -> Bool {
        Double(darkPixels) >= share * Double(max(1, bytes.count))
    }

    /// Pixels darker than mid-grey.
    public var darkPixels: Int {
        var dark = 0
        for b in bytes where b < 128 { dark += 1 }
        return dark
    }
}
