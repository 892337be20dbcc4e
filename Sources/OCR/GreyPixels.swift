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

    /// The page black on white, thresholded where Otsu's method splits its grey levels
    /// (the threshold that best separates two classes of pixels, ink and paper).
    public func thresholded() -> GreyPixels {
        var histogram = [Double](repeating: 0, count: 256)
        for b in bytes { histogram[Int(b)] += 1 }
        let total = Double(bytes.count)
        guard total > 0 else { return self }
        let sum = histogram.indices.reduce(0.0) { $0 + Double($1) * histogram[$1] }
        var weight = 0.0, weightedSum = 0.0, best = -1.0, threshold = 127
        for level in 0..<256 {
            weight += histogram[level]
            weightedSum += Double(level) * histogram[level]
            guard weight > 0, weight < total else { continue }
            let meanBelow = weightedSum / weight, meanAbove = (sum - weightedSum) / (total - weight)
            let between = weight * (total - weight) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best { best = between; threshold = level }
        }
        var out = self
        out.bytes = bytes.map { $0 > UInt8(threshold) ? 255 : 0 }
        return out
    }

    /// Pixels darker than mid-grey.
    public var darkPixels: Int {
        var dark = 0
        for b in bytes where b < 128 { dark += 1 }
        return dark
    }

    /// Pixels darker than mid-grey outside every box (left, top, right, bottom, in pixels;
    /// each widened by `margin` on every side): ink a reading's lines leave out.
    public func darkPixels(outside boxes: [(left: Int, top: Int, right: Int, bottom: Int)], margin: Int) -> Int {
        var covered = [Bool](repeating: false, count: width * height)
        for b in boxes {
            let x0 = max(0, b.left - margin), x1 = min(width, b.right + margin)
            let y0 = max(0, b.top - margin), y1 = min(height, b.bottom + margin)
            guard x1 > x0, y1 > y0 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { covered[y * width + x] = true } }
        }
        var dark = 0
        for i in bytes.indices where bytes[i] < 128 && !covered[i] { dark += 1 }
        return dark
    }
}
