import Foundation
import Imaging
import OCR
import PDFAssembly

/// Generates scans degraded the way real office scans are, from known text, so OCR can be
/// scored. Deterministic: the same kind and seed give the same pixels and text (image files are
/// byte-identical; PDFs differ only in the creation date Leptonica writes).
public enum DegradedPages {
    public enum Kind: String, CaseIterable, Sendable {
        case faded = "faded ink, tinted paper, uneven light"
        case carbon = "pale carbon copy"
        case photocopy = "photocopy, black edges, gutter shadow"
        case noisyJPEG = "noise and JPEG artefacts"
        case specks = "200 dpi G4 fax with dust specks"
        case fax150 = "150 dpi G4 fax"
        case rotated90 = "turned 90 degrees"
        case rotated180 = "turned 180 degrees"
        case skewed = "skewed 3 degrees"
        case multipage = "3-page TIFF"
        case scannerPDF = "scanner PDF (image only)"
        case mixedPDF = "mixed PDF (text page + scan)"
        case carbonGrain = "pale carbon copy, fine grain (JPEG)"
        case faxDust = "G4 fax, dust specks of several sizes"
        case photocopySpecks = "photocopy: edges, gutter, specks"

        /// A short name for file names and tables.
        public var slug: String {
            switch self {
            case .faded: return "faded"
            case .carbon: return "carbon"
            case .photocopy: return "photocopy"
            case .noisyJPEG: return "noisy-jpeg"
            case .specks: return "fax-specks"
            case .fax150: return "fax-150dpi"
            case .rotated90: return "rotated-90"
            case .rotated180: return "rotated-180"
            case .skewed: return "skewed"
            case .multipage: return "multipage"
            case .scannerPDF: return "scanner-pdf"
            case .mixedPDF: return "mixed-pdf"
            case .carbonGrain: return "carbon-grain"
            case .faxDust: return "fax-dust"
            case .photocopySpecks: return "photocopy-specks"
            }
        }
    }

    /// A generated file and the text of each of its pages.
    public struct Fixture: Sendable {
        public var kind: Kind
        public var path: String
        public var pages: [String]
        /// For PDFs, the method each page should get.
        public var expectedMethods: [String]?

        /// Writes the reference text beside the file, as `PATH.txt` (pages parted by form
        /// feeds), for reading the file other ways.
        public func writeReference() throws {
            try pages.joined(separator: "\u{0C}").write(toFile: path + ".txt", atomically: true, encoding: .utf8)
        }
    }

    public static let letterWidth = 8.5, letterHeight = 11.0

    /// A clean page: dark text on white, `ppi` pixels per inch, as ink coverage 0…255 inverted.
    public static func page(text: String, ppi: Int, font: String = "Liberation Serif 12") throws -> Image {
        Vips.start()
        let width = Int(letterWidth * Double(ppi)), height = Int(letterHeight * Double(ppi))
        let margin = ppi  // one inch
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: "\n\n")
        let ink = try Image.text(escaped, font: font, width: width - 2 * margin, dpi: ppi)
        let paper = try ink.linear(-1, 255).castUChar()
        return try paper.embedded(x: margin, y: margin, width: width, height: height).withResolution(ppi: Double(ppi))
    }

    /// The kinds a records room finds hardest. Their look (ink, paper, grain, speck sizes, font,
    /// skew) is drawn from the seed over a wide range, so that no two variants are alike and no
    /// cleaning can be tuned to one of them.
    public static let hardKinds: [Kind] = [.carbonGrain, .faxDust, .photocopySpecks]

    /// The comparison set: every kind once, each from its own text (seed = position + 1), and
    /// a second variant of each hard kind (another text, another look). The benchmark,
    /// `daftar-bench generate` and the tests all use this one set.
    public static func comparisonSet(in directory: String) throws -> [Fixture] {
        let kinds = Kind.allCases
        var set = try kinds.enumerated().map { i, kind in try make(kind, in: directory, seed: i + 1) }
        let second = directory + "/variant-2"
        set += try hardKinds.enumerated().map { i, kind in try make(kind, in: second, seed: kinds.count + 2 + i) }
        return set
    }

    /// Writes the file for `kind` into `directory` and returns it with its reference text.
    ///
    /// `severity` (1 by default) scales how damaged the hard kinds are (`hardKinds`): paler ink,
    /// more grain, more and bigger specks. Pages made at severities up to 3 or 4 range from
    /// readable to unreadable, for calibrating verdicts.
    public static func make(_ kind: Kind, in directory: String, seed: Int = 1, severity: Double = 1) throws -> Fixture {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = ReferenceTexts.page(seed)
        let base = directory + "/" + kind.slug
        switch kind {
        case .faded:
            let p = try page(text: text, ppi: 300)
            // Ink at about 35% strength on paper tinted to ~215, lit unevenly from one side.
            let faded = try p.linear(0.35, 255 * 0.65)
            let light = try lighting(width: p.width, height: p.height, from: 1.0, to: 0.72)
            let out = try faded.multiplied(by: light).linear(0.86, 0).noisy(sigma: 5, seed: seed)
            try out.saveJPEG(base + ".jpg", quality: 88)
            return Fixture(kind: kind, path: base + ".jpg", pages: [text])
        case .carbon:
            let p = try page(text: text, ppi: 300)
            // Carbon: soft, pale strokes (~45% ink), slightly grey paper.
            let out = try p.blurred(sigma: 1.3).linear(0.45, 255 * 0.55 - 14).noisy(sigma: 7, seed: seed)
            try out.savePNG(base + ".png")
            return Fixture(kind: kind, path: base + ".png", pages: [text])
        case .photocopy:
            let p = try page(text: text, ppi: 300)
            let (x, y) = try Image.coordinates(width: p.width, height: p.height)
            // Black lid at the left 110 px and the top 70 px; a gutter shadow fading over 300 px.
            let shadow = try x.linear(1.0 / 300, 0.35).minimum(with: try x.linear(0, 1))
            var out = try p.multiplied(by: shadow)
            let edgeMask = try x.linear(-1, 110).above(0)
            out = try edgeMask.select(try x.linear(0, 18), out)
            let top = try y.linear(-1, 70).above(0)
            out = try top.select(try x.linear(0, 22), out).noisy(sigma: 6, seed: seed)
            try out.savePNG(base + ".png")
            return Fixture(kind: kind, path: base + ".png", pages: [text])
        case .noisyJPEG:
            let p = try page(text: text, ppi: 300)
            let out = try p.linear(0.8, 30).noisy(sigma: 22, seed: seed)
            try out.saveJPEG(base + ".jpg", quality: 35)
            return Fixture(kind: kind, path: base + ".jpg", pages: [text])
        case .specks:
            let p = try page(text: text, ppi: 200)
            // Dust: sparse noise peaks, blurred into 1–3 px blobs, thresholded with the page.
            let dust = try Image.gaussianNoise(width: p.width, height: p.height, mean: 0, sigma: 1, seed: seed)
                .above(3.4).castUChar().blurred(sigma: 0.6).above(40)
            let out = try dust.select(try p.linear(0, 0), p).castUChar().withResolution(ppi: 200)
            try out.saveTIFF(base + ".tif", g4: true)
            return Fixture(kind: kind, path: base + ".tif", pages: [text])
        case .fax150:
            let p = try page(text: text, ppi: 150)
            try p.saveTIFF(base + ".tif", g4: true)
            return Fixture(kind: kind, path: base + ".tif", pages: [text])
        case .rotated90, .rotated180:
            let p = try page(text: text, ppi: 300)
            let turned = try p.turned(clockwise: kind == .rotated90 ? 90 : 180)
            try turned.savePNG(base + ".png")
            return Fixture(kind: kind, path: base + ".png", pages: [text])
        case .skewed:
            let p = try page(text: text, ppi: 300)
            let out = try p.rotated(degrees: 3).castUChar().withResolution(ppi: 300)
            try out.savePNG(base + ".png")
            return Fixture(kind: kind, path: base + ".png", pages: [text])
        case .multipage:
            let texts = (0..<3).map { ReferenceTexts.page(seed + $0) }
            let pages = try texts.map { try page(text: $0, ppi: 300).linear(0.9, 12).castUChar() }
            try Image.saveMultipageTIFF(pages, to: base + ".tif", g4: false)
            return Fixture(kind: kind, path: base + ".tif", pages: texts)
        case .scannerPDF:
            let jpg = base + "-page.jpg"
            let p = try page(text: text, ppi: 300).linear(0.9, 15)
                .adding(try Image.gaussianNoise(width: 2550, height: 3300, mean: 0, sigma: 8, seed: seed)).castUChar()
            try p.withResolution(ppi: 300).saveJPEG(jpg, quality: 75)
            let bytes = try ImagePDF.make(.embeddable(path: jpg), ppi: 300)
            try Data(bytes).write(to: URL(fileURLWithPath: base + ".pdf"))
            try? FileManager.default.removeItem(atPath: jpg)
            return Fixture(kind: kind, path: base + ".pdf", pages: [text], expectedMethods: ["ocr"])
        case .mixedPDF:
            let first = ReferenceTexts.page(seed + 1)
            let scan = base + "-scan.png"
            try page(text: text, ppi: 300).savePNG(scan)
            let scanPDF = try QPDFDocument(bytes: try ImagePDF.make(.embeddable(path: scan), ppi: 300), name: "scan")
            let pdf = try SearchablePDF()
            try pdf.appendPlainTextPage(lines: wrap(first, columns: 72))
            try pdf.appendPage(from: scanPDF, index: 0)
            try pdf.write(to: base + ".pdf")
            try? FileManager.default.removeItem(atPath: scan)
            return Fixture(kind: kind, path: base + ".pdf", pages: [first, text], expectedMethods: ["text-layer", "ocr"])
        case .carbonGrain:
            var v = Variation(seed: seed)
            let p = try page(text: text, ppi: 300, font: v.font())
            let out = try carbonCopy(of: p, &v, severity: severity, seed: seed)
            try out.saveJPEG(base + ".jpg", quality: Int(v.uniform(70, 90)))
            return Fixture(kind: kind, path: base + ".jpg", pages: [text])
        case .faxDust:
            var v = Variation(seed: seed)
            let ppi = v.pick([200, 204, 300])
            let p = try page(text: text, ppi: ppi, font: v.font())
            let out = try faxWithDust(of: p, ppi: ppi, &v, severity: severity, seed: seed)
            try out.saveTIFF(base + ".tif", g4: true)
            return Fixture(kind: kind, path: base + ".tif", pages: [text])
        case .photocopySpecks:
            var v = Variation(seed: seed)
            let p = try page(text: text, ppi: 300, font: v.font())
            let out = try photocopyWithSpecks(of: p, &v, severity: severity, seed: seed)
            try out.savePNG(base + ".png")
            return Fixture(kind: kind, path: base + ".png", pages: [text])
        }
    }

    /// A carbon copy of a clean 300 ppi page `p`: the strokes soft and pale (ink 160–195 on
    /// paper 228–246), then the scanner's fine sensor grain (sigma 4–9, one or two pixels
    /// across); JPEG is the caller's. The hard kinds' looks are functions of a clean page so
    /// that other generated pages (`OfficialDocuments`) can be scanned the same ways.
    static func carbonCopy(of p: Image, _ v: inout Variation, severity: Double, seed: Int) throws -> Image {
        let paper = v.uniform(228, 246), ink = paper - v.uniform(38, 80) / pow(severity, 0.8)
        let soft = try p.blurred(sigma: v.uniform(0.7, 1.4) * pow(severity, 0.3)).linear((paper - ink) / 255, ink)
        let grain = try Image.gaussianNoise(width: p.width, height: p.height, mean: 0, sigma: v.uniform(4, 9) * severity, seed: seed)
            .blurred(sigma: v.uniform(0.35, 0.7))
        return try soft.adding(grain.linear(v.uniform(1.2, 1.8), 0)).castUChar().withResolution(ppi: 300)
    }

    /// A fax of a clean page `p` at `ppi`: dust of several sizes (isolated noise peaks grown into
    /// blobs of 1–2, 2–4 and 3–6 pixels) thresholded into the page with it, which is skewed as
    /// a fax feeder skews (0.6–2.2°); two levels, for G4.
    static func faxWithDust(of p: Image, ppi: Int, _ v: inout Variation, severity: Double, seed: Int) throws -> Image {
        var dusty = p
        for (i, size) in [(0.45, 3.6), (0.8, 3.9), (1.3, 4.2)].enumerated() {
            let sigma = size.0 * v.uniform(0.8, 1.3) * pow(severity, 0.5)
            let rarity = size.1 + v.uniform(-0.15, 0.15) - 0.35 * (severity - 1)
            let dust = try Image.gaussianNoise(width: p.width, height: p.height, mean: 0, sigma: 1, seed: seed * 7 + i)
                .above(rarity).castUChar().blurred(sigma: sigma).above(30)
            dusty = try dust.select(try p.linear(0, 0), dusty).castUChar()
        }
        let skew = v.uniform(0.6, 2.2) * (v.uniform(0, 1) < 0.5 ? -1 : 1)
        return try dusty.rotated(degrees: skew).above(128).castUChar().withResolution(ppi: Double(ppi))
    }

    /// A photocopy of a clean 300 ppi page `p`: toner grey paper, a gutter shadow on one side,
    /// the black lid at two edges, toner specks, and copier noise.
    static func photocopyWithSpecks(of p: Image, _ v: inout Variation, severity: Double, seed: Int) throws -> Image {
        let (x, y) = try Image.coordinates(width: p.width, height: p.height)
        let lid = v.uniform(60, 140), top = v.uniform(30, 90), fade = v.uniform(180, 360)
        let shadow = try x.linear(1.0 / fade, v.uniform(0.3, 0.5)).minimum(with: try x.linear(0, 1))
        let grey = v.uniform(0, 25) * severity
        var out = try p.linear((255 - grey) / 255 * v.uniform(0.8, 0.95), grey).multiplied(by: shadow)
        out = try x.linear(-1, lid).above(0).select(try x.linear(0, v.uniform(10, 35)), out)
        out = try y.linear(-1, top).above(0).select(try x.linear(0, v.uniform(10, 35)), out)
        let specks = try Image.gaussianNoise(width: p.width, height: p.height, mean: 0, sigma: 1, seed: seed * 11)
            .above(v.uniform(3.7, 4.0) - 0.3 * (severity - 1)).castUChar().blurred(sigma: v.uniform(0.6, 1.2) * pow(severity, 0.5)).above(35)
        return try specks.select(try x.linear(0, 30), out).noisy(sigma: v.uniform(4, 9) * severity, seed: seed)
    }

    /// Parameters of a generated page drawn from its seed (SplitMix64): the same seed gives the
    /// same page.
    struct Variation {
        var random: SplitMix
        init(seed: Int) { random = SplitMix(seed: UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678) }
        mutating func next() -> UInt64 { random.next() }
        mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * random.unit() }
        mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }
        /// An office typeface and size: serif, sans or typewriter, 10 to 13 points.
        mutating func font() -> String {
            pick(["Liberation Serif", "Liberation Sans", "Liberation Mono", "DejaVu Serif", "DejaVu Sans"])
                + " \(pick([10, 11, 12, 13]))"
        }
    }

    /// A multiplier image falling linearly from `from` at the left edge to `to` at the right.
    static func lighting(width: Int, height: Int, from: Double, to: Double) throws -> Image {
        let (x, _) = try Image.coordinates(width: width, height: height)
        return try x.linear((to - from) / Double(width), from)
    }

    /// Greedy word wrap.
    public static func wrap(_ text: String, columns: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n") {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.count + word.count + 1 > columns, !line.isEmpty { lines.append(line); line = "" }
                line += line.isEmpty ? String(word) : " " + word
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}

extension Image {
    /// Scanner noise: seeded Gaussian noise added, back to 8 bits at 300 ppi.
    func noisy(sigma: Double, seed: Int) throws -> Image {
        try adding(try Image.gaussianNoise(width: width, height: height, mean: 0, sigma: sigma, seed: seed))
            .castUChar().withResolution(ppi: 300)
    }
}
