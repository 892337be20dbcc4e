import Foundation

/// A 2-D affine map in PDF's convention: (x, y) → (a·x + c·y + e, b·x + d·y + f).
public struct Affine: Sendable, Equatable, CustomStringConvertible {
    public var a, b, c, d, e, f: Double

    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }

    public static let identity = Affine(a: 1, b: 0, c: 0, d: 1, e: 0, f: 0)

    public static func translation(_ x: Double, _ y: Double) -> Affine { Affine(a: 1, b: 0, c: 0, d: 1, e: x, f: y) }
    public static func scale(_ sx: Double, _ sy: Double) -> Affine { Affine(a: sx, b: 0, c: 0, d: sy, e: 0, f: 0) }

    /// (x, y) → (cos·x − sin·y, sin·x + cos·y).
    public static func rotation(radians t: Double) -> Affine {
        Affine(a: cos(t), b: sin(t), c: -sin(t), d: cos(t), e: 0, f: 0)
    }

    public func apply(_ x: Double, _ y: Double) -> (Double, Double) {
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The map that applies `self` first and `next` after it.
    public func then(_ next: Affine) -> Affine {
        Affine(a: a * next.a + b * next.c, b: a * next.b + b * next.d,
               c: c * next.a + d * next.c, d: c * next.b + d * next.d,
               e: e * next.a + f * next.c + next.e, f: e * next.b + f * next.d + next.f)
    }

    public var inverse: Affine {
        let det = a * d - b * c
        precondition(abs(det) > 1e-12, "singular transform")
        let ia = d / det, ib = -b / det, ic = -c / det, id = a / det
        return Affine(a: ia, b: ib, c: ic, d: id, e: -(e * ia + f * ic), f: -(e * ib + f * id))
    }

    public var description: String {
        [a, b, c, d, e, f].map { String(format: "%.6f", $0) }.joined(separator: " ")
    }
}
