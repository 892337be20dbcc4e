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
    /// (the threshold that best separates two classes of pixels, ink and paper), or at `share`
    /// of that level: under 1, only the darker greys are ink, and strokes come out thinner.
    /// Where that share would leave less than half the ink (pale ink: a carbon copy's at 150 on
    /// paper at 205, which 0.6 of Otsu's level whitens whole, and Tesseract then reads marks
    /// alone), the level is that share of the way from the ink's mean grey to Otsu's instead.
    public func thresholded(atShare share: Double = 1) -> GreyPixels {
        var histogram = [Double](repeating: 0, count: 256)
        for b in bytes { histogram[Int(b)] += 1 }
        let total = Double(bytes.count)
        guard total > 0 else { return self }
        let sum = histogram.indices.reduce(0.0) { $0 + Double($1) * histogram[$1] }
        var weight = 0.0, weightedSum = 0.0, best = -1.0, threshold = 127
        // The ink at Otsu's level: how many pixels, and their mean grey.
        var ink = 0.0, inkMean = 0.0
        for level in 0..<256 {
            weight += histogram[level]
            weightedSum += Double(level) * histogram[level]
            guard weight > 0, weight < total else { continue }
            let meanBelow = weightedSum / weight, meanAbove = (sum - weightedSum) / (total - weight)
            let between = weight * (total - weight) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best { best = between; threshold = level; ink = weight; inkMean = meanBelow }
        }
        var out = self
        var level = UInt8(max(0, min(255, (Double(threshold) * share).rounded())))
        if share < 1, ink > 0, histogram[0...Int(level)].reduce(0, +) < ink / 2 {
            level = UInt8(max(0, min(255, (inkMean + share * (Double(threshold) - inkMean)).rounded())))
        }
        out.bytes = bytes.map { $0 > level ? 255 : 0 }
        return out
    }

    /// Pixels darker than mid-grey.
    public var darkPixels: Int {
        var dark = 0
        for b in bytes where b < 128 { dark += 1 }
        return dark
    }

    /// The upright strokes a mark's box (left, top, right, bottom, in pixels; right and bottom
    /// outside it) shows: runs of columns dark (under the midpoint of the box's darkest and
    /// lightest grey) over at least three fifths of its rows, two columns wide at least, that
    /// stand as high as the first (their ink's top and bottom within a twelfth of the box's
    /// height of its). A serifed `I` is one, two `I`s whose serifs touch are two (between their
    /// stems only the serifs are dark), an `H` two; a bracket beside them, as tall but reaching
    /// below the line, is none, so a box that reaches into it counts no stroke more. 0 when the
    /// box holds no such contrast (under 64 grey levels) or is too small to tell.
    public func strokes(left: Int, top: Int, right: Int, bottom: Int) -> Int {
        let x0 = max(0, left), x1 = min(width, right), y0 = max(0, top), y1 = min(height, bottom)
        guard x1 - x0 >= 2, y1 - y0 >= 10 else { return 0 }
        var darkest = UInt8.max, lightest = UInt8.min
        for y in y0..<y1 {
            for x in x0..<x1 { let b = bytes[y * width + x]; darkest = min(darkest, b); lightest = max(lightest, b) }
        }
        guard Int(lightest) - Int(darkest) >= 64 else { return 0 }
        let level = (Int(darkest) + Int(lightest)) / 2
        var runs: [(top: Int, bottom: Int)] = []
        var run = 0, runTop = Int.max, runBottom = Int.min
        for x in x0...x1 {
            var dark = 0, first = Int.max, last = Int.min
            if x < x1 {
                for y in y0..<y1 where Int(bytes[y * width + x]) < level { dark += 1; first = min(first, y); last = max(last, y) }
            }
            if x < x1 && dark * 5 >= (y1 - y0) * 3 {
                run += 1
                runTop = min(runTop, first); runBottom = max(runBottom, last)
            } else {
                if run >= 2 { runs.append((runTop, runBottom)) }
                run = 0; runTop = .max; runBottom = .min
            }
        }
        guard let stem = runs.first else { return 0 }
        let slack = (y1 - y0) / 12
        return runs.filter { abs($0.top - stem.top) <= slack && abs($0.bottom - stem.bottom) <= slack }.count
    }

    /// Pixels darker than mid-grey outside every box (left, top, right, bottom, in pixels;
    /// each widened by `margin` on every side): ink a reading's lines leave out.
    public func darkPixels(outside boxes: [(left: Int, top: Int, right: Int, bottom: Int)], margin: Int) -> Int {
        let covered = self.covered(by: boxes, margin: margin)
        var dark = 0
        for i in bytes.indices where bytes[i] < 128 && !covered[i] { dark += 1 }
        return dark
    }

    /// One region of ink: its box (right and bottom exclusive) and how many dark pixels it holds.
    public struct InkRegion: Sendable, Equatable {
        public var left: Int, top: Int, right: Int, bottom: Int
        public var ink: Int
    }

    /// The regions of ink (pixels darker than mid-grey) outside every box (each widened by
    /// `margin`): rows of such ink no more than `rowGap` blank rows apart make one band, and
    /// within a band, ink no more than `columnGap` blank columns apart makes one region (a
    /// heading, a line; two lines side by side are two regions). Top to bottom, then left to right.
    public func inkRegions(outside boxes: [(left: Int, top: Int, right: Int, bottom: Int)], margin: Int,
                           rowGap: Int, columnGap: Int) -> [InkRegion] {
        let covered = self.covered(by: boxes, margin: margin)
        func inked(_ i: Int) -> Bool { bytes[i] < 128 && !covered[i] }
        var rows = [Int](repeating: 0, count: height)
        for y in 0..<height { for x in 0..<width where inked(y * width + x) { rows[y] += 1 } }
        // Runs of indices whose count is non-zero, joined across gaps of at most `gap`.
        func runs(_ counts: [Int], gap: Int) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var start: Int?, last = 0
            for (i, c) in counts.enumerated() where c > 0 {
                if let s = start, i - last - 1 > gap { out.append(s..<(last + 1)); start = i } else if start == nil { start = i }
                last = i
            }
            if let s = start { out.append(s..<(last + 1)) }
            return out
        }
        var regions: [InkRegion] = []
        for band in runs(rows, gap: rowGap) {
            var columns = [Int](repeating: 0, count: width)
            for y in band { for x in 0..<width where inked(y * width + x) { columns[x] += 1 } }
            for run in runs(columns, gap: columnGap) {
                var top = band.upperBound, bottom = band.lowerBound, ink = 0
                for y in band {
                    var n = 0
                    for x in run where inked(y * width + x) { n += 1 }
                    guard n > 0 else { continue }
                    top = min(top, y); bottom = max(bottom, y + 1); ink += n
                }
                regions.append(InkRegion(left: run.lowerBound, top: top, right: run.upperBound, bottom: bottom, ink: ink))
            }
        }
        return regions
    }

    /// Whitens the rules in a box (right and bottom exclusive): rows whose longest run of
    /// pixels darker than mid-grey spans at least `share` of the box's width. An underlined
    /// heading reads as nothing with its underline (`روئیداد اجلاس`, confidence 22) and right
    /// without it; no row of text holds such a run (its letters and words have gaps). The
    /// number of rows whitened.
    @discardableResult
    public mutating func removeRules(left: Int, top: Int, right: Int, bottom: Int, share: Double = 0.5) -> Int {
        let x0 = max(0, left), x1 = min(width, right), y0 = max(0, top), y1 = min(height, bottom)
        guard x1 > x0, y1 > y0 else { return 0 }
        let needed = Int((Double(x1 - x0) * share).rounded(.up))
        var whitened = 0
        for y in y0..<y1 {
            var run = 0, longest = 0
            for x in x0..<x1 {
                if bytes[y * width + x] < 128 { run += 1; longest = max(longest, run) } else { run = 0 }
            }
            guard longest >= needed else { continue }
            for x in x0..<x1 { bytes[y * width + x] = 255 }
            whitened += 1
        }
        return whitened
    }

    /// How far a line's ink runs on beyond its box, sideways: its left and right edges moved
    /// out over the columns that hold ink (pixels darker than mid-grey) in the box's rows, until
    /// `gap` blank columns. Ink inside `others` (the boxes of other lines) is not the line's.
    /// A line read short (`جنگل` of `جنگلات`: the page's layout cut its box before the last
    /// letters) ends further out than its box.
    public func inkExtent(of box: (left: Int, top: Int, right: Int, bottom: Int), gap: Int,
                          others: [(left: Int, top: Int, right: Int, bottom: Int)]) -> (left: Int, right: Int) {
        let y0 = max(0, box.top), y1 = min(height, box.bottom)
        guard y1 > y0, gap > 0 else { return (box.left, box.right) }
        let beside = others.filter { $0.top < y1 && $0.bottom > y0 }
        func inked(_ x: Int) -> Bool {
            for y in y0..<y1 where bytes[y * width + x] < 128 {
                if !beside.contains(where: { x >= $0.left && x < $0.right && y >= $0.top && y < $0.bottom }) { return true }
            }
            return false
        }
        var left = box.left, right = box.right
        var x = left - 1
        while x >= 0, left - x <= gap {
            if inked(x) { left = x }
            x -= 1
        }
        x = right
        while x < width, x - right < gap {
            if inked(x) { right = x + 1 }
            x += 1
        }
        return (left, right)
    }

    /// Which pixels lie inside a box (each widened by `margin`).
    private func covered(by boxes: [(left: Int, top: Int, right: Int, bottom: Int)], margin: Int) -> [Bool] {
        var covered = [Bool](repeating: false, count: width * height)
        for b in boxes {
            let x0 = max(0, b.left - margin), x1 = min(width, b.right + margin)
            let y0 = max(0, b.top - margin), y1 = min(height, b.bottom + margin)
            guard x1 > x0, y1 > y0 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { covered[y * width + x] = true } }
        }
        return covered
    }
}
