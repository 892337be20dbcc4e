import Foundation

/// Every number the cleaning stage uses, in one place, named for what it means on paper.
/// Resolutions are in pixels per inch; windows are in pixels at the working resolution
/// unless said otherwise.
public struct CleaningParameters: Sendable {
    /// Pages scanned below this resolution are enlarged to at least `workingPPI` (fax and
    /// 150–200 dpi scans), by the smallest factor in half steps that gets there: 200 dpi by
    /// 1.5, 150 dpi by 2, a 204 dpi fax by 1.5 to 306. Half steps enlarge as blocks smoothed
    /// afterwards (`Image.enlarged(halves:)`), a third of the cost of interpolating every pixel.
    public var minimumPPI: Double = 250
    /// The resolution recognition runs at (pages scanned between `minimumPPI` and `maximumPPI`
    /// are read at their own).
    public var workingPPI: Double = 300
    /// Pages above this are scaled down to `workingPPI`: recognition gains nothing from
    /// 600 dpi and costs four times the work.
    public var maximumPPI: Double = 400
    /// Resolution assumed when the file states none, or an implausible one: below
    /// `plausiblePPI`, or one that would make the page longer than `largestPaperInches`
    /// (72 and 96 ppi are what many programs write when they know nothing).
    public var assumedPPI: Double = 300
    public var plausiblePPI: Double = 70
    public var largestPaperInches: Double = 17.5

    /// Scanner edges: a column or row whose mean grey is darker than this is the scanner lid
    /// or the shadow of the binding, not paper (0 black, 255 white).
    public var edgeDarkness: Double = 120
    /// …and at most this share of its pixels lighter than that: shaded paper with text on it
    /// (a page lit unevenly, a book's curve) is darker than `edgeDarkness` on average, but
    /// between its letters it is paper (a fifth of the pixels and more on the real scan
    /// Leptonica's `w91frag.jpg`, whose right fifth with its text was cut away before).
    public var edgeLightShare: Double = 0.1
    /// No more than this fraction of the width or height is cut from any one side.
    public var maximumEdgeFraction: Double = 0.2
    /// A little more is cut past the last dark column, to take the soft edge of the shadow too.
    public var edgeMarginInches: Double = 0.03

    /// Background (paper colour and uneven light) is estimated on a copy shrunk by this factor…
    public var backgroundShrink: Int = 8
    /// …by taking the lightest pixel in a window this wide (in shrunk pixels: 9 × 8 = 72 px, about
    /// 6 mm at 300 dpi, wider than any stroke, so ink disappears from the estimate)…
    public var backgroundWindow: Int = 9
    /// …then smoothed with this Gaussian sigma (shrunk pixels). Each pixel is divided by it…
    public var backgroundSigma: Double = 2
    /// …unless the darkest point of that estimate is this light: white paper evenly lit, with no
    /// shadow anywhere, needs no division.
    public var evenWhitePaper: Int = 240

    /// Contrast: the darkest `inkPercent` per cent of pixels are taken as full ink…
    public var inkPercent: Double = 0.5
    /// …unless that ink is already this dark (no stretching of good pages needed)…
    public var darkEnoughInk: Int = 60
    /// …and paper is whatever is lighter than the `paperPercent` percentile…
    public var paperPercent: Double = 60
    /// …and a page whose ink is within this many grey levels of its paper is blank: left alone.
    public var blankPageContrast: Int = 40
    /// …or, on a page whose grain was smoothed first, within this many: smoothing leaves the
    /// paper flat, so ink this faint is ink, and the pale carbon copies that need stretching
    /// most are the ones whose ink is within 40 levels of their paper.
    public var smoothedBlankContrast: Int = 12

    /// Specks: on bilevel scans (fax, G4 office scanners), where dust becomes solid black dots,
    /// a median filter this wide removes dots smaller than about half of it (0 turns it off).
    /// Grey scans need none: Tesseract's own binarisation drops their noise.
    public var speckWindow: Int = 3
    public var minimumSpeckPPI: Double = 200

    /// Noise (sensor grain, paper texture, JPEG mush) on grey pages: measured at the working
    /// resolution as a deviation, from the spread of the paper's grey levels (see `clean`); a
    /// page whose noise is at least `noiseShare` of its ink-to-paper contrast and at least
    /// `minimumNoise` grey levels is smoothed by a Gaussian before its ink is stretched, because
    /// stretching pale ink on grainy paper stretches the grain into marks Tesseract reads as
    /// letters. Chosen on the generated sets (`daftar-bench quality` and `calibrate`).
    public var noiseShare: Double = 0.05
    public var minimumNoise: Double = 2.5
    /// The percentile below the paper's (`paperPercent`) that still lies on paper on any page
    /// of text (ink covers well under 15% of an office page).
    public var paperSpreadPercent: Double = 15

    /// A page whose median grey is darker than this is a negative (light text on a dark
    /// ground, as some scanners and colour spaces deliver it): it is inverted first.
    public var negativeMedian: Int = 96

    /// Ink drowned in grain (noise at least `binariseNoiseShare` of a faint page's contrast;
    /// on generated carbon copies readable ones measure up to 0.19, those the stretch loses
    /// 0.31 and more) is smoothed by a Gaussian of `binariseSigma` and thresholded at
    /// `binariseInkShare` of the way from paper to ink (the `binariseInkPercent` percentile),
    /// and the grain left standing, marks of fewer than `binariseSmallestMark` pixels at 300
    /// ppi (a full stop of 8-point type has about 12), made white.
    /// On the calibration set's carbon copies this reads 1.6% where stretching read 8.7%, and
    /// 7% where it read 80% (`daftar-bench calibrate`). Sigma 2.0 (1.6 before) and share 0.6
    /// (0.7 before): 34.3% → 28.3% and 28.3% → 23.1% over two sets of 16 carbon copies, no
    /// page worse by more than a point.
    public var binariseNoiseShare: Double = 0.25
    public var binariseSigma: Double = 2.0
    public var binariseInkShare: Double = 0.6
    public var binariseInkPercent: Double = 1
    public var binariseSmallestMark: Double = 8

    /// Decompression-bomb guard: pages with more pixels than this are refused before decoding.
    public var maximumMegapixels: Double = 250

    public init() {}
}

/// What cleaning did to the page, so that recognised words can be mapped back onto the scan.
/// Cleaned pixel = ((original pixel × `scale`) − (`cropLeft`, `cropTop`)).
public struct CleaningGeometry: Sendable, Equatable {
    public var originalWidth: Int
    public var originalHeight: Int
    public var originalPPI: Double
    public var scale: Double
    public var cropLeft: Int
    public var cropTop: Int
    public var width: Int
    public var height: Int
    public var ppi: Double
}

/// What cleaning measured on the page and did about it (`document.json`'s `cleaning`).
public struct CleaningReport: Sendable, Equatable, Codable {
    /// Fine noise, as a deviation in grey levels (0 on flat paper).
    public var noise: Double
    /// Darkest ink and paper levels (the `inkPercent` and `paperPercent` percentiles).
    public var ink: Int
    public var paper: Int
    /// Whether the page was taken as a negative and inverted.
    public var inverted: Bool
    /// Whether noise was smoothed before the ink was stretched.
    public var denoised: Bool
    /// Whether the page was thresholded to black and white here (ink drowned in grain).
    public var binarised: Bool = false
    /// Which way of cleaning made the pixels (`CleaningVariant.rawValue`).
    public var variant: String

    public init(noise: Double = 0, ink: Int = 0, paper: Int = 255, inverted: Bool = false, denoised: Bool = false,
                variant: String = CleaningVariant.standard.rawValue) {
        self.noise = noise
        self.ink = ink
        self.paper = paper
        self.inverted = inverted
        self.denoised = denoised
        self.variant = variant
    }
}

/// How a page looks once cleaned (see `PageCleaner.look`).
public enum ReadingLook: Sendable { case blank, faint, ordinary }

/// Ways of cleaning a page. `standard` decides everything from the page's measurements; the
/// others are the second looks for a page that read badly.
public enum CleaningVariant: String, Sendable, CaseIterable {
    /// Measured decisions: negative, noise, paper, contrast.
    case standard
    /// Smoothed harder than the measurements ask (a wider Gaussian), before flattening and
    /// stretching.
    case smoothed
    /// Neither flattened nor stretched (only turned positive, scaled and cropped): Tesseract's
    /// own thresholding sees the page as scanned.
    case unstretched
    /// The polarity the measurements did not choose.
    case otherPolarity = "other-polarity"
    /// Smoothed and thresholded here, as a page whose ink is drowned in grain is.
    case binarised
}

/// The cleaned page: 8-bit greyscale at the working resolution, dark ink on white.
public struct CleanedPage {
    public var image: Image
    public var geometry: CleaningGeometry
    public var report: CleaningReport
}

/// Cleans one scanned page with libvips: greyscale, specks, resolution, scanner edges,
/// background and lighting, contrast. Orientation and skew are measured and applied by the
/// pipeline, which owns the OCR engine those measurements need.
public struct PageCleaner: Sendable {
    public var parameters: CleaningParameters

    public init(parameters: CleaningParameters = CleaningParameters()) {
        self.parameters = parameters
    }

    /// The resolution a page really has: the file's, unless missing or implausible for a
    /// page of `longestSide` pixels.
    public func effectivePPI(stated: Double, longestSide: Int) -> Double {
        let plausible = stated >= parameters.plausiblePPI && stated <= 2400
            && Double(longestSide) / stated <= parameters.largestPaperInches
        return plausible ? stated : parameters.assumedPPI
    }

    /// The scale factor that brings `ppi` into the working range: up in half steps, down exactly.
    public func scaleFor(ppi: Double) -> Double {
        if ppi < parameters.minimumPPI { return max(2, (2 * parameters.workingPPI / ppi - 1e-9).rounded(.up)) / 2 }
        if ppi > parameters.maximumPPI { return parameters.workingPPI / ppi }
        return 1
    }

    public func clean(_ page: Image, statedPPI: Double? = nil, variant: CleaningVariant = .standard) throws -> CleanedPage {
        let p = parameters
        let ppi = effectivePPI(stated: statedPPI ?? page.ppi, longestSide: max(page.width, page.height))
        var grey = try page.greyscale().materialized()
        var report = CleaningReport(variant: variant.rawValue)
        // A negative page (light text on a dark ground) is made positive before anything else.
        let negative = try Image.percentile(50, of: grey.histogram()) < p.negativeMedian
        if negative != (variant == .otherPolarity) {
            grey = try grey.inverted().castUChar().materialized()
            report.inverted = true
        }
        // Black and white only (G4 office scans, faxes): stays so unless it is scaled.
        var blackAndWhite = false
        // Specks, at the scan's own resolution (cheapest), on bilevel scans of at least
        // `minimumSpeckPPI` only: at 150 dpi a 3-pixel window is as wide as a pen stroke.
        // (A page narrower than the window has no specks to tell from its ink.)
        if p.speckWindow > 1 && ppi >= p.minimumSpeckPPI && min(grey.width, grey.height) >= p.speckWindow {
            grey = try grey.materialized()
            if let levels = try grey.levels(atMost: 2) {
                // A median on two levels: a majority vote when they are black and white (fast),
                // libvips' rank filter otherwise.
                blackAndWhite = levels.allSatisfy({ $0 == 0 || $0 == 255 })
                grey = try (blackAndWhite
                    ? grey.majority(size: p.speckWindow)
                    : grey.rank(width: p.speckWindow, height: p.speckWindow, index: p.speckWindow * p.speckWindow / 2))
                    .materialized()  // once: enlarging would compute it again for every tile it asks for
            }
        }
        let scale = scaleFor(ppi: ppi)
        if scale > 1 {
            grey = try grey.enlarged(halves: Int((scale * 2).rounded()))
        } else if scale < 1 {
            grey = try grey.resized(by: scale)
        }
        if scale != 1 { blackAndWhite = false }
        grey = try grey.materialized()
        let workPPI = ppi * scale

        // Scanner edges and gutter shadows: cut dark bands at the sides.
        let crop = try darkEdges(of: grey, ppi: workPPI)
        if crop.left > 0 || crop.top > 0 || crop.width < grey.width || crop.height < grey.height {
            grey = try grey.cropped(left: crop.left, top: crop.top, width: crop.width, height: crop.height).materialized()
        }
        // Noise first: grain that the stretch below would turn into marks is smoothed while
        // it is still faint. Measured on grey pages only (a bilevel page's specks were taken
        // by the majority filter above), from the spread of the paper's grey levels: most of a
        // page is paper, so the levels between the `paperSpreadPercent` and `paperPercent`
        // percentiles are paper's, and their spread is its grain (Gaussian grain of deviation s
        // spreads them by 1.29 s), whatever its grain size or JPEG's smoothing.
        // The paper estimate and histogram measured here are the stretch's own when the page
        // is not smoothed (most pages): measured once.
        var measured: (paper: Image?, histogram: [Double])?
        if !blackAndWhite {
            let paper = try paperEstimate(grey)
            let histogram = try grey.flattenedHistogram(paper: paper, block: p.backgroundShrink)
            measured = (paper, histogram)
            report.ink = Image.percentile(p.inkPercent, of: histogram)
            report.paper = Image.percentile(p.paperPercent, of: histogram)
            let low = Image.percentile(p.paperSpreadPercent, of: histogram)
            report.noise = ((Double(report.paper - low) / 1.29) * 10).rounded() / 10
            let smooth = noisy(report) || variant == .smoothed || variant == .binarised
            report.binarised = variant == .binarised || drowned(report)
            if smooth {
                // A Gaussian as wide as the grain is deep: grain of deviation s shrinks about
                // 3.5 s / 1 times, strokes (3–4 pixels at 300 dpi) keep their cores.
                let extra = variant == .smoothed ? 0.6 : 0
                let sigma = report.binarised ? p.binariseSigma : min(2.0, 0.8 + report.noise / 20 + extra)
                grey = try grey.blurred(sigma: sigma).castUChar().materialized()
                measured = nil
            }
            report.denoised = smooth
        }
        // Background and uneven lighting: divide by a smooth estimate of the paper. Faded ink
        // and pale carbon copies: stretch the ink back to black. Neither changes a pixel of a
        // black-and-white page (black divided by any paper stays black, white divided by paper
        // no whiter than white clips to white; its ink is already black), so such a page skips
        // both. Faint ink drowned in grain is not stretched: that would stretch what is left of
        // the grain as much as the ink, and Tesseract's global threshold then finds noise; the
        // smoothed page is thresholded here instead, nearer its ink than its paper.
        let result = report.binarised ? try binarised(grey, ppi: workPPI, grainy: report.noise >= p.minimumNoise)
            : blackAndWhite || variant == .unstretched ? grey
            : try flattenedAndStretched(grey, blankContrast: report.denoised ? p.smoothedBlankContrast : p.blankPageContrast,
                                        measured: measured)
        let geometry = CleaningGeometry(
            originalWidth: page.width, originalHeight: page.height, originalPPI: ppi, scale: scale,
            cropLeft: crop.left, cropTop: crop.top, width: result.width, height: result.height, ppi: workPPI)
        return CleanedPage(image: result, geometry: geometry, report: report)
    }

    /// Whether a page's measured noise is enough to smooth before stretching its ink: a
    /// share of its contrast, and more than quantisation and JPEG mush on clean paper.
    public func noisy(_ r: CleaningReport) -> Bool {
        let contrast = Double(max(1, r.paper - r.ink))
        return r.noise >= parameters.minimumNoise && r.noise >= parameters.noiseShare * contrast
    }

    /// How a cleaned page looks, from its report and the share of dark pixels cleaning left:
    /// blank (flat paper, under 0.05% dark), faint (ink within 100 grey levels of its paper,
    /// or grain of a tenth of that contrast), or ordinary. Bilevel pages are never faint.
    public func look(_ r: CleaningReport, darkShare: Double) -> ReadingLook {
        let contrast = r.paper - r.ink
        let measured = r.noise > 0 || contrast < 255
        if darkShare < 0.0005 && r.noise < parameters.minimumNoise && (!measured || contrast < parameters.blankPageContrast) {
            return .blank
        }
        if measured && (contrast < 100 || r.noise >= 0.1 * Double(max(1, contrast))) { return .faint }
        return .ordinary
    }

    /// Whether grain drowns the ink: noise at least `binariseNoiseShare` of the contrast on a
    /// faint page (ink within 120 grey levels of its paper).
    public func drowned(_ r: CleaningReport) -> Bool {
        let contrast = r.paper - r.ink
        return contrast < 120 && r.noise >= parameters.minimumNoise
            && r.noise >= parameters.binariseNoiseShare * Double(max(1, contrast))
    }

    /// The smoothed page flattened by its paper and thresholded at `binariseInkShare` of the
    /// way from its paper to its ink (the `paperPercent` and `binariseInkPercent` percentiles):
    /// black ink on white, in one pass of table lookups; then, on a `grainy` page, the grain
    /// the threshold left standing, marks smaller than any letter's part
    /// (`binariseSmallestMark`), made white. (Not on a page without grain, thresholded here
    /// for a second look: a 204 dpi fax's Nastaliq dots are that small, and its specks went
    /// with the majority filter.)
    func binarised(_ grey: Image, ppi: Double, grainy: Bool) throws -> Image {
        let p = parameters
        let paper = try paperEstimate(grey)
        let histogram = try grey.flattenedHistogram(paper: paper, block: p.backgroundShrink)
        let white = Image.percentile(p.paperPercent, of: histogram), ink = Image.percentile(p.binariseInkPercent, of: histogram)
        let threshold = Double(white) - p.binariseInkShare * Double(max(0, white - ink))
        let thresholded = try grey.flattened(by: paper, block: p.backgroundShrink, then: (0...255).map { Double($0) < threshold ? 0 : 255 })
        guard grainy else { return thresholded }
        return try thresholded.droppingSmallMarks(minimumArea: Int((p.binariseSmallestMark * (ppi / 300) * (ppi / 300)).rounded()))
    }

    /// The paper area inside dark scanner edges.
    func darkEdges(of grey: Image, ppi: Double) throws -> (left: Int, top: Int, width: Int, height: Int) {
        let p = parameters
        let (columns, rows) = try grey.profiles()
        // How much of each column and row is lighter than `edgeDarkness`, measured only when
        // some side is dark: text on shaded paper is dark on average but mostly paper between
        // its letters, a scanner's lid or shadow dark nearly throughout.
        let ends = [columns.first, columns.last, rows.first, rows.last].compactMap { $0 }
        let light = ends.contains { $0 < p.edgeDarkness } ? try grey.lightProfiles(above: Int(p.edgeDarkness)) : nil
        let margin = Int(p.edgeMarginInches * ppi)
        func inset(_ profile: [Double], _ lightShare: [Double]?, reversed: Bool) -> Int {
            let limit = Int(Double(profile.count) * p.maximumEdgeFraction)
            var n = 0
            let seq = reversed ? Array(profile.reversed()) : profile
            let shares = lightShare.map { reversed ? Array($0.reversed()) : $0 }
            while n < limit && seq[n] < p.edgeDarkness && (shares.map { $0[n] < p.edgeLightShare } ?? true) { n += 1 }
            return n == 0 ? 0 : min(limit, n + margin)
        }
        let left = inset(columns, light?.columns, reversed: false), right = inset(columns, light?.columns, reversed: true)
        let top = inset(rows, light?.rows, reversed: false), bottom = inset(rows, light?.rows, reversed: true)
        let width = grey.width - left - right, height = grey.height - top - bottom
        guard width > 16, height > 16 else { return (0, 0, grey.width, grey.height) }
        return (left, top, width, height)
    }

    /// The page divided by an estimate of its paper (tinted paper, shadows and uneven light
    /// become white while ink keeps its darkness relative to the paper around it), then its
    /// contrast stretched so that the darkest ink is black and the paper white. One pass over
    /// the page after two cheap measurements: the paper estimate at 1/`backgroundShrink` scale,
    /// and the histogram the division would give, from which the stretch is decided.
    func flattenedAndStretched(_ grey: Image, blankContrast: Int? = nil,
                               measured: (paper: Image?, histogram: [Double])? = nil) throws -> Image {
        let k = parameters.backgroundShrink
        let paper = try measured.map { $0.paper } ?? paperEstimate(grey)
        let table = contrastTable(try measured?.histogram ?? grey.flattenedHistogram(paper: paper, block: k), blankContrast: blankContrast)
        if paper == nil && table == nil { return grey }
        return try grey.flattened(by: paper, block: k, then: table ?? (0...255).map { UInt8($0) })
    }

    /// The paper's grey level for each `backgroundShrink`-pixel block of the page: block means,
    /// the lightest in a window wider than any stroke (ink disappears), smoothed, and never
    /// darker than 16 so that dark edges which escaped the crop cannot blow up. Nil when even
    /// its darkest point is `evenWhitePaper` or lighter: white paper evenly lit needs no division.
    func paperEstimate(_ grey: Image) throws -> Image? {
        let p = parameters
        let (paper, darkest) = try grey.paperEstimate(block: p.backgroundShrink, window: p.backgroundWindow,
                                                      sigma: p.backgroundSigma, floor: 16)
        return darkest >= p.evenWhitePaper ? nil : paper
    }

    /// The grey-level table that stretches a page of this histogram so that its darkest
    /// `inkPercent` per cent become black and what is lighter than the `paperPercent`
    /// percentile white. Nil when no stretch is needed: the ink is already dark enough, or the
    /// page is blank (ink within `blankPageContrast` levels of its paper).
    func contrastTable(_ histogram: [Double], blankContrast: Int? = nil) -> [UInt8]? {
        let p = parameters
        let ink = Image.percentile(p.inkPercent, of: histogram)
        if ink <= p.darkEnoughInk { return nil }
        let paper = min(250, Image.percentile(p.paperPercent, of: histogram))
        if paper - ink < (blankContrast ?? p.blankPageContrast) { return nil }
        let gain = 255.0 / Double(paper - ink)
        return (0...255).map { UInt8(clamping: Int((Double($0 - ink) * gain).rounded())) }
    }
}
