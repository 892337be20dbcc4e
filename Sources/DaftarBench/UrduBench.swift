import ArgumentParser
import DaftarFixtures
import DaftarIndex
import DaftarPipeline
import Foundation
import Imaging
import OCR

/// `daftar-bench urdu`: pages typeset from held-out Urdu prose (never in training) in each
/// typeface, clean, as a light scan, as a heavy scan and at 200 dpi, a bilingual notice and an English page, read with
/// `--lang auto`, the stock `urd` model and Daftar's Nastaliq model; character error rates
/// with letter variants and diacritics folded on both sides (as the index folds them).
struct UrduBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "urdu",
        abstract: "Urdu reading: error per typeface and degradation for auto, urd and urd_nastaliq, and time per page.")
    @Option var out = "bench-out/urdu"

    struct Case { var name: String; var path: String; var truth: String; var english: Bool }

    func run() throws {
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.createDirectory(atPath: out + "/set", withIntermediateDirectories: true)
        Vips.start()
        var cases: [Case] = []
        let faces = [("Noto Nastaliq Urdu", "Noto Nastaliq Urdu 16"), ("Awami Nastaliq", "Awami Nastaliq 16"),
                     ("Noto Naskh Arabic", "Noto Naskh Arabic 14")]
        for (i, (name, font)) in faces.enumerated() {
            let text = UrduPages.prose(first: 2 * i, paragraphs: 3)
            for scan in [false, true] {
                let path = "\(out)/set/\(name.replacingOccurrences(of: " ", with: "-"))\(scan ? "-scan" : "").png"
                try UrduPages.page(text: text, font: font, scan: scan, seed: i + 1).savePNG(path)
                cases.append(Case(name: "\(name), \(scan ? "light scan" : "clean")", path: path, truth: text, english: false))
            }
            // Degraded other ways, from other paragraphs.
            let other = UrduPages.prose(first: 2 * i + 1, paragraphs: 3)
            for look in UrduPages.Look.allCases {
                let path = "\(out)/set/\(name.replacingOccurrences(of: " ", with: "-"))-\(look.rawValue.replacingOccurrences(of: " ", with: "-")).jpg"
                try UrduPages.page(text: other, font: font, look: look, seed: i + 7).saveJPEG(path, quality: look.jpegQuality)
                cases.append(Case(name: "\(name), \(look.rawValue)", path: path, truth: other, english: false))
            }
        }
        for (name, font) in [("Noto Nastaliq Urdu", "Noto Nastaliq Urdu 16"), ("Noto Naskh Arabic", "Noto Naskh Arabic 14")] {
            let (image, text) = try UrduPages.bilingual(font: font, first: 5)
            let path = "\(out)/set/bilingual-\(name.replacingOccurrences(of: " ", with: "-")).png"
            try image.savePNG(path)
            cases.append(Case(name: "bilingual notice, \(name) body", path: path, truth: text, english: false))
        }
        let english = ReferenceTexts.page(3)
        try DegradedPages.page(text: english, ppi: 300).savePNG(out + "/set/english.png")
        cases.append(Case(name: "English page", path: out + "/set/english.png", truth: english, english: true))

        let models = ["urd", "urd_nastaliq"].filter { OCREngine.hasModel($0) }
        if !models.contains("urd_nastaliq") { print("(urd_nastaliq is not installed: run workers/install-deps.sh)\n") }
        let settings = ["auto", "eng"] + models
        var pipelines: [String: DocumentPipeline] = [:]
        for l in settings {
            var o = PipelineOptions()
            o.languages = l
            o.searchablePDF = false
            let p = DocumentPipeline(options: o)
            try p.loadModels()
            pipelines[l] = p
        }
        print("Character error rate (letter variants and diacritics folded), seconds per page:\n")
        print("| page | " + settings.map { "`\($0)`" }.joined(separator: " | ") + " | auto read with |")
        print("|---|" + settings.map { _ in "---:|" }.joined() + "---|")
        for c in cases {
            var cells: [String] = []
            var autoModel = ""
            for l in settings {
                if c.english && l != "auto" && l != "eng" { cells.append("–"); continue }
                let dir = "\(out)/\(l)/\((c.path as NSString).lastPathComponent)"
                let started = Date()
                let record = pipelines[l]!.process(file: c.path, outputDirectory: dir)
                let seconds = Date().timeIntervalSince(started)
                let text = (try? String(contentsOfFile: dir + "/text.txt", encoding: .utf8)) ?? ""
                let cer = CharacterErrorRate.of(TextNormalizer.normalize(text), reference: TextNormalizer.normalize(c.truth))
                cells.append(String(format: "%.1f%% (%.1f s)", cer * 100, seconds))
                if l == "auto" { autoModel = record.pages.first?.languages ?? "-" }
            }
            print("| \(c.name) | " + cells.joined(separator: " | ") + " | \(autoModel) |")
        }
    }
}
