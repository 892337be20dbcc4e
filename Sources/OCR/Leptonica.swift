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

/// Text-line skew of a page, measured by Leptonica's projection-profile sweep.
public struct SkewMeasurement: Sendable, Equatable {
    /// Degrees to turn the page clockwise to make its lines level.
    public var degrees: Double
    /// Leptonica's confidence: the ratio of the best profile score to the worst.
    public var confidence: Double
}

public enum Skew {
    /// Silences Leptonica's warnings on stderr (a bad page is reported by Daftar, once).
    public static func quietLeptonica() { _ = setMsgSeverity(Int32(L_SEVERITY_ERROR)) }

    /// Measures the skew of text lines on a greyscale page.
    public static func measure(_ page: GreyPixels) throws -> SkewMeasurement {
        let grey = try Pix(page)
        guard let binary = pixConvertTo1(grey.pointer, 160) else {
            throw TesseractError(operation: "pixConvertTo1", message: "cannot binarise page")
        }
        let bw = Pix(owning: binary)
        var angle: Float = 0, confidence: Float = 0
        let status = pixFindSkew(bw.pointer, &angle, &confidence)
        guard status == 0 else { return SkewMeasurement(degrees: 0, confidence: 0) }
        return SkewMeasurement(degrees: Double(angle), confidence: Double(confidence))
    }
}
