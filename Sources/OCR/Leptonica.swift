import CTesseract

/// An owned Leptonica `PIX`, destroyed in `deinit` (`pixDestroy` only frees memory).
final class Pix {
    var pointer: UnsafeMutablePointer<PIX>?

    init(owning pointer: UnsafeMutablePointer<PIX>) { self.pointer = pointer }

    deinit { pixDestroy(&pointer) }

    /// Copies 8-bit grey rows into a new 8 bpp PIX (Leptonica keeps bytes in native 32-bit words).
    convenience init(_ page: GreyPixels) throws {
        guard let pix = pixCreate(Int32(page.width), Int32(page.height), 8), let data = pixGetData(pix) else {
            throw TesseractError(operation: "pixCreate", message: "cannot allocate \(page.width)x\(page.height)")
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        page.bytes.withUnsafeBytes { src in
            let dst = UnsafeMutableRawPointer(data)
            for y in 0..<page.height {
                (dst + y * wordsPerLine * 4).copyMemory(from: src.baseAddress! + y * page.width, byteCount: page.width)
            }
        }
        // Rows were copied as bytes; Leptonica addresses bytes inside big-endian words.
        pixEndianByteSwap(pix)
        pixSetResolution(pix, Int32(page.ppi), Int32(page.ppi))
        self.init(owning: pix)
    }
}

/// What Leptonica's analysis of a page's text lines tells before the page is read.
public struct TextLineMeasurement: Sendable, Equatable {
    /// Degrees to turn the page clockwise to make its lines level.
    public var skewDegrees: Double
    /// Leptonica's skew confidence: the ratio of the best projection-profile score to the worst.
    public var skewConfidence: Double
    /// Bloomberg's up-down signal: ascenders against descenders, counted by hit-miss
    /// transforms, in standard deviations. Strongly positive on upright text (+11 to +43 on
    /// the office pages measured, English and Urdu), strongly negative on upside-down text (-19
    /// to -43), small on a page on its side; 0 when fewer than 70 ascenders or descenders are found.
    public var upright: Double
    /// The same signal on the page turned a quarter clockwise: strongly positive when the
    /// text's top points left (the page needs a quarter turn clockwise), negative when it
    /// points right.
    public var leftward: Double

    public init(skewDegrees: Double, skewConfidence: Double, upright: Double, leftward: Double) {
        self.skewDegrees = skewDegrees
        self.skewConfidence = skewConfidence
        self.upright = upright
        self.leftward = leftward
    }

    /// The clockwise turn (0, 90, 180 or 270) that most likely makes the text upright, as
    /// Leptonica's `makeOrientDecision` decides: one signal at least `minimumSignal` and at least
    /// `dominance` times the other. Nil when neither decides.
    public func likelyTurn(minimumSignal: Double, dominance: Double) -> Int? {
        let up = abs(upright), left = abs(leftward)
        if up >= minimumSignal && up >= dominance * left { return upright > 0 ? 0 : 180 }
        if left >= minimumSignal && left >= dominance * up { return leftward > 0 ? 90 : 270 }
        return nil
    }
}

public enum TextLines {
    /// Silences Leptonica's warnings on stderr (a bad page is reported by Daftar, once).
    public static func quietLeptonica() { _ = setMsgSeverity(Int32(L_SEVERITY_ERROR)) }

    /// Measures skew (projection-profile sweep) and, when `signals`, the up-down signals of a
    /// greyscale page, from one binarisation (the signals are 0 when not measured).
    public static func measure(_ page: GreyPixels, signals: Bool = true) throws -> TextLineMeasurement {
        let grey = try Pix(page)
        guard let binary = pixConvertTo1(grey.pointer, 160) else {
            throw TesseractError(operation: "pixConvertTo1", message: "cannot binarise page")
        }
        let bw = Pix(owning: binary)
        var angle: Float = 0, confidence: Float = 0
        if pixFindSkew(bw.pointer, &angle, &confidence) != 0 { (angle, confidence) = (0, 0) }
        // Leptonica counts ascenders at 150 to 300 ppi; at 150 both signals cost 15 ms on a dense
        // page (55 at 300) and still separate upright, turned and upside-down office pages.
        // Rank 2 of 4 keeps thin strokes without merging lines.
        var upright: Float = 0, leftward: Float = 0
        if signals {
            let counted = page.ppi >= 250 ? pixReduceRankBinary2(bw.pointer, 2, nil).map(Pix.init(owning:)) : bw
            // mincount 0: Leptonica's default (70 ascenders or descenders).
            if pixOrientDetect(counted?.pointer, &upright, &leftward, 0, 0) != 0 { (upright, leftward) = (0, 0) }
        }
        return TextLineMeasurement(skewDegrees: Double(angle), skewConfidence: Double(confidence),
                                   upright: Double(upright), leftward: Double(leftward))
    }
}
