import ArgumentParser
import DaftarFixtures
import DaftarIndex
import DaftarPipeline
import Foundation
import Imaging

/// `daftar-bench fields`: generated first pages (every kind, layout, number and date style;
/// English and Urdu; clean and degraded) read by the pipeline with `--lang auto`, and the
/// fields it found against what each page states: precision and recall per field.
struct FieldsBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fields",
        abstract: "The record's own fields (type, number, date, subject, office): precision and recall per field on generated documents.")
    @Option var out = "bench-out/fields"
    @Option(help: "English documents, clean and again degraded (each).") var count = 60
    @Option(help: "Urdu documents, clean and again degraded (each).") var urdu = 12
    @Option(help: "English documents scanned the hard ways the reader was never tuned on (pale carbon copies, dusty faxes at 150-204 dpi, specked photocopies; some turned or skewed).") var hard = 0
    @Option(help: "Urdu documents scanned the hard ways.") var hardUrdu = 0
    @Option(help: "First seed (other seeds, other documents).") var seed = 5000
    @Flag(help: "Print every wrong or missed field.") var verbose = false
    @OptionGroup var tried: TriedCleaning

    static let names = ["type", "number", "date", "subject", "office"]

    /// Values as compared: capitals, single spaces, no surrounding punctuation; in Arabic
    /// script no spaces at all — Urdu's space after a letter that does not join its neighbour
    /// is hardly seen on the page, and the same words are typed with it and without
    /// (`کے لیے`, `کےلیے`).
    static func compared(_ s: String) -> String {
        let arabic = s.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
        return s.uppercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: arabic ? "" : " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,:;-"))
    }

    struct Tally { var stated = 0, found = 0, right = 0 }

    func run() throws {
        try? FileManager.default.removeItem(atPath: out)
        var options = PipelineOptions()
        tried.apply(to: &options.cleaning)
        options.languages = PipelineOptions.automatic
        options.searchablePDF = false
        let pipeline = DocumentPipeline(options: options)
        try pipeline.loadModels()
        var sets: [(String, [OfficialDocuments.Document])] = []
        sets.append(("English, clean", try (0..<count).map { try OfficialDocuments.make(seed: seed + $0, in: out + "/set") }))
        sets.append(("English, degraded", try (0..<count).map { try OfficialDocuments.make(seed: seed + $0, in: out + "/set", degraded: true) }))
        if urdu > 0 {
            sets.append(("Urdu, clean", try (0..<urdu).map { try OfficialDocuments.make(seed: seed + $0, in: out + "/set", urdu: true, unlistedOffices: true) }))
            sets.append(("Urdu, degraded", try (0..<urdu).map {
                try OfficialDocuments.make(seed: seed + $0, in: out + "/set", degraded: true, urdu: true, unlistedOffices: true)
            }))
        }
        if hard > 0 {
            sets.append(("English, hard", try (0..<hard).map { try OfficialDocuments.make(seed: seed + $0, in: out + "/set", hard: true) }))
        }
        if hardUrdu > 0 {
            sets.append(("Urdu, hard", try (0..<hardUrdu).map { try OfficialDocuments.make(seed: seed + $0, in: out + "/set", urdu: true, hard: true, unlistedOffices: true) }))
        }
        sets.removeAll { $0.1.isEmpty }
        print("Fields read from generated first pages (`--lang auto`); precision = right / found, recall = right / stated:\n")
        print("| set | pages | s/page | " + Self.names.map { "\($0) P / R" }.joined(separator: " | ") + " |")
        print("|---|---:|---:|" + Self.names.map { _ in "---:|" }.joined())
        var wrong: [String] = []
        // Each Urdu page (`--verbose`): its verdict, confidence, share of its words Urdu's, and
        // character error.
        var pages: [String] = []
        // Fields read and not what the page states, and fields stated and not read, per field
        // over every set.
        var wrongBy: [String: Int] = [:], missedBy: [String: Int] = [:]
        // Per set, each page's verdict and its text's character error rate.
        var judged: [(String, [(PageQuality.Verdict, Double)])] = []
        // Per hard look (`pale carbon copy`, …): pages, their character error rates, and the
        // fields stated and the fields read right.
        var byLook: [String: (cers: [Double], stated: Int, right: Int, wrong: Int)] = [:]
        for (name, docs) in sets {
            var tallies = [String: Tally]()
            var verdicts: [(PageQuality.Verdict, Double)] = []
            let started = Date()
            for d in docs {
                let file = (d.path as NSString).lastPathComponent
                // A hard page's look, after what is said of it.
                let looked = d.look.contains(",") ? " | " + d.look : ""
                let dir = out + "/read/" + file
                let record = pipeline.process(file: d.path, outputDirectory: dir)
                let text = (try? String(contentsOfFile: dir + "/text.txt", encoding: .utf8)) ?? ""
                let verdict = record.pages.first?.quality?.verdict ?? .good
                let cer = CharacterErrorRate.of(TextNormalizer.normalize(text), reference: TextNormalizer.normalize(d.text))
                verdicts.append((verdict, cer))
                if verbose, d.language == "urd" {
                    let listed = FieldReader.listedShare(text)
                    pages.append(String(format: "%@ | %@ | %.1f | %.3f | %.1f%%", file, verdict.rawValue,
                                        record.pages.first?.confidence ?? 0, Double(listed?.share ?? 0), 100 * cer))
                }
                if verdict == .good, cer > 0.1 {
                    wrong.append("\(file) judged good: \(String(format: "%.1f%%", 100 * cer)) of its characters wrong" + looked)
                }
                let found = record.fields?.values ?? [:]
                // Each hard page counts under its look and under how it lay (upright, skewed,
                // turned a quarter, half or three quarters round).
                var kinds: [String] = []
                if d.look.contains(",") {
                    let language = name.hasPrefix("Urdu") ? "Urdu " : "English "
                    let lay = d.look.range(of: "turned [0-9]+", options: .regularExpression).map { String(d.look[$0]) + "°" }
                        ?? (d.look.contains("skewed") ? "skewed" : "upright")
                    kinds = [language + String(d.look.prefix { $0 != "," }), language + lay]
                }
                for kind in kinds { byLook[kind, default: ([], 0, 0, 0)].cers.append(cer) }
                for f in Self.names {
                    var t = tallies[f] ?? Tally()
                    let stated = d.truth[f], got = found[f]
                    if stated != nil { t.stated += 1 }
                    if got != nil { t.found += 1 }
                    let right = stated.flatMap { s in got.map { Self.compared(s) == Self.compared($0) } } ?? false
                    for kind in kinds {
                        if stated != nil { byLook[kind]!.stated += 1 }
                        if right { byLook[kind]!.right += 1 } else if got != nil { byLook[kind]!.wrong += 1 }
                    }
                    if right { t.right += 1 }
                    else if stated != nil || got != nil {
                        wrong.append("\(file) \(f): stated \(stated ?? "-") | read \(got ?? "-")" + looked)
                        if got == nil { missedBy[f, default: 0] += 1 } else { wrongBy[f, default: 0] += 1 }
                    }
                    tallies[f] = t
                }
            }
            let perPage = Date().timeIntervalSince(started) / Double(max(1, docs.count))
            let cells = Self.names.map { f -> String in
                let t = tallies[f] ?? Tally()
                let p = t.found == 0 ? "–" : String(format: "%.1f%%", 100 * Double(t.right) / Double(t.found))
                let r = t.stated == 0 ? "–" : String(format: "%.1f%%", 100 * Double(t.right) / Double(t.stated))
                return "\(p) / \(r)"
            }
            print("| \(name) | \(docs.count) | \(String(format: "%.2f", perPage)) | " + cells.joined(separator: " | ") + " |")
            judged.append((name, verdicts))
        }
        // Whether the verdicts are honest: a page judged good should read well. (The error
        // counts the reading order too: a number and date side by side read in another order
        // add to it.)
        print("\nEach page's verdict against its text's character error rate (folded; median, and the worst good page):\n")
        print("| set | good | doubtful | unreadable | worst good page |")
        print("|---|---:|---:|---:|---:|")
        for (name, verdicts) in judged {
            func cell(_ v: PageQuality.Verdict) -> String {
                let cers = verdicts.filter { $0.0 == v }.map { $0.1 }.sorted()
                return cers.isEmpty ? "0" : String(format: "%d (%.1f%%)", cers.count, 100 * cers[cers.count / 2])
            }
            let goods: [Double] = verdicts.filter { $0.0 == PageQuality.Verdict.good }.map { $0.1 }
            let worst = goods.max().map { String(format: "%.1f%%", 100 * $0) } ?? "–"
            let row = "| \(name) | " + [cell(.good), cell(.doubtful), cell(.unreadable), worst].joined(separator: " | ") + " |"
            print(row)
        }
        if !byLook.isEmpty {
            print("\nThe hard pages by look and by how they lay: character error (median, worst) and fields (read right of those stated, wrong):\n")
            print("| look | pages | character error | fields right | wrong |")
            print("|---|---:|---:|---:|---:|")
            for (kind, l) in byLook.sorted(by: { $0.key < $1.key }) {
                let cers = l.cers.sorted()
                print(String(format: "| %@ | %d | %.1f%%, %.1f%% | %d of %d | %d |", kind, cers.count, 100 * cers[cers.count / 2],
                             100 * cers.last!, l.right, l.stated, l.wrong))
            }
        }
        if !pages.isEmpty {
            print("\nUrdu pages: verdict | confidence | share of words Urdu's | character error\n")
            for p in pages { print("  page " + p) }
        }
        print("\nFields over every set, wrong / missed: " + Self.names.map { "\($0) \(wrongBy[$0] ?? 0) / \(missedBy[$0] ?? 0)" }.joined(separator: ", "))
        if verbose || wrong.count <= 20 {
            if !wrong.isEmpty { print("\nWrong or missed:") }
            for w in wrong { print("  " + w) }
        } else {
            print("\n\(wrong.count) fields wrong or missed (--verbose lists them)")
        }
    }
}
