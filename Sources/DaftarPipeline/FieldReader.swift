import Foundation
import OCR

/// A line of a page's text with where it lies: OCR lines carry their box in the recognised
/// image; text-layer lines only their order (`box` nil).
public struct PageLine: Sendable, Equatable {
    public var text: String
    /// left, top, right, bottom as fractions of the page's width and height.
    public var box: (left: Double, top: Double, right: Double, bottom: Double)?
    /// OCR lines: each word's confidence (0–100), in the order of the words in `text`.
    public var confidences: [Double]?
    /// OCR lines: whether the recogniser found each word in its model's dictionary, in the same order.
    public var inDictionary: [Bool]?
    public init(text: String, box: (left: Double, top: Double, right: Double, bottom: Double)?, confidences: [Double]? = nil,
                inDictionary: [Bool]? = nil) {
        self.text = text; self.box = box; self.confidences = confidences; self.inDictionary = inDictionary
    }
    public static func == (a: PageLine, b: PageLine) -> Bool {
        a.text == b.text && a.box?.left == b.box?.left && a.box?.top == b.box?.top
            && a.box?.right == b.box?.right && a.box?.bottom == b.box?.bottom && a.confidences == b.confidences
            && a.inDictionary == b.inDictionary
    }

    /// Whether the words from `first` on were read confidently enough for a field: at
    /// `FieldReader.minimumConfidence`; on a line mostly in Arabic script, at
    /// `urduMinimumConfidence`, or at `minimumConfidence` for a word the model's dictionary holds.
    func trusted(from first: Int = 0, count: Int? = nil) -> Bool {
        guard isArabicScript, let c = confidences, first < c.count else {
            return confidence(from: first, count: count) >= FieldReader.minimumConfidence
        }
        let end = count.map { min(c.count, first + $0) } ?? c.count
        return (first..<end).allSatisfy { k in
            c[k] >= FieldReader.urduMinimumConfidence
                || (c[k] >= FieldReader.minimumConfidence && k < (inDictionary?.count ?? 0) && inDictionary![k])
        }
    }

    /// The line without its stray marks: words of no letter and no digit that were read below
    /// `FieldReader.minimumConfidence` or that no heading or subject has on its own (`_`, `~`,
    /// `|`, quotes, `.`, `,`, `:`): dust and specks a scan adds (`for —(35) government` on a
    /// dusty fax, `_(82) IRRIGATION DEPARTMENT`). A word of letters is never dropped, nor a
    /// text-layer line's (no confidences).
    public func withoutStrayMarks() -> PageLine {
        let words = FieldReader.tokens(text)
        guard let c = confidences, c.count == words.count else { return self }
        let keep = words.indices.filter { k in
            !FieldReader.isMark(words[k])
                || (c[k] >= FieldReader.minimumConfidence && !words[k].allSatisfy { "_~|'\"`‘’“”.,;:^*°¬".contains($0) })
        }
        guard keep.count < words.count else { return self }
        return PageLine(text: keep.map { words[$0] }.joined(separator: " "), box: box, confidences: keep.map { c[$0] },
                        inDictionary: inDictionary.map { d in keep.map { $0 < d.count ? d[$0] : false } })
    }

    /// The line without the stops a subject's words do not have: a stop after a word of four
    /// letters or more that the model's dictionary holds (`COMMITTEE. MEETING` on a specked fax,
    /// read so by every model). A subject is a phrase, not sentences, and runs on over its lines;
    /// its abbreviations keep theirs (`Mr.`, `No.`, and words no dictionary holds: `Deptt.`).
    func withoutSpeckStops() -> PageLine {
        var words = FieldReader.tokens(text)
        guard let d = inDictionary, d.count == words.count else { return self }
        var changed = false
        for k in words.indices where d[k] && words[k].hasSuffix(".") {
            let bare = words[k].dropLast()
            if bare.count >= 4, bare.allSatisfy(\.isLetter) { words[k] = String(bare); changed = true }
        }
        return changed ? PageLine(text: words.joined(separator: " "), box: box, confidences: confidences, inDictionary: inDictionary) : self
    }

    /// The line without the marks alone it opens with (`~ No. SO(Admn)/…`: a speck before the
    /// label, read `~` at 0), and how many words those were.
    func droppingLeadingMarks() -> (line: PageLine, dropped: Int) {
        let words = FieldReader.tokens(text)
        let k = words.prefix { FieldReader.isMark($0) }.count
        guard k > 0, k < words.count, confidences.map({ $0.count == words.count }) ?? true else { return (self, 0) }
        return (PageLine(text: words.dropFirst(k).joined(separator: " "), box: box, confidences: confidences.map { Array($0.dropFirst(k)) },
                         inDictionary: inDictionary.map { Array($0.dropFirst(min(k, $0.count))) }), k)
    }

    /// Whether most of the line's letters are in Arabic script; in Latin letters.
    var isArabicScript: Bool { mostLetters { (0x0600...0x06FF).contains($0.value) || (0x0750...0x077F).contains($0.value) } }
    var isLatinScript: Bool { mostLetters { $0.value < 0x250 } }

    private func mostLetters(_ inScript: (Unicode.Scalar) -> Bool) -> Bool {
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.filter(inScript).count * 2 > letters.count
    }

    /// The lowest confidence of the words from `first` on (all of them when nil); 100 for text-layer lines.
    func confidence(from first: Int = 0, count: Int? = nil) -> Double {
        guard let c = confidences, first < c.count else { return 100 }
        let end = count.map { min(c.count, first + $0) } ?? c.count
        return c[first..<end].min() ?? 100
    }
}

/// One field of a record: its value, the page, and the words it was read from.
public struct RecordField: Codable, Sendable, Equatable {
    public var value: String
    public var page: Int
    /// The words of the page the value comes from, as read.
    public var words: String
    public init(value: String, page: Int, words: String) { self.value = value; self.page = page; self.words = words }
}

/// The record's own identity, read from its first page: what kind of paper it is, its
/// reference number, its own date (ISO 8601), its subject and the office that issued it.
/// A field the page does not state is absent, never guessed.
public struct DocumentFields: Codable, Sendable, Equatable {
    public var type: RecordField?
    public var number: RecordField?
    public var date: RecordField?
    public var subject: RecordField?
    public var office: RecordField?
    public init() {}
    public var isEmpty: Bool { type == nil && number == nil && date == nil && subject == nil && office == nil }

    /// The values by name (absent fields left out).
    public var values: [String: String] {
        var out: [String: String] = [:]
        if let type { out["type"] = type.value }
        if let number { out["number"] = number.value }
        if let date { out["date"] = date.value }
        if let subject { out["subject"] = subject.value }
        if let office { out["office"] = office.value }
        return out
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(number, forKey: .number)
        try c.encode(date, forKey: .date)
        try c.encode(subject, forKey: .subject)
        try c.encode(office, forKey: .office)
    }
}

/// Reads `DocumentFields` from a page's lines, the way a dealing clerk finds them: the
/// letterhead at the top, a title on a line of its own, a line that begins with the reference
/// number (`No.`, `نمبر`), the date line (`Dated …`, `Peshawar, the …`, `مورخہ`), and the
/// subject line (`Subject:`, `عنوان`), which may run on below its own start. Only the head of
/// the page counts: a number or date quoted in the body ("vide letter No. … dated …") is not the
/// document's own.
public enum FieldReader {
    /// The kinds of paper, by the title that says so (compared in capitals, letters only).
    static let titles: [(title: String, type: String)] = [
        ("SUMMARY FOR THE CHIEF MINISTER", "summary"), ("SUMMARY FOR CHIEF MINISTER", "summary"),
        ("SUMMARY FOR THE CABINET", "summary"),
        ("MINUTES OF THE MEETING", "minutes"), ("MINUTES OF MEETING", "minutes"), ("MINUTES", "minutes"),
        ("OFFICE ORDER", "office-order"), ("NOTIFICATION", "notification"), ("CORRIGENDUM", "corrigendum"),
        ("OFFICE MEMORANDUM", "memorandum"), ("MEMORANDUM", "memorandum"), ("CIRCULAR", "circular"),
        ("اعلامیہ", "notification"), ("اعلامیه", "notification"), ("دفتری حکم", "office-order"), ("آفس آرڈر", "office-order"),
        ("یادداشت", "memorandum"), ("مراسلہ", "letter"), ("روئیداد اجلاس", "minutes"), ("کارروائی اجلاس", "minutes"),
        ("سمری برائے وزیر اعلیٰ", "summary"), ("مراسلہ", "letter"),
    ]
    static let officeWords = ["DEPARTMENT", "DIRECTORATE", "OFFICE OF", "SECRETARIAT", "BOARD OF", "COMMISSIONER",
                              "AUTHORITY", "COMMISSION", "INSPECTORATE", "ASSEMBLY", "BUREAU", "DIVISION", "CELL", "WING",
                              "محکمہ", "دفتر", "ڈائریکٹوریٹ", "بورڈ آف ریونیو", "کمشنر"]
    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                         "oct": 10, "nov": 11, "dec": 12]
    static let urduMonths = ["جنوری": 1, "فروری": 2, "مارچ": 3, "اپریل": 4, "مئی": 5, "جون": 6, "جولائی": 7, "اگست": 8,
                             "ستمبر": 9, "اکتوبر": 10, "نومبر": 11, "دسمبر": 12]

    /// The fields of a document from the lines of its first pages (page number, lines in
    /// reading order). Each field is taken from the first page that states it.
    /// A page read two ways (`other`: an Urdu page read as one block, and through the page
    /// layout) gives each field from either reading; when both give one and they differ,
    /// neither is taken.
    public static func read(pages: [(number: Int, lines: [PageLine], other: [PageLine]?)]) -> DocumentFields {
        var out = DocumentFields()
        for page in pages.prefix(2) {
            var f = read(lines: page.lines, page: page.number)
            if let other = page.other {
                let g = read(lines: other, page: page.number)
                func either(_ a: RecordField?, _ b: RecordField?) -> RecordField? {
                    guard let a, let b else { return a ?? b }
                    return a.value == b.value ? a : nil
                }
                f.type = either(f.type, g.type)
                f.number = either(f.number, g.number)
                f.date = either(f.date, g.date)
                f.subject = either(f.subject, g.subject)
                f.office = either(f.office, g.office)
            }
            out.type = out.type ?? f.type
            out.number = out.number ?? f.number
            out.date = out.date ?? f.date
            out.subject = out.subject ?? f.subject
            out.office = out.office ?? f.office
            if !f.isEmpty { break }   // a page with a head is the document's first page
        }
        return out
    }

    /// The fields one page states.
    /// Words read with less confidence than this are not trusted for a field: a wrong field is
    /// worse than none. (On generated pages misread references scored 0–53, right ones 63–92.)
    public static let minimumConfidence: Double = 60
    /// The Nastaliq model's confidences run higher for the same error: on generated Urdu papers
    /// its misread letters in field words (`واخلہ` for `داخلہ`) scored 65–84. Lines in Arabic
    /// script need this.
    public static let urduMinimumConfidence: Double = 85
    /// A reference number is one long word, where one misread character is a wrong number:
    /// its words must be read more confidently than that, or be confirmed by a second reading
    /// with another model.
    public static let numberConfidence: Double = 85

    public static func read(lines raw: [PageLine], page: Int) -> DocumentFields {
        reading(lines: raw, page: page).fields
    }

    /// Where a field's value was read: a line (an index into the lines given) and its words from `word` on.
    struct Source: Equatable {
        var line: Int
        var word: Int
    }

    /// The fields one page states, with the date and the subject the head holds, taken or not
    /// (read without confidence), and the lines they were read from.
    static func reading(lines raw: [PageLine], page: Int)
        -> (fields: DocumentFields, date: (value: String, source: Source)?, subject: (value: String, sources: [Source])?,
            office: [Source]) {
        var out = DocumentFields()
        var officeSources: [Source] = []
        var dateRead: (value: String, source: Source)?, subjectRead: (value: String, sources: [Source])?
        let kept = raw.enumerated().map { i, l in (i, PageLine(text: urduLetters(l.text.replacingOccurrences(of: "\u{200F}", with: "")
                                        .replacingOccurrences(of: "\u{200E}", with: "")).trimmingCharacters(in: .whitespaces),
                                       box: l.box, confidences: l.confidences, inDictionary: l.inDictionary)) }
            .filter { !$0.1.text.isEmpty }
        let lines = kept.map(\.1)
        let given = kept.map(\.0)
        // The subject and the office are read from lines without their stray marks: a speck read
        // as `—` is neither a word of theirs nor one that makes them doubtful.
        let unmarked = lines.map { $0.withoutStrayMarks() }
        let head = headLength(lines)
        var firstField: Int?
        var titled = false
        var kinds = Set<String>()   // the kinds the head's titles read well enough name
        func mark(_ i: Int) { firstField = min(firstField ?? i, i) }

        for (i, line) in lines.enumerated() where i < head {
            let words = tokens(line.text)
            if let type = title(line.text) {
                // A title read letter for letter names its kind however unsure the reading: the
                // titles are few, and no misreading of one spells another. A head whose titles
                // name two kinds names neither (a piece of the letterhead `دفتر کمشنر`, read
                // `دفتر لم`, came near `دفتری حکم` above the page's `اعلامیہ`).
                if line.trusted() || exactTitle(shape(line.text)) != nil {
                    kinds.insert(type)
                    out.type = kinds.count > 1 ? nil : out.type ?? RecordField(value: type, page: page, words: line.text)
                }
                titled = true
                mark(i)
                continue
            }
            if out.number == nil, let n = numberLine(line) {
                mark(i)
                if n.confidence >= numberConfidence, isWellFormed(n.value) {
                    out.number = RecordField(value: n.value, page: page, words: n.line.text)
                }
                if out.date == nil, let date = dateLine(n.rest, afterNumber: true) {
                    dateRead = (date, Source(line: given[i], word: n.skipped + n.used))
                    if dateTrusted(n.line, from: n.used) { out.date = RecordField(value: date, page: page, words: n.line.text) }
                }
                continue
            }
            if out.date == nil, let date = dateLine(words, afterNumber: false) {
                mark(i)
                dateRead = (date, Source(line: given[i], word: 0))
                if dateTrusted(line) { out.date = RecordField(value: date, page: page, words: line.text) }
                continue
            }
            if out.subject == nil, case let line = unmarked[i].withoutSpeckStops(), case let words = tokens(line.text),
               let subject = subjectStart(words) {
                var value = subject.value
                var used = line.text
                // The label (`Subject:`, `عنوان:`) is known by its letters; the value's words must be read well.
                let label = max(0, words.count - tokens(subject.value).count)
                var trusted = line.trusted(from: label)
                var sources = [Source(line: given[i], word: label)]
                // The subject runs on over lines that start under its text (a hanging indent).
                if let box = line.box, !value.isEmpty {
                    let height = box.bottom - box.top
                    var bottom = box.bottom
                    var j = i + 1
                    let start = box.left + (box.right - box.left) * subject.offset
                    // (A narrow column runs a subject over four lines or more: `SUBJECT: HOLDING OF
                    // THE` / `DEPARTMENTAL PROMOTION` / `COMMITTEE MEETING FOR` / `BPS-17 OFFICERS`.)
                    while j < lines.count, j < i + subjectLines, let next = lines[j].box,
                          next.top - bottom < height * 1.2, next.top > box.top,
                          next.left >= start - 0.03, next.left > box.left + 0.02 {
                        // "E-" / "OFFICE": a break after a hyphen joins without a space.
                        let glue = value.hasSuffix("-") && value.dropLast().last?.isLetter == true ? "" : " "
                        value += glue + unmarked[j].withoutSpeckStops().text
                        used += " " + unmarked[j].text
                        trusted = trusted && unmarked[j].trusted()
                        sources.append(Source(line: given[j], word: 0))
                        bottom = next.bottom
                        j += 1
                    }
                }
                let cleaned = bareValue(value)
                mark(i)
                if cleaned.count >= 3 {
                    subjectRead = (cleaned, sources)
                    if trusted, !endsOpen(cleaned) { out.subject = RecordField(value: cleaned, page: page, words: used) }
                }
                continue
            }
            if out.type == nil, isLetterOpening(words) { mark(i) }
        }
        // A letter: no title, but a subject line (its words read well or not: it is there) and
        // an address ("To") or a salutation ("Sir,").
        if out.type == nil, !titled, subjectRead != nil,
           let opening = lines.prefix(head + 2).first(where: { isLetterOpening(tokens($0.text)) || isSalutation($0.text) }) {
            out.type = RecordField(value: "letter", page: page, words: opening.text)
        }
        // The office: the letterhead, above the first field, on the upper part of the page; a
        // name too long for one line is joined with the line it began on.
        if let limit = firstField {
            let lines = unmarked
            // Whether line `j` lies just below line `i`: less than nine tenths of the taller's
            // height between them (one name over two lines).
            func justBelow(_ j: Int, _ i: Int) -> Bool {
                guard let upper = lines[i].box, let lower = lines[j].box else { return false }
                return lower.top - upper.bottom < max(upper.bottom - upper.top, lower.bottom - lower.top) * 0.9
            }
            for (k, line) in lines.prefix(limit).enumerated() where (line.box?.top ?? 0) < 0.4 {
                guard let named = officeLine(line.text) else { continue }
                var office = named.value
                // "Government of Khyber Pakhtunkhwa, Finance Department": only the words after
                // the comma must be read with confidence; nor need an Urdu office word (`محکمہ`).
                let from = isGovernment(line.text) ? (tokens(line.text).firstIndex { $0.hasSuffix(",") }.map { $0 + 1 } ?? 0) : named.label
                // The letterhead's first office line read badly leaves the office out: a line
                // below it is an address (`irrigation(25) Department` over `Civil Secretariat,
                // Peshawar` on a dusty fax), not the office.
                guard line.trusted(from: from) else { break }
                var words = line.text
                officeSources = [Source(line: given[k], word: from)]
                if k > 0, justBelow(k, k - 1), self.office(lines[k - 1].text) == nil {
                    let start = lines[k - 1].text
                    let startWords = tokens(start)
                    let afterComma = startWords.firstIndex { $0.hasSuffix(",") }.map { $0 + 1 }
                    if !isGovernment(start), lines[k - 1].trusted() {
                        office = start + " " + office
                        words = start + " " + words
                        officeSources.insert(Source(line: given[k - 1], word: 0), at: 0)
                    } else if isGovernment(start), let afterComma, lines[k - 1].trusted(from: afterComma),
                              let comma = start.firstIndex(of: ",") {
                        // "GOVERNMENT OF KHYBER PAKHTUNKHWA, FINANCE" / "DEPARTMENT"
                        office = start[start.index(after: comma)...].trimmingCharacters(in: .whitespaces) + " " + office
                        words = start + " " + words
                        officeSources.insert(Source(line: given[k - 1], word: afterComma), at: 0)
                    }
                }
                // A name left hanging on a word no name ends with (`DIRECTORATE OF ARCHIVES AND`
                // over `LIBRARIES`, a letterhead too long for one line), or whose next line begins
                // with one (`DIRECTORATE OF ARCHIVES` over `AND LIBRARIES`), goes on in the line
                // just below; without it, it is not the office.
                let next = k + 1 < lines.count ? tokens(lines[k + 1].text) : []
                let nextOpens = next.first.map { Self.openEndings.contains($0.uppercased()) && $0 != "و" } ?? false
                if Self.endsOpen(office) || (nextOpens && next.count >= 2) {
                    guard k + 1 < lines.count, justBelow(k + 1, k), !lines[k + 1].text.contains(where: \.isNumber), lines[k + 1].trusted(),
                          self.office(lines[k + 1].text) == nil, title(lines[k + 1].text) == nil,
                          !isGovernment(lines[k + 1].text) else { break }
                    office += " " + lines[k + 1].text
                    words += " " + lines[k + 1].text
                    officeSources.append(Source(line: given[k + 1], word: 0))
                }
                // A bare `DEPARTMENT` names no office: the line naming it was not read (a turned fax).
                guard !(tokens(office).count == 1 && officeWords.contains(office.uppercased())) else { break }
                out.office = RecordField(value: bareValue(office), page: page, words: words)
                break
            }
        }
        return (out, dateRead, subjectRead, out.office == nil ? [] : officeSources)
    }

    /// Urdu's own letters for the Arabic ones a model can read in their place: kaf (`ك`) is
    /// Urdu's keheh (`ک`), Arabic yeh and alef maksura (`ي`, `ى`) its farsi yeh (`ی`) — the
    /// same letters drawn alike, which Urdu text spells only the second way.
    public static func urduLetters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { [0x0643, 0x064A, 0x0649].contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u.value {
            case 0x0643: out.append("\u{06A9}")
            case 0x064A, 0x0649: out.append("\u{06CC}")
            default: out.append(u)
            }
        }
        return String(out)
    }

    static func isGovernment(_ text: String) -> Bool {
        let upper = text.uppercased()
        return upper.hasPrefix("GOVERNMENT OF") || upper.hasPrefix("GOVT. OF") || upper.hasPrefix("GOVT OF") || text.hasPrefix("حکومت")
    }

    /// "Dear Sir,", "Sir,", "Madam,", "جناب عالی،": a letter's salutation; in Urdu, any short
    /// line that opens with `جناب` (the honorific an address or a salutation begins with:
    /// `جناب ڈپٹی کمشنر صاحب`, `جناب عالی`, however its other words were read).
    static func isSalutation(_ text: String) -> Bool {
        let s = shape(text)
        if ["DEAR SIR", "SIR", "MADAM", "DEAR MADAM", "DEAR SIR MADAM"].contains(s) { return true }
        let words = s.split(separator: " ")
        return words.first == "جناب" && words.count <= 6
    }

    /// A reference number the page's head states but whose words were read with less than
    /// `minimumConfidence`: the line (an index into `lines`), the value read, and how many
    /// words of the line it took. A second reading of the line that gives the same value
    /// confirms it (`confirm`).
    public static func doubtfulNumber(lines: [PageLine]) -> (line: Int, value: String, words: Int)? {
        let head = headLength(lines)
        for (i, line) in lines.enumerated().prefix(head) {
            guard let n = numberLine(line) else { continue }
            return n.confidence < numberConfidence || !isWellFormed(n.value) ? (i, n.value, n.skipped + n.used) : nil
        }
        return nil
    }

    /// A line of the page that states a reference number, read past the marks it opens with
    /// (`skipped` words): the line without them, the value (its curly brackets mended, in the
    /// page's own reading only: see `roundBrackets`), the words after it, how many words of the
    /// line without the marks it took, label included, and how confidently its value was read.
    static func numberLine(_ line: PageLine)
        -> (line: PageLine, value: String, rest: [String], used: Int, skipped: Int, confidence: Double)? {
        let (labelled, skipped) = line.droppingLeadingMarks()
        let words = tokens(labelled.text)
        guard let (read, rest) = referenceNumber(words) else { return nil }
        let used = words.count - rest.count
        return (labelled, roundBrackets(read), rest, used, skipped, valueConfidence(labelled, words: words, used: used))
    }

    /// The most lines a subject runs over, its first included.
    static let subjectLines = 6

    /// A date or a subject (each of its lines) read in Latin letters with less confidence than
    /// this is read again by a second model: taken when both readings agree, left out when they
    /// do not, however confident the first. On generated papers `eng` misread a letter of a name
    /// at 91 (`Tarig` for `Tariq`, which `Latin` reads right) and a digit of a date at 60–84;
    /// right words of clean lines score 96–97.
    public static let fieldConfidence: Double = 95

    /// The lines of a page's head a date or a subject is read from (taken or not), or the office
    /// taken (an office line read once gave `Directorate ot Archives`, `ot` at 93, on a pale
    /// carbon copy), in Latin letters, whose words (from `word` on) were read with less than
    /// `fieldConfidence`: each with the field (`date`, `subject`, `office`) and the value read.
    public static func unsureLines(lines: [PageLine]) -> [(line: Int, word: Int, field: String, value: String)] {
        let r = reading(lines: lines, page: 1)
        var out: [(line: Int, word: Int, field: String, value: String)] = []
        func unsure(_ s: Source) -> Bool {
            lines[s.line].isLatinScript && lines[s.line].confidence(from: s.word) < fieldConfidence
        }
        if let d = r.date, unsure(d.source) { out.append((d.source.line, d.source.word, "date", d.value)) }
        if let subject = r.subject {
            for s in subject.sources where unsure(s) { out.append((s.line, s.word, "subject", subject.value)) }
        }
        if let office = r.fields.office {
            for s in r.office where unsure(s) { out.append((s.line, s.word, "office", office.value)) }
        }
        return out
    }

    /// The lines of an Urdu page's head a field can be read from: in Arabic script (the letterhead,
    /// the title, an address, the subject), not a number or date line in digits (a date with its
    /// month in Urdu is), and short of running text;
    /// the first `urduFieldLineLimit` of them (each is read again several times).
    public static func urduFieldLines(lines: [PageLine]) -> [Int] {
        Array(lines.indices.prefix(headLength(lines)).filter { i in
            let line = lines[i]
            return line.isArabicScript && tokens(line.text).count <= 16 && (digitCount(line.text) < 4 || namesUrduMonth(line.text))
        }.prefix(urduFieldLineLimit))
    }

    /// Whether a line names a month in Urdu (`مورخہ: 21 مئی 2012`, or misread by a letter:
    /// `متی`): a date the Latin-script models cannot read, which only the Urdu models' readings
    /// can confirm.
    public static func namesUrduMonth(_ text: String) -> Bool {
        monthsJoined(tokens(text).flatMap(digitsApart)).contains { w in opensInArabicScript(w) && monthNumber(w) != nil }
    }

    /// How many words from `words[k]` on, two or three, none a month itself, spell an Urdu month
    /// letter for letter together: the month read in pieces (`جو لائی`, `جو لا ئی`); 0 when none do.
    static func monthPieces(_ words: [String], at k: Int) -> Int {
        guard k < words.count, opensInArabicScript(words[k]) else { return 0 }
        for n in 2...3 where k + n <= words.count {
            let pieces = words[k..<(k + n)]
            guard pieces.allSatisfy({ urduMonths[bareWord($0)] == nil }) else { return 0 }
            if urduMonths[bareWord(pieces.joined())] != nil { return n }
        }
        return 0
    }

    /// Words with an Urdu month read in pieces joined again (`جو لائی` → `جولائی`): two or three
    /// neighbouring words, none a month, that spell one letter for letter (`monthPieces`).
    static func monthsJoined(_ words: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < words.count {
            let n = monthPieces(words, at: i)
            if n > 0 {
                out.append(words[i..<(i + n)].joined())
                i += n
            } else {
                out.append(words[i])
                i += 1
            }
        }
        return out
    }

    /// The day and year of a date line with its month in Urdu as a model for Latin letters reads
    /// it (`2009 (Su 4 ay` for `مورخہ 4 جنوری 2009`, `2007 A 22:e`: the line read left to right,
    /// its Urdu words as noise): its only runs of digits, a day (1–31) and a year (1900–2099), in
    /// either order.
    public static func dayAndYear(_ reading: String) -> (day: String, year: String)? {
        let numbers = digitRuns(reading)
        guard numbers.count == 2 else { return nil }
        let sorted = numbers.sorted { $0.count < $1.count }
        guard sorted[0].count <= 2, let day = Int(sorted[0]), (1...31).contains(day),
              sorted[1].count == 4, let year = Int(sorted[1]), (1900...2099).contains(year) else { return nil }
        return (String(day), sorted[1])
    }

    /// A date line with its month in Urdu (as `decide` gave it) whose day and year `eng` and
    /// `Latin` read alike (`dayAndYear`), the day as the Urdu model read it too: its year is
    /// theirs, and both are read with confidence — the Nastaliq model misreads Western digits
    /// in a year (`20012` for `2015`, `2067` for `2007`), they do not, and its month stays as the
    /// Urdu readings decided. Nil when they do not agree (`eng` read `G16` for a `6` after the
    /// month's strokes), or the line has not one day and one year where they go (its words:
    /// label, day, month, year).
    ///
    /// They also read the label's and the month's strokes as digits (`2016 (fk 4) 4:50` for
    /// `مورخہ: 4 اپریل 2016`). When either reads more than a day and a year, the year alone is
    /// theirs if each reads one year and no other run of three digits or more, both the same
    /// year, and each reads the Urdu model's day among its short runs; the day then stays as
    /// the Urdu model read it, with its own confidence. Failing both, the year the Urdu model
    /// read counts when each reads it as a run of its own, and no other year nor a longer run;
    /// the day keeps its own confidence.
    ///
    /// When `eng` and `Latin` each read one year, the same, and not the decided line's, the
    /// line's year is wrong however many rereads read it (`2018` three times of five, at one
    /// scale after another, for `دسمبر 2019`, where both read `2019`): it is theirs when a
    /// reading of the whole line by an Urdu model (`readings`: the page's first, the other
    /// model's; or a reread) read it too, and otherwise not read with confidence. One of them
    /// may run the year on into the month's strokes (`yearOfBoth`: `2014415:`). The year the Urdu model
    /// read counts too when every reading that reads one year (`readings`, the page's model's
    /// `rereads`, `eng`'s and `Latin`'s) reads it, five at least, a whole line's reading and
    /// `eng`'s or `Latin`'s among them.
    public static func urduDate(_ line: (text: String, confidences: [Double]), english: String, latin: String,
                                readings: [String] = [], rereads: [String] = []) -> (text: String, confidences: [Double])? {
        var words = tokens(line.text), confidences = line.confidences
        guard confidences.count == words.count else { return nil }
        let numbers = words.indices.filter { k in
            let w = words[k].trimmingCharacters(in: CharacterSet(charactersIn: ".,:;،۔"))
            return !w.isEmpty && w.allSatisfy(\.isNumber)
        }
        guard numbers.count == 2,
              let month = words.indices.first(where: { monthNumber(urduLetters(words[$0])) != nil
                                                       || monthPieces(words, at: $0) > 0 }),
              numbers[0] < month, month < numbers[1],
              let urduDay = Int(westernDigits(words[numbers[0]]).filter(\.isNumber)) else { return nil }
        if let read = dayAndYear(english), let again = dayAndYear(latin), read == again {
            guard Int(read.day) == urduDay else { return nil }
            words[numbers[0]] = read.day
            words[numbers[1]] = read.year
            for k in numbers { confidences[k] = max(confidences[k], numberConfidence) }
        } else if let read = yearAmongNoise(english), let again = yearAmongNoise(latin), read.year == again.year,
                  read.short.contains(urduDay), again.short.contains(urduDay) {
            words[numbers[1]] = read.year
            confidences[numbers[1]] = max(confidences[numbers[1]], numberConfidence)
        } else {
            // The year as the Urdu model read it, when `eng` and `Latin` each read it as a run of
            // digits of its own and read no other year nor a longer run (`2012 G16:`, `2012/46:`
            // for `مورخہ: 6 مارچ 2012`, its year read at 42): three models read it alike.
            let year = westernDigits(words[numbers[1]]).filter(\.isNumber)
            if let theirs = yearOfBoth(english, latin), theirs != year {
                if (readings + rereads).contains(where: { digitRuns(westernDigits($0)).contains(theirs) }) {
                    words[numbers[1]] = theirs
                    confidences[numbers[1]] = max(confidences[numbers[1]], numberConfidence)
                } else {
                    confidences[numbers[1]] = min(confidences[numbers[1]], minimumConfidence - 1)
                }
                return (words.joined(separator: " "), confidences)
            }
            func alone(_ reading: String) -> Bool {
                let runs = digitRuns(reading)
                return runs.contains(year) && !runs.contains { $0 != year && ($0.count > 4 || ($0.count == 4 && (1900...2099).contains(Int($0) ?? 0))) }
            }
            // Or every reading that reads one year reads it, five at least, among them a reading of
            // the whole line by an Urdu model and `eng` or `Latin`: `2024` at 87, read so by two
            // rereads of five, the other model and `eng` (`2024 225`), where three rereads read
            // `20024` and `Latin` `20242.25`, no year.
            let all = readings + rereads + [english, latin]
            let years = all.compactMap(oneYear)
            let gathered = !years.isEmpty && years.allSatisfy { $0 == year } && years.count >= 5
                && readings.contains { oneYear($0) == year } && [english, latin].contains { oneYear($0) == year }
            guard year.count == 4, (1900...2099).contains(Int(year) ?? 0), (alone(english) && alone(latin)) || gathered else { return nil }
            confidences[numbers[1]] = max(confidences[numbers[1]], numberConfidence)
        }
        return (words.joined(separator: " "), confidences)
    }

    /// A date line (as `decide` gave it) whose month is misread by a letter (`متی`, which
    /// `monthNumber` takes for `مئی`), with that month as the readings (`readings`: the rereads
    /// and the other model's) spell it letter for letter, when one does and none spells another
    /// month, or when none spells it and two or more misread it by a letter too; else the line
    /// as it is. A month named letter for letter is known by its letters (`dateTrusted`): its
    /// confidence stays.
    public static func spelledMonth(_ line: (text: String, confidences: [Double]), readings: [String]) -> (text: String, confidences: [Double]) {
        let bare = bareWord
        var words = tokens(line.text)
        guard let k = words.indices.first(where: { opensInArabicScript(words[$0]) && monthNumber(words[$0]) != nil }),
              urduMonths[bare(words[k])] == nil, let month = monthNumber(words[k]),
              let name = urduMonths.first(where: { $0.value == month })?.key else { return line }
        let read = readings.map { monthsJoined(tokens($0).flatMap(digitsApart)) }
        let spelled = Set(read.flatMap { $0 }.compactMap { urduMonths[bare($0)] })
        // (Or none spells it, and two readings at least misread it by a letter, as the first did,
        // as no word of Urdu's, none another month, on a line with a year: `ٹروری`, `خروری` three
        // times and `ثروری` for `فروری`. Not `نئی`, a word a letter from `مئی`, in a subject.)
        func misreadMonth(_ w: String) -> Int? {
            opensInArabicScript(w) && urduWords[String(bare(w).filter(\.isLetter))] == nil ? monthNumber(w) : nil
        }
        let nearly = read.compactMap { words in words.lazy.compactMap(misreadMonth).first }
        let dated = tokens(westernDigits(line.text)).contains { w in w.filter(\.isNumber).count == 4 }
        // (Only on a line with a year: `نئی`, read so by the first and three rereads of five in
        // `عنوان: ریکارڈ روم کی نئی عمارت …`, became `مئی` because one reread read that.)
        guard dated, spelled == [month] || (spelled.isEmpty && misreadMonth(words[k]) != nil && nearly.count >= 2 && Set(nearly) == [month])
        else { return line }
        words[k] = name
        return (words.joined(separator: " "), line.confidences)
    }

    /// The one year (1900–2099) a model for Latin letters read in a date line with its month
    /// in Urdu, and its runs of one or two digits; nil when it read no year, two, or another
    /// run of three digits or more (`20816`).
    static func yearAmongNoise(_ reading: String) -> (year: String, short: [Int])? {
        let numbers = digitRuns(reading)
        let years = Set(numbers.filter { $0.count == 4 && (1900...2099).contains(Int($0) ?? 0) })
        guard years.count == 1, let year = years.first, !numbers.contains(where: { $0.count >= 3 && $0 != year }) else { return nil }
        return (year, numbers.filter { $0.count <= 2 }.compactMap { Int($0) })
    }

    /// The year `eng` and `Latin` both read in a date line with its month in Urdu: each reads it
    /// as a run of its own (`oneYear`), or one does and the other reads no year but runs it on
    /// into the month's strokes read as digits, a run of five to seven digits that opens with it
    /// (`2006 497 uy` and `2006797: v7` for `مورخہ: 7 دسمبر 2006`). Nil when they read none alike.
    static func yearOfBoth(_ english: String, _ latin: String) -> String? {
        func runOn(_ reading: String, _ year: String) -> Bool {
            oneYear(reading) == nil && digitRuns(reading).contains { (5...7).contains($0.count) && $0.hasPrefix(year) }
        }
        switch (oneYear(english), oneYear(latin)) {
        case let (a?, b?): return a == b ? a : nil
        case let (a?, nil): return runOn(latin, a) ? a : nil
        case let (nil, b?): return runOn(english, b) ? b : nil
        case (nil, nil): return nil
        }
    }

    /// The one year (1900–2099) among a reading's runs of digits, whatever else it read; nil for
    /// none or two.
    static func oneYear(_ reading: String) -> String? {
        let years = Set(digitRuns(reading).filter { $0.count == 4 && (1900...2099).contains(Int($0) ?? 0) })
        return years.count == 1 ? years.first : nil
    }

    /// A word in Urdu's own letters without the marks a date line's words end in (`مئی،`).
    static func bareWord(_ w: String) -> String { urduLetters(w).trimmingCharacters(in: CharacterSet(charactersIn: "،,.:۔")) }

    /// Whether two words differ in at most half the letters of the longer.
    static func withinHalf(_ a: String, _ b: String) -> Bool {
        editDistance(Array(a), Array(b)) * 2 <= max(a.count, b.count)
    }

    /// A reading's runs of Western digits (`digitRuns`), each with whether a reference's
    /// separator (`/`, `-`) stands against it.
    static func digitRunsBySeparators(_ reading: String) -> [(digits: String, separated: Bool)] {
        let chars = Array(reading)
        var runs: [(digits: String, separated: Bool)] = []
        var k = 0
        while k < chars.count {
            guard chars[k].isASCII, chars[k].isNumber else { k += 1; continue }
            var end = k
            while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
            let separated = (k > 0 && "/-".contains(chars[k - 1])) || (end < chars.count && "/-".contains(chars[end]))
            runs.append((String(chars[k..<end]), separated))
            k = end
        }
        return runs
    }

    /// A reading's runs of Western digits.
    static func digitRuns(_ reading: String) -> [String] {
        reading.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).map(String.init)
    }

    /// A word split where digits meet letters (`7اگست` → `7`, `اگست`); other words as they are.
    static func digitsApart(_ word: String) -> [String] {
        var parts: [String] = [], current = "", digits: Bool?
        for ch in word {
            let d = ch.isNumber
            if let was = digits, was != d, ch.isLetter || d, current.last.map({ $0.isLetter || $0.isNumber }) ?? false {
                parts.append(current); current = ""
            }
            current.append(ch)
            if ch.isLetter || d { digits = d }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// Whether a date line's words were read well enough for the field: all but its label
    /// (`مورخہ`, `Dated`, whole or read in two: `مو رخہ`) and an Urdu month named letter for
    /// letter (whole or read in pieces: `جو لائی`), which are known by their letters (as a
    /// subject's label is; no month is within three letters of another), from word `first` to
    /// the date's last digits.
    static func dateTrusted(_ line: PageLine, from first: Int = 0) -> Bool {
        let words = tokens(line.text)
        guard line.confidences != nil, first < words.count else { return line.trusted(from: first) }
        let bare = bareWord
        var known = Set<Int>()
        for k in first..<words.count {
            if isDateWord(bare(words[k])) || urduMonths[bare(words[k])] != nil { known.insert(k) }
            if k + 1 < words.count, isDateWord(bare(words[k] + words[k + 1])) { known.formUnion([k, k + 1]) }
            let pieces = monthPieces(words, at: k)
            if pieces > 0 { known.formUnion(k..<(k + pieces)) }
        }
        // The date ends with its last digits: what the line goes on with is not the date (`قع`
        // at 41 after `مورخہ: 18 مارچ 2018`, a speck read as letters).
        let end = (first..<words.count).last { words[$0].contains(where: \.isNumber) }.map { $0 + 1 } ?? words.count
        return (first..<end).allSatisfy { known.contains($0) || line.trusted(from: $0, count: 1) }
    }

    /// Decimal digits in `text`, in any script: an Urdu number or date line has four or more
    /// (a date with its month in Urdu is read again as a field line: `namesUrduMonth`).
    public static func digitCount(_ text: String) -> Int {
        text.unicodeScalars.filter { $0.properties.numericType == .decimal }.count
    }

    /// The most lines of an Urdu head read again (a letter's subject comes after its address:
    /// the eighth or ninth line at most on the generated papers).
    static let urduFieldLineLimit = 12

    /// The least confidence a dictionary word of an Urdu field line needs to count when at least
    /// three of its rereads, more than half, read it alike (`decide`), unless the other rereads
    /// are scattered, each reading something of its own.
    public static let dictionaryMajorityConfidence: Double = 40

    /// An Urdu line decided by more readings of it (`DocumentPipeline.confirmUrduLines`): the
    /// page's model again at other scales (`readings`), and the other Urdu model
    /// (`otherModel`: Naskh for a Nastaliq page). The Nastaliq model's confidences do not tell
    /// its right words from its wrong ones (right subject words at 40–75, wrong letterhead words
    /// at 91), and one model's readings can share a misreading (`یں` for `میں`), but two models
    /// rarely do.
    /// - A title any reading spells letter for letter is the line; so is a title two readings
    ///   come near (`nearUrduTitle`).
    /// - A line the other model reads as one of the first model's readings does is that line,
    ///   its words read with confidence.
    /// - Else word by word (each reading's words aligned with the first's): a word of the first
    ///   another reading has too counts as before (read at 85, or at 60 and in the dictionary),
    ///   unless more than half the rereads read another word there, or at least two rereads,
    ///   as many as read it, read another word alike; a word the first and at least three
    ///   rereads (more than half) read alike counts when the dictionary holds it or it is digits
    ///   (digits also when the other model and more than half the rereads read them); an unsure word at
    ///   least three rereads (more than half) and the other model read as another is theirs,
    ///   read with confidence; any other word does not count. (`ک` and `گ` differ by a stroke the
    ///   shrunk rereads blur: the first read `گی` at 85 where three rereads of five read `کی`,
    ///   and `کے` where three read `گے` — so a word they outvote counts neither way.)
    /// A line the first reading spells as a title stays as it is. Before the words are compared,
    /// each reread is spaced as the first where the letters are the same (`spacedLike`), and a
    /// line four rereads read alike in Urdu's words, where the first broke a word into pieces it
    /// was unsure of, is theirs.
    public static func decide(_ first: String, confidences: [Double], inDictionary: [Bool] = [], readings: [String],
                              otherModel: String? = nil) -> (text: String, confidences: [Double]) {
        func key(_ w: String) -> String { String(urduLetters(w).filter { $0.isLetter || $0.isNumber }) }
        // (A reread can join a day to its month, `7اگست`: digits and letters are words apart.)
        func words(_ s: String) -> [String] {
            tokens(ofReading: urduLetters(s)).flatMap(digitsApart).filter { !key($0).isEmpty }
        }
        if exactTitle(shape(first)) != nil { return (first, confidences) }
        if let titled = (readings + (otherModel.map { [$0] } ?? [])).first(where: { exactTitle(shape($0)) != nil }) {
            let text = words(titled).joined(separator: " ")
            return (text, Array(repeating: urduMinimumConfidence, count: tokens(text).count))
        }
        let all = [first] + readings + (otherModel.map { [$0] } ?? [])
        let near = all.compactMap(nearUrduTitle)
        // Two readings near one title, or one and the rest round it.
        if let title = near.first, near.allSatisfy({ $0 == title }), near.count >= 2 || roundUrduTitle(title, readings: all) {
            return (title, Array(repeating: urduMinimumConfidence, count: tokens(title).count))
        }
        if let other = otherModel, !words(other).isEmpty,
           let agreed = ([first] + readings).first(where: { words($0).map(key) == words(other).map(key) }) {
            if agreed == first { return (first, confidences.map { max($0, urduMinimumConfidence) }) }
            let text = words(agreed).joined(separator: " ")
            return (text, Array(repeating: urduMinimumConfidence, count: tokens(text).count))
        }
        let mine = tokens(first), mineKeys = mine.map(key)
        let readingWords = readings.map(words), readingKeys = readingWords.map { $0.map(key) }
        // A word of the first no list holds that every reread but one (four at least) reads as two
        // words of Urdu's is those two, each as unsure as it was (`کےاستعمال` at 58, which all
        // five rereads read `کے استعمال`, one with `گے`): the first ran them together.
        if readings.count >= 4, mine.count == confidences.count {
            for k in mine.indices where mineKeys[k].count >= 4 && urduWords[mineKeys[k]] == nil {
                let letters = Array(mineKeys[k])
                let apart = (1..<letters.count).map { (String(letters[..<$0]), String(letters[$0...])) }.first { a, b in
                    urduWords[a] != nil && urduWords[b] != nil && readingKeys.filter { r in
                        r.indices.dropLast().contains { r[$0] == a && r[$0 + 1] == b }
                    }.count >= readings.count - 1
                }
                guard let (a, b) = apart else { continue }
                var spaced = mine, c = confidences, d = inDictionary
                spaced.replaceSubrange(k...k, with: [a, b])
                c.insert(c[k], at: k)
                if k < d.count { d[k] = false; d.insert(false, at: k) }
                return decide(spaced.joined(separator: " "), confidences: c, inDictionary: d, readings: readings, otherModel: otherModel)
            }
        }
        // Whether the first reading's word `k` was read sure enough to stand as it is.
        func readSurely(_ k: Int) -> Bool {
            let c = k < confidences.count ? confidences[k] : 0
            return c >= urduMinimumConfidence || (c >= minimumConfidence && k < inDictionary.count && inDictionary[k])
        }
        // Whether the first's word `k`, which `line` lacks (`lacked`: the first's words it lacks),
        // lies in a run of words `line` lacks whose letters together come within half of one of
        // its words: the first broke or misread that word (`پلد پات` for `بلدیات`, `محلمہ` for
        // `محکمہ`), and did not read a word `line` dropped (`گی`).
        func accountedFor(_ k: Int, by line: [String], lacked: [Bool]) -> Bool {
            for a in max(0, k - 2)...k {
                for b in k..<min(mine.count, k + 3) where (a...b).allSatisfy({ lacked[$0] }) {
                    let run = (a...b).map { mineKeys[$0] }.joined()
                    if line.contains(where: { withinHalf(run, $0) }) { return true }
                }
            }
            return false
        }
        // Whether the first's word `k`, which `line` lacks, lies in a run of such words more than
        // the words `line` has between the first's words either side of the run, one at least:
        // the first read one word of it in pieces (`ڈا لم`, `ڈا` at 89, where four rereads of five
        // read `محکمہ داخلہ`), and did not read a word `line` dropped (`گی`, where `line` has none).
        func inPieces(_ k: Int, of line: [String], lacked: [Bool]) -> Bool {
            var a = k, b = k
            while a > 0, lacked[a - 1] { a -= 1 }
            while b + 1 < mine.count, lacked[b + 1] { b += 1 }
            // Where the first's words kept before and after the run stand in `line`.
            var before = -1
            for i in 0..<a where !mineKeys[i].isEmpty {
                guard let j = line[(before + 1)...].firstIndex(of: mineKeys[i]) else { return false }
                before = j
            }
            let after = b + 1 < mine.count ? line[(before + 1)...].firstIndex(of: mineKeys[b + 1]) ?? -1 : line.count
            let between = after - before - 1
            return between >= 1 && b - a + 1 > between
        }
        // Each reread spaced as the first reading spaced the same letters: `کےلیے` read by a
        // reread is `کے لیے` when the first read that, and `خیبر پختونخوا` is `خیبرپختونخوا`.
        // (The words more than half the rereads read alone.)
        let readAlone = Set(Dictionary(grouping: readingKeys.flatMap(Set.init), by: { $0 })
            .filter { $0.value.count * 2 > readings.count }.keys)
        let rereads = readingWords.map { spacedLike(mine, $0, readAlone: readAlone, key: key) }
        let rereadKeys = rereads.map { $0.map(key) }
        // A line four rereads or more (more than half) read alike, all of its words Urdu's, in
        // another number of words than the first reading's, is theirs when each word of the first
        // it lacks was read unsurely or is accounted for by one of its words: the first broke a
        // word into pieces no word-for-word alignment puts together again (`محکمہ ا اٹ`, the
        // pieces at 56 and 26, for `محکمہ اوقاف`, read so by four rereads of five; `محکمہ پلد
        // پات`, `پات` at 74 and in the dictionary, for `محکمہ بلدیات`). (Three rereads of five read
        // `محکمہ پاش` for `محکمہ آبپاشی`; four read `ہیں` for `میں`, but in as many words as the
        // first, which read `میں`: word for word, that line stays the first's. Shrunk rereads
        // can drop a short word the first read at 85: `گی` stays.)
        // A reread that reads the line but for one word, read within a letter of it as no word of
        // Urdu's, is one more for it (`ریوتیو` for `ریونیو`), when three read it alike. The first's
        // words count against it only when read at 85: four rereads that agree outweigh a word the
        // first read at 66 and the model's dictionary holds (`یورو آف مہ شی`, 66, 79, 81 and 0, for
        // `بورڈ آف ریونیو`, on a specked scan) — or when read in pieces where the line has one word.
        let lines = Dictionary(grouping: rereads.indices.filter { !rereads[$0].isEmpty }, by: { rereadKeys[$0] })
        func within(_ reread: [String], _ line: [String]) -> Bool {
            guard reread.count == line.count else { return false }
            let differ = zip(reread, line).filter { $0 != $1 }
            return differ.count <= 1 && differ.allSatisfy { urduWords[$0.0] == nil && editDistance(Array($0.0), Array($0.1)) <= 1 }
        }
        if let most = lines.max(by: { $0.value.count < $1.value.count }), most.value.count >= 3,
           rereadKeys.filter({ within($0, most.key) }).count >= max(4, readings.count / 2 + 1),
           most.key.count != words(first).count, most.key.allSatisfy({ urduWords[$0] != nil }) {
            let lacked = mineKeys.map { !most.key.contains($0) }
            if mine.indices.allSatisfy({ !lacked[$0] || mineKeys[$0].isEmpty
                                         || ($0 < confidences.count ? confidences[$0] : 0) < urduMinimumConfidence
                                         || accountedFor($0, by: most.key, lacked: lacked) || inPieces($0, of: most.key, lacked: lacked) }) {
                let text = rereads[most.value[0]].joined(separator: " ")
                return (text, Array(repeating: urduMinimumConfidence, count: tokens(text).count))
            }
        }
        let aligned = rereadKeys.map { align(mineKeys, $0) }
        let otherKeys = (otherModel.map(words) ?? []).map(key)  // the other model's words
        let others = Set(rereadKeys.flatMap { $0 } + otherKeys)
        let otherWords = Set(otherKeys)
        // The other model's letters, its spaces left out: a word of five letters or more among
        // them is read by it, though run into its neighbours (`ر یٹائرڈملازی` holds `ریٹائرڈ`).
        let otherLetters = key(otherModel ?? "")
        func otherReads(_ w: String) -> Bool { otherWords.contains(w) || (w.count >= 5 && otherLetters.contains(w)) }
        // How often the other model reads each word. Its words are not aligned with the first's,
        // so a word it reads counts for one of the first's only when it reads it more often than
        // the first's other words are it: in `کی جائے گی`, `urd`'s `کی` is the first word's, and
        // says nothing of `گی`.
        let otherCounts = Dictionary(grouping: otherKeys, by: { $0 }).mapValues(\.count)
        let firstCounts = Dictionary(grouping: mineKeys, by: { $0 }).mapValues(\.count)
        // More than half the rereads; for a word to be taken from them (or to count by them), at
        // least three: `urd` reads a line again twice, and both rereads read `آیافی` where the page
        // read `آبپاشی`, right.
        let majority = readings.count / 2 + 1
        let takers = max(3, majority)
        var text: [String] = [], decided: [Double] = []
        var merged = 0   // words of the first taken into the word before them
        for k in mine.indices {
            if merged > 0 { merged -= 1; continue }
            let c = k < confidences.count ? confidences[k] : 0
            let mineKey = mineKeys[k]
            func otherHas(_ w: String) -> Bool { (otherCounts[w] ?? 0) > (firstCounts[w] ?? 0) - (w == mineKey ? 1 : 0) }
            let known = urduWords[mineKey] != nil, misread = misreadingOfAWord(mineKey)
            // (A word Urdu's list lacks, a letter from a word Urdu writes often, is not sure however
            // it was read: `urd` read `آبیاشی` for `آبپاشی` at 88, and `ڈیٹی` for `ڈپٹی` at 85, as
            // did a reread.)
            // (Unless it is a piece of a word of Urdu's the first read in two, the other piece beside
            // it: `پختو نخوا` at 91 and 88, `نخوا` a letter from `نخو`.)
            let joined = [k > 0 ? mineKeys[k - 1] + mineKey : nil, k + 1 < mine.count ? mineKey + mineKeys[k + 1] : nil]
            let pieceOfAWord = joined.contains { $0.map { $0.count >= 6 && urduWords[$0] != nil } ?? false }
            let sure = readSurely(k) && (!misread || pieceOfAWord)
            // Whether another word differs from this one in at most half their letters.
            func withinHalf(_ other: String) -> Bool { FieldReader.withinHalf(mineKey, other) }
            let theirs = Dictionary(grouping: zip(rereads, aligned).compactMap { r, a in a[k].map { r[$0] } }, by: key)
            let own = theirs[mineKey]?.count ?? 0
            // An unsure word of a letter or two the first read last, after a word it read otherwise
            // than the rereads (which were taken), is a piece of that word when the two together
            // come within half of it and at least three rereads (more than half) end with it:
            // `محکمہ را ست` for `محکمہ زراعت`, where `را` became `زراعت` and `ست` at 54 was left
            // to make the office doubtful.
            if k == mine.count - 1, k > 0, !sure, (1...2).contains(mineKey.count), let last = text.last.map(key),
               last != mineKeys[k - 1], FieldReader.withinHalf(mineKeys[k - 1] + mineKey, last),
               rereadKeys.filter({ $0.last == last }).count >= takers {
                continue
            }
            // A sure word Urdu writes far more often than what the rereads read in its place
            // stands against them (`تمام` at 93, where three rereads of five read `تام`).
            // (Not against a word it is a part of, nor one it differs from in more than half its
            // letters: `یشن`, a piece of `ڈیجیٹائزیشن`, is in Urdu's list.)
            func firm(against other: String) -> Bool {
                sure && commoner(mineKey, than: other) && !other.contains(mineKey) && withinHalf(other)
            }
            // Another word more than half the rereads read there (not a part of this one: a
            // reread can split `کےلیے`, `سیکرٹری` where the first did not — unless the first is
            // no word, and theirs one with a letter less: `مسرکاری`, `سرکاری`; or the first read it
            // unsurely, or the other model reads theirs too, and every reread, three at least, reads
            // theirs with a letter less: `رکی` at 59, a speck read as `ر`, where all five read `کی`;
            // `رکی` at 66, in the model's dictionary, where all five and `urd` did).
            func part(_ other: String) -> Bool {
                let byAll = readings.count >= 3 && theirs[other]?.count == readings.count && (!sure || otherHas(other))
                return mineKey.contains(other) && !((!known || byAll) && urduWords[other] != nil && mineKey.count == other.count + 1)
            }
            // (A sure word stands against a shorter reading of it that differs from it in more
            // than half its letters: a shrunk reread's garble, `زن` three times for `خزانہ` read at
            // 96. Not against longer ones: `لم` at 63, in the dictionary and read so by `urd`,
            // where the rereads read `تعلیم`, `علیم`, `کلیم`. Nor against shorter ones when a
            // reread reads a longer word there: then the first's may be the garble, short of
            // letters too — `قلم` at 67, read so by one reread of five, where two read `تم` and
            // the others `تمیم`, `تعلیم`.)
            let longerThere = theirs.keys.contains { $0.count > mineKey.count && !$0.contains(mineKey) }
            func garble(_ other: String) -> Bool { sure && other.count < mineKey.count && !withinHalf(other) && !longerThere }
            let outvoted = theirs.max(by: { $0.value.count < $1.value.count })
                .flatMap { $0.value.count >= majority && !part($0.key) && !firm(against: $0.key) && !garble($0.key) ? $0 : nil }
            // An unsure word at least three rereads (more than half) read as another is theirs when
            // the other model reads it too, or when it is an Urdu word far commoner than the
            // first's and differs from it in at most half its letters (`لیے` for `یے`, `میں` for
            // `میس`, `محکمہ` for `حلمہ`; not `و` for `دفتر`, right; three rereads alone read
            // `پاش` for `آبپاشی`). So is a sure word, when the other model reads theirs, a word of
            // Urdu's far commoner (`ایک`, read so by three rereads and `urd`, for `ایگ` at 61) or
            // the first's with letters more after it (`اجرا`, four rereads and `urd`, for `اجر` at 74),
            // or a word of Urdu's a letter from the first's, read sure by the dictionary alone
            // (`نظام`, three rereads of five and `urd`, for `نظم` at 62, a word too),
            // or any word of Urdu's every reread, three at least, reads (`میں`, read so by all five
            // and `urd`, for `ہیں` at 70: the model's commonest words are read one for another, but
            // two models rarely share a misreading). So is a word the first cut short, when the
            // other model reads theirs, if only among its neighbours' letters (`ریٹائرڈ`, three
            // rereads of five and `ر یٹائرڈملازی`, for `ریٹائر` at 60, in the model's dictionary).
            // An unsure word is theirs too when theirs is a word of Urdu's that holds it: the
            // first cut the word short (`جنگل` for `جنگلات`, read so by four rereads of five; `حت`
            // at 62 for `صحت`, four of five). So is a sure word, when every reread but one (four at
            // least) reads theirs (`شاور` at 82, a word of Urdu's, where all five read `پشاور`).
            // And an unsure word no reread reads is theirs when theirs is a word of Urdu's: the
            // first misread it as no reread did (`واٹ` at 48, `اش` at 38, where three or four
            // rereads of five read `اوقاف`; `محلہ` at 59, three `محکمہ`) — or that one reread reads,
            // when every other (four at least) reads theirs (`محلہ` at 29, a word of Urdu's read so
            // by one reread, where four of five read `محکمہ`). (Not a part of the
            // first's word: three rereads alone read `پاش` for `آبپاشی`.) Neither holds for one of
            // Urdu's hundred commonest words, which the model reads one for another: four rereads
            // read `ہیں` where the first read `میں` at 59, right, and four `عنوان` where it read
            // `عتو ان`, the label in two. Unsure digits are the digits theirs are (`1898` at 71,
            // where three rereads of five read `1998`).
            let everyday = urduWords[mineKey].map { $0 < 100 } ?? false
            func holds(_ other: String) -> Bool {
                urduWords[other] != nil && other.count > mineKey.count
                    && (other.hasPrefix(mineKey) || (!everyday && other.contains(mineKey)))
            }
            let nearlyAll = readings.count >= 4 && (outvoted?.value.count ?? 0) >= readings.count - 1
            // Theirs comes within half of the first's word, or no reread reads a word a letter from
            // the first's: the first's is the odd reading out (`محلمہ` at 85, no word, where two
            // rereads read `محکمہ` and `محکم`, is no misreading of `مگر`, which three read).
            func outlier(_ other: String) -> Bool {
                withinHalf(other) || !theirs.keys.contains { editDistance(Array(mineKey), Array($0)) <= 1 }
            }
            // A word no list holds, four letters or more, is the spelling a letter from it that at
            // least two rereads more than read it read, itself in no list and no misreading of a
            // common word (`آرکاتیوز` at 68, read so by one reread, `آرکائیوز` by three; `بعیناتیاں`
            // at 6, `تعیناتیاں` by three): Urdu's lists lack the offices' own words.
            func spelled(_ most: (key: String, value: [String])) -> Bool {
                !known && urduWords[most.key] == nil && mineKey.count >= 4 && most.value.count >= own + 2
                    && editDistance(Array(mineKey), Array(most.key)) <= 1 && !misreadingOfAWord(most.key)
            }
            // The runs of the first's words round this one, two or three (those before it as the
            // first read them, not yet replaced), whose letters together pass `spell`.
            func runsSpelling(_ spell: (String) -> Bool) -> [(Int, Int)] {
                (max(0, k - 2)...k).flatMap { a in (k...min(mine.count - 1, k + 2)).map { (a, $0) } }
                    .filter { a, b in b > a && (a..<k).allSatisfy { k - $0 <= text.count && key(text[text.count - (k - $0)]) == mineKeys[$0] }
                                && spell(mineKeys[a...b].joined()) }
            }
            // A word of Urdu's of four letters or more, that at least three rereads (more than half)
            // read where the first read it in pieces that together come within a letter of it, one
            // of them unsure or no word: the first broke it and lost a letter (`ریو نی`, `نی` at
            // 46, for `بورڈ آف ریونیو`, which three rereads of five read).
            func broken(_ other: String) -> Bool {
                urduWords[other] != nil && other.count >= 4
                    && runsSpelling({ editDistance(Array($0), Array(other)) <= 1 }).contains { a, b in
                        (a...b).contains { !readSurely($0) || urduWords[mineKeys[$0]] == nil || misreadingOfAWord(mineKeys[$0]) }
                    }
            }
            // `میں` and `ہیں`, Urdu's commonest words, which every reading reads one for another
            // (the first `ہیں` at 79 where all five rereads read `میں`; the first `میں`, right, where
            // four read `ہیں`): `ہیں` is a verb and ends its clause, so before a word that goes on
            // with it (none of `کہ`, `اور`, `جو`, a stop) the word is `میں`, when two readings at
            // least read that.
            // (Only between the two: not where two rereads read a third word there.)
            func onlyBetween(_ a: String, _ b: String) -> Bool { !theirs.contains { $0.key != a && $0.key != b && $0.value.count >= 2 } }
            if mineKey == "میں" || mineKey == "ہیں", k + 1 < mine.count, !clauseGoesOn.contains(mineKeys[k + 1]),
               !mine[k].contains(where: { "۔،؛.,;".contains($0) }), onlyBetween("میں", "ہیں"),
               !mineKeys[k + 1].isEmpty, (theirs["میں"]?.count ?? 0) + (mineKey == "میں" ? 1 : 0) >= 2 {
                text.append(mineKey == "میں" ? mine[k] : (theirs["میں"]?.first ?? "میں"))
                decided.append(max(c, urduMinimumConfidence))
                continue
            }
            // `کی`, `کے`, `کا`, `کو` and their twins with the stroke the Nastaliq model adds or drops
            // (`گی`, `گے`, `گا`, `گو`), read each way by as many readings: the future's ending comes
            // after a verb (`جائے گی`, `ہو گا`, `کریں گے`), which ends in `ے`, `ں` or `و`; after any
            // other word it is the postposition, when two readings read that (`حلقہ گو ہدایت گی`
            // for `حلقہ کو ہدایت کی`, read so by two rereads of five and the other model).
            if let plain = strokeTwins[mineKey] ?? (strokeTwins.values.contains(mineKey) ? mineKey : nil), k > 0,
               let stroked = strokeTwins.first(where: { $0.value == plain })?.key, onlyBetween(plain, stroked),
               let last = mineKeys[k - 1].last, !"ےںوۓ".contains(last), !mine[k - 1].contains(where: { "۔،؛.,;:".contains($0) }),
               (theirs[plain]?.count ?? 0) + (mineKey == plain ? 1 : 0) + (otherHas(plain) ? 1 : 0) >= 2 {
                text.append(mineKey == plain ? mine[k] : (theirs[plain]?.first ?? plain))
                decided.append(mineKey == plain ? max(c, urduMinimumConfidence) : urduMinimumConfidence)
                continue
            }
            // A word of Urdu's every reread but one reads (four at least), a letter from the first's
            // and far commoner, is theirs however surely the first read its own: `تمام`, read so by
            // four rereads of five, for `تام` at 84, a word of Urdu's read so by `urd` too; `کی`,
            // all five, for `گی` at 70. So is one of Urdu's hundred commonest words two letters from
            // the first's, as long (`لیے`, four of five, for `بسے` at 74). (Not `ہیں` for `میں`,
            // right, four of five: `میں` is the commoner.)
            if readings.count >= 4, !mineKey.isEmpty, let every = theirs.first(where: { w in
                let apart = editDistance(Array(w.key), Array(mineKey))
                return w.key != mineKey && w.value.count >= readings.count - 1 && commoner(w.key, than: mineKey)
                    && (apart <= 1 || (apart == 2 && w.key.count == mineKey.count && (urduWords[w.key] ?? .max) < 100))
            }) {
                text.append(every.value[0])
                decided.append(urduMinimumConfidence)
                continue
            }
            // (Not when another word, read by two rereads at least, has as many readings once the
            // other model's is counted: `اجر` three times, `اجرا` twice and by `urd`, for `اچرا` at
            // 60 — `اجر` made a wrong subject.)
            let rivalled = outvoted.map { most in
                theirs.contains { $0.key != most.key && $0.value.count >= 2
                    && $0.value.count + (otherHas($0.key) ? 1 : 0) >= most.value.count + (otherHas(most.key) ? 1 : 0) }
            } ?? false
            if let most = outvoted, most.value.count >= takers, !mineKey.isEmpty, !rivalled,
               (!sure && (otherHas(most.key) || (commoner(most.key, than: mineKey) && withinHalf(most.key))
                          || holds(most.key) || ((own == 0 || nearlyAll) && urduWords[most.key] != nil && !everyday && outlier(most.key))
                          || (mineKey.allSatisfy(\.isNumber) && most.key.allSatisfy(\.isNumber))
                          || spelled(most)))
               || (otherHas(most.key) && (commoner(most.key, than: mineKey) || holds(most.key)
                                                     || (readings.count >= 3 && most.value.count == readings.count && urduWords[most.key] != nil)
                                                     || (c < urduMinimumConfidence && urduWords[most.key] != nil
                                                         && editDistance(Array(mineKey), Array(most.key)) <= 1)))
               || (otherReads(most.key) && most.key.count > mineKey.count && most.key.hasPrefix(mineKey))
               || (holds(most.key) && nearlyAll && !everyday) || broken(most.key) {
                // A word the first read in two or three (`سر ونٹس` for `سرونٹس`, `ا جر ا` for
                // `اجرا`) is taken whole: its other parts go too — also when they come within a
                // letter of it and it is `broken`.
                var runs = runsSpelling { $0 == most.key }
                if runs.isEmpty, broken(most.key) { runs = runsSpelling { editDistance(Array($0), Array(most.key)) <= 1 } }
                // A letter alone beside it that is its first or last letter is a piece of it or a
                // word of its own, or the first lost a letter: `ك ا جر ا` for `کا اجرا`, where
                // `اجرا` for `جر` must take neither alef, nor only the one before. The rereads that
                // read theirs say which, read with its neighbours; where they do not, theirs
                // counts for nothing.
                // Nor does it count when the first's word is three letters or more longer and most
                // rereads read more words than the first: the first ran theirs together with
                // another word, which taking theirs would lose (`محکمائہترقیاق` at 48, where three
                // rereads of five read `ترقیاتی` after `محانہ`, `ماہ`, `محلمنہ`: `محکمانہ` was lost
                // from a subject, a wrong one).
                var sureOfIt = !(mineKey.count >= most.key.count + 3 && rereads.filter { $0.count > mine.count }.count >= takers)
                let before = text.last.map(key) ?? "", after = k + 1 < mine.count ? mineKeys[k + 1] : ""
                if (before.count == 1 && most.key.hasPrefix(before)) || (after.count == 1 && most.key.hasSuffix(after)) {
                    let readers = zip(rereadKeys, aligned).compactMap { r, a in a[k].flatMap { r[$0] == most.key ? r.joined() : nil } }
                    runs = ([(k, k)] + runs).filter { a, b in
                        let left = k - a < text.count ? key(text[text.count - (k - a) - 1]) : ""
                        let right = b + 1 < mine.count ? mineKeys[b + 1] : ""
                        return readers.filter { $0.contains(left + most.key + right) }.count >= takers
                    }
                    sureOfIt = !runs.isEmpty
                }
                if let (a, b) = runs.max(by: { $0.1 - $0.0 < $1.1 - $1.0 }) {
                    text.removeLast(k - a); decided.removeLast(k - a)
                    merged = b - k
                }
                text.append(most.value[0])
                decided.append(sureOfIt ? urduMinimumConfidence : 0)
                continue
            }
            // A word of Urdu's of four letters or more, none of its hundred commonest, that at least
            // two rereads read there, and at least three (more than half) read as it or as no word a
            // letter from it, is that word when the first lost letters of it (read two or more
            // fewer, the rest in order) or read no word of Urdu's unsurely, no other word of Urdu's
            // is read there as often, and no reread reads the first's: the rereads gather round it
            // (`مہ` at 81 for `محکمہ`, a letterhead's large type: two rereads of five read `محکمہ`,
            // two `محلمہ`).
            // (Not for a piece of the first's word, at its start or end: two rereads read `پاشی`
            // where the first read `آپپاشی` at 20, for `آبپاشی`.)
            // (Not for a word of Urdu's the first read unsurely, all its letters there: `آبپاشی`,
            // where three rereads read `آبادی`; nor for one more than half of whose letters are
            // not theirs: `مشنرمرہان` at 41, two words run together, where three read `مردان` —
            // unless the other model reads it too and the first's is no more than a letter longer:
            // `تفماق` at 74 for `نفاذ`, read so by two rereads of five and by `urd`, two more
            // reading `نفاؤ`; two models rarely share a misreading.)
            let wordsThere = theirs.filter { urduWords[$0.key] != nil }
            if readings.count >= 3, !mineKey.isEmpty,
               let round = wordsThere.filter({ $0.key != mineKey && $0.key.count >= 4 && $0.value.count >= 2 && urduWords[$0.key]! >= 100 })
                   .max(by: { $0.value.count < $1.value.count }),
               !wordsThere.contains(where: { $0.key != round.key && $0.value.count >= round.value.count }),
               theirs.filter({ $0.key == round.key || (urduWords[$0.key] == nil && editDistance(Array($0.key), Array(round.key)) <= 1) })
                   .map(\.value.count).reduce(0, +) >= takers,
               own == 0, !mineKey.hasPrefix(round.key), !mineKey.hasSuffix(round.key),
               (!sure && !known && (withinHalf(round.key) || (otherHas(round.key) && mineKey.count <= round.key.count + 1)))
                   || (mineKey.count + 2 <= round.key.count && isSubsequence(mineKey, of: round.key)) {
                // The first's word before it is a piece of it when its letters and this one's come
                // in order in theirs and every reread that reads theirs reads the word before that
                // just before it: `محلمہ و قا` for `محکمہ اوقاف`, which two rereads read (the `و`
                // at 73 stayed, and made `محکمہ و اوقاف` a wrong office).
                let before = zip(rereadKeys, aligned).compactMap { r, a in a[k].flatMap { r[$0] == round.key ? ($0 > 0 ? r[$0 - 1] : "") : nil } }
                if text.count >= 2, isSubsequence(key(text[text.count - 1]) + mineKey, of: round.key),
                   !before.isEmpty, before.allSatisfy({ $0 == key(text[text.count - 2]) }) {
                    text.removeLast(); decided.removeLast()
                }
                text.append(round.value[0])
                decided.append(urduMinimumConfidence)
                continue
            }
            // A word no list holds, four letters or more, a letter from one of Urdu's 10,000
            // commonest words that a reread reads there (and from no other word a reread reads
            // there), is that word when the other model reads it or a word a letter from it, and no
            // other word of Urdu's is read there as often: the first and the rereads that agree
            // with it share a misreading of one letter (`امتظامیہ` at 75, read so by two rereads
            // of five, where one read `انتظامیہ` and `urd` `انخظامیہ`).
            if !sure, misread, mineKey.count >= 4 {
                let near = theirs.keys.filter { isCommon($0) && editDistance(Array(mineKey), Array($0)) == 1 }
                if near.count == 1, let word = near.first, let readers = theirs[word],
                   otherWords.contains(where: { editDistance(Array($0), Array(word)) <= 1 }),
                   !theirs.contains(where: { $0.key != word && urduWords[$0.key] != nil && $0.value.count >= readers.count }) {
                    text.append(readers[0])
                    decided.append(urduMinimumConfidence)
                    continue
                }
            }
            // An unsure word no list holds, four letters or more and no digits, is the reading of it
            // that lies nearest all the readings there (the first's and the rereads', in letters
            // changed), when two rereads at least read it, no other reading lies as near, each lies
            // within two letters of it, and it is in no list and no misreading of a common word: the
            // readings gather round it (`ڈیجیٹائیشن` at 65, where two rereads read `ڈیجیٹائزیشن`, the
            // others `دیجیٹائزیشن`, `ڈیجیٹائیشن`, `ڈیجیٹائڑیشن`; Urdu's lists lack such words).
            if !sure, !known, !misread, mineKey.count >= 4, !mineKey.contains(where: \.isNumber) {
                let all = [mineKey] + theirs.flatMap { Array(repeating: $0.key, count: $0.value.count) }
                func spread(_ x: String) -> Int { all.map { editDistance(Array(x), Array($0)) }.reduce(0, +) }
                let ranked = Set(all).map { (word: $0, spread: spread($0)) }.sorted { $0.spread < $1.spread }
                if all.count >= 4, let centre = ranked.first, centre.word != mineKey,
                   ranked.dropFirst().first.map({ $0.spread > centre.spread }) ?? true,
                   let readers = theirs[centre.word], readers.count >= 2, urduWords[centre.word] == nil,
                   !misreadingOfAWord(centre.word), all.allSatisfy({ editDistance(Array(centre.word), Array($0)) <= 2 }) {
                    text.append(readers[0])
                    decided.append(urduMinimumConfidence)
                    continue
                }
            }
            // An unsure word no list holds that every reread (two at least: a Naskh page's) reads
            // as one of Urdu's 10,000 commonest words, a letter from it, is that word (`کارڈڑ`,
            // `کارڈ` twice; `urd`'s two rereads of `آبپاشی` read `آیافی`, no word).
            if !sure, readings.count >= 2, !known,
               let all = theirs.first(where: { $0.value.count == readings.count && $0.key != mineKey }),
               isCommon(all.key), editDistance(Array(mineKey), Array(all.key)) <= 1 {
                text.append(all.value[0])
                decided.append(urduMinimumConfidence)
                continue
            }
            // A word that at least two rereads, and as many as read it alike, read as another does
            // not count however it was read (`ایگ`, in the dictionary, at 82, read so once, `ایک`
            // twice; `ہیں` at 94 read so twice, `میں`, right, twice). The other model reading
            // one of the two and not the other is one more reading of it (`گی` at 95, read so by
            // three rereads, `کی` by two and by `urd`; `تعیناتیاں`, two and `urd`, against
            // `تعینائیاں`, two).
            // Nor does a word with `گ` that a reread reads with `ک` there (or the other model, its
            // words not aligned, anywhere in the line), a word of Urdu's far commoner, however few
            // read it so: the stroke that tells them apart
            // is what the Nastaliq model adds (`گو` at 88, read so by four rereads of five, for
            // `کو`, which the fifth read, made a wrong subject on fresh 106000).
            let stroked = mineKey.indices.contains { i in
                guard mineKey[i] == "گ" else { return false }
                var twin = mineKey
                twin.replaceSubrange(i...i, with: "ک")
                return commoner(twin, than: mineKey) && (theirs[twin] != nil || otherHas(twin))
            }
            // Nor does a word of three letters or more that two rereads read as a word of Urdu's
            // holding it, a letter or two more at its start or end, however many read it: the
            // first and the others lost those letters (`علیم`, read so by three rereads of five,
            // where two read `تعلیم`; `متاثر` where two read `متاثرہ`: an office and a subject
            // were wrong on a 150 dpi fax).
            // (Two rereads in all: `مکا` at 68, read so by one reread of five, where one read `مکاں`
            // and one `مکان` for `محکمانہ`.)
            let heldLonger = mineKey.count >= 3 && theirs.filter { w in
                w.key.count > mineKey.count && w.key.count <= mineKey.count + 2 && urduWords[w.key] != nil
                    && (w.key.hasPrefix(mineKey) || w.key.hasSuffix(mineKey))
            }.map(\.value.count).reduce(0, +) >= 2
            let contested = stroked || heldLonger || theirs.contains {
                let votes = $0.value.count + (otherHas($0.key) && !otherHas(mineKey) ? 1 : 0)
                let mine = own + (otherHas(mineKey) && !otherHas($0.key) ? 1 : 0)
                return $0.key != mineKey && !mineKey.contains($0.key) && $0.value.count >= 2 && votes >= mine && !firm(against: $0.key)
                    && !garble($0.key)
            }
            // A word the first reading and at least three rereads (more than half) read alike counts
            // however unsure the first was — when the model's dictionary or Urdu's words hold it
            // (read at `dictionaryMajorityConfidence`: `بلدیات` at 50), or it is digits: every
            // reading read `آپاشی` for `آبپاشی`, no word. So does a word of Urdu's the first
            // reading read at `dictionaryMajorityConfidence` and every reread (two at least: a
            // Naskh page's) alike (`خیبر پختونخوا` at 71 and 74, `آبپاشی` at 52, read so at three
            // scales).
            let digits = !mineKey.isEmpty && mineKey.allSatisfy(\.isNumber)
            let listed = ((k < inDictionary.count && inDictionary[k]) || known) && c >= dictionaryMajorityConfidence || digits
            // Digits the other model reads alike too, with more than half the rereads, count: two
            // models agree (a year `urd` read at 1 on a Naskh page, which has two rereads).
            let digitsAgreed = digits && otherHas(mineKey) && own >= majority
            let unanimous = known && readings.count >= 2 && own == readings.count && c >= dictionaryMajorityConfidence
            // A word of Urdu's at least three rereads (more than half) and the other model read
            // alike counts however the first read it (`صاحب` at 39; `کے` at 20, in a cluster the
            // first read at 20: two models agree); so does one of four letters or more that every
            // reread, three at least, read alike (`انتظامیہ` at 0), or every reread but one of five
            // (`جنگلات` at 23). So does such a word no list holds that is no letter from a word of
            // Urdu's, the rest a letter from it (`تعیناتیاں` at 52, read so by four rereads of five,
            // the fifth `بعیناتیاں`: Urdu's lists lack the offices' own words).
            let modelsAgree = known && own >= takers && otherHas(mineKey)
            let ownWord = known || (!misread && !digits
                && theirs.keys.allSatisfy { $0 == mineKey || editDistance(Array(mineKey), Array($0)) <= 1 })
            let everyReread = ownWord && mineKey.count >= 4
                && ((readings.count >= 3 && own == readings.count) || (readings.count >= 5 && own >= readings.count - 1))
            // A word of Urdu's of four letters or more, read at 60, that half the rereads read alike
            // while the rest read no word of Urdu's, counts: on a Naskh page, `urd` and one reread
            // read `ٹرانسپورٹ` at 78, the other `ٹرانسیورٹ`.
            let seconded = known && mineKey.count >= 4 && c >= minimumConfidence && own >= 1 && own * 2 >= readings.count
                && theirs.keys.allSatisfy { $0 == mineKey || urduWords[$0] == nil }
            // A word no list holds, of four letters or more and a misreading of none of Urdu's
            // common words, read at 60 and alike by two rereads, each other reread a letter from
            // it, counts: the readings gather round it (`تعیناتیاں` at 78: twice, and
            // `تعیشاتیاں`, `بعیناتیاں`, `عیناتیاں`). Every reading of `آپاشی` was alike, but it
            // is a letter from `آبپاشی`.
            let gathered = !known && !digits && mineKey.count >= 4 && c >= minimumConfidence && own >= 2
                && theirs.keys.allSatisfy { $0 == mineKey || editDistance(Array(mineKey), Array($0)) <= 1 }
                && !misread
            // A word of Urdu's of four letters or more, none of its hundred commonest, that the
            // first reading and two rereads read alike counts however unsure the first (under
            // `dictionaryMajorityConfidence` too) when every other reread reads something of its own
            // there, no word of Urdu's or a shorter one, and none holding it: the readings are most
            // for it, and the rest are its pieces and garbles (`ڈپٹی` at 38, read so by two rereads
            // of five, the others `ٹی`, `ڈٹ`, `ڈپٹا`; `جانب` at 19, by both rereads of a Naskh
            // page: an office and a subject were lost). (Not `سپورٹ` at 0, a word of Urdu's read so
            // by two rereads, where the others read `انسپورٹ`, `نسپورٹ`: a piece of `ٹرانسپورٹ`.)
            let plurality = known && !everyday && !misread && mineKey.count >= 4 && own >= 2
                && theirs.allSatisfy { $0.key == mineKey || ($0.value.count == 1 && !$0.key.contains(mineKey)
                                                            && (urduWords[$0.key] == nil || $0.key.count < mineKey.count)) }
            // So does such a word read at `dictionaryMajorityConfidence` when every other reread
            // reads no word of Urdu's there, each garble read by no more rereads than read it: a
            // repeated garble contests nothing (`اطلاعات` at 58, read so by two rereads of five,
            // the others `الاعات` twice and `اطاعات`).
            let overGarbles = known && !everyday && !misread && mineKey.count >= 4 && own >= 2 && c >= dictionaryMajorityConfidence
                && theirs.allSatisfy { $0.key == mineKey || (urduWords[$0.key] == nil && $0.value.count <= own && !$0.key.contains(mineKey)) }
            // So does a word of Urdu's the first and every reread but one read alike, four at least,
            // however unsure; a word of three letters or fewer only when the other model reads one
            // as long a letter from it (`کی` at 26, four of five, the fifth `گی`, `urd` `لی`): the
            // page's model reads its commonest short words one for another at every scale.
            let nearlyUnanimous = known && readings.count >= 4 && own >= readings.count - 1
                && (mineKey.count >= 4 || otherWords.contains { $0.count == mineKey.count && editDistance(Array($0), Array(mineKey)) <= 1 })
            let alike = ((own >= takers && listed) || digitsAgreed || unanimous || modelsAgree || everyReread || gathered || seconded
                         || plurality || nearlyUnanimous) && !contested || overGarbles
            text.append(mine[k])
            // A word most rereads read only inside a longer word there is a piece of a word, and
            // does not count because another reading has it (`خوا` at 62, in the dictionary, read
            // so by one reread; three read `پختونخوا`, `خیریخنخوا`, `خیبریختونخوا`: the first
            // dropped `پختون`, and `خیبر خوا` made a wrong subject on seed 77000).
            // (Not a word the first read in two, its other part beside it: `ڈیجیٹائز یشن`.)
            let pieced = mineKey.count >= 2 && rereadKeys.filter { keys in
                !keys.contains(mineKey) && keys.contains { w in
                    w.count > mineKey.count + 1 && (w.hasSuffix(mineKey) || w.hasPrefix(mineKey)) && !joined.contains(w)
                }
            }.count >= majority
            decided.append(mineKey.isEmpty || (others.contains(mineKey) && sure && outvoted == nil && !contested && !pieced) || alike
                ? max(c, urduMinimumConfidence) : min(c, minimumConfidence - 1))
        }
        return (text.joined(separator: " "), decided)
    }

    /// The future's endings and the stroke-less postpositions they are read for.
    static let strokeTwins: [String: String] = ["گی": "کی", "گے": "کے", "گا": "کا", "گو": "کو"]

    /// Words after which a clause ends or begins again (`… ہیں کہ`, `… ہیں اور`, `… ہیں جو`).
    static let clauseGoesOn: Set<String> = ["کہ", "اور", "جو", "جن", "جس", "لیکن", "مگر", "تاہم", "بلکہ", "تو", "یا"]

    /// A reading's words spaced as the first reading's (`first`) where their letters are the
    /// same: a word that is two neighbouring words of Urdu's in the first together, or a word of
    /// Urdu's the first read in two, is split into them (`کےلیے` → `کے`, `لیے`; `پختونخوا` →
    /// `پختو`, `نخوا`; not `سرونٹس` where the first read `سر ونٹس`: `ونٹس` is no word, nor is
    /// `سرونٹس` one of Urdu's, and `decide` takes the word whole), and two neighbouring words that
    /// are one word of the first together are joined (`خیبر`, `پختونخوا` → `خیبرپختونخوا`). A
    /// space is no letter: words read alike but for one count as read alike. `key` gives a word's
    /// letters. Two words of the first are split apart also when one is a word of Urdu's and the
    /// other a word another reading reads alone (`readAlone`): `اورتعیناتیاں` is `اور`,
    /// `تعیناتیاں` when a reread reads `تعیناتیاں` alone, though no list holds it.
    public static func spacedLike(_ first: [String], _ reading: [String], readAlone: Set<String> = [],
                                  key: (String) -> String) -> [String] {
        let firstKeys = first.map(key)
        let whole = Set(firstKeys.filter { !$0.isEmpty })
        var pairs: [String: (String, String)] = [:]
        func wordOrReadAlone(_ a: String, _ b: String) -> Bool {
            (urduWords[a] != nil && (urduWords[b] != nil || (b.count >= 3 && readAlone.contains(b))))
                || (urduWords[b] != nil && a.count >= 3 && readAlone.contains(a))
        }
        for j in firstKeys.indices.dropLast()
        where wordOrReadAlone(firstKeys[j], firstKeys[j + 1]) || urduWords[firstKeys[j] + firstKeys[j + 1]] != nil {
            pairs[firstKeys[j] + firstKeys[j + 1]] = (first[j], first[j + 1])
        }
        // A word of the reading that is a word of the first, one of Urdu's hundred commonest of two
        // letters or more or a word of Urdu's of four letters or more, run into a word of Urdu's of
        // three letters or more, two letters at most from the first's next word (`کےلیے` where the
        // first read `کے بسے`; `خیبرپختونخوا`, read so by two rereads of five, where the first read
        // `خیبر پختونفو`): the first's word `j`, or nil.
        func ranOn(_ k: String) -> Int? {
            firstKeys.indices.dropLast().first { j in
                let a = firstKeys[j], rest = String(k.dropFirst(a.count))
                return k.hasPrefix(a) && ((a.count >= 2 && (urduWords[a] ?? .max) < 100) || (a.count >= 4 && urduWords[a] != nil))
                    && rest.count >= 3 && urduWords[rest] != nil && editDistance(Array(rest), Array(firstKeys[j + 1])) <= 2
            }
        }
        var out: [String] = []
        var i = 0
        while i < reading.count {
            let k = key(reading[i])
            if !whole.contains(k), i + 1 < reading.count, whole.contains(k + key(reading[i + 1])) {
                out.append(reading[i] + reading[i + 1])
                i += 2
                continue
            }
            if !whole.contains(k), let (a, b) = pairs[k] {
                out += [a, b]
            } else if !whole.contains(k), let j = ranOn(k) {
                out += [first[j], String(k.dropFirst(firstKeys[j].count))]
            } else {
                out.append(reading[i])
            }
            i += 1
        }
        return out
    }

    /// Urdu's words, each with its rank by how often it is written (0 the most often): the
    /// Urdu list of wordfreq 3.1.1, then the words of Tesseract's `urd` list it lacks, in Urdu's
    /// own letters and without diacritics (`Embedded/urdu-words.txt`, made by
    /// `scripts/urdu-lexicon.sh`; 23,062 words).
    public static let urduWords: [String: Int] = {
        var ranks: [String: Int] = [:]
        for (i, word) in (EmbeddedFiles.files["urdu-words.txt"] ?? "").split(separator: "\n").enumerated() {
            let w = String(word)
            if ranks[w] == nil { ranks[w] = i }
        }
        return ranks
    }()

    /// Whether Urdu writes word `a` (letters only, as `decide` keys them) far more often than
    /// `b`: twenty times by their ranks, or `b` is no word of Urdu's.
    public static func commoner(_ a: String, than b: String) -> Bool {
        guard let ra = urduWords[a] else { return false }
        guard let rb = urduWords[b] else { return true }
        return ra * 20 < rb
    }

    /// The share of a text's Urdu words (two letters or more, in Arabic script) that are
    /// Urdu's (`urduWords`), and how many there are; nil when there are none.
    public static func listedShare(_ text: String) -> (share: Double, words: Int)? {
        let words = tokens(urduLetters(text)).map { String($0.filter(\.isLetter)) }
            .filter { $0.count >= 2 && opensInArabicScript($0) }
        guard !words.isEmpty else { return nil }
        return (Double(words.filter { urduWords[$0] != nil }.count) / Double(words.count), words.count)
    }

    /// Whether `part`'s letters are all in `word`, in order.
    static func isSubsequence(_ part: String, of word: String) -> Bool {
        var rest = Substring(word)
        for c in part {
            guard let i = rest.firstIndex(of: c) else { return false }
            rest = rest[rest.index(after: i)...]
        }
        return true
    }

    /// Whether a word is among Urdu's 10,000 commonest.
    static func isCommon(_ word: String) -> Bool { urduWords[word].map { $0 < 10_000 } ?? false }

    /// The letters of Urdu's words.
    static let urduAlphabet: [Character] = Array(Set(urduWords.keys.joined())).sorted()

    /// Whether a word (letters only, as `decide` keys them) is no word of Urdu's but one letter
    /// (dropped, added or changed) from one of its 10,000 commonest words — more likely a
    /// misreading of that word than a word of its own (`آبیاشی`, `ڈیٹی`; not `سرونٹس`); or a
    /// misreading of a word of the directory of offices (`OfficeDirectory.misreads`: `گمشتر`).
    public static func misreadingOfAWord(_ word: String) -> Bool {
        guard !word.isEmpty, urduWords[word] == nil, !word.contains(where: \.isNumber) else { return false }
        if OfficeDirectory.misreads(word) { return true }
        let common = isCommon
        let letters = Array(word)
        for i in 0...letters.count {
            if i < letters.count, common(String(letters[..<i] + letters[(i + 1)...])) { return true }
            for a in urduAlphabet {
                if common(String(letters[..<i] + [a] + letters[i...])) { return true }
                if i < letters.count, a != letters[i], common(String(letters[..<i] + [a] + letters[(i + 1)...])) { return true }
            }
        }
        return false
    }

    /// The Urdu title a reading of a line comes near (an edit per three letters, at least one:
    /// `اعلامیع`, `اعامیہ` for `اعلامیہ`; `دفتری علم`, `دفتری مم`, `دفترجا حلم` for `دفتری حکم`),
    /// when it comes near one kind's titles alone. `decide` takes it when two readings come near
    /// it. (No letterhead or address line of the generated papers comes within that of a title:
    /// `دفتر کمشنر` is four edits from `دفتری حکم`.)
    static func nearUrduTitle(_ reading: String) -> String? {
        let s = Array(shape(urduLetters(reading)))
        guard s.count >= 4 else { return nil }
        let near = titles(near: s, lettersPerEdit: 3, shortest: 5, arabicOnly: true)
        guard let first = near.first, near.allSatisfy({ $0.type == first.type }) else { return nil }
        return first.title
    }

    /// Whether the readings of a line gather round one Urdu title that one of them comes near
    /// (`nearUrduTitle`): three more at least lie within an edit per two of its letters (spaces
    /// aside), each two edits nearer it than any title of another kind. A bold title's garbles
    /// keep its letters' places: `اعلامیہ`, read `اعلامہ` by `urd` and `اٰحلا می`, `اُحلا مع`,
    /// `علا مع`, `ا علا مپعے` by the Nastaliq model (hard Urdu 225010's type was missed).
    static func roundUrduTitle(_ title: String, readings: [String]) -> Bool {
        guard let type = titles.first(where: { $0.title == title })?.type else { return false }
        let own = Array(title.filter(\.isLetter))
        let others = titles.filter { $0.type != type && opensInArabicScript($0.title) }.map { Array($0.title.filter(\.isLetter)) }
        let round = readings.filter { reading in
            let letters = Array(urduLetters(reading).filter(\.isLetter))
            let d = editDistance(letters, own)
            return letters.count >= 4 && d <= max(1, own.count / 2) && others.allSatisfy { editDistance(letters, $0) >= d + 2 }
        }
        return round.count >= 4
    }

    /// For each of `a`'s words, the index of the word of `b` it is matched or substituted with
    /// in a least-cost alignment of the two (nil where it is dropped). A word dropped or added
    /// costs 1, a word read as another the share of their letters that differ: `گی ڈیجیٹائز یشن`
    /// goes with `کی ڈیجیٹائزیشن` word for word from the left, not `ڈیجیٹائز` with `کی`.
    static func align(_ a: [String], _ b: [String]) -> [Int?] {
        guard !a.isEmpty else { return [] }
        func apart(_ x: String, _ y: String) -> Double {
            x == y ? 0 : Double(editDistance(Array(x), Array(y))) / Double(max(x.count, y.count, 1))
        }
        // d[i][j]: the least cost of a[..<i] against b[..<j]; step: 0 matched, 1 a's word dropped, 2 b's.
        var d = [[Double]](repeating: [Double](repeating: 0, count: b.count + 1), count: a.count + 1)
        var step = [[UInt8]](repeating: [UInt8](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = Double(i); step[i][0] = 1 }
        for j in 0...b.count { d[0][j] = Double(j); step[0][j] = 2 }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let matched = d[i - 1][j - 1] + apart(a[i - 1], b[j - 1])
                let dropped = d[i - 1][j] + 1, added = d[i][j - 1] + 1
                if matched <= dropped && matched <= added {
                    d[i][j] = matched; step[i][j] = 0
                } else if added <= dropped {
                    d[i][j] = added; step[i][j] = 2
                } else {
                    d[i][j] = dropped; step[i][j] = 1
                }
            }
        }
        var out = [Int?](repeating: nil, count: a.count)
        var i = a.count, j = b.count
        while i > 0 {
            switch j > 0 ? step[i][j] : 1 {
            case 0: out[i - 1] = j - 1; i -= 1; j -= 1
            case 2: j -= 1
            default: i -= 1
            }
        }
        return out
    }

    /// Whether a second reading of a line agrees with the first on a field read from it, and
    /// which of the first's words the two readings alone do not settle. Nil when they differ:
    /// not the same date in its last words, or (a subject's or an office's line) not the same
    /// letters and digits from word `word` on, whatever the case, commas, colons, quotes and
    /// marks alone, or not the same stops inside the line (a speck read `THE.`; the line's last
    /// stop may differ), unless one or two words alone are read otherwise (`misreadApart`):
    /// those are then the third opinions' to read as the first did. Nil too when they agree on
    /// a word that is likely misread by both: read
    /// below `fieldConfidence`, outside the first model's dictionary, and one confusion
    /// (`confusedNeighbours`) away from a word `isWord` knows — `eng` and `Latin` both read
    /// `vehicies` for `vehicles`, and `AGRICUI` for `AGRICULTURE`, on a pale copy and a fax,
    /// where the names the dictionary lacks (`Charsadda`, `Tehsildars`, `PAKHTUNKHWA`) have no
    /// such neighbour. Where the two spaced the same letters otherwise (`spacedOtherwise`), the
    /// first's words must all be words `isWord` knows (`eng` read `INTHE` where `Latin` read
    /// `IN THE`: nil); where the second's are all words too, the first's are left to a third
    /// opinion: `eng` read `OFA` (which its dictionary holds) where `Latin` read `OF A`, and
    /// `Latin` reads `ofa` where `eng` read `of a`, right. Otherwise the first's stand: `Latin`
    /// reads `AN D POSTIN G` and `SUPERIN TENDENT` where `eng` read `AND POSTING` and
    /// `SUPERINTENDENT`. The value: the words a third opinion must read too (none: the readings
    /// agree); without `isWord`, every word spaced otherwise.
    public static func agreement(_ second: String, with first: PageLine, word: Int, field: String, value: String,
                                 isWord: ((String) -> Bool)? = nil) -> [String]? {
        let again = tokens(ofReading: second)
        if field == "date" {
            return again.indices.lazy.compactMap { parseDate(Array(again[$0...])) }.first == value ? [] : nil
        }
        // (No word opens with a stop: `.Grant`, a speck before the subject on a dusty fax.)
        func stopped(_ words: [String]) -> String {
            var s = String(words.map { $0.drop { !$0.isLetter && !$0.isNumber } }.joined().lowercased()
                .filter { $0.isLetter || $0.isNumber || $0 == "." })
            while s.hasSuffix(".") { s.removeLast() }
            return s
        }
        let mine = Array(tokens(first.text).enumerated().dropFirst(word)), theirs = Array(again.dropFirst(word))
        let letters = mine.map { wordKey($0.element) }.joined()
        guard !letters.isEmpty else { return nil }
        var open: [String] = []
        if letters != theirs.map(wordKey).joined() || stopped(mine.map(\.element)) != stopped(theirs) {
            guard let apart = misreadApart(mine.map(\.element), theirs) else { return nil }
            open = apart
        }
        if let isWord, let c = first.confidences, let d = first.inDictionary {
            // (A word in letters alone: `BPS-17` is no misreading of `BFS`.)
            let misread = mine.contains { k, w in
                let letters = w.trimmingCharacters(in: CharacterSet.alphanumerics.inverted)
                return k < c.count && k < d.count && c[k] < fieldConfidence && !d[k] && letters.allSatisfy(\.isLetter)
                    && confusedNeighbours(of: letters).contains(where: isWord)
            }
            if misread { return nil }
        }
        guard open.isEmpty else { return open }
        for (firsts, seconds) in spacedOtherwise(mine.map(\.element), theirs) {
            guard let isWord else { open += firsts; continue }
            // A hyphen read for a space, or a space for a hyphen (`e-office-system`, `Latin` on
            // a dusty fax): the words are a third opinion's to settle.
            if firsts.joined(separator: "-") == seconds.joined(separator: "-") { open += firsts; continue }
            // The first's words must be words; a second's pieces that are not all words are no
            // reason to doubt them (`SUPERIN TENDENT`, read so by `Latin`, `fra` and `ita` alike).
            guard firsts.allSatisfy(isWord) else { return nil }
            if seconds.allSatisfy(isWord) { open += firsts }
        }
        return open
    }

    /// The first reading's words a second reading of the same line reads otherwise, when it
    /// reads as many words (marks alone aside), one or two of them otherwise, and the same
    /// stops in the others (the last word's aside): the words a third opinion must read as the
    /// first did (`Fiood` for `Flood`, `Latin` on a dusty fax, where `eng`, `fra` and `ita` read
    /// `Flood`). Nil otherwise.
    static func misreadApart(_ first: [String], _ second: [String]) -> [String]? {
        let a = first.filter { !wordKey($0).isEmpty }, b = second.filter { !wordKey($0).isEmpty }
        guard a.count == b.count, !a.isEmpty else { return nil }
        var apart: [String] = []
        for k in a.indices {
            if wordKey(a[k]) != wordKey(b[k]) { apart.append(a[k]); continue }
            if k < a.count - 1, a[k].filter({ $0 == "." }).count != b[k].filter({ $0 == "." }).count { return nil }
        }
        return (1...2).contains(apart.count) ? apart : nil
    }

    /// The stretches of two readings of the same letters and digits (marks alone aside) that
    /// are spaced otherwise: the first's words and the second's, stretch by stretch (`OFA` and
    /// `OF A`; `AND POSTING` and `AN D POSTIN G` are two).
    static func spacedOtherwise(_ first: [String], _ second: [String]) -> [(first: [String], second: [String])] {
        let a = first.filter { !wordKey($0).isEmpty }, b = second.filter { !wordKey($0).isEmpty }
        var out: [(first: [String], second: [String])] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            var x = [a[i]], y = [b[j]]
            var lx = wordKey(a[i]).count, ly = wordKey(b[j]).count
            i += 1; j += 1
            while lx != ly {
                if lx < ly, i < a.count { x.append(a[i]); lx += wordKey(a[i]).count; i += 1 }
                else if ly < lx, j < b.count { y.append(b[j]); ly += wordKey(b[j]).count; j += 1 }
                else { break }
            }
            if x.count > 1 || y.count > 1 { out.append((x, y)) }
        }
        return out
    }

    /// Letters (and letter pairs) a recogniser takes for one another on a poor scan, each way
    /// round: thin strokes lost or joined (`l`/`i`, `rn`/`m`, `cl`/`d`), open and closed bowls
    /// (`c`/`e`, `a`/`o`, `u`/`n`), tails and bars (`g`/`q`, `f`/`t`, `E`/`F`).
    static let confusions: [(String, String)] = [
        ("i", "l"), ("l", "I"), ("rn", "m"), ("c", "e"), ("a", "o"), ("u", "n"), ("h", "b"), ("cl", "d"), ("f", "t"),
        ("g", "q"), ("ri", "n"), ("in", "m"), ("li", "h"), ("vv", "w"), ("I", "L"), ("E", "F"), ("C", "G"), ("O", "Q"),
        ("U", "V"), ("H", "N"), ("R", "B"), ("D", "O"), ("P", "F"),
    ]

    /// The words `word` becomes with one confusion (`confusions`, either way) mended at one
    /// place: `vehicies` gives `vehicles` among others.
    public static func confusedNeighbours(of word: String) -> [String] {
        guard !word.isEmpty else { return [] }
        var out: [String] = []
        for (a, b) in confusions {
            for (from, to) in [(a, b), (b, a)] {
                var search = word.startIndex..<word.endIndex
                while let r = word.range(of: from, range: search) {
                    out.append(word.replacingCharacters(in: r, with: to))
                    search = word.index(after: r.lowerBound)..<word.endIndex
                }
            }
        }
        return out
    }

    /// Whether every reading holds each of `words` as a word of its own (by `wordKey`).
    public static func read(_ words: [String], byAll readings: [String]) -> Bool {
        !readings.isEmpty && readings.allSatisfy { r in
            let theirs = Set(tokens(ofReading: r).map(wordKey))
            return words.allSatisfy { theirs.contains(wordKey($0)) }
        }
    }

    /// A word as two readings are compared: its letters and digits, in lower case.
    static func wordKey(_ w: String) -> String { String(w.lowercased().filter { $0.isLetter || $0.isNumber }) }

    /// How confidently a line's reference number was read: its value's words (the first
    /// `used` words, less a label standing alone: a misread `NQ.` does not make the number doubtful).
    static func valueConfidence(_ line: PageLine, words: [String], used: Int) -> Double {
        let label = words.first.map(isLabel) ?? false
        return label && used > 1 ? line.confidence(from: 1, count: used - 1) : line.confidence(count: used)
    }

    /// The reference number a reading of the number's line alone gives, if it is well formed.
    public static func number(inLine reading: String) -> String? {
        guard let v = referenceNumber(inReading: reading) else { return nil }
        return isWellFormed(v) ? v : mendedBrackets(v)
    }

    /// A reference read again whose closing bracket and the slash after it were read as one
    /// mark, or the slash lost, mended — the reference's form says where they stand: after the
    /// letters a bracket opens, a `V`, `Y` or `y` is the bracket, with the slash when none
    /// follows it (`DS(AVLG&RDD/…` and `DS(AYLG&RDD/…` for `DS(A)/LG&RDD/…`, read so by all four
    /// models on a pale carbon copy; `SO(Admny/ST&IT/…`), and a bracket closed right before a
    /// letter or a digit lost its slash (`SO(Admn)ST&IT`). (A curly bracket is not mended: a
    /// reading that confirms must read it round, see `roundBrackets`.) Nil when
    /// nothing is mended or the mended reference is not well formed. Only readings of a line
    /// read again are mended, and a mended value counts only where two models agree on it, as
    /// every value read again does.
    static func mendedBrackets(_ value: String) -> String? {
        var chars = Array(value)
        if let open = chars.firstIndex(of: "("), !chars[open...].contains(")") {
            guard let i = chars.indices.first(where: { $0 > open + 1 && "VYy".contains(chars[$0]) }) else { return nil }
            chars.replaceSubrange(i...i, with: i + 1 < chars.count && chars[i + 1] == "/" ? [")"] : [")", "/"])
        }
        var out: [Character] = []
        for (k, c) in chars.enumerated() {
            out.append(c)
            if c == ")", k + 1 < chars.count, chars[k + 1].isLetter || chars[k + 1].isNumber { out.append("/") }
        }
        let mended = String(out)
        return mended != value && isWellFormed(mended) ? mended : nil
    }

    /// The reference a reading of a number's line alone gives (its lines joined, the marks it
    /// opens with passed over), as read.
    static func referenceNumber(inReading reading: String) -> String? {
        referenceNumber(Array(tokens(ofReading: reading).drop(while: isMark)))?.0
    }

    /// An Urdu paper's number or date line read again, alone, by `eng` and by `Latin`: its
    /// Western digits are what both read alike (a bold Nastaliq label with Western digits is
    /// read badly by the Urdu models, the digits well by the Latin ones; the label not at all).
    /// The readings are in the order the line is seen, so a hyphenated number's parts are put
    /// back in the order they are typed (`LayoutWriter.numberInRightToLeft`). Gives the line as
    /// the field reader takes it — `نمبر: 3752/7-5/2002` for a reference, `مورخہ: 04-11-2007` for
    /// a date (what the value is tells which; the label is not read) — or nil when the readings
    /// disagree or hold neither.
    public static func urduHeadLine(english: String, latin: String) -> String? {
        let alike = headValueVariants(english).intersection(headValueVariants(latin))
        guard alike.count == 1, let e = alike.first else { return nil }
        return headLine(values: e)
    }

    /// The line the field reader takes for the values of an Urdu number or date line as read by
    /// a Latin model (`valuesRead(inReading:joiningTails:)`); nil when they hold two numbers or two
    /// dates, or a number not well formed.
    static func headLine(values e: [String]) -> String? {
        var number: String?, date: String?
        for v in e {
            if parseDate([v]) != nil { if date == nil { date = v } else { return nil } }
            else if v.contains("/") || v.contains("-") { if number == nil, isWellFormed(v) { number = v } else { return nil } }
        }
        switch (number, date) {
        case let (n?, d?): return "نمبر: \(n) مورخہ: \(d)"
        case let (n?, nil): return "نمبر: \(n)"
        case let (nil, d?): return "مورخہ: \(d)"
        default: return nil
        }
    }

    /// The values a Latin model's reading of an Urdu number or date line gives, each way digits
    /// read after a value can be taken (`valuesRead(inReading:joiningTails:)`), the ways that give
    /// none left out.
    static func headValueVariants(_ reading: String) -> Set<[String]> {
        Set([false, true].map { valuesRead(inReading: reading, joiningTails: $0) }.filter { !$0.isEmpty })
    }

    /// The values (numbers and dates) of an Urdu number or date line as a Latin model reads it
    /// (in the order the line is seen, left to right), each put back in the order typed.
    /// `joiningTails`: whether digits read just after a value, a space between, with marks or
    /// letters after them and no separator (`8/2025-4395/1 4°` for `…4395/14` against the
    /// label; `9/2006-7106/17 7%`, where the `7%` is the label's strokes), are the value's last
    /// digits. The text cannot tell: each reading gives its values both ways, and two readings
    /// agree on the values they give one way alike, when only one way does.
    static func valuesRead(inReading reading: String, joiningTails: Bool) -> [String] {
        // The label's colon sits against the value (`5/2002-3752/7:`): colons part words too.
        // A space read into a value (`10/201 9-7033/8`, `5 /2005-4010/18`) joins its parts:
        // words of digits and separators alone, side by side, are one value.
        // A colon ends a value (the label's, or a misread mark after it: `4952/16 : 7`,
        // `2003-05-07:2)%`) — but not one after a day or a month alone with digits after
        // it: that is a separator misread (`09:06/2003` for a date typed `09.06.2003`, whose
        // `06/2003` is no number), and the value it is in is no value.
        var words: [String] = []
        let chars = Array(reading)
        var parts = [""]
        for (k, c) in chars.enumerated() {
            let group = parts[parts.count - 1].split(whereSeparator: \.isWhitespace).last ?? ""
            let inside = c == ":" && k + 1 < chars.count && chars[k + 1].isNumber && (1...2).contains(group.count)
                && group.allSatisfy(\.isNumber) && parts[parts.count - 1].last?.isNumber == true
            if c == ":", !inside {
                parts.append("")
            } else {
                parts[parts.count - 1].append(c)
            }
        }
        // Whether a word is of a value's characters only: digits and separators.
        func numeric(_ t: Substring) -> Bool { t.allSatisfy { $0.isASCII && ($0.isNumber || "/.-".contains($0)) } }
        // Digits and separators, with at least one digit.
        func digitsAndSeparators(_ t: String) -> Bool { t.contains(where: \.isNumber) && numeric(t[...]) }
        for part in parts {
            var joinable = false
            var latinReference = false
            // A separator alone is part of a value only between two words of digits (`5 /
            // 2005-4010/18`); after a value it is a mark (`8/2020-9936/22 /`), which would
            // leave the value open.
            let split = part.split(whereSeparator: \.isWhitespace).map(String.init)
            let kept = split.indices.filter { i in
                let t = split[i]
                guard !t.isEmpty, t.allSatisfy({ "/-".contains($0) }) else { return true }
                return i > 0 && i + 1 < split.count && digitsAndSeparators(split[i - 1]) && digitsAndSeparators(split[i + 1])
            }.map { split[$0] }
            for t in kept {
                // A reference in Latin letters read with a space in it (`DS(A)/LGD /4-2/2025`,
                // `E& A/BOR/11-8/2006`) runs on where a part ends with a separator or the next
                // begins with a slash (not a hyphen: the label's strokes read `-4` after a whole
                // reference), or where digits part (`SO(Admn)/LGD/1 2-11/2014`: the next part
                // digits with a separator, not a stray digit).
                // So does a reference whose first part, letters and marks with no digit, was
                // read apart from the rest (`SO(Admn)/F D/25-8/2018`: alone, `D/25-8/2018` is
                // no number).
                let digitsParted = words.last?.last?.isNumber == true && t.first?.isNumber == true
                    && t.contains(where: { "/-".contains($0) })
                let headParted = words.last.map { !$0.contains(where: \.isNumber) && $0.contains(where: { "/()&".contains($0) }) } ?? false
                    && t.first.map { $0.isASCII && $0.isLetter } ?? false
                if latinReference, let last = words.last, t.contains(where: \.isNumber),
                   last.hasSuffix("/") || last.hasSuffix("-") || last.hasSuffix("&") || t.hasPrefix("/") || digitsParted || headParted {
                    words[words.count - 1] = last + t
                    continue
                }
                // A value's last part read with the label's strokes after it as marks
                // (`10/2002-43 10/2,“` and `10/2002-43 10/2%` for `10/2002-4310/2` against
                // `نمبر`): its digits, a separator between them, join the value, and end it. So do
                // digits alone with marks or letters after them, when `joiningTails`.
                let core = t.prefix { $0.isASCII && ($0.isNumber || "/.-".contains($0)) }
                let rest = t.dropFirst(core.count)
                let part = core.first?.isNumber == true && core.last?.isNumber == true && core.contains(where: { "/.-".contains($0) })
                    && rest.allSatisfy { !$0.isLetter && !$0.isNumber }
                let tail = joiningTails && !core.isEmpty && core.allSatisfy(\.isNumber) && !rest.contains(where: \.isNumber)
                if joinable, !rest.isEmpty, part || tail, let last = words.last, parseDate([last]) == nil {
                    words[words.count - 1] = last + core
                    joinable = false
                    continue
                }
                latinReference = t.first.map { $0.isASCII && $0.isLetter } ?? false
                let ofAValue = numeric(t[...])
                // (A whole date is a whole value: a stray digit after it, `2002-04-24 2`, is not
                // part of it.)
                if ofAValue && joinable, let last = words.last, parseDate([last]) == nil {
                    words[words.count - 1] = last + t
                } else {
                    words.append(t)
                }
                joinable = ofAValue
            }
        }
        return words.compactMap { t -> String? in
            // A reference as English papers write it (`SO(G)/HD/29-1/2025`) opens with Latin
            // letters: read left to right whatever the line's direction, and whole. (A value
            // with a misread mark after it, `2465/10s-*`, is a value of digits.)
            if let f = t.first, f.isASCII && f.isLetter {
                var v = t.trimmingCharacters(in: CharacterSet(charactersIn: ",;:.'\"`"))
                while let z = v.last, !(z.isLetter || z.isNumber || z == ")") { v.removeLast() }   // `…/2000,-`
                guard v.filter(\.isNumber).count >= 3, v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/-().&".contains($0)) }),
                      v.contains("/"), let a = v.first, let z = v.last, a.isLetter || a.isNumber, z.isNumber || z == ")" else { return nil }
                return v
            }
            let v = String(t).trimmingCharacters(in: CharacterSet.decimalDigits.inverted)
            guard v.filter(\.isNumber).count >= 4, numeric(v[...]),
                  let a = v.first, let z = v.last, a.isNumber, z.isNumber else { return nil }
            // A value that ends or opens on a separator was cut there, the rest read apart
            // as no value (`9/2003-8846/ 5;/`, where the paper says `8846/5-9/2003`: taken
            // without it, `8846-9/2003` was a wrong number).
            if let r = t.range(of: v), t[..<r.lowerBound].last.map({ "/-".contains($0) }) == true
                || t[r.upperBound...].first.map({ "/-".contains($0) }) == true { return nil }
            return LayoutWriter.numberInRightToLeft(v)
        }
    }

    /// Whether each number and date the Urdu model read on an Urdu number or date line is read
    /// alike by at least one of the other models' readings of the line (each taken every way
    /// `headValueVariants` takes a reading).
    public static func urduHeadValuesConfirmed(_ line: PageLine, by readings: [String]) -> Bool {
        let own = headValues(line)
        guard own.number != nil || own.date != nil else { return true }
        return confirmed(own, by: readings)
    }

    /// An Urdu number line as the Urdu model read it, its label read as `نمبر` when the model
    /// misread it by a letter or two (`ممبر 262/8-11/2007`, `میر 2982/28-11/2006`): for finding
    /// its value among the other models' (`urduHeadValuesAgreed`, and the tie in
    /// `urduHeadLine(readings:models:own:)`); against theirs it counts only as read
    /// (`urduHeadDisagrees` takes the line as read). A line whose first word is a date's label,
    /// or near another label, is as it was.
    public static func numberLabelled(_ line: PageLine) -> PageLine {
        var words = tokens(line.text)
        guard words.count >= 2, words.dropFirst().contains(where: { $0.filter(\.isNumber).count >= 4 }) else { return line }
        let bare = bareWord(words[0])
        guard !bare.isEmpty, bare != "نمبر", opensInArabicScript(bare),
              editDistance(Array(bare), Array("نمبر")) <= 2,
              !["مورخہ", "تاریخ", "بحوالہ", "عنوان"].contains(where: { editDistance(Array(bare), Array($0)) <= 2 }) else { return line }
        words[0] = "نمبر:"
        var out = line
        out.text = words.joined(separator: " ")
        return out
    }

    /// Whether the Urdu model read a number or a date on an Urdu number or date line, however
    /// unsure its words, and each is read alike by at least one of the other models' readings:
    /// two different models agreeing on a value (`urd_nastaliq` read `5519/12-1/2022` at 70,
    /// `Latin` read it too where `eng`, `fra` and `ita` joined a misread label's strokes to it).
    public static func urduHeadValuesAgreed(_ line: PageLine, by readings: [String]) -> Bool {
        let own = valuesHowever(line)
        return (own.number != nil || own.date != nil) && confirmed(own, by: readings)
    }

    /// The number and the date a line gives, however unsure its words.
    static func valuesHowever(_ line: PageLine) -> (number: String?, date: String?) {
        var sure = line
        sure.confidences = sure.confidences.map { $0.map { _ in 100 } }
        return headValues(sure)
    }

    static func confirmed(_ own: (number: String?, date: String?), by readings: [String]) -> Bool {
        let theirs = readings.flatMap { headValueVariants($0).compactMap(headLine) }.map { headValues(PageLine(text: $0, box: nil)) }
        return (own.number == nil || theirs.contains { $0.number == own.number })
            && (own.date == nil || theirs.contains { $0.date == own.date })
    }

    /// The number and the date a line gives the field reader (its words as trusted).
    static func headValues(_ line: PageLine) -> (number: String?, date: String?) {
        let f = read(lines: [line], page: 1)
        return (f.number?.value, f.date?.value)
    }

    /// The reference number two different models agree on, from the readings of a number's
    /// line by several models (each model's readings together: `eng`'s page and line readings
    /// are one model). A value the first two models (`eng`, `Latin`) read is taken when another
    /// model's reading confirms it (`confirms`); nil when none is, or when two values are
    /// (`Vol-III` and `Vol-II` both confirmed by strokes are no answer). A model of two minds,
    /// whose readings give two values neither of which confirms the other, holds to its first
    /// (the page's) when that is well formed: `eng` read `SOE-II(LG&RDD)` on the page, right,
    /// and `SOE-I(LG&RDD)` on the line alone, on a specked photocopy, and `fra` read the second
    /// too (`Latin` and `ita` read `SOE-IK…`); on a pale carbon copy `eng` read `SOE-II(E&AD)`
    /// and `SOE-I(E&AD)`, and `ita` the first. Its first not well formed, it holds to the rest
    /// (`DS(A)//E&SED/…` on the page, a speck read as a slash; `DS(A)/E&SED/…` alone).
    public static func majority(readings: [[String]]) -> String? {
        let opinions = readings.map { lines -> [String] in
            let values = lines.compactMap(number(inLine:))
            let ofOneMind = values.allSatisfy { v in values.allSatisfy { $0 == v || confirms($0, value: v) || confirms(v, value: $0) } }
            if ofOneMind { return lines }
            return lines.first.flatMap(number(inLine:)).map(isWellFormed) == true ? Array(lines.prefix(1)) : Array(lines.dropFirst())
        }
        let value = agreed(models: opinions.count) { a, b in
            opinions[a].compactMap(number(inLine:)).filter { v in opinions[b].contains { confirms($0, value: v) } }
        }
        return value.flatMap { numeralsHeld($0, readings: readings) ? $0 : nil }
    }

    /// Whether no reading of the line reads one of `value`'s Roman numerals (`SOE-II`, `Vol-III`)
    /// with more strokes than it has. Two strokes are misread as one, by both models and on
    /// one line: `SOE-I` for `SOE-II` by `Latin` and by `eng` reading the line alone, where `eng`
    /// read the page right, on a specked photocopy and on a pale carbon copy; `Vol-I` by `eng`
    /// and `fra` where `Latin` and `eng` alone read `Vol-H` and `ita` `Vol-II`. A stroke is seldom
    /// read where none is, and the count of strokes is the numeral: a value that any reading
    /// holds a stroke more is no answer. A reading counts when it reads the same reference but
    /// for its numerals (within two marks), strokes read as `1`, `l` or `|` counted as `I` and
    /// `H` or `U` as two.
    public static func numeralsHeld(_ value: String, readings: [[String]]) -> Bool {
        let own = numerals(value)
        guard !own.numerals.isEmpty else { return true }
        for reading in readings.joined() {
            guard let read = referenceNumber(inReading: reading).map(numerals), read.numerals.count == own.numerals.count,
                  editDistance(Array(read.skeleton), Array(own.skeleton)) <= 2 else { continue }
            if zip(read.numerals, own.numerals).contains(where: { $0.count > $1.count }) { return false }
        }
        return true
    }

    /// Whether the strokes of a line's letters as one model read them (`OCREngine.lineLetters`)
    /// leave `value`'s Roman numerals of `I`s as they are: false when the letters read where
    /// one stands (after the two or three marks the value has before it: `OE-` in `SOE-II`) show
    /// more upright strokes together (`LineLetters.strokes`) than it has (one mark read `I1I`
    /// shows its two), or, where they cannot be told or an `H` or `U` is among them (two
    /// strokes at least, however its ink is measured), are read as more. Two serifed `I`s whose serifs
    /// touch are one mark on a fax, and `eng`, `Latin`, `fra` and `ita` all read `SOE-I`; the
    /// mark's two stems still stand apart.
    public static func numeralsSeen(_ value: String, letters: LineLetters) -> Bool {
        let flat = Array(letters.letters.joined()), owner = letters.letterOfCharacter
        let chars = Array(value)
        var i = 0
        while i < chars.count {
            guard chars[i] == "I", i >= 2, "-/(".contains(chars[i - 1]) else { i += 1; continue }
            var end = i
            while end < chars.count, chars[end] == "I" { end += 1 }
            defer { i = end }
            guard end == chars.count || "/-().,".contains(chars[end]) else { continue }
            let context = Array(chars[max(0, i - 3)..<i]), strokes = end - i
            var start = 0
            while start + context.count < flat.count {
                defer { start += 1 }
                guard Array(flat[start..<start + context.count]) == context else { continue }
                let first = owner[start + context.count]
                var k = first, read = 0, bars = false
                while k < letters.letters.count, ["I", "l", "1", "|", "H", "U"].contains(letters.letters[k]) {
                    let bar = "HU".contains(letters.letters[k])
                    bars = bars || bar
                    read += bar ? 2 : 1
                    k += 1
                }
                let shown = letters.strokes(first..<k)
                if (shown == 0 ? read : bars ? max(read, shown) : shown) > strokes { return false }
            }
        }
        return true
    }

    /// Where a reference's Roman numeral may stand in a reading: after a word of two to four
    /// letters and a hyphen (`SOE-`, `Vol-`), up to three of the marks two or three strokes are
    /// read as (`II`, `I|`, `Il`, `H`, `1]`; `11` before a bracket), then a bracket, a slash, a
    /// space or the line's end. Offsets in `text`'s characters.
    public static func numeralSlots(_ text: String) -> [Range<Int>] {
        let chars = Array(text)
        var slots: [Range<Int>] = []
        for i in chars.indices where chars[i] == "-" {
            var w = i
            while w > 0, chars[w - 1].isLetter { w -= 1 }
            guard (2...4).contains(i - w) else { continue }
            var end = i + 1
            while end < chars.count, end - i <= 3, "IlHU|1".contains(chars[end]) { end += 1 }
            if end < chars.count, end > i + 1, chars[end] == "]" { end += 1 }
            let slot = (i + 1)..<end
            guard !slot.isEmpty, slot.count <= 3, end == chars.count || "({/) ".contains(chars[end]) else { continue }
            // (Figures alone are figures, but before a bracket: `SOE-11(FD)`, not `SO-1/2024`.)
            let figures = slot.allSatisfy { chars[$0] == "1" }
            guard !figures || (end < chars.count && "({".contains(chars[end])) else { continue }
            slots.append(slot)
        }
        return slots
    }

    /// The upright strokes the ink of each numeral slot of a reading (`numeralSlots`) shows
    /// across its letters' boxes together (`LineLetters.strokes`; the letters the reading's,
    /// spaces aside); nil for a slot whose strokes could not be told or are more than three, and
    /// for every slot when the letters are not the reading's.
    public static func numeralStrokes(_ text: String, letters: LineLetters) -> [Int?] {
        let slots = numeralSlots(text)
        let owner = letters.letterOfCharacter
        guard letters.letters.joined() == String(text.filter { !$0.isWhitespace }) else { return slots.map { _ in nil } }
        var flat: [Int] = [], n = 0   // each character of `text` as an offset among the letters'
        for c in text { flat.append(n); if !c.isWhitespace { n += 1 } }
        return slots.map { slot in
            let read = slot.map { owner[flat[$0]] }
            let strokes = letters.strokes(read.min()!..<(read.max()! + 1))
            return (1...3).contains(strokes) ? strokes : nil
        }
    }

    /// `text` with each numeral slot (`numeralSlots`) whose strokes are known (`strokes`, in
    /// order) written as that many `I`s: `SOE-H(E&SED)`, `Vol-I|`, `SOE-11(FD)` and `SOE-I(FD)`,
    /// their ink two stems, are `SOE-II…`. The text as it is when it has not that many slots.
    public static func withNumerals(_ text: String, strokes: [Int?]) -> String {
        let slots = numeralSlots(text)
        guard !slots.isEmpty, slots.count == strokes.count else { return text }
        var chars = Array(text)
        for (slot, count) in zip(slots, strokes).reversed() {
            if let count { chars.replaceSubrange(slot, with: Array(repeating: "I", count: count)) }
        }
        return String(chars)
    }

    /// A reference with each Roman numeral between its separators (`II` in `SOE-II(FD)`, `I11` in
    /// `Vol-I11`) put as `#`, and the numerals as strokes (`II`, `III`), in order. A numeral is
    /// up to five of `IVX` and the marks strokes are read as, with a letter among them.
    static func numerals(_ reference: String) -> (skeleton: String, numerals: [String]) {
        let plain = withoutStrayMarks(reference)
        var skeleton = "", found: [String] = [], token = ""
        func close() {
            let isNumeral = !token.isEmpty && token.count <= 5 && token.allSatisfy { "IVXlHU|1".contains($0) }
                && token.contains { $0.isLetter || $0 == "|" }
            if isNumeral {
                found.append(token.map { "HU".contains($0) ? "II" : "l|1".contains($0) ? "I" : String($0) }.joined())
                skeleton += "#"
            } else {
                skeleton += token
            }
            token = ""
        }
        for c in plain {
            if "/-().,".contains(c) { close(); skeleton.append(c) } else { token.append(c) }
        }
        close()
        return (skeleton, found)
    }

    /// An Urdu paper's number or date line from readings by several models (`eng`, `Latin`,
    /// then the others): the line `models` of them read alike (`urduHeadLine(english:latin:)`),
    /// one of them `eng` or `Latin`; nil when none is, or when two lines are.
    ///
    /// Two values, each read alike by enough models, are no answer, unless the Urdu model's own
    /// line (`own`) gives one of them and not the other: then that one, read by one model more
    /// (`eng` and `ita` read `1/2007-262/8` where `Latin`, `fra` and `urd_nastaliq` read
    /// `11/2007-262/8`).
    public static func urduHeadLine(readings: [String], models: Int = 2, own: PageLine? = nil) -> String? {
        let mine = own.map(valuesHowever)
        return agreed(models: readings.count, byAtLeast: models, prefer: { line in
            guard let mine, mine.number != nil || mine.date != nil else { return false }
            let theirs = headValues(PageLine(text: line, box: nil))
            return (theirs.number == nil || theirs.number == mine.number) && (theirs.date == nil || theirs.date == mine.date)
        }) { a, b in
            urduHeadLine(english: readings[a], latin: readings[b]).map { [$0] } ?? []
        }
    }

    /// The one value read by one of the first two models (`eng`, `Latin`) that at least `n`
    /// models in all read alike; nil when none is, or when two values are. `agreed(a, b)`: the
    /// values model `a` read that model `b` reads alike.
    /// `prefer`: when two values or more are, the one it holds for, if it holds for one alone.
    static func agreed(models: Int, byAtLeast n: Int = 2, prefer: (String) -> Bool = { _ in false },
                       _ agreed: (Int, Int) -> [String]) -> String? {
        var supporters: [String: Set<Int>] = [:]
        for a in 0..<min(2, models) {
            for b in 0..<models where b != a {
                for v in agreed(a, b) { supporters[v, default: []].formUnion([a, b]) }
            }
        }
        let values = supporters.filter { $0.value.count >= n }.map(\.key)
        if values.count > 1 {
            let preferred = values.filter(prefer)
            return preferred.count == 1 ? preferred.first : nil
        }
        return values.first
    }

    /// Whether a reading of an Urdu number line holds every run of digits of `agreed` (a line from
    /// `urduHeadLine` with a number) and, besides, a run of two digits or more against a
    /// reference's separator (`/11`): the agreed value lost a part of the reference that the
    /// readings that agree read apart or not at all (`1/2000-6181`, read so by `Latin` and `ita`,
    /// where `eng` read `1/2000-6181 /11` and the paper says `6181/11-1/2000`: taken,
    /// `6181-1/2000` was a wrong number). (Digits against other marks are the label's strokes or
    /// specks: `SO(G)/BOR/19-5/2018 : y.03`.)
    public static func urduHeadValueCut(_ agreed: String, by readings: [String]) -> Bool {
        guard headValues(PageLine(text: agreed, box: nil)).number != nil else { return false }
        let expected = digitRuns(agreed)
        return readings.contains { reading in
            var runs = digitRunsBySeparators(reading)
            for run in expected {
                guard let i = runs.firstIndex(where: { $0.digits == run }) else { return false }
                runs.remove(at: i)
            }
            return runs.contains { $0.digits.count >= 2 && $0.separated }
        }
    }

    /// Whether the Urdu model's own reading of a number line (`own`) holds a short part of the
    /// agreed number (`agreed`, a line from `urduHeadLine`) a digit shorter, and not as agreed: the
    /// Latin models read a digit after a space for the part's last (`8/2019-5472/22 4%`, `22 4`:
    /// `5472/224-8/2019`, where `urd` read `5473/22-109` and the paper says `5472/22-8/2019`; three
    /// wrong numbers on fresh hard Urdu 237000). Parts of three digits at most, read with a
    /// separator beside them in the own line: a year or a file's number cut short there says nothing.
    public static func urduHeadTailDisputed(_ agreed: String, own: String) -> Bool {
        guard let number = headValues(PageLine(text: agreed, box: nil)).number else { return false }
        let runs = digitRunsBySeparators(own)
        let all = Set(runs.map(\.digits)), separated = Set(runs.filter(\.separated).map(\.digits))
        return digitRuns(number).contains { run in
            run.count == 3 && separated.contains(String(run.dropLast())) && !all.contains(run)
        }
    }

    /// Whether the Urdu model's own reading of a number or date line (however confident) gives
    /// a number or a date other than `agreed` (a line from `urduHeadLine`) gives.
    public static func urduHeadDisagrees(_ own: PageLine, with agreed: String) -> Bool {
        let mine = headValues(PageLine(text: own.text, box: nil)), theirs = headValues(PageLine(text: agreed, box: nil))
        return (mine.number != nil && theirs.number != nil && mine.number != theirs.number)
            || (mine.date != nil && theirs.date != nil && mine.date != theirs.date)
    }

    /// Marks a misread leaves in a reference and that no reference holds (`SOE-II(FD})`, `SOE-!I`).
    static let strayMarks = CharacterSet(charactersIn: "{}[]!<>?*\"'`~^")

    /// A reading of a reference without its stray marks (`strayMarks`).
    static func withoutStrayMarks(_ reference: String) -> String {
        String(String.UnicodeScalarView(reference.unicodeScalars.filter { !strayMarks.contains($0) }))
    }

    /// Whether `value` can be a reference as typed: no stray marks, its brackets balanced, and
    /// no run of five digits or more that ends in a year after a 1 — the slash before a year
    /// read as a 1 (`2060/2-712012` for `2060/2-7/2012`, read so by `eng`, `Latin` and `ita`).
    public static func isWellFormed(_ value: String) -> Bool {
        guard value.unicodeScalars.allSatisfy({ !strayMarks.contains($0) }) else { return false }
        // A volume is numbered, in Roman numerals or figures (as read: `Vol-I11`, `Vol-|I`): not
        // `Vol-IIAbbottabad`, the place after the number read into it.
        for part in value.split(separator: "/") where part.lowercased().hasPrefix("vol-") || part.lowercased().hasPrefix("vol.") {
            guard part.dropFirst(4).allSatisfy({ "IVXLivxl|0123456789".contains($0) }) else { return false }
        }
        // An officer's designation is numbered in Roman numerals (`SOE-II`, `SO(Lit-III)`): two
        // or three strokes read as one letter of two (`SOE-H`, `SOE-JI`, read so by `eng` and
        // `Latin` on a pale carbon copy and a dusty fax) are no numeral, and no designation.
        for part in value.split(whereSeparator: { "/(".contains($0) }) {
            for segment in part.split(separator: "-").dropFirst() {
                let letters = segment.prefix { $0 != ")" }
                if !letters.isEmpty, letters.count <= 3, letters.allSatisfy({ "IJlHUN|1".contains($0) }),
                   letters.contains(where: { "JlHUN|".contains($0) }), letters.contains(where: \.isLetter) { return false }
            }
        }
        for run in digitRuns(value) where run.count >= 5 {
            let year = run.suffix(4)
            if run.dropLast(4).last == "1", year.hasPrefix("19") || year.hasPrefix("20") { return false }
        }
        // Nor does it end in a year cut short after a file's figures (`DS(A)/BOR/12-10/201`, read
        // so by `eng` and `Latin` on a 150 dpi fax, `Latin`'s `201 7` the year in two).
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 2, let last = parts.last, last.count == 3, last.allSatisfy(\.isNumber),
           last.hasPrefix("19") || last.hasPrefix("20"), let file = parts.dropLast().last,
           file.contains("-"), file.allSatisfy({ $0.isNumber || $0 == "-" }) { return false }
        // No part of it is empty: two separators together are a speck read as one (`DS(A)//E&SED`).
        guard !["//", "--", "/-", "-/"].contains(where: value.contains) else { return false }
        // A bracket closes before a separator or at the end: `SO(Admn)E&AD/…`, read so by `eng`
        // and `Latin` on a pale carbon copy, lost the slash after it.
        guard !zip(value, value.dropFirst()).contains(where: { $0 == ")" && ($1.isLetter || $1.isNumber) }) else { return false }
        return bracketsBalance(value)
    }

    /// Whether every round bracket of `value` closes one opened before it, and all are closed.
    static func bracketsBalance(_ value: String) -> Bool {
        var depth = 0
        for c in value {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }

    /// A line whose reference number (the first `words` words, label included) is replaced by
    /// `value`, read with `confidence`; the words after it keep their own confidences.
    public static func replacingNumber(text: String, confidences: [Double], words: Int, with value: String,
                                       confidence: Double) -> (text: String, confidences: [Double]) {
        let all = tokens(text)
        // The label as read when it is one as written; otherwise `No.`, read with `confidence`.
        let read = all.first.flatMap { labels.contains($0.lowercased()) ? $0 : nil }
        let rest = Array(all.dropFirst(min(words, all.count)))
        let restConfidences = Array(confidences.dropFirst(min(words, confidences.count)))
        let labelConfidence = read == nil ? confidence : (confidences.first ?? confidence)
        return (([read ?? "No.", value] + rest).joined(separator: " "), [labelConfidence, confidence] + restConfidences)
    }

    /// Whether a second reading of a number's line, by another model, gives the same
    /// reference. A mark of a misread in the second reading only (`(FD})` for `(FD)`) does not
    /// count against it. A Roman numeral (`Vol-III`) the first reading gives as capital I's
    /// agrees with strokes the second reads as `1`, `l` or `|` (`Vol-I11`): a vertical stroke
    /// alone, where the first model read the numeral whole. A second reading whose brackets are
    /// mended (`mendedBrackets`) into the value confirms it too.
    public static func confirms(_ secondReading: String, value: String) -> Bool {
        guard isWellFormed(value),
              let read = referenceNumber(inReading: secondReading) else { return false }
        let other = withoutStrayMarks(read)
        let mended = isWellFormed(read) ? nil : mendedBrackets(read)
        return [other, mended].compactMap { $0 }.contains { other in
            let a = Array(value), b = Array(other)
            guard a.count == b.count else { return false }
            for i in a.indices where a[i] != b[i] {
                if a[i] == "I", "1l|".contains(b[i]), isInRomanNumeral(a, at: i) { continue }
                guard sameShape(a[i], b[i]), fitsNeighbours(a, at: i) else { return false }
            }
            return true
        }
    }

    /// Characters of one shape, told apart by the models only by what surrounds them.
    /// (Strokes, `1 l I |`, are not among them: a worn letter reads as a stroke to both models,
    /// `SO(AdmI)` and `SO(Adm1)` for `SO(Admn)`.)
    static let shapes: [Set<Character>] = [["0", "O", "o"], ["5", "S"], ["8", "B"]]

    static func sameShape(_ x: Character, _ y: Character) -> Bool {
        shapes.contains { $0.contains(x) && $0.contains(y) }
    }

    /// Whether `chars[i]` is of the kind (digit or letter) of a character beside it: `50` in
    /// `384-50`, `o` in `Vol`. Two models that agree on a character's shape but not on its
    /// kind agree on the reading that fits its neighbours.
    static func fitsNeighbours(_ chars: [Character], at i: Int) -> Bool {
        let kind: (Character) -> Int? = { $0.isNumber ? 0 : $0.isLetter ? 1 : nil }
        guard let k = kind(chars[i]) else { return false }
        let before = i > 0 ? kind(chars[i - 1]) : nil, after = i + 1 < chars.count ? kind(chars[i + 1]) : nil
        return before == k || after == k
    }

    /// Whether `chars[i]` lies in a run of Roman-numeral capitals (I, V, X) that stands alone
    /// between separators.
    static func isInRomanNumeral(_ chars: [Character], at i: Int) -> Bool {
        var start = i, end = i
        while start > 0, "IVX".contains(chars[start - 1]) { start -= 1 }
        while end + 1 < chars.count, "IVX".contains(chars[end + 1]) { end += 1 }
        let before = start == 0 ? nil : chars[start - 1], after = end + 1 == chars.count ? nil : chars[end + 1]
        return (before.map { !$0.isLetter && !$0.isNumber } ?? true) && (after.map { !$0.isLetter && !$0.isNumber } ?? true)
    }

    // MARK: the page's head

    /// How many lines form the head of the page: up to the first line of running text (a long
    /// line that is not the subject), at most the first 40 lines.
    static func headLength(_ lines: [PageLine]) -> Int {
        var widest = 0.0
        for l in lines { if let b = l.box { widest = max(widest, b.right - b.left) } }
        for (i, line) in lines.enumerated().prefix(40) {
            let words = tokens(line.text)
            if subjectStart(words) != nil || referenceNumber(words) != nil { continue }
            // A letterhead or a title may be as wide as running text (but running text that names
            // a department is not a letterhead: headings are set in capitals or capitalised words).
            if isGovernment(line.text) || office(line.text) != nil || title(line.text) != nil, isHeading(words) { continue }
            let long: Bool
            if let b = line.box, widest > 0 {
                long = words.count >= 9 && (b.right - b.left) >= widest * 0.8
            } else {
                long = words.count >= 12
            }
            if long { return i }
        }
        return min(lines.count, 40)
    }

    /// Words set as a heading: at least half of them begin with a capital (or are not in
    /// Latin letters: Urdu has no capitals).
    static func isHeading(_ words: [String]) -> Bool {
        let capitalised = words.filter { w in w.first.map { $0.isUppercase || !$0.isASCII || !$0.isLetter } ?? false }.count
        return capitalised * 2 >= words.count
    }

    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// The words of a reread, its lines joined (a line read alone can come back as two).
    static func tokens(ofReading reading: String) -> [String] { tokens(reading.replacingOccurrences(of: "\n", with: " ")) }

    /// Whether a word is a mark alone: no letter and no digit (`—`, `_`, `&`).
    static func isMark(_ word: String) -> Bool { !word.contains { $0.isLetter || $0.isNumber } }

    /// Capitals and letters only, single-spaced: "Office  Order:" → "OFFICE ORDER".
    static func shape(_ text: String) -> String {
        let letters = text.uppercased().unicodeScalars.map { CharacterSet.letters.contains($0) || $0 == "ٰ" ? Character($0) : " " }
        return String(letters).split(separator: " ").joined(separator: " ")
    }

    /// The kind of paper a title line names. Bold, spaced or underlined titles are often
    /// misread by a letter or two (`MINUTE F THE MEETIN`, `وفتری حکم`): a line within one edit
    /// per seven letters (at least one) of a title of eight letters or more names that title,
    /// when it is near no other.
    static func title(_ text: String) -> String? {
        let s = shape(text)
        guard !s.isEmpty else { return nil }
        if let type = exactTitle(s) { return type }
        let near = titles(near: Array(s), lettersPerEdit: 7, shortest: 8)
        guard let type = near.first?.type, near.allSatisfy({ $0.type == type }) else { return nil }
        return type
    }

    /// The titles of `titles` (of `shortest` letters or more, in Arabic script only when
    /// `arabicOnly`) that `shape` (see `shape(_:)`) comes within an edit per `lettersPerEdit`
    /// letters of, at least one.
    static func titles(near shape: [Character], lettersPerEdit: Int, shortest: Int,
                       arabicOnly: Bool = false) -> [(title: String, type: String)] {
        titles.filter { t, _ in
            let title = Array(self.shape(t))
            let allowed = max(1, title.count / lettersPerEdit)
            return title.count >= shortest && (!arabicOnly || opensInArabicScript(t))
                && abs(title.count - shape.count) <= allowed && editDistance(shape, title) <= allowed
        }
    }

    /// Whether `text`'s first character is in Arabic script (or after it in Unicode's order).
    static func opensInArabicScript(_ text: String) -> Bool {
        text.unicodeScalars.first.map { $0.value >= 0x600 } ?? false
    }

    /// The kind a title names when `shape` (see `shape(_:)`) spells it letter for letter.
    static func exactTitle(_ shape: String) -> String? {
        titles.first { self.shape($0.title) == shape }?.type
    }

    /// Levenshtein distance between two strings of characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// `To` (or `To,`) alone on its line opens a letter's address.
    static func isLetterOpening(_ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        let w = first.trimmingCharacters(in: CharacterSet(charactersIn: ",:.")).lowercased()
        return words.count == 1 && (w == "to" || w == "بخدمت" || w == "بنام")
    }

    // MARK: number

    /// `No.`, `No:`, `No `, `Number`, `نمبر` at the start of the line, then the reference: its
    /// value and the words after it.
    static let labels: Set<String> = ["no.", "no:", "no", "no.:", "number", "number:", "ref.", "ref:", "ref.no.", "نمبر", "نمبر:", "نمبر۔"]

    /// A number's label as written (`labels`) or as scans misread `No.`: `NQ.`, `N0.`, `N°:`,
    /// and on pale carbon copies `No;`, `NO,` — an N, a round letter, a stop, colon,
    /// semicolon or comma. (The value after it must still be a well-formed reference.)
    static func isLabel(_ word: String) -> Bool {
        let lowered = withoutGluedSpeck(word).lowercased()
        if labels.contains(lowered) { return true }
        let c = Array(lowered)
        return c.count == 3 && c[0] == "n" && "0q°o".contains(c[1]) && ".:;,".contains(c[2])
    }

    static func referenceNumber(_ words: [String]) -> (String, [String])? {
        guard let first = words.first else { return nil }
        var rest = Array(words.dropFirst())
        let lowered = first.lowercased()
        var label = isLabel(first)
        var value: String?
        if !label {
            // "No.SO(Admn)/…" written without a space.
            for p in ["no.", "no:", "نمبر:"] where lowered.hasPrefix(p) && first.count > p.count + 2 {
                label = true; value = String(first.dropFirst(p.count))
            }
        }
        guard label else { return nil }
        if value == nil {
            while let r = rest.first, [":", ".", "-", "–"].contains(r) { rest.removeFirst() }
            guard let r = rest.first else { return nil }
            value = r.hasPrefix(":") ? String(r.dropFirst()) : r
            rest.removeFirst()
        }
        // References run on where a space crept in ("SO(Admn)/FD/1-12/ 2023"): the next word
        // joins when the reference ends in a separator or the next starts with one. (A dash
        // alone after a whole reference is a dash or a speck, not a separator: `…/8-9/2011 -
        // Kohat, dated …` is no `…/2011-Kohat`.)
        // Nor are marks alone after it, whatever they are (`-~`, `| :`, `; . _`: specks in the gap
        // before `Dated` on a specked photocopy, read so by `Latin`, `fra` and `ita`, where the
        // page's reading read none).
        while let v = value, let r = rest.first, !isDateWord(r),
              v.hasSuffix("/") || v.hasSuffix("-") || (!isMark(r) && (r.hasPrefix("/") || (r.hasPrefix("-") && r.count > 1))) {
            value = v + r; rest.removeFirst()
        }
        while let r = rest.first, isMark(r) { rest.removeFirst() }
        guard var v = value else { return nil }
        // A reference never holds '|': it is a misread capital I ("Vol-|").
        v = v.trimmingCharacters(in: CharacterSet(charactersIn: ",;:")).replacingOccurrences(of: "|", with: "I")
        // Nor does it end in a full stop: that is the sentence's, or a speck (`…/9-23/1999. -
        // Dated:` read by `Latin` where `eng` read no stop); nor, its volume's strokes read, in
        // any mark but a bracket and the separators below: `…/2002°` is a speck read by `eng`,
        // `ita` and `Latin` (`2002'`).
        while v.hasSuffix(".") { v.removeLast() }
        v = volumeInCapitals(v)
        while let z = v.last, !(z.isLetter || z.isNumber || ")]/-".contains(z)) { v.removeLast() }
        let digits = v.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) }.count
        guard v.count >= 3, digits >= 1, v.contains(where: { "/-().".contains($0) }) || digits >= 3 else { return nil }
        // A reference does not begin or end with a separator: such a value is part of one.
        guard let a = v.first, let z = v.last, !"/-".contains(a), !"/-".contains(z) else { return nil }
        // What follows the reference is a date line (perhaps misread after its label: `Dated:
        // 13./.2017`) or nothing: a wrapped sentence is not a head.
        if !rest.isEmpty, dateLine(rest, afterNumber: true) == nil, !(isDateWord(rest[0]) && rest.count <= 3 && rest.last?.contains(where: \.isNumber) == true) { return nil }
        return (v, rest)
    }

    /// A volume numbered in strokes alone is numbered in capital I's: `Vol-lll`, `Vol-IIl`,
    /// `Vol-lI!` and `Vol-Ill` are how four models read one `Vol-III` on a photocopy and a
    /// dusty fax. (A volume is numbered in Roman numerals or in figures; figures, `Vol-I11`,
    /// are left as read.)
    static func volumeInCapitals(_ value: String) -> String {
        // (`Vo!-lll` too: the l of `Vol` is a stroke as well.)
        guard let range = value.range(of: "/vo[l!|I1]-", options: [.regularExpression, .caseInsensitive, .backwards]) else { return value }
        let numeral = value[range.upperBound...]
        guard !numeral.isEmpty, numeral.allSatisfy({ "Il|!".contains($0) }) else { return value }
        return value[..<range.lowerBound] + "/Vol-" + String(repeating: "I", count: numeral.count)
    }

    /// A curly bracket where a round one is missing is a misread round one: `E&A{E&SED)` is
    /// `E&A(E&SED)`. (One beside a round bracket of its own, `(LG&RDD})`, is a speck, and stays
    /// for the stray marks to answer for.) Mended in the page's own reading only: a reading
    /// that confirms it must read the bracket round. `eng` read `OS(A)/…` for `DS(A)/…` on a
    /// dusty fax and `Latin` `OS(A}/…`; mended, the two agreed on the wrong letter.
    static func roundBrackets(_ value: String) -> String {
        guard value.contains(where: { "{}".contains($0) }) else { return value }
        let mended = value.replacingOccurrences(of: "{", with: "(").replacingOccurrences(of: "}", with: ")")
        return !bracketsBalance(value) && bracketsBalance(mended) ? mended : value
    }

    /// A label without the speck read as a mark glued before it (`‘NO.`, `‘Dated:` on dusty
    /// faxes: a date line whose label is not known as one hid the number before it).
    static func withoutGluedSpeck(_ word: String) -> String {
        String(word.drop { "‘’'\"`“”~_^*".contains($0) })
    }

    static func isDateWord(_ w: String) -> Bool {
        let l = withoutGluedSpeck(w).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",:."))
        return l == "dated" || l == "date" || l == "مورخہ" || l == "تاریخ"
    }

    // MARK: date

    /// A date line: `Dated: 12-03-2024`, `Dated Peshawar, the 10th November, 2023`,
    /// `Peshawar, dated 3.1.2022`, `Peshawar, the 10th November, 2023`, `مورخہ 12-03-2024`, or a
    /// date alone. The date is the line's last words; nothing but the date follows it.
    static func dateLine(_ words: [String], afterNumber: Bool) -> String? {
        guard !words.isEmpty, words.count <= 9 else { return nil }
        // An Urdu label read in two (`مو رخہ:`) is the label.
        if words.count >= 2, opensInArabicScript(words[0]),
           !isDateWord(words[0]), isDateWord(words[0] + words[1]) {
            return dateLine([words[0] + words[1]] + words.dropFirst(2), afterNumber: afterNumber)
        }
        var i = 0
        var labelled = false
        // "Dated", "Date:", "مورخہ"
        if isDateWord(words[0]) { labelled = true; i = 1 }
        // A place: "Peshawar," or "Dera Ismail Khan," (capitalised words, the last ending with a
        // comma), perhaps before or after "Dated".
        // (Its comma lost before `dated`: `Peshawar dated 10/03/2022`, read so by `fra` and `ita`
        // on a dusty fax where the others read the comma.)
        func place(_ a: Int, _ b: Int) -> Bool {
            words[a...b].allSatisfy({ $0.first?.isUppercase == true && $0.dropLast($0.hasSuffix(",") ? 1 : 0).allSatisfy({ $0.isLetter || $0 == "." }) })
                && words[a...b].reduce(0, { $0 + $1.count }) > 3
        }
        if let end = (i..<min(words.count, i + 3)).first(where: { words[$0].hasSuffix(",") }), place(i, end) {
            i = end + 1
            labelled = labelled || !afterNumber
            if i < words.count, isDateWord(words[i]) { labelled = true; i += 1 }
        } else if !labelled, let end = (i..<min(words.count - 1, i + 3)).first(where: { isDateWord(words[$0 + 1]) }), place(i, end) {
            i = end + 2
            labelled = true
        }
        if !labelled && afterNumber { return nil }
        if i < words.count, words[i].lowercased() == "the" { i += 1 }
        while i < words.count, [":", "-", "–"].contains(words[i]) { i += 1 }
        guard i < words.count else { return nil }
        var rest = Array(words[i...])
        // A labelled date may be followed by a word or two without digits (`2018ء`'s mark read
        // apart, a speck read as letters: `مورخہ: 18 مارچ 2018 قع`); the date is what comes before.
        if labelled, parseDate(rest) == nil {
            while rest.count > 1, words.count - i - rest.count < 2, !rest.last!.contains(where: \.isNumber) { rest.removeLast() }
        }
        guard let iso = parseDate(rest) else { return nil }
        // A date alone on its line must be the whole line (a body line is longer).
        if !labelled && words.count > 5 { return nil }
        return iso
    }

    /// The words of a date, all of them: `10th November, 2023`, `November 10, 2023`,
    /// `12-03-2024` (day first, as Pakistan writes), `3.1.2022`, `2024-03-12`, `10-Nov-2023`,
    /// with Urdu digits and month names too. ISO 8601, or nil.
    public static func parseDate(_ words: [String]) -> String? {
        // (A speck read as a mark glued after the year is none of the date's: `2010°` on a dusty fax.)
        let text = westernDigits(words.joined(separator: " "))
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,;:۔°‘’'\"`~^*_"))
        // Digits and marks alone are a date in figures, whose stops a pale copy can read as
        // commas, or doubled (`15,4.1998`, `7.7,.2004`).
        let figures = !text.contains { $0 == " " || $0.isLetter }
        let parts = figures ? [text] : monthsJoined(text.split(whereSeparator: { " ,".contains($0) }).map(String.init))
        var day: Int?, month: Int?, year: Int?
        if parts.count == 1 {
            let p = parts[0].split(whereSeparator: { "-./,".contains($0) }).map(String.init)
            guard p.count == 3 else { return nil }
            if p[0].count == 4 { year = Int(p[0]); month = Int(p[1]); day = Int(p[2]) }
            else {
                day = Int(p[0]); year = Int(p[2])
                month = Int(p[1]) ?? monthNumber(p[1])
            }
        } else if parts.count == 3 {
            if let m = monthNumber(parts[0]) {       // November 10, 2023
                month = m; day = ordinal(parts[1]); year = Int(parts[2])
            } else {                                  // 10th November 2023
                day = ordinal(parts[0]); month = monthNumber(parts[1]); year = Int(parts[2])
            }
        } else if parts.count == 4, parts[1].lowercased() == "of" {   // 10th of November 2023
            day = ordinal(parts[0]); month = monthNumber(parts[2]); year = Int(parts[3])
        } else {
            return nil
        }
        guard let d = day, let m = month, var y = year else { return nil }
        if y < 100 { y += y < 70 ? 2000 : 1900 }
        guard (1900...2100).contains(y), (1...12).contains(m) else { return nil }
        var c = DateComponents(); c.year = y; c.month = m; c.day = d
        var cal = Calendar(identifier: .gregorian); cal.timeZone = TimeZone(identifier: "UTC")!
        guard let date = cal.date(from: c), cal.component(.day, from: date) == d else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func ordinal(_ s: String) -> Int? {
        var t = s.lowercased()
        for suffix in ["st", "nd", "rd", "th"] where t.hasSuffix(suffix) { t = String(t.dropLast(2)) }
        guard let n = Int(t), (1...31).contains(n) else { return nil }
        return n
    }

    static func monthNumber(_ s: String) -> Int? {
        let t = urduLetters(s.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,،۔")))
        if let m = urduMonths[t] { return m }
        // An Urdu month misread by a letter (`ملی`, `منی` for `مئی`) when no other month is as near:
        // no two of them are within three edits of each other. (`نمبر`, a number's label, is one
        // letter from `نومبر` and is no month.)
        if opensInArabicScript(t), t.count >= 3, !isLabel(t), !isDateWord(t) {
            let near = urduMonths.filter { name, _ in abs(name.count - t.count) <= 1 && editDistance(Array(name), Array(t)) <= 1 }
            if near.count == 1 { return near.first?.value }
        }
        guard t.count >= 3, t.allSatisfy({ $0.isLetter }) else { return nil }
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        if let i = names.firstIndex(of: t) { return i + 1 }
        if t.count <= 4, let m = months[t] { return m }
        return nil
    }

    static func westernDigits(_ s: String) -> String {
        String(s.unicodeScalars.map { u -> Character in
            switch u.value {
            case 0x0660...0x0669: return Character(Unicode.Scalar(u.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: return Character(Unicode.Scalar(u.value - 0x06F0 + 0x30)!)
            default: return Character(u)
            }
        })
    }

    // MARK: subject

    /// `Subject:`, `SUBJECT :`, `Sub:`, `Subject-`, `عنوان:`, `موضوع:`: the rest of the line and
    /// where it starts (as a share of the line's characters).
    public static func subjectStart(_ words: [String]) -> (value: String, offset: Double)? {
        guard let first = words.first else { return nil }
        // An Urdu label read in two (`عنو ان:`) is the label.
        if words.count >= 2, opensInArabicScript(first),
           ["عنوان", "موضوع"].contains(where: { (first + words[1]).hasPrefix($0) && !first.hasPrefix($0) }) {
            return subjectStart([first + words[1]] + words.dropFirst(2))
        }
        let line = words.joined(separator: " ")
        let labels = ["subject", "sub", "عنوان", "موضوع"]
        let lowered = first.lowercased()
        for label in labels where lowered.hasPrefix(label) {
            var after = String(lowered.dropFirst(label.count))
            var rest = Array(words.dropFirst())
            if after.isEmpty, let next = rest.first, [":", "-", "–", ":-", "،"].contains(next) { after = next; rest.removeFirst() }
            guard [":", "-", ":-", "–", "۔", ".:", "،", "،:"].contains(after) || (after.hasPrefix(":") && label != "sub") else { continue }
            var value = rest.joined(separator: " ")
            if after.count > 1, after.hasPrefix(":") {
                value = String(first.dropFirst(label.count + 1)) + (value.isEmpty ? "" : " " + value)
            }
            // (A subject opens with no stop: `Sub: .Grant of leave`, a speck read as one.)
            value = String(value.drop { ".,".contains($0) })
            let offset = Double(line.count - value.count) / Double(max(1, line.count))
            return (value, offset)
        }
        // An Urdu label misread by a letter (`ععنوان:`; `عو ان:`, read in two) is the label, its
        // colon read or not (`عتو ان اجلاس …`: the line opens with it).
        if opensInArabicScript(first), words.count >= 2 {
            for used in 1...min(2, words.count - 1) where used == 1 || !first.contains(":") {
                let head = words.prefix(used).joined()
                let letters = Array(head.filter(\.isLetter)), marks = head.filter { !$0.isLetter }
                guard marks.isEmpty || marks.hasPrefix(":"),
                      ["عنوان", "موضوع"].contains(where: { editDistance(letters, Array($0)) <= 1 }) else { continue }
                var rest = Array(words.dropFirst(used))
                // Its colon misread as a letter (`عنوان ۃ ریٹائرڈ …`, `عنوان ہ ضلعی …`), or as a `2`
                // (`عنو ان 2 سیلاب …`, at 35; read so by two rereads of five on another paper).
                if marks.isEmpty, rest.count >= 2, rest[0].count == 1,
                   rest[0].first.map({ $0.isLetter || "2۲٢".contains($0) }) == true { rest.removeFirst() }
                let value = rest.joined(separator: " ")
                return (value, Double(line.count - value.count) / Double(max(1, line.count)))
            }
        }
        return nil
    }

    // MARK: office

    /// A letterhead line naming an office ("FINANCE DEPARTMENT", "Office of the Deputy
    /// Commissioner, Peshawar"); "Government of Khyber Pakhtunkhwa, Finance Department" gives
    /// the part after the comma.
    static func office(_ text: String) -> String? { officeLine(text)?.value }

    /// The office a letterhead line names (`office(_:)`), and how many of its first words are
    /// an Urdu office word: the word a line of an Urdu letterhead opens with (`محکمہ داخلہ`),
    /// which bold Nastaliq is often misread in by a letter (`محلمہ`, `محکم`). A first word within
    /// one edit of an office word of five letters or more is that word, and, known by its letters
    /// like a subject's label, it need not be read with confidence; the words after it name the
    /// office, and there must be some.
    public static func officeLine(_ text: String) -> (value: String, label: Int)? {
        let words = tokens(text)
        if let first = words.first, words.count >= 2, opensInArabicScript(first) {
            let letters = Array(String(first.filter(\.isLetter)))
            let near = urduOfficeWords.filter { w in
                w == String(letters) || (w.count >= 5 && abs(w.count - letters.count) <= 1 && editDistance(letters, Array(w)) <= 1)
            }
            let rest = bareValue(words.dropFirst().joined(separator: " "))
            if near.count == 1, !rest.isEmpty { return (near[0] + " " + rest, 1) }
        }
        let upper = text.uppercased()
        // Urdu office words count as whole words (`دفتر`, an office, is not `دفتری حکم`, an office order).
        let spaced = " " + words.joined(separator: " ") + " "
        guard officeWords.contains(where: { w in
            w.unicodeScalars.first.map { $0.value < 0x250 } ?? true ? upper.contains(w) : spaced.contains(" " + w + " ")
        }) else { return nil }
        var value = text
        if isGovernment(text) {
            guard let comma = text.firstIndex(of: ",") else { return nil }
            value = String(text[text.index(after: comma)...])
        }
        value = bareValue(value)
        return value.count >= 4 ? (value, 0) : nil
    }

    /// A subject or an office as a field holds it: without the marks at its ends that no name or
    /// subject begins or ends with — stops, commas, colons, dashes, and specks read as marks
    /// (`‘Irrigation Department`, `… land revenue arrears ©` on dusty faxes). A bracket or a
    /// quote stays at an end when the value holds its pair (`(Revised) budget`, `… (Phase-II)`),
    /// and `%` at the end (`… by 10%`).
    public static func bareValue(_ value: String) -> String {
        let pairs: [Character: Character] = ["(": ")", "[": "]", "“": "”", "‘": "’", "\"": "\"", "'": "'"]
        var s = Substring(value)
        func paired(_ open: Character, _ close: Character) -> Bool {
            open == close ? s.filter { $0 == open }.count >= 2 : s.contains(open) && s.contains(close)
        }
        while let c = s.first, !(c.isLetter || c.isNumber || pairs[c].map { paired(c, $0) } == true) { s = s.dropFirst() }
        while let c = s.last, !(c.isLetter || c.isNumber || c == "%"
                                || pairs.first(where: { $0.value == c }).map { paired($0.key, c) } == true) { s = s.dropLast() }
        return String(s)
    }

    /// Words no office's name or subject ends with: a name ending so goes on in the next line;
    /// a subject ending so was cut from its next line and is left out (a speck before `LAND
    /// REVENUE ARREARS` on a skewed fax stretched that line's box left of the subject's start,
    /// and `… ON THE SETTLEMENT OF` was all the subject read).
    static let openEndings: Set<String> = ["AND", "OF", "THE", "FOR", "&", "IN", "ON", "TO", "آف", "اور", "و", "کے", "کی", "کا"]

    /// Whether `name` ends with a word no name ends with (`openEndings`).
    public static func endsOpen(_ name: String) -> Bool {
        tokens(name).last.map { openEndings.contains($0.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: ",.;:"))) } ?? false
    }

    /// The office words an Urdu letterhead line opens with (one word each).
    static let urduOfficeWords = officeWords.filter { w in opensInArabicScript(w) && !w.contains(" ") }
}
