import CGreyBits
import CTesseract
import Foundation

/// An owned Leptonica `PIX`, destroyed in `deinit` (`pixDestroy` only frees memory).
final class Pix {
    var pointer: UnsafeMutablePointer<PIX>?

    init(owning pointer: UnsafeMutablePointer<PIX>) { self.pointer = pointer }

    deinit { pixDestroy(&pointer) }

    /// Calls `body` with the PIX, this owner kept alive until it returns (Swift may end an
    /// object's life right after its last use: a bare `pointer` handed to C can outlive it).
    func with<R>(_ body: (UnsafeMutablePointer<PIX>?) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(pointer) }
    }

    /// Copies 8-bit grey rows into a new 8 bpp PIX (Leptonica keeps bytes in native 32-bit
    /// words): the page's size, or a larger `canvas` with the page at (`left`, `top`) on white.
    convenience init(_ page: GreyPixels, canvas: (width: Int, height: Int, left: Int, top: Int)? = nil) throws {
        let c = canvas ?? (page.width, page.height, 0, 0)
        guard let pix = pixCreate(Int32(c.width), Int32(c.height), 8), let data = pixGetData(pix) else {
            throw TesseractError(operation: "pixCreate", message: "cannot allocate \(c.width)x\(c.height)")
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        let dst = UnsafeMutableRawPointer(data)
        if canvas != nil { dst.initializeMemory(as: UInt8.self, repeating: 255, count: wordsPerLine * 4 * c.height) }
        page.bytes.withUnsafeBytes { src in
            for y in 0..<page.height {
                (dst + (y + c.top) * wordsPerLine * 4 + c.left).copyMemory(from: src.baseAddress! + y * page.width, byteCount: page.width)
            }
        }
        // Rows were copied as bytes; Leptonica addresses bytes inside big-endian words.
        pixEndianByteSwap(pix)
        pixSetResolution(pix, Int32(page.ppi), Int32(page.ppi))
        self.init(owning: pix)
    }

    /// The 8 bpp PIX's pixels as grey rows.
    func greyPixels(ppi: Int) throws -> GreyPixels {
        guard let pointer, pixGetDepth(pointer) == 8, let data = pixGetData(pointer) else {
            throw TesseractError(operation: "pixGetData", message: "not an 8 bpp image")
        }
        let width = Int(pixGetWidth(pointer)), height = Int(pixGetHeight(pointer))
        let wordsPerLine = Int(pixGetWpl(pointer))
        pixEndianByteSwap(pointer)
        defer { pixEndianByteSwap(pointer) }
        let bytes = [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            let src = UnsafeRawPointer(data)
            for y in 0..<height {
                UnsafeMutableRawPointer(out.baseAddress! + y * width)
                    .copyMemory(from: src + y * wordsPerLine * 4, byteCount: width)
            }
            count = width * height
        }
        return GreyPixels(width: width, height: height, ppi: ppi, bytes: bytes)
    }
}

extension GreyPixels {
    /// Where a page lies on the canvas that holds it whole once turned by `degrees`: the canvas
    /// is the turned page's bounding box, rounded up to whole pixels, and the page sits in its
    /// middle (as `levelled(degrees:)` places it before turning it about the canvas's centre).
    public static func levelCanvas(width: Int, height: Int, degrees: Double) -> (width: Int, height: Int, left: Int, top: Int) {
        let t = abs(degrees) * .pi / 180
        let w = Int((Double(width) * cos(t) + Double(height) * sin(t) - 1e-6).rounded(.up))
        let h = Int((Double(width) * sin(t) + Double(height) * cos(t) - 1e-6).rounded(.up))
        return (max(w, width), max(h, height), (max(w, width) - width) / 2, (max(h, height) - height) / 2)
    }

    /// The page turned clockwise by a quarter turn: `degrees` is 90, 180 or 270 (0 returns it
    /// as it is). Leptonica's orthogonal rotation, on the bytes already in hand.
    public func turned(clockwise degrees: Int) throws -> GreyPixels {
        let quarters = ((degrees / 90) % 4 + 4) % 4
        guard quarters != 0 else { return self }
        let page = try Pix(self)
        guard let turned = page.with({ pixRotateOrth($0, Int32(quarters)) }) else {
            throw TesseractError(operation: "pixRotateOrth", message: "cannot turn the page \(degrees) degrees")
        }
        return try Pix(owning: turned).greyPixels(ppi: ppi)
    }

    /// The page turned `degrees` clockwise (as the eye sees it) about the centre of the canvas
    /// `levelCanvas` gives, white where the page does not reach. Leptonica's rotation by three
    /// shears: an exact rotation that moves whole pixels (no interpolation, so strokes stay
    /// sharp), at about a tenth of the cost of interpolating every pixel of a page. Meant for
    /// levelling skew up to 15 degrees; larger angles distort.
    ///
    /// `interpolated`: Leptonica's area-map rotation instead, which blends neighbouring pixels.
    /// The shears' whole-pixel steps along a turned Nastaliq line made Tesseract's layout pass
    /// over the page's first line (a Nastaliq page turned 2.5°: 16% character error sheared,
    /// 3% interpolated). Latin-script pages keep the shears, at a tenth of the cost.
    public func levelled(degrees: Double, interpolated: Bool = false) throws -> GreyPixels {
        let canvas = Self.levelCanvas(width: width, height: height, degrees: degrees)
        let page = try Pix(self, canvas: canvas)
        // About the canvas's centre, (width / 2, height / 2) in whole pixels.
        guard let turned = page.with({ interpolated
            ? pixRotate($0, Float(degrees * .pi / 180), Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)
            : pixRotate3Shear($0, Int32(canvas.width / 2), Int32(canvas.height / 2),
                              Float(degrees * .pi / 180), Int32(L_BRING_IN_WHITE)) }) else {
            throw TesseractError(operation: "pixRotate3Shear", message: "cannot turn the page \(degrees) degrees")
        }
        return try Pix(owning: turned).greyPixels(ppi: ppi)
    }

    /// The page at `factor` of its size (below 1), each new pixel the mean of the pixels it
    /// covers (Leptonica's area mapping), its resolution scaled alike.
    public func shrunk(by factor: Double) throws -> GreyPixels {
        guard factor < 1 else { return self }
        let page = try Pix(self)
        guard let small = page.with({ pixScaleAreaMap($0, Float(factor), Float(factor)) }) else {
            throw TesseractError(operation: "pixScaleAreaMap", message: "cannot shrink the page by \(factor)")
        }
        return try Pix(owning: small).greyPixels(ppi: Int((Double(ppi) * factor).rounded()))
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
    /// points right. 0 when not measured: the upright signal alone was decisive.
    public var leftward: Double
    /// The share of the page's ink in marks too large to be letters (`TextLines.largeMark`):
    /// pictures, drawings, a table's rules and frames, letters a poster's size. 0 when not measured.
    public var largeMarkInk: Double

    public init(skewDegrees: Double, skewConfidence: Double, upright: Double, leftward: Double, largeMarkInk: Double = 0) {
        self.skewDegrees = skewDegrees
        self.skewConfidence = skewConfidence
        self.upright = upright
        self.leftward = leftward
        self.largeMarkInk = largeMarkInk
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

    /// Grey levels darker than this are ink when a page is binarised to measure its lines.
    static let inkThreshold: UInt8 = 160

    /// A mark (8-connected ink) wider or taller than this, in inches, is no letter: a letter of
    /// 36-point type, a Nastaliq word with its tall and deep strokes, stays inside half an inch
    /// high, and a word inside an inch and a half wide; a rule, a frame, a drawing or a
    /// photograph's dark areas do not.
    public static let largeMark = (width: 1.5, height: 0.5)

    /// Measures skew (projection-profile sweep) and, when `signals`, the up-down signals of a
    /// greyscale page at the working resolution (250 to 400 ppi), from one binarisation at
    /// half that resolution (the signals are 0 when not measured). The leftward signal is
    /// measured only when the upright one is weaker than `decisiveUpright`: a page whose upright
    /// signal is that strong either way has its lines across, and the leftward signal (a second
    /// count, on the page turned a quarter) would not change what is done with it. With
    /// `marks`, the share of the ink in marks too large to be letters is measured on the same
    /// binarisation (0 when not).
    public static func measure(_ page: GreyPixels, signals: Bool = true,
                               decisiveUpright: Double = .infinity, marks: Bool = false) throws -> TextLineMeasurement {
        // A page under two pixels either way has no lines to measure.
        guard page.width >= 2, page.height >= 2 else {
            return TextLineMeasurement(skewDegrees: 0, skewConfidence: 0, upright: 0, leftward: 0)
        }
        let (any, two) = try halvedBinaries(page)
        // Leptonica's pixFindSkew sweeps at a quarter of the page's resolution and searches at
        // a half, both reduced so that a half-size pixel is ink when any pixel under it is:
        // `any` is that half, so the same sweep and search run at reductions 2 and 1, with
        // pixFindSkew's other defaults: ±7 degrees in steps of 1, searched down to 0.01.
        var angle: Float = 0, confidence: Float = 0
        if any.with({ pixFindSkewSweepAndSearch($0, &angle, &confidence, 2, 1, 7, 1, 0.01) }) != 0 { (angle, confidence) = (0, 0) }
        // Leptonica counts ascenders at 150 to 300 ppi; at 150 both signals cost 15 ms on a dense
        // page (55 at 300) and still separate upright, turned and upside-down office pages.
        // Rank 2 of 4 keeps thin strokes without merging lines.
        var upright: Float = 0, leftward: Float = 0
        // mincount 0: Leptonica's default (70 ascenders or descenders).
        if signals {
            if two.with({ pixOrientDetect($0, &upright, nil, 0, 0) }) != 0 { upright = 0 }
            if abs(Double(upright)) < decisiveUpright, two.with({ pixOrientDetect($0, nil, &leftward, 0, 0) }) != 0 { leftward = 0 }
        }
        let large = marks ? two.with { largeMarkShare($0, ppi: Double(page.ppi) / 2) } : 0
        return TextLineMeasurement(skewDegrees: Double(angle), skewConfidence: Double(confidence),
                                   upright: Double(upright), leftward: Double(leftward), largeMarkInk: large)
    }

    /// The share of a 1-bpp page's ink (at `ppi`) in 8-connected marks larger than `largeMark`
    /// either way.
    static func largeMarkShare(_ pix: UnsafeMutablePointer<PIX>?, ppi: Double) -> Double {
        var total: Int32 = 0
        guard pixCountPixels(pix, &total, nil) == 0, total > 0 else { return 0 }
        let width = Int32((largeMark.width * ppi).rounded()), height = Int32((largeMark.height * ppi).rounded())
        var changed: Int32 = 0
        guard let selected = pixSelectBySize(pix, width, height, 8, Int32(L_SELECT_IF_EITHER), Int32(L_SELECT_IF_GT), &changed) else {
            return 0
        }
        let large = Pix(owning: selected)
        var count: Int32 = 0
        guard large.with({ pixCountPixels($0, &count, nil) }) == 0 else { return 0 }
        return Double(count) / Double(total)
    }

    /// The page binarised at `inkThreshold` and halved (`daftar_binarise_halved`): a half-size
    /// pixel is ink in `any` when any of the four under it is, in `two` when two are, as
    /// Leptonica's pixConvertTo1 and pixReduceRankBinary2 at ranks 1 and 2 would make them.
    static func halvedBinaries(_ page: GreyPixels) throws -> (any: Pix, two: Pix) {
        let (w, h) = (page.width / 2, page.height / 2)
        func half() throws -> Pix {
            guard w > 0, h > 0, let pix = pixCreate(Int32(w), Int32(h), 1) else {
                throw TesseractError(operation: "pixCreate", message: "cannot binarise a \(page.width)x\(page.height) page")
            }
            pixSetResolution(pix, Int32(page.ppi / 2), Int32(page.ppi / 2))
            return Pix(owning: pix)
        }
        let any = try half(), two = try half()
        any.with { anyPix in
            two.with { twoPix in
                page.bytes.withUnsafeBufferPointer { grey in
                    daftar_binarise_halved(grey.baseAddress, Int32(page.width), Int32(page.height), Int32(page.width),
                                           inkThreshold, pixGetData(anyPix), pixGetData(twoPix), pixGetWpl(anyPix))
                }
            }
        }
        return (any, two)
    }
}
