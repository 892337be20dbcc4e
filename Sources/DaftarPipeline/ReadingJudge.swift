import Imaging
import OCR

/// How far a page's text can be trusted: `document.json`'s `quality`.
public struct PageQuality: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable, CaseIterable, Comparable {
        case good, doubtful, unreadable

        public static func < (a: Verdict, b: Verdict) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var verdict: Verdict
    /// Mean word confidence (OCR pages with words), 0–100.
    public var confidence: Double?
    /// Share of words of two or more letters found in the language's dictionary, 0–1 (on a
    /// page read in Urdu alone, Urdu's word list: `ReadingJudge.urduListedWords`).
    public var dictionaryWords: Double?
    /// Why a page is not good (or what kind of good: "text layer", "blank page").
    public var reason: String?

    public init(verdict: Verdict, confidence: Double? = nil, dictionaryWords: Double? = nil, reason: String? = nil) {
        self.verdict = verdict
        self.confidence = confidence
        self.dictionaryWords = dictionaryWords
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case verdict, confidence, dictionaryWords = "dictionary_words", reason
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(dictionaryWords, forKey: .dictionaryWords)
        try c.encode(reason, forKey: .reason)
    }

    /// A page whose own text layer was taken.
    public static let textLayer = PageQuality(verdict: .good, reason: "text layer")

    /// This quality at best doubtful, with `problem` added to its reason.
    func doubted(_ problem: String) -> PageQuality {
        var q = self
        q.verdict = max(q.verdict, .doubtful)
        q.reason = q.reason.map { $0 + ", " + problem } ?? problem
        return q
    }
}

/// Judges a reading from what Tesseract reports of it: the mean word confidence, the share of
/// words the language's dictionary knows, and the share of characters that are neither letters
/// nor digits (specks and grain read as punctuation). Thresholds were calibrated on generated
/// pages whose true text is known (`daftar-bench calibrate`; figures in the README under
/// *Reading hard pages*): a page whose error is above 10% must not be called good, one below 2% must not
/// be flagged.
public enum ReadingJudge {
    public struct Thresholds: Sendable {
        /// Good needs all three: confidence at least this…
        public var goodConfidence: Double
        /// …or this, for a page read with Urdu models only: the Nastaliq model's confidence runs
        /// higher for the error it makes (on generated Nastaliq pages, 2–6% error at 85–87 and
        /// 10–11% at 77–79, where an English page at 78 is better read).
        public var goodConfidenceUrdu: Double = 82
        /// …this share of dictionary words (where the language's dictionary is trusted)…
        public var goodDictionary: Double
        /// …and no more than this share of symbols.
        public var goodSymbols: Double
        /// Unreadable: confidence under this, or dictionary words under `unreadableDictionary`.
        public var unreadableConfidence: Double
        public var unreadableDictionary: Double
        /// Fewer letter words than this and the dictionary share says nothing.
        public var minimumWordsForDictionary: Int
        /// Characters read per thousand dark pixels (at 300 dpi): a typed page gives 3 to 6.
        /// Under `goodInkRead` much of what is on the page was not read as text; under
        /// `unreadableInkRead` hardly any of it.
        public var goodInkRead: Double
        public var unreadableInkRead: Double
        /// Pages with fewer dark pixels than this (counted at 300 dpi) are not judged by
        /// their ink: a signature or a stamp on an otherwise blank page.
        public var minimumInkForJudging: Int

        public static let standard = Thresholds(goodConfidence: 78, goodDictionary: 0.72, goodSymbols: 0.10,
                                                unreadableConfidence: 50, unreadableDictionary: 0.30,
                                                minimumWordsForDictionary: 8, goodInkRead: 1.0, unreadableInkRead: 0.25,
                                                minimumInkForJudging: 20_000)
    }

    /// Languages whose dictionary covers ordinary office prose well enough to judge by. Urdu's
    /// word list in Tesseract's `urd` model is small (about 130 kB, where English has 3.7 MB):
    /// a correct Urdu page finds too few of its words in it to judge by.
    public static func trustsDictionary(of languages: String) -> Bool {
        languages.split(separator: "+").allSatisfy { $0 == "eng" }
    }

    /// Whether a page was read with Urdu models alone (`urd`, `urd_nastaliq`).
    static func isUrduOnly(_ languages: String) -> Bool {
        languages.split(separator: "+").allSatisfy { $0.hasPrefix("urd") }
    }

    /// Whether any of a page's text was read with an Urdu model (a page of both scripts too).
    static func readsUrdu(_ languages: String) -> Bool {
        languages.split(separator: "+").contains { $0.hasPrefix("urd") }
    }

    /// Characters read per thousand dark pixels of a page at `ppi` (scaled to 300 dpi); nil
    /// when the page has too little ink to say.
    public static func inkRead(_ r: Recognition, darkPixels: Int, ppi: Int, thresholds t: Thresholds = .standard) -> Double? {
        let scale = Double(ppi) / 300
        let ink = Double(darkPixels) / max(0.01, scale * scale)
        guard ink >= Double(t.minimumInkForJudging) else { return nil }
        return Double(r.characters) / (ink / 1000)
    }

    /// The verdict on one OCR reading. `page` says what cleaning saw: a blank page (flat paper, no ink) may have no words; a
    /// faint one (pale ink or heavy grain) with hardly any words read was not read.
    public static func judge(_ r: Recognition, languages: String, thresholds t: Thresholds = .standard,
                             darkPixels: Int, ppi: Int, page: PageLook) -> PageQuality {
        judge(r, languages: languages, thresholds: t, inkRead: inkRead(r, darkPixels: darkPixels, ppi: ppi, thresholds: t),
              page: page)
    }

    /// What the page looked like to cleaning: blank (flat paper, next to no dark pixels),
    /// faint (pale ink or heavy grain), or ordinary.
    public typealias PageLook = ReadingLook

    /// The confidence a reading by `languages` needs to be good.
    static func goodConfidence(_ languages: String, _ t: Thresholds) -> Double {
        isUrduOnly(languages) ? t.goodConfidenceUrdu : t.goodConfidence
    }

    /// Fewer characters than this on a faint page is a page not read (read unsurely) or
    /// doubtful (read confidently).
    public static let fewCharacters = 40

    public static func judge(_ r: Recognition, languages: String, thresholds t: Thresholds = .standard,
                             inkRead: Double?, page: PageLook) -> PageQuality {
        let confidence = r.meanConfidence.map { ($0 * 10).rounded() / 10 }
        let share = r.letterWords >= t.minimumWordsForDictionary ? r.dictionaryShare : nil
        let dictionary = share.map { ($0 * 1000).rounded() / 1000 }
        guard let conf = r.meanConfidence, r.wordCount > 0 else {
            return page == .blank ? PageQuality(verdict: .good, reason: "blank page")
                : PageQuality(verdict: .unreadable, reason: "marks on the page but no words read")
        }
        let useDictionary = trustsDictionary(of: languages) && share != nil
        let symbols = r.symbolShare ?? 0
        var problems: [String] = []
        var verdict = PageQuality.Verdict.good
        if conf < t.unreadableConfidence {
            verdict = .unreadable
            problems.append(String(format: "confidence %.0f", conf))
        } else if conf < goodConfidence(languages, t) {
            verdict = .doubtful
            problems.append(String(format: "confidence %.0f", conf))
        }
        if useDictionary, let d = share {
            if d < t.unreadableDictionary {
                verdict = .unreadable
                problems.append(String(format: "%.0f%% of words in the dictionary", d * 100))
            } else if d < t.goodDictionary {
                verdict = max(verdict, .doubtful)
                problems.append(String(format: "%.0f%% of words in the dictionary", d * 100))
            }
        }
        if let read = inkRead, read < t.goodInkRead {
            verdict = max(verdict, read < t.unreadableInkRead ? .unreadable : .doubtful)
            problems.append(String(format: "most marks on the page not read as text (%.2f characters per 1,000 dark pixels)", read))
        }
        if page == .faint && inkRead == nil && r.characters < fewCharacters {
            // Read unsurely, a page not read. Read confidently, the few characters may be all
            // it holds (a form's one word among its grey rules, `Phone` at 95): doubtful.
            verdict = max(verdict, conf >= goodConfidence(languages, t) ? .doubtful : .unreadable)
            problems.append("\(r.characters) characters read on a faint page")
        }
        if symbols > t.goodSymbols {
            verdict = max(verdict, .doubtful)
            problems.append(String(format: "%.0f%% of characters are stray marks", symbols * 100))
        }
        return PageQuality(verdict: verdict, confidence: confidence, dictionaryWords: dictionary,
                           reason: problems.isEmpty ? nil : problems.joined(separator: ", "))
    }

    /// A page read with Urdu models alone that leaves at least this share of its ink outside
    /// the lines read (each widened by a thirtieth of an inch) is not good: Tesseract's layout
    /// drops whole lines of Urdu papers — the letterhead, `بخدمت` — and the lines it read can
    /// still read well. Measured (`daftar process --verbose`, seed 29000's papers): the 24 Urdu
    /// papers left 0.2–14% unread, those at 3.5% and more each missing a line; the Urdu
    /// benchmark's prose pages 0%; English pages, generated and real, at most 0.4% (the
    /// photographs of `baiona_*`, already doubtful, 4–80%). English pages are not judged so: a
    /// table's rules or a stamp are ink no line holds. A page of both scripts is: its Urdu
    /// lines are laid out by the same model.
    public static let urduUnreadInk = 0.03

    /// `quality` for a page read with `languages` that leaves `unreadInk` of its ink outside
    /// its lines: at best doubtful when an Urdu model read the page (or its Urdu blocks) and
    /// the share is at least `urduUnreadInk`.
    public static func judge(_ quality: PageQuality, unreadInk: Double, languages: String) -> PageQuality {
        guard readsUrdu(languages), unreadInk >= urduUnreadInk else { return quality }
        return quality.doubted(String(format: "%.0f%% of the ink outside the lines read", unreadInk * 100))
    }

    /// A page read with Urdu models alone whose Urdu words are in Urdu's word list
    /// (`FieldReader.urduWords`, 23,062 words) under this share is not good. Tesseract's own Urdu
    /// list is too small to judge by, and the Nastaliq model's confidence runs high for the
    /// error it makes. Measured (`daftar-bench fields --verbose`, the share beside each Urdu
    /// page's character error) on 120 tuned Urdu papers (seeds 33000–61000) and 60 hard ones
    /// (121000–137000): of the 109 judged good by confidence, 7 read at more than 10% error;
    /// under 80% listed are 8 of them, read at 4.3–12.2% (3 of the 7 over 10%), and no page read
    /// under 4%. At 85% it would flag 26 of the tuned sets' 80, pages read at 0.8% among them:
    /// names and words no list holds keep a page of running text from 100%.
    public static let urduListedWords = 0.80

    /// A page read with Urdu models alone is good only when its confidence (as a share) and
    /// its share of words in Urdu's word list together reach this, each past its own bar (82,
    /// `urduListedWords`). Pages just past both were read at up to 15% error. Chosen on 264
    /// Urdu papers (`daftar-bench fields --verbose`, tuned seeds 33000–61000, hard 145000–165000):
    /// of the 141 judged good, the 6 read at more than 10% error all sum under 1.70 (1.65–1.70);
    /// so do 3 read under 4%, and none under 2%. On 132 papers not used to choose it (tuned
    /// 65000–77000, hard 169000–177000), of 56 judged good, the 2 over 10% (1.65, 1.68) sum under
    /// it, 1 under 4% and none under 2%.
    public static let urduConfidenceAndListed = 1.70

    /// `quality` for a page read with `languages` whose Urdu words (at least
    /// `minimumWordsForDictionary` of them) are `listed` in Urdu's word list: at best doubtful
    /// when it was read with Urdu models alone and the share is under `urduListedWords`, or
    /// with its confidence under `urduConfidenceAndListed`. The share becomes the page's
    /// `dictionary_words`.
    public static func judge(_ quality: PageQuality, urduListed listed: (share: Double, words: Int)?, languages: String,
                             thresholds t: Thresholds = .standard) -> PageQuality {
        guard isUrduOnly(languages), let listed, listed.words >= t.minimumWordsForDictionary else { return quality }
        var q = quality
        q.dictionaryWords = (listed.share * 1000).rounded() / 1000
        if listed.share < urduListedWords {
            return q.doubted(String(format: "%.0f%% of the Urdu words in Urdu's word list", listed.share * 100))
        }
        if q.verdict == .good, let c = q.confidence, c / 100 + listed.share < urduConfidenceAndListed {
            return q.doubted(String(format: "confidence %.0f with %.0f%% of the Urdu words in Urdu's word list", c, listed.share * 100))
        }
        return q
    }

    /// Orders readings of one page: the better verdict, then the higher score. A score weighs
    /// confidence and dictionary words alike and takes stray marks off.
    public static func score(_ r: Recognition, languages: String) -> Double {
        let conf = (r.meanConfidence ?? 0) / 100
        let dictionary = trustsDictionary(of: languages) ? (r.dictionaryShare ?? conf) : conf
        return conf + dictionary - 2 * (r.symbolShare ?? 0)
    }
}
