import ArgumentParser
import DaftarFixtures
import DaftarPipeline
import Foundation
import Imaging
import OCR

/// `make bench`: reading quality, throughput and memory, Daftar beside the `tesseract` command.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daftar-bench",
        abstract: "Benchmark Daftar's pipeline against the plain tesseract command on degraded scans.",
        subcommands: [Quality.self, Calibrate.self, ReadFiles.self, CleanPage.self, MeasureLines.self, Generate.self, UrduLines.self, UrduBench.self, FieldsBench.self, PoolBench.self, HTTPBench.self, IndexBench.self],
        defaultSubcommand: Quality.self)
}

/// Cleaning parameters to try other values of, without a build (`calibrate`, `clean`, `fields`).
struct TriedCleaning: ParsableArguments {
    @Option(help: "Gaussian sigma for ink drowned in grain (CleaningParameters.binariseSigma), to try another.")
    var binariseSigma: Double?
    @Option(help: "Threshold's share of the way from paper to ink for drowned ink (CleaningParameters.binariseInkShare), to try another.")
    var binariseInkShare: Double?
    @Option(help: "Marks of fewer pixels (at 300 ppi) made white on drowned ink's threshold (CleaningParameters.binariseSmallestMark; 0: none), to try another.")
    var binariseSmallestMark: Double?

    func apply(to parameters: inout CleaningParameters) {
        if let binariseSigma { parameters.binariseSigma = binariseSigma }
        if let binariseInkShare { parameters.binariseInkShare = binariseInkShare }
        if let binariseSmallestMark { parameters.binariseSmallestMark = binariseSmallestMark }
    }
}

/// Any files, read as `daftar process` reads them, page by page: what the judge said, and the
/// error against the file's own text where one lies beside it (`FILE.txt`, pages split by form
/// feeds) — for measuring on real scans, with other cleaning parameters or against the plain
/// `tesseract` command.
struct ReadFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read files page by page: verdict, confidence, cleaning, and the error where FILE.txt holds the file's text.")
    @Argument(help: "Files to read (PDF, TIFF, PNG, JPEG).") var files: [String]
    @Option(help: "Output folder (one folder per file).") var out = "bench-out/read"
    @Option(help: "Recognition languages, as daftar process --lang.") var lang = "eng"
    @Flag(help: "Also read each file with the plain tesseract command (PDF pages by pdftoppm at 300 dpi) and print its error.") var tesseract = false
    @OptionGroup var tried: TriedCleaning

    func run() throws {
        var options = PipelineOptions()
        options.languages = lang
        tried.apply(to: &options.cleaning)
        let pipeline = DocumentPipeline(options: options)
        try pipeline.loadModels()
        var judged: [Quality.JudgedPage] = []
        var plain: [(String, Double)] = []
        for (i, file) in files.enumerated() {
            let name = (file as NSString).lastPathComponent
            let folder = out + "/\(i)-" + name
            try? FileManager.default.removeItem(atPath: folder)
            let start = ContinuousClock.now
            let record = pipeline.process(file: file, outputDirectory: folder)
            let took = ContinuousClock.now - start
            if let e = record.error { print("\(name): \(e.kind): \(e.message)"); continue }
            let reference = (try? String(contentsOfFile: file + ".txt", encoding: .utf8))?.components(separatedBy: "\u{0C}")
            let text = ((try? String(contentsOfFile: folder + "/text.txt", encoding: .utf8)) ?? "").components(separatedBy: "\u{0C}")
            for p in record.pages {
                let k = p.number - 1
                let cer = reference.map { k < $0.count && k < text.count ? CharacterErrorRate.of(text[k], reference: $0[k]) : 1 } ?? .nan
                judged.append(Quality.JudgedPage(
                    name: "\(name) p\(p.number)", cer: cer, verdict: p.quality?.verdict.rawValue ?? "none", reason: p.quality?.reason,
                    readings: p.readings ?? 0, variant: p.cleaning?.variant, confidence: p.confidence,
                    dictionary: p.quality?.dictionaryWords, noise: p.cleaning?.noise))
            }
            print("\(name): \(record.pages.count) pages in \(took)")
            if tesseract, let reference {
                let (t, _) = try Quality().tesseract(path: file, slug: "t\(i)", scratch: out + "/tesseract")
                let pages = t.components(separatedBy: "\u{0C}")
                for (k, r) in reference.enumerated() {
                    plain.append(("\(name) p\(k + 1)", k < pages.count ? CharacterErrorRate.of(pages[k], reference: r) : 1))
                }
            }
        }
        print("\nPages: error (nan: no FILE.txt), verdict, readings, cleaning kept, confidence, dictionary words, noise")
        for p in judged { print(p.line(nameWidth: 30)) }
        if !plain.isEmpty {
            print("\nThe plain tesseract command:")
            for (name, cer) in plain { print(String(format: "  %@ %7.2f%%", name.padding(toLength: 30, withPad: " ", startingAt: 0), cer * 100)) }
        }
    }
}

struct CleanPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Write a raster page as each way of cleaning gives it to Tesseract (before levelling), with what cleaning measured.")
    @Argument(help: "A raster page (TIFF, PNG, JPEG, JPEG 2000, WebP, GIF; told from its bytes).") var file: String
    @Option(help: "Output folder: VARIANT.png for each variant.") var out = "bench-out/clean"
    @OptionGroup var tried: TriedCleaning

    func run() throws {
        guard let format = try MediaType.sniff(path: file)?.rasterFormat else { throw ValidationError("\(file): not a raster page") }
        let page = try RasterFile(path: file, format: format).page(0)
        var parameters = CleaningParameters()
        tried.apply(to: &parameters)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for variant in CleaningVariant.allCases {
            let start = ContinuousClock.now
            let cleaned = try PageCleaner(parameters: parameters).clean(page, variant: variant)
            let took = ContinuousClock.now - start
            try cleaned.image.savePNG("\(out)/\(variant.rawValue).png")
            let r = cleaned.report
            print("\(variant.rawValue): noise \(r.noise), ink \(r.ink), paper \(r.paper), denoised \(r.denoised), binarised \(r.binarised), \(cleaned.geometry.width)x\(cleaned.geometry.height) at \(Int(cleaned.geometry.ppi)) ppi, crop \(cleaned.geometry.cropLeft),\(cleaned.geometry.cropTop), \(took)")
        }
    }
}

struct MeasureLines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lines",
        abstract: "Print the skew and up-down signals Leptonica measures on each raster page, cleaned as the pipeline cleans it first.")
    @Argument(help: "Raster pages (TIFF, PNG, JPEG, JPEG 2000, WebP, GIF; told from their bytes).") var files: [String]

    func run() throws {
        TextLines.quietLeptonica()
        print("file | skew | skew confidence | upright | leftward")
        for file in files {
            guard let format = try MediaType.sniff(path: file)?.rasterFormat else { print("\(file) | not a raster page"); continue }
            let cleaned = try PageCleaner().clean(try RasterFile(path: file, format: format).page(0))
            let pixels = GreyPixels(width: cleaned.image.width, height: cleaned.image.height,
                                    ppi: Int(cleaned.geometry.ppi.rounded()), bytes: try cleaned.image.bytes())
            let m = try TextLines.measure(pixels)
            print(String(format: "%@ | %.2f | %.2f | %.1f | %.1f", (file as NSString).lastPathComponent, m.skewDegrees, m.skewConfidence, m.upright, m.leftward))
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the degraded comparison set (and its reference texts).")
    @Argument var directory: String
    @Option(help: "Also write this many more pages of each kind, from other texts (up to \(ReferenceTexts.pages.count - 1) before they repeat) and other noise, into DIRECTORY/seed-N/ (for comparing changes on more than one page of a kind).")
    var more = 0

    func run() throws {
        var fixtures = try DegradedPages.comparisonSet(in: directory)
        let kinds = DegradedPages.Kind.allCases
        for n in 0..<more {
            let dir = directory + "/seed-\(n + 2)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            // Seeds step by one more than the number of kinds, so that each round takes every
            // kind's text from the next of the reference texts (a step of exactly the number of
            // kinds, a multiple of the number of texts, gave every round the same texts).
            fixtures += try kinds.enumerated().map { i, kind in
                try DegradedPages.make(kind, in: dir, seed: (n + 1) * (kinds.count + 1) + i + 1)
            }
        }
        for f in fixtures {
            try f.writeReference()
            print(f.path)
        }
    }
}

/// Pages of the hard kinds at severities from readable to unreadable, read by the pipeline,
/// each page's error beside what the judge saw and said: the figures the verdict thresholds
/// were chosen from.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reading error against the verdict's measures, on the hard kinds from mild to unreadable.")
    @Option var out = "bench-out/calibrate"
    @Option(help: "Pages of each hard kind.") var pages = 8
    @Option(help: "Highest severity (1 is the comparison set's).") var severity = 3.5
    @Option(help: "First seed (other seeds, other pages).") var seed = 1000
    @Option(help: "Only these hard kinds, comma-separated (\(DegradedPages.hardKinds.map(\.slug).joined(separator: ", "))); each keeps its seeds.")
    var kinds: String?
    @OptionGroup var tried: TriedCleaning
    @Flag(help: "Read as Daftar did before the reading work of issue 14: no grain measured or smoothed, no negatives, no thresholding of drowned ink, no second look (the verdicts are still given).")
    var baseline = false

    func run() throws {
        try? FileManager.default.removeItem(atPath: out)
        var options = PipelineOptions()
        if baseline {
            options.secondLook = false
            options.cleaning.minimumNoise = .infinity
            options.cleaning.negativeMedian = -1
            options.cleaning.binariseNoiseShare = .infinity
            options.cleaning.smoothedBlankContrast = options.cleaning.blankPageContrast
        }
        tried.apply(to: &options.cleaning)
        let pipeline = DocumentPipeline(options: options)
        try pipeline.loadModels()
        var judged: [Quality.JudgedPage] = []
        let wanted = kinds.map { Set($0.split(separator: ",").map(String.init)) }
        if let wanted, let unknown = wanted.first(where: { w in !DegradedPages.hardKinds.contains { $0.slug == w } }) {
            throw ValidationError("no hard kind \(unknown)")
        }
        for (k, kind) in DegradedPages.hardKinds.enumerated() where wanted?.contains(kind.slug) ?? true {
            for i in 0..<pages {
                let level = 1 + (severity - 1) * Double(i) / Double(max(1, pages - 1))
                let f = try DegradedPages.make(kind, in: out + "/set/\(kind.slug)-\(i)", seed: seed + 100 * k + i, severity: level)
                try f.writeReference()
                let record = pipeline.process(file: f.path, outputDirectory: out + "/daftar/\(kind.slug)-\(i)")
                let text = (try? String(contentsOfFile: out + "/daftar/\(kind.slug)-\(i)/text.txt", encoding: .utf8)) ?? ""
                for p in record.pages {
                    judged.append(Quality.JudgedPage(
                        name: String(format: "%@ s%.1f", kind.slug, level), cer: CharacterErrorRate.of(text, reference: f.pages[0]),
                        verdict: p.quality?.verdict.rawValue ?? "none", reason: p.quality?.reason, readings: p.readings ?? 0,
                        variant: p.cleaning?.variant, confidence: p.confidence, dictionary: p.quality?.dictionaryWords,
                        noise: p.cleaning?.noise))
                    _ = text
                }
            }
        }
        Quality().printVerdicts(judged)
    }
}

/// Training lines for the Nastaliq model (`scripts/train-nastaliq.sh`): random words from a word
/// list, rendered one line per image in the given typefaces, half clean and half degraded the
/// way light scans are, each with its ground truth beside it (NAME.png, NAME.gt.txt).
struct UrduLines: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "urdu-lines", abstract: "Render Urdu training lines.")
    @Option(help: "Word list, one word per line.") var words: String
    @Option(help: "Output folder.") var out: String
    @Option(help: "Lines to render.") var count = 1000
    @Option(help: "Typefaces, comma-separated (Pango names).") var fonts = "Noto Nastaliq Urdu,Awami Nastaliq"
    @Option(help: "Seed: the same seed gives the same lines.") var seed = 1
    @Option(help: "Render every N-th line only, starting at --part (for rendering on several cores).") var stride = 1
    @Flag(help: "Every line a light scan: turned up to 1.5°, paler and greyer, soft, grainy.") var scan = false
    @Flag(help: "Every line a light scan levelled to within 0.3° and thresholded at Otsu's level, as the reader gives a Nastaliq page to the model; a quarter of them office lines.") var thresholded = false
    @Flag(help: "Lines as an office paper's head has them: reference numbers, dates (Western and Urdu digits), `نمبر:`, `مورخہ:`, `عنوان:`, sums of money; half as light scans.") var office = false
    @Flag(help: "Lines as an Urdu paper's letterhead and title are set: the government, a department or an office, a title, or a few words; 12-22 pt (give bold faces in --fonts); half clean, a quarter soft and grainy, a quarter thresholded light scans.") var headings = false
    @Option var part = 0

    /// Departments of Khyber Pakhtunkhwa's government, as their letterheads write them in Urdu.
    /// `محکمہ صحت` and `محکمہ داخلہ`, two of the five the fields benchmark's papers are headed by,
    /// are left out: the benchmark measures the model on letterheads it was not trained on too.
    static let departments = [
        "مال", "خزانہ", "تعلیم", "زراعت", "آبپاشی", "بلدیات", "اوقاف", "جنگلات", "خوراک", "قانون", "اطلاعات", "معدنیات",
        "سیاحت", "ٹرانسپورٹ", "ایکسائز و ٹیکسیشن", "منصوبہ بندی و ترقیات", "اعلیٰ تعلیم", "ابتدائی و ثانوی تعلیم", "صنعت",
        "محنت", "سماجی بہبود", "مواصلات و تعمیرات", "پولیس", "آثار قدیمہ", "لائیو سٹاک", "توانائی و برقیات", "ماحولیات",
        "کھیل و امور نوجوانان", "بہبود آبادی", "ریلیف و بحالی", "انتظامی امور", "اسٹیبلشمنٹ", "زکوٰۃ و عشر", "پبلک ہیلتھ انجینئرنگ",
    ]
    static let officers = ["ڈپٹی کمشنر", "اسسٹنٹ کمشنر", "کمشنر", "سیکرٹری", "ڈائریکٹر", "ڈسٹرکٹ ایجوکیشن آفیسر",
                           "ایڈیشنل چیف سیکرٹری", "چیف سیکرٹری", "ڈسٹرکٹ پولیس آفیسر", "تحصیلدار", "ڈائریکٹر جنرل"]
    static let districts = ["پشاور", "مردان", "سوات", "ایبٹ آباد", "کوہاٹ", "بنوں", "ڈیرہ اسماعیل خان", "چارسدہ", "نوشہرہ",
                            "صوابی", "مانسہرہ", "دیر بالا", "چترال", "ہری پور", "کرک", "لکی مروت", "ملاکنڈ", "بونیر", "شانگلہ", "ٹانک"]
    static let paperTitles = ["اعلامیہ", "دفتری حکم", "مراسلہ", "یادداشت", "روئیداد اجلاس", "کارروائی اجلاس", "سمری برائے وزیر اعلیٰ",
                              "اطلاع", "اعلان عام", "ضروری اطلاع", "سرکلر", "آفس آرڈر", "نوٹیفکیشن", "تصحیح نامہ"]

    /// A line of an Urdu paper's head, drawn from `rng`.
    static func headingLine(_ rng: inout SplitMix, words list: [String]) -> String {
        func r(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func pick(_ a: [String]) -> String { a[r(a.count)] }
        switch r(10) {
        case 0, 1: return r(4) == 0 ? "حکومت خیبر پختونخوا، محکمہ " + pick(departments) : "حکومت خیبر پختونخوا"
        case 2, 3: return "محکمہ " + pick(departments)
        case 4: return "دفتر " + pick(officers) + (r(2) == 0 ? " " + pick(districts) : "")
        case 5, 6: return pick(paperTitles)
        default: return (0..<(1 + r(4))).map { _ in pick(list) }.joined(separator: " ")
        }
    }

    static let urduMonths = ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"]

    /// A line of an office paper's head or body with numbers in it, drawn from `rng`.
    static func officeLine(_ rng: inout SplitMix, words list: [String]) -> String {
        func r(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func words(_ n: Int) -> String { (0..<n).map { _ in list[r(list.count)] }.joined(separator: " ") }
        let urduDigits = r(4) == 0
        func digits(_ s: String) -> String {
            guard urduDigits else { return s }
            return String(s.map { c -> Character in
                guard let v = c.wholeNumberValue, c.isASCII else { return c }
                return Character(Unicode.Scalar(0x06F0 + v)!)
            })
        }
        let year = 1990 + r(36), month = 1 + r(12), day = 1 + r(28)
        let sep = ["-", ".", "/"][r(3)]
        let date = String(format: "%02d\(sep)%02d\(sep)%04d", day, month, year)
        switch r(7) {
        case 0: return "نمبر: " + digits("\(r(9000) + 100)/\(r(40) + 1)-\(r(30) + 1)/\(year)")
        case 1: return "نمبر " + digits("\(r(900) + 10)") + " " + words(1 + r(2)) + " " + digits("\(year)")
        case 2: return ["مورخہ: ", "مورخہ ", "بتاریخ "][r(3)] + digits(date)
        case 3: return "مورخہ " + digits("\(day)") + " " + urduMonths[month - 1] + " " + digits("\(year)")
        case 4: return "عنوان: " + words(2 + r(5))
        case 5: return words(1 + r(4)) + " " + digits("\(r(99) + 1),\(r(900) + 100)") + " روپے " + words(1 + r(3))
        default: return words(1 + r(3)) + " " + digits(date) + " " + words(1 + r(3))
        }
    }

    func run() throws {
        let list = try String(contentsOfFile: words, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard list.count > 10 else { throw ValidationError("the word list is too short") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let faces = fonts.split(separator: ",").map(String.init)
        var rng = SplitMix(seed: UInt64(seed))
        for i in 0..<count {
            // Draw every line's words and look, rendered or not, so that parts agree.
            var text: String
            if headings {
                text = Self.headingLine(&rng, words: list)
            } else if office || (thresholded && rng.next() % 4 == 0) {
                text = Self.officeLine(&rng, words: list)
            } else {
                let n = 2 + Int(rng.next() % 6)
                text = (0..<n).map { _ in list[Int(rng.next() % UInt64(list.count))] }.joined(separator: " ")
                let punctuation = rng.next() % 10
                if punctuation == 0 { text += "۔" } else if punctuation == 1 { text = text.replacingOccurrences(of: " ", with: "، ", options: [], range: text.range(of: " ")) }
            }
            let face = faces[Int(rng.next() % UInt64(faces.count))]
            let size = headings ? 12 + Int(rng.next() % 11) : 12 + Int(rng.next() % 7)
            let degraded = rng.next() % 2 == 1
            // Heading lines: half clean, a quarter degraded, a quarter thresholded light scans.
            let headingScan = headings && degraded && rng.next() % 2 == 1
            let blur = 0.4 + Double(rng.next() % 100) / 100 * 0.8, noise = 2 + Double(rng.next() % 100) / 100 * 8
            let noiseSeed = Int(rng.next() % 1_000_000)
            // (Drawn only for scan lines, so that the clean and degraded set stays what it was.)
            let asScan = scan || thresholded || (office && degraded) || headingScan
            let asThresholded = thresholded || headingScan
            var turn = asScan ? Double(rng.next() % 300) / 100 - 1.5 : 0
            let fade = asScan ? 0.75 + Double(rng.next() % 20) / 100 : 1
            if asThresholded { turn /= 5 }
            guard i % stride == part else { continue }
            var image = try UrduPages.line(text, font: "\(face) \(size)")
            if asScan {
                // As a light scan of a typed page: soft, faded to grey, turned, grain on it.
                image = try image.blurred(sigma: 0.5 + blur / 2).linear(fade, 255 * (1 - fade) * 0.6).rotated(degrees: turn)
                image = try image.adding(try Image.gaussianNoise(width: image.width, height: image.height, mean: 0, sigma: 3 + noise / 2,
                                                                 seed: noiseSeed).blurred(sigma: 0.5))
                    .castUChar().withResolution(ppi: 300)
                if asThresholded {
                    let pixels = GreyPixels(width: image.width, height: image.height, ppi: 300, bytes: try image.bytes()).thresholded()
                    image = try Image.fromBytes(pixels.bytes, width: pixels.width, height: pixels.height).withResolution(ppi: 300)
                }
            } else if degraded {
                image = try image.blurred(sigma: blur).adding(
                    try Image.gaussianNoise(width: image.width, height: image.height, mean: 0, sigma: noise, seed: noiseSeed))
                    .castUChar().withResolution(ppi: 300)
            }
            let name = String(format: "%@/line-%06d", out, i)
            try image.savePNG(name + ".png")
            try (text + "\n").write(toFile: name + ".gt.txt", atomically: true, encoding: .utf8)
        }
    }
}

struct Quality: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Quality, throughput and memory table.")
    @Option var out = "bench-out"
    @Flag(help: "Skip the 600 dpi memory measurement.") var noMemory = false
    @Flag(help: "Only the real scans' throughput (fixtures/linn.png, cardinal.pdf, skew.pdf).") var realOnly = false

    func run() throws {
        let setDir = out + "/set"
        try? FileManager.default.removeItem(atPath: out)
        if realOnly { return try realScans(try warmPipeline()) }
        let fixtures = try DegradedPages.comparisonSet(in: setDir)
        print("Comparison set: \(fixtures.count) files, \(fixtures.reduce(0) { $0 + $1.pages.count }) pages in \(setDir)")
        print("Tesseract threads: OMP_THREAD_LIMIT=\(ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] ?? "unset")\n")

        let pipeline = try warmPipeline()
        var rows: [Row] = []
        var shares = StageShares()
        for f in fixtures {
            let outDir = out + "/daftar/" + f.kind.slug
            let start = Date()
            let record = pipeline.process(file: f.path, outputDirectory: outDir)
            let seconds = Date().timeIntervalSince(start)
            let text = (try? String(contentsOfFile: outDir + "/text.txt", encoding: .utf8)) ?? ""
            let (dErr, refChars) = score(text, f.pages)
            shares.add(record.timings)

            let (tText, tSeconds) = try tesseract(path: f.path, slug: f.kind.slug, scratch: out + "/tesseract")
            let (tErr, _) = score(tText, f.pages)
            let pageTexts = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
            let judged = record.pages.enumerated().map { i, p in
                JudgedPage(name: "\(f.kind.slug)\(f.path.contains("/variant-") ? "-2" : "") p\(p.number)",
                           cer: i < f.pages.count ? CharacterErrorRate.of(i < pageTexts.count ? pageTexts[i] : "", reference: f.pages[i]) : 1,
                           verdict: p.quality?.verdict.rawValue ?? "none", reason: p.quality?.reason,
                           readings: p.readings ?? 0, variant: p.cleaning?.variant, confidence: p.confidence,
                           dictionary: p.quality?.dictionaryWords, noise: p.cleaning?.noise)
            }
            rows.append(Row(kind: f.kind, pages: f.pages.count, refChars: refChars, daftarErrors: dErr, tesseractErrors: tErr,
                            daftarSeconds: seconds, tesseractSeconds: tSeconds, error: record.error?.message, judged: judged))
        }
        printTable(rows)
        printVerdicts(rows.flatMap(\.judged))
        let pages = Double(rows.reduce(0) { $0 + $1.pages })
        let dSec = rows.reduce(0) { $0 + $1.daftarSeconds }, tSec = rows.reduce(0) { $0 + $1.tesseractSeconds }
        print(String(format: "\nThroughput, one core: daftar %.1f pages/min, tesseract %.1f pages/min: ratio %.2fx (target >= 0.9x)",
                     pages / dSec * 60, pages / tSec * 60, tSec / dSec))
        print(shares.summary)
        try realScans(pipeline)
        if !noMemory { try memory() }
    }

    /// The pipeline timed, its models loaded first, as a worker's slot loads them once when it
    /// starts (the tesseract command loads its model inside every run it is timed for).
    func warmPipeline() throws -> DocumentPipeline {
        let pipeline = DocumentPipeline()
        print(String(format: "Models (recognition and OSD) loaded before timing, once, in %.2f s\n", try pipeline.loadModels()))
        return pipeline
    }

    /// Throughput on the real scans in fixtures/ (dense typed pages from OCRmyPDF's corpus).
    func realScans(_ pipeline: DocumentPipeline) throws {
        let files = ["fixtures/linn.png", "fixtures/cardinal.pdf", "fixtures/skew.pdf"]
            .filter { FileManager.default.fileExists(atPath: $0) }
        guard !files.isEmpty else { return }
        var pages = 0, dSec = 0.0, tSec = 0.0
        var shares = StageShares()
        print("")
        for path in files {
            let slug = (path as NSString).lastPathComponent
            let start = Date()
            let record = pipeline.process(file: path, outputDirectory: out + "/real/" + slug)
            let seconds = Date().timeIntervalSince(start)
            let tesseractSeconds = try tesseract(path: path, slug: "real-" + slug, scratch: out + "/tesseract-real").1
            dSec += seconds
            tSec += tesseractSeconds
            shares.add(record.timings)
            pages += record.pageCount
            let t = record.timings
            print(String(format: "%@ (%d pages): tesseract %.2f s; daftar %.2f s = recognition %.2f, outputs (text, hOCR, ALTO, PDF text layer) %.2f, PDF assembly %.2f, clean %.2f, decode/render %.2f, deskew %.2f, orientation %.2f",
                         slug, record.pageCount, tesseractSeconds, seconds, t["ocr"] ?? 0, t["outputs"] ?? 0,
                         t["pdf"] ?? 0, t["clean"] ?? 0, (t["decode"] ?? 0) + (t["render"] ?? 0),
                         t["deskew"] ?? 0, t["orientation"] ?? 0))
        }
        print(String(format: "Real scans (%@: %d dense pages): daftar %.1f pages/min, tesseract %.1f pages/min: ratio %.2fx",
                     files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "), pages,
                     Double(pages) / dSec * 60, Double(pages) / tSec * 60, tSec / dSec))
        print(shares.summary)
    }

    /// Daftar's stage timings summed over documents, as shares of recognition time.
    struct StageShares {
        /// What the issue's target counts: cleaning, orientation (with deskew) and every output.
        static let work = ["clean", "deskew", "orientation", "outputs", "pdf"]
        /// Reading the file in: hashing and sniffing, opening, decoding, rendering PDF pages and
        /// judging their text layers (the tesseract command decodes inside its own time too).
        static let input = ["read", "open", "decode", "render", "text_layer"]
        var ocr = 0.0, work = 0.0, input = 0.0, total = 0.0

        mutating func add(_ timings: [String: Double]) {
            ocr += timings["ocr"] ?? 0
            work += Self.work.reduce(0) { $0 + (timings[$1] ?? 0) }
            input += Self.input.reduce(0) { $0 + (timings[$1] ?? 0) }
            total += timings["total"] ?? 0
        }

        var summary: String {
            String(format: "Cleaning, orientation, deskew and outputs (text, hOCR, ALTO, searchable PDF): %.1f%% of recognition time (target <= 10%%); reading the files in (hashing, decoding, rendering PDF pages) %.1f%% more; everything but recognition %.1f%%",
                   work / ocr * 100, input / ocr * 100, (total - ocr) / ocr * 100)
        }
    }

    struct Row {
        var kind: DegradedPages.Kind
        var pages: Int
        var refChars: Int
        var daftarErrors: Int
        var tesseractErrors: Int
        var daftarSeconds: Double
        var tesseractSeconds: Double
        var error: String?
        var judged: [JudgedPage] = []
    }

    /// One page's reading against its true text, and what Daftar said of it.
    struct JudgedPage {
        var name: String
        var cer: Double
        var verdict: String
        var reason: String?
        var readings: Int
        var variant: String?
        var confidence: Double?
        var dictionary: Double?
        var noise: Double?

        /// The page as one line: name, error, verdict, readings, cleaning kept, confidence,
        /// dictionary words, noise and the verdict's reason.
        func line(nameWidth: Int) -> String {
            String(format: "  %@ %6.2f%%  %@ %d  %@ conf %5.1f  dict %5@  noise %4.1f%@",
                   name.padding(toLength: nameWidth, withPad: " ", startingAt: 0), cer * 100,
                   verdict.padding(toLength: 10, withPad: " ", startingAt: 0), readings,
                   (variant ?? "-").padding(toLength: 22, withPad: " ", startingAt: 0),
                   confidence ?? -1, (dictionary.map { String(format: "%.2f", $0) } ?? "-") as NSString,
                   noise ?? 0, (reason.map { "  (\($0))" } ?? "") as NSString)
        }
    }

    /// Every page's error, verdict and readings, then the confusion table the targets ask for:
    /// pages above 10% error must be flagged, pages below 2% must not be.
    func printVerdicts(_ pages: [JudgedPage]) {
        print("\nPages: error, verdict, readings, cleaning kept, confidence, dictionary words, noise")
        for p in pages { print(p.line(nameWidth: 22)) }
        let buckets: [(String, (Double) -> Bool)] = [("error < 2%", { $0 < 0.02 }), ("2% to 10%", { $0 >= 0.02 && $0 <= 0.10 }),
                                                     ("error > 10%", { $0 > 0.10 })]
        print("\n| pages        | good | doubtful | unreadable |")
        print("|--------------|-----:|---------:|-----------:|")
        for (name, inBucket) in buckets {
            let these = pages.filter { inBucket($0.cer) }
            func n(_ v: String) -> Int { these.filter { $0.verdict == v }.count }
            print("| \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) | \(String(format: "%4d", n("good"))) | \(String(format: "%8d", n("doubtful"))) | \(String(format: "%10d", n("unreadable"))) |")
        }
        var kinds: [String] = []
        for p in pages { let k = String(p.name.prefix { $0 != " " }); if !kinds.contains(k) { kinds.append(k) } }
        print("\nMean error per kind (each page's CER capped at 100%), and readings per page:")
        for k in kinds {
            let these = pages.filter { String($0.name.prefix { $0 != " " }) == k }
            let mean = these.reduce(0) { $0 + min(1, $1.cer) } / Double(these.count)
            print(String(format: "  %@ %6.2f%%  over %d pages, %.2f readings per page", k.padding(toLength: 20, withPad: " ", startingAt: 0), mean * 100, these.count,
                         Double(these.reduce(0) { $0 + $1.readings }) / Double(these.count)))
        }
        let missed = pages.filter { $0.cer > 0.10 && $0.verdict == "good" }.count
        let false_ = pages.filter { $0.cer < 0.02 && $0.verdict != "good" && $0.verdict != "none" }.count
        let readings = pages.filter { $0.readings > 0 }
        print(String(format: "Verdict targets: %d pages over 10%% error called good (target 0), %d pages under 2%% flagged (target 0); %.2f readings per OCR page",
                     missed, false_, Double(readings.reduce(0) { $0 + $1.readings }) / Double(max(1, readings.count))))
    }

    /// Edit errors and reference characters, page by page (pages split at form feeds).
    func score(_ text: String, _ pages: [String]) -> (Int, Int) {
        let got = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        var errors = 0, chars = 0
        for (i, ref) in pages.enumerated() {
            let r = CharacterErrorRate.normalise(ref)
            let g = CharacterErrorRate.normalise(i < got.count ? got[i] : "")
            errors += CharacterErrorRate.distance(g, r)
            chars += r.count
        }
        return (errors, chars)
    }

    func printTable(_ rows: [Row]) {
        func pct(_ e: Int, _ n: Int) -> String { String(format: "%6.2f%%", Double(e) / Double(max(1, n)) * 100) }
        print("| kind of page                            | pages | daftar CER | tesseract CER | daftar s | tesseract s |")
        print("|-----------------------------------------|------:|-----------:|--------------:|---------:|------------:|")
        for r in rows {
            let name = r.kind.rawValue.padding(toLength: 39, withPad: " ", startingAt: 0)
            print("| \(name) | \(String(format: "%5d", r.pages)) | \(pct(r.daftarErrors, r.refChars))    | \(pct(r.tesseractErrors, r.refChars))       | \(String(format: "%8.1f", r.daftarSeconds)) | \(String(format: "%11.1f", r.tesseractSeconds)) |\(r.error.map { " error: \($0)" } ?? "")")
        }
        let e = rows.reduce(0) { $0 + $1.daftarErrors }, t = rows.reduce(0) { $0 + $1.tesseractErrors }
        let n = rows.reduce(0) { $0 + $1.refChars }
        let worst = rows.max { Double($0.daftarErrors) / Double($0.refChars) < Double($1.daftarErrors) / Double($1.refChars) }!
        print("| overall                                 | \(String(format: "%5d", rows.reduce(0) { $0 + $1.pages })) | \(pct(e, n))    | \(pct(t, n))       | \(String(format: "%8.1f", rows.reduce(0) { $0 + $1.daftarSeconds })) | \(String(format: "%11.1f", rows.reduce(0) { $0 + $1.tesseractSeconds })) |")
        print("\nWorst kind for daftar: \(worst.kind.rawValue), \(pct(worst.daftarErrors, worst.refChars)) (target: overall < 0.5%, no kind > 2%)")
    }

    /// The plain `tesseract` command on the same pages (PDF pages rasterised first by pdftoppm
    /// at 300 dpi, not timed), as text.
    func tesseract(path: String, slug: String, scratch: String) throws -> (String, Double) {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var inputs = [path]
        if path.hasSuffix(".pdf") {
            let prefix = scratch + "/" + slug
            _ = try run("/usr/bin/pdftoppm", ["-r", "300", "-gray", "-png", path, prefix])
            inputs = try FileManager.default.contentsOfDirectory(atPath: scratch)
                .filter { $0.hasPrefix(slug + "-") && $0.hasSuffix(".png") }.sorted().map { scratch + "/" + $0 }
        }
        var texts: [String] = []
        var seconds = 0.0
        for input in inputs {
            let start = Date()
            let text = try run("/usr/bin/tesseract", [input, "stdout"])
            seconds += Date().timeIntervalSince(start)
            texts.append(text.hasSuffix("\u{0C}") ? String(text.dropLast()) : text)
        }
        return (texts.joined(separator: "\u{0C}"), seconds)
    }

    func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["OMP_THREAD_LIMIT"] = "1"
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Peak resident memory of `daftar process` on one A4 page scanned at 600 dpi.
    func memory() throws {
        let dir = out + "/memory"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let a4 = try DegradedPages.page(text: ReferenceTexts.pages[0], ppi: 600)
        let path = dir + "/a4-600dpi.png"
        try a4.savePNG(path)
        let daftar = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("daftar").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: daftar)
        p.arguments = ["process", path, "--out", dir + "/out", "--jobs", "1"]
        p.standardError = FileHandle.nullDevice
        let start = Date()
        try p.run()
        p.waitUntilExit()
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        print(String(format: "\nMemory: one A4 page at 600 dpi (%dx%d): peak resident %.0f MB (target < 500 MB), %.1f s, exit %d",
                     a4.width, a4.height, Double(usage.ru_maxrss) / 1024, Date().timeIntervalSince(start), p.terminationStatus))
    }
}

Bench.main()
