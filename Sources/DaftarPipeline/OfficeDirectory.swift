import Foundation

/// The offices an Urdu letterhead names, as a closed list (`Embedded/offices.txt`): the
/// governments, Khyber Pakhtunkhwa's departments, secretariats, a few directorates, and its
/// commissioners' and deputy commissioners' offices. Bold Nastaliq letterheads are read a
/// different way by each reading (`محکمہ ظر ا سپورٹ`, `محکمہ ٹرانسپورٹ`, `محکمہ فر انپورٹ`), and
/// a word-by-word vote cannot mend a name most readings break in the same place; the readings
/// together can still name one entry of the list and no other. A letterhead whose readings do
/// not agree on one entry, or that holds a word no entry near it has, is read as the page has it.
public enum OfficeDirectory {
    /// The directory's names, as written in `Embedded/offices.txt`.
    public static let names: [String] = (EmbeddedFiles.files["offices.txt"] ?? "").split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }

    /// Each name's letters as readings are compared with it (`letters`).
    static let keys: [[Character]] = names.map(letters)

    /// A text's letters in Urdu's own forms (`FieldReader.urduLetters`), without spaces, marks,
    /// digits and diacritics: readings split and join a bold line's words anywhere (`آرکائیو نر`).
    static func letters(_ text: String) -> [Character] {
        Array(FieldReader.urduLetters(text).filter { $0.isLetter })
    }

    /// Letters Nastaliq's readings take for one another: one shape, told apart by dots or a
    /// stroke (`ب پ ت ٹ ث ن ی`, `ج چ ح خ`, `ک گ`, …). A letter outside every group is its own.
    static let shapes: [Character: Int] = {
        let groups = ["بپتٹثنیئےۓ", "جچحخ", "دڈذ", "رڑزژ", "سش", "صض", "طظ", "عغ", "فق", "کگ", "ہھۃةه", "وؤ", "اآأإٱ"]
        var out: [Character: Int] = [:]
        for (k, g) in groups.enumerated() { for c in g { out[c] = k } }
        return out
    }()

    /// What turning one letter into another costs: nothing for the same letter, little for a
    /// letter of the same shape, one for any other.
    static func substitution(_ a: Character, _ b: Character) -> Double {
        if a == b { return 0 }
        if let x = shapes[a], let y = shapes[b], x == y { return sameShapeCost }
        return 1
    }
    static let sameShapeCost = 0.4

    /// The edit distance between two strings of letters, a letter of the same shape costing
    /// `sameShapeCost` and every other edit one; `anywhere`, between `a` and the run of `b`'s
    /// letters nearest it (`a`'s letters found in a name, up to edits).
    static func distance(_ a: [Character], _ b: [Character], anywhere: Bool = false) -> Double {
        guard !a.isEmpty else { return anywhere ? 0 : Double(b.count) }
        var previous = anywhere ? [Double](repeating: 0, count: b.count + 1) : (0...b.count).map(Double.init), current = previous
        for i in 1...a.count {
            current[0] = Double(i)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution(a[i - 1], b[j - 1]))
            }
            swap(&previous, &current)
        }
        return anywhere ? previous.min()! : previous[b.count]
    }

    /// The words of the directory's names, in letters.
    static let words: Set<String> = Set(names.flatMap { FieldReader.tokens($0).map { String(letters($0)) } }.filter { $0.count >= 2 })

    /// Whether a word (in letters) is a misreading of one of the directory's words: no word of
    /// Urdu's and none of the directory's, of four letters or more, within one edit of one of
    /// them, letters of one shape costing less (`گمشتر` for `کمشنر`, read at 86 on a degraded
    /// scan of an office the directory does not list: a wrong office).
    public static func misreads(_ word: String) -> Bool {
        let w = Array(word)
        guard w.count >= 4, !words.contains(word), FieldReader.urduWords[word] == nil else { return false }
        return words.contains { abs($0.count - w.count) <= 1 && distance(w, Array($0)) <= 1 }
    }

    /// How far a reading may be from a name and still count as a reading of it: a fifth of the
    /// name's letters and half a letter (two edits in `محکمہ تعلیم`, four in `ڈائریکٹوریٹ آف آرکائیوز`).
    static func tolerance(_ name: [Character]) -> Double { 0.2 * Double(name.count) + 0.5 }

    /// The directory's name a letterhead line's readings agree on, or nil. Each reading (`readings`:
    /// the first, the rereads, the other model's) counts for the name nearest it when it lies
    /// within `tolerance` of that name and at least one edit nearer it than any other name. The
    /// line is that name when two readings at least count for it and none for another, and no
    /// word read surely (`sure`: the first reading's words read with confidence that the model's
    /// dictionary holds, and any word of four letters every reread reads) is more than one
    /// edit from every run of the name's letters: `محکمہ خزانہ پنجاب` is not `محکمہ خزانہ`.
    public static func name(readings: [String], sure: [String] = []) -> String? {
        var support = [Int: Int]()
        for reading in readings {
            let k = letters(reading)
            guard k.count >= 3 else { continue }
            var best: (index: Int, d: Double)?, second = Double.infinity
            for (i, key) in keys.enumerated() where abs(key.count - k.count) <= Int(tolerance(key)) + 1 {
                let d = distance(k, key)
                if d < best?.d ?? .infinity { second = best?.d ?? .infinity; best = (i, d) } else { second = min(second, d) }
            }
            guard let best, best.d <= tolerance(keys[best.index]), second >= best.d + 1 else { continue }
            support[best.index, default: 0] += 1
        }
        guard support.count == 1, let (index, count) = support.first, count >= 2 else { return nil }
        for word in sure {
            let w = letters(word)
            if w.count >= 3, distance(w, keys[index], anywhere: true) > 1 { return nil }
        }
        return names[index]
    }

    /// The word the directory's names follow a word with, for words only one word ever follows
    /// (three letters or more): `خیبر` → `پختونخوا`, `امداد` → `باہمی`.
    public static let followers: [String: String] = {
        var next: [String: Set<String>] = [:]
        for name in names {
            let w = FieldReader.tokens(name)
            for k in w.indices.dropFirst() { next[w[k - 1], default: []].insert(w[k]) }
        }
        return next.filter { $0.key.count >= 3 }.compactMapValues { $0.count == 1 ? $0.first : nil }
    }()

    /// A line of an Urdu paper's head (its words and confidences, as `FieldReader.decide` gave
    /// it), where it reads a word surely and the word after it unsurely (at
    /// `FieldReader.urduMinimumConfidence` and under), and the directory's names
    /// follow that word with one word only (`followers`), with that word when the unsure word and
    /// the readings' words after the sure one (`readings`: the first, the rereads, the other
    /// model's; two at least, and at least half of those that read the sure word) lie within
    /// `tolerance` of it. The province's name in a subject line, its tall stacked letters read
    /// `بخونخوا` (at 55), `خونخوا`, `پضوخوا`, `بنا` and never right, is `خیبر پختونخوا`.
    public static func namedWords(_ line: (text: String, confidences: [Double]), readings: [String]) -> (text: String, confidences: [Double]) {
        var words: [String] = FieldReader.tokens(line.text), confidences = line.confidences
        guard words.count == confidences.count else { return line }
        let read: [[String]] = readings.map { FieldReader.tokens($0) }
        let sure = FieldReader.urduMinimumConfidence
        for k in words.indices.dropFirst() where confidences[k - 1] >= sure && confidences[k] < sure {
            guard let name = followers[words[k - 1]], words[k] != name else { continue }
            let key = letters(name)
            func near(_ word: String) -> Bool { distance(letters(word), key) <= tolerance(key) }
            let after = read.compactMap { r in r.firstIndex(of: words[k - 1]).flatMap { $0 + 1 < r.count ? r[$0 + 1] : nil } }
            let support = after.filter(near).count
            guard near(words[k]), support >= 2, support * 2 >= after.count else { continue }
            words[k] = name
            confidences[k] = sure
        }
        return (words.joined(separator: " "), confidences)
    }

    /// The words of a letterhead line read surely: the first reading's words read at
    /// `FieldReader.urduMinimumConfidence` or more that its model's dictionary holds, and the
    /// words of four letters or more every reread reads.
    public static func sureWords(first: String, confidences: [Double], inDictionary: [Bool], rereads: [String]) -> [String] {
        let read = FieldReader.tokens(first)
        var out = read.indices.filter { k in
            k < confidences.count && k < inDictionary.count && confidences[k] >= FieldReader.urduMinimumConfidence && inDictionary[k]
        }.map { read[$0] }
        let reread = rereads.map { FieldReader.tokens($0).map { String(letters($0)) } }
        var seen = Set<String>()
        for w in reread.first ?? [] where w.count >= 4 && seen.insert(w).inserted && reread.allSatisfy({ $0.contains(w) }) {
            out.append(w)
        }
        return out
    }
}
