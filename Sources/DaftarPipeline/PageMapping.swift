import Foundation
import OCR
import PDFAssembly

/// The geometry that ties a recognised page back to the page it came from.
///
/// Pixel spaces have y down; PDF spaces have y up and are in points. The chain is:
/// source page (PDF user space) → raster (rendered or scanned pixels, as displayed) →
/// cleaned (scaled, cropped, turned upright, deskewed) → text layer (Tesseract's page, points).
public enum PageMapping {
    /// Clockwise turn of a `width`×`height` pixel image by 0/90/180/270 degrees.
    public static func turn(clockwise degrees: Int, width: Double, height: Double) -> Affine {
        switch ((degrees % 360) + 360) % 360 {
        case 90: return Affine(a: 0, b: 1, c: -1, d: 0, e: height, f: 0)
        case 180: return Affine(a: -1, b: 0, c: 0, d: -1, e: width, f: height)
        case 270: return Affine(a: 0, b: -1, c: 1, d: 0, e: 0, f: width)
        default: return .identity
        }
    }

    /// Rotation by `degrees` (clockwise on screen) of a `width`×`height` image onto the canvas
    /// that holds it whole, as `GreyPixels.levelled(degrees:)` turns a page: placed in the
    /// middle of the canvas, turned about the canvas's centre.
    public static func deskew(degrees: Double, width: Double, height: Double) -> Affine {
        let canvas = GreyPixels.levelCanvas(width: Int(width), height: Int(height), degrees: degrees)
        let cx = Double(canvas.width / 2), cy = Double(canvas.height / 2)
        return Affine.translation(Double(canvas.left) - cx, Double(canvas.top) - cy)
            .then(.rotation(radians: degrees * .pi / 180))
            .then(.translation(cx, cy))
    }

    /// Source page user space → raster pixels, for a page rendered as displayed at `ppi`.
    /// `box` is the visible box [x0, y0, x1, y1]; `rotate` the page's /Rotate.
    public static func userToRaster(box: [Double], rotate: Int, ppi: Double) -> Affine {
        let k = ppi / 72
        let unrotated = Affine(a: k, b: 0, c: 0, d: -k, e: -box[0] * k, f: box[3] * k)
        let w = (box[2] - box[0]) * k, h = (box[3] - box[1]) * k
        return unrotated.then(turn(clockwise: rotate, width: w, height: h))
    }

    /// Rotation in PDF user space (y up) that turns a page skewed by `degrees` (as measured on
    /// the raster: clockwise positive on screen) level, about the centre of `box`; and the box
    /// that holds the turned page whole.
    public static func level(degrees: Double, box: [Double]) -> (Affine, [Double]) {
        let cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2
        let m = Affine.translation(-cx, -cy).then(.rotation(radians: -degrees * .pi / 180)).then(.translation(cx, cy))
        let corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])].map { m.apply($0.0, $0.1) }
        return (m, [corners.map(\.0).min()!, corners.map(\.1).min()!, corners.map(\.0).max()!, corners.map(\.1).max()!])
    }

    /// Text-layer page (points, y up) of a `width`×`height` pixel page at `ppi` → its pixels.
    public static func textToPixels(height: Double, ppi: Double) -> Affine {
        let k = ppi / 72
        return Affine(a: k, b: 0, c: 0, d: -k, e: 0, f: height)
    }
}

/// Everything the pipeline did to one raster before recognition, as one forward map.
public struct RecognitionGeometry: Sendable {
    /// Raster pixels → cleaned (recognised) pixels.
    public var rasterToCleaned: Affine
    public var cleanedHeight: Double
    public var cleanedPPI: Double
    /// Degrees of skew corrected (clockwise positive on screen), 0 when none.
    public var skew: Double

    /// The /Matrix that draws the text layer onto the source page's user space.
    public func textLayerMatrix(userToRaster: Affine) -> Affine {
        PageMapping.textToPixels(height: cleanedHeight, ppi: cleanedPPI)
            .then(rasterToCleaned.inverse)
            .then(userToRaster.inverse)
    }
}
