import Imaging

/// How a document is digitised. Defaults suit office scans of government files.
public struct PipelineOptions: Sendable {
    /// Whether `text` names Tesseract languages as the pipeline takes them: `eng`, `eng+urd`.
    public static func isLanguageList(_ text: String) -> Bool {
        text.range(of: "^[A-Za-z_]+(\\+[A-Za-z_]+)*$", options: .regularExpression) != nil
    }

    /// `--lang auto`: each page read in English first; a page that reads badly and whose
    /// script Tesseract's OSD finds to be Arabic is read with the Urdu models instead.
    public static let automatic = "auto"
    /// With `auto`, an Urdu reading replaces the English one only when its mean confidence is
    /// at least this much higher.
    public var languageMargin: Double = 10
    /// With `auto`, a page in both scripts keeps English blocks read at least this confidently
    /// in Latin letters and takes the rest from the Urdu reading.
    public var bilingualBlockConfidence: Double = 75
    /// …and that hold at least this many Latin letters.
    public var bilingualBlockLetters = 8

    /// Tesseract languages, e.g. "eng", "urd", "eng+urd".
    public var languages = "eng"
    /// Cleaning parameters, including the pixel limit (`cleaning.maximumMegapixels`).
    public var cleaning = CleaningParameters()
    /// PDF pages without a usable text layer are rendered at this resolution for OCR.
    public var renderPPI: Double = 300
    /// Orientation. Before a page is read, Leptonica's up-down signals (ascenders against
    /// descenders, see `TextLineMeasurement`) guess its turn: a page that looks turned is read
    /// turned first. A reading that reads badly (mean word confidence below
    /// `suspectConfidence`, or fewer than `suspectWords` words) is tried the other ways (as it
    /// is, then as Tesseract's OSD says, at `minimumOrientationConfidence`) and the best reading
    /// is kept, so a wrong guess costs time, never text. Upright pages, nearly all of them,
    /// pay only for the upright signal (measured with the skew: `deskew` in `document.json`'s
    /// timings, about 0.01 s on a light page).
    public var detectOrientation = true
    public var suspectConfidence: Double = 70
    public var suspectWords = 5
    public var minimumOrientationConfidence: Double = 1.5
    /// A page is read turned first when one signal is at least `turnSignal` standard deviations
    /// (Leptonica's default decision level) and at least `turnSignalDominance` times the other.
    /// Measured at 150 ppi: upright office pages +11 to +43, upside-down -19 to -43, pages on
    /// their side 13 to 19 against 2 to 5 (Leptonica's own ratio, 2.5, misses one of them).
    public var turnSignal: Double = 8
    public var turnSignalDominance: Double = 2
    /// A page that reads badly in English is read in Urdu the way its signals point too when
    /// the stronger reaches this share of `turnSignal` (with the same dominance), whatever OSD
    /// said: specked and dusty Nastaliq pages on their side measured leftward 7.0 and 7.6.
    public var weakTurnSignalShare: Double = 0.5
    /// An Urdu reading under this mean confidence may be of the page the wrong way round: it
    /// is read the opposite way too (Nastaliq pages read upright or on the right side at 80
    /// and more, on the wrong side at 40–47, even specked and dusty ones).
    public var wrongWayConfidence: Double = 60
    /// OSD looks at the page shrunk by this factor: text at 150 dpi is plenty to tell which
    /// way is up, and it costs a quarter of the work.
    public var orientationShrink: Double = 2
    /// Deskew: act on Leptonica's measurement when confident, large enough, and plausible.
    public var deskew = true
    public var minimumSkewConfidence: Double = 3
    /// Nastaliq's words slant down to the left along each line, which flattens the projection
    /// profile Leptonica measures skew by: it finds the angle of a turned Nastaliq page (within
    /// 0.05° on pages turned -4° to +2.5°) with a confidence of 2.2–3.1, under its usual bar, and
    /// of sparse pages lower (`daftar-bench lines` over 530 generated Urdu pages: upright ones
    /// -0.02° at 1.8–2.05; scans turned up to 1.5° their angle at 1.5–2; a photocopy skewed
    /// 3.6° 3.64° at 1.87, which read unlevelled was taken for an English page of nothing).
    /// Under 1.5 are pages on their side, measured again once turned. Pages read with an
    /// Arabic-script model are levelled from this confidence, and from
    /// `arabicScriptSkewConfidenceFromADegree` when the angle is a degree or more (a real map of
    /// place names measured -0.28° at 1.88: levelled so for its Urdu reading alone, it was no
    /// longer read as a page of both, and lost its names).
    public var arabicScriptSkewConfidence: Double = 2
    public var arabicScriptSkewConfidenceFromADegree: Double = 1.5
    /// Models that read the page thresholded (black on white, at Otsu's threshold), not grey:
    /// their engine thresholds what it is given (after shrinking it, `readingPPI`).
    /// Daftar's Nastaliq model learnt from crisp renders and from lines with grain added to
    /// the page's grey; it reads grain on a grey page badly (a Nastaliq page softened, faded and
    /// grained by σ 2 grey levels: 70% character error grey, 4% thresholded).
    public var thresholdedModels: Set<String> = ["urd_nastaliq"]
    /// Models that read a page best at a coarser resolution than the working one: the page is
    /// shrunk to it for them (then thresholded, for `thresholdedModels`: shrunk first, the grain
    /// of a scan averages out, and bold headings keep their strokes); every box they report is
    /// in the page's own pixels. At 300 ppi Daftar's Nastaliq model misreads the large bold
    /// headings of an Urdu paper, and Tesseract's layout passes over some (`اعلا می`,
    /// `ژفترا حلم`); at 150 ppi it reads more of them (`اعلامیہ`, `دفتری حکم`), and running text
    /// with about half the character error on scans (`daftar-bench urdu`: README, *Urdu*).
    public var readingPPI: [String: Int] = ["urd_nastaliq": 150]
    /// The heights (pixels) an Urdu paper's field lines are read again at, each line alone
    /// (`DocumentPipeline.confirmUrduLines`); none: not read again (a heading's words then
    /// count for a field only from the dictionary).
    public var urduLineHeights = [32, 38, 44, 52, 60]
    /// The share of Otsu's level the Nastaliq model's rereads of an Urdu paper's letterhead
    /// (its field lines above the first line with digits) are thresholded at: the letterhead is
    /// bold, and the model reads bold Nastaliq better with thinner strokes.
    public var letterheadThresholdShare = 0.6
    /// An Urdu page whose reading leaves at least this share of its ink outside the lines
    /// read (Tesseract's page layout drops some Urdu lines: bold headings, even running text)
    /// is read again as one block of text, and that reading is kept when it leaves at most
    /// half as much unread.
    public var unreadInkShare: Double = 0.05
    /// Urdu pages: headings the page layout passed over, read again in sparse-text mode, and
    /// other lines it passed over (at most `passedOverLines` regions of ink outside every line
    /// read, each read alone), kept when read with at least `headingConfidence`
    /// (`DocumentPipeline.passedOver`). Their words count for fields only when read alike again.
    public var headingPass = true
    public var headingConfidence: Double = 50
    public var passedOverLines = 8
    /// A line the page layout read under this mean confidence, the last of its block, counts as
    /// passed over too: its ink is read again alone, and the line is replaced when that reading
    /// is kept (an underlined Urdu title the layout read `یا اھلسش` at 0 and 8).
    public var unreadLineConfidence: Double = 20
    public var minimumSkewDegrees: Double = 0.1
    public var maximumSkewDegrees: Double = 15
    /// A second look at pages that read badly (not judged good): read again cleaned other ways,
    /// at most `maximumSecondLooks` more readings, the best kept.
    public var secondLook = true
    public var maximumSecondLooks = 2
    /// Write the searchable PDF (the slowest output after OCR itself).
    public var searchablePDF = true

    public init() {}

    public var maximumMegapixels: Double {
        get { cleaning.maximumMegapixels }
        set { cleaning.maximumMegapixels = newValue }
    }
}
