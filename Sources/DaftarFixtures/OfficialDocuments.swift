import Foundation
import Imaging

/// First pages of the papers a Khyber Pakhtunkhwa file is made of (notifications, office
/// orders, memoranda, letters, summaries for the Chief Minister, minutes), laid out the ways
/// offices lay them out, with the fields each states: for measuring the field reader
/// (`daftar-bench fields`) and testing it. Everything is drawn from the seed: the kind, the
/// letterhead or none, where the number and date stand and how they are written, whether the
/// subject runs over two lines, the typeface, the decoy numbers and dates in the body, and,
/// when `degraded`, how the page was scanned.
public enum OfficialDocuments {
    public struct Document: Sendable {
        public var path: String
        /// What the page states: type, number, date (ISO 8601), subject, office. A field the
        /// page does not state is absent.
        public var truth: [String: String]
        public var language: String
        public var degraded: Bool
        /// How the page was scanned: `clean`, one of the degraded looks the reader was tuned on
        /// (`light scan`, `photocopy`, `200 dpi fax`) or, for a `hard` page, its look (`pale
        /// carbon copy, fine grain (JPEG), severity 1.3, turned 180°`).
        public var look: String
        /// The page's words in reading order (for searching it).
        public var text: String
        /// The body's paragraphs (the first holds a decoy reference and date).
        public var body: [String]
    }

    static let offices = [
        "Finance Department", "Establishment Department", "Home and Tribal Affairs Department", "Health Department",
        "Elementary and Secondary Education Department", "Board of Revenue", "Local Government Department",
        "Irrigation Department", "Office of the Deputy Commissioner, Peshawar", "Office of the Commissioner, Mardan Division",
        "Directorate of Archives and Libraries", "Excise, Taxation and Narcotics Control Department",
        "Science and Technology and Information Technology Department", "Agriculture Department",
    ]
    /// Urdu letterheads: departments, offices of officers, a directorate, the Board of Revenue.
    static let urduOffices = [
        "محکمہ مال", "محکمہ خزانہ", "محکمہ تعلیم", "محکمہ صحت", "محکمہ داخلہ", "محکمہ زراعت", "محکمہ آبپاشی",
        "محکمہ بلدیات", "محکمہ جنگلات", "محکمہ اطلاعات", "محکمہ خوراک", "محکمہ ٹرانسپورٹ", "محکمہ اوقاف",
        "دفتر ڈپٹی کمشنر پشاور", "دفتر کمشنر مردان ڈویژن", "ڈائریکٹوریٹ آف آرکائیوز", "بورڈ آف ریونیو",
    ]
    /// Offices the reader's directory of offices (`DaftarPipeline/Embedded/offices.txt`) does not
    /// list, some a word from one it does (another province's department, a district it lacks, a
    /// tehsil's office): drawn with `urduOffices` when `make` is asked for `unlistedOffices`, as
    /// `daftar-bench fields` does, so that it measures what the directory does to a name it must
    /// not take for another. (Without them, a seed's paper is the one the tests chose it for.)
    static let unlistedUrduOffices = [
        "محکمہ خزانہ پنجاب", "دفتر ڈپٹی کمشنر لاہور", "دفتر تحصیلدار چارسدہ", "محکمہ جیل خانہ جات", "ڈائریکٹوریٹ آف لائیو سٹاک",
    ]
    /// Urdu subjects as offices write them (written for Daftar); half the Urdu papers take theirs
    /// from the held-out prose instead.
    static let urduSubjects = [
        "سرکاری ملازمین کے تبادلے اور تعیناتیاں", "ضلعی ہسپتال کی عمارت کی مرمت کے لیے فنڈز کا اجرا",
        "ریکارڈ روم کی نئی عمارت میں منتقلی", "محکمانہ ترقیاتی کمیٹی کا اجلاس", "سیلاب سے متاثرہ اضلاع میں امدادی سرگرمیاں",
        "سرکاری گاڑیوں کے استعمال سے متعلق ہدایات", "ای آفس نظام کا تمام دفاتر میں نفاذ",
        "ریٹائرڈ ملازمین کی پنشن کے واجبات کی ادائیگی", "زمین کے ریکارڈ کی ڈیجیٹائزیشن", "عید الفطر کی تعطیلات کا اعلان",
    ]
    /// The first words of a prose sentence as a subject: without the postpositions and
    /// conjunctions it was cut after (`… پرانی فائلوں کی`, `… ہدایت کی جاتی ہے کہ وہ`), which no
    /// subject an office writes ends in.
    static func wholePhrase(_ words: [String]) -> String {
        let unfinished: Set<String> = ["کی", "کے", "کا", "کو", "نے", "سے", "میں", "پر", "تک", "اور", "و", "کہ", "وہ", "جو", "یہ"]
        var kept = words[...]
        while kept.count > 3, let last = kept.last, unfinished.contains(last.trimmingCharacters(in: CharacterSet(charactersIn: "،۔,"))) {
            kept = kept.dropLast()
        }
        return kept.joined(separator: " ")
    }
    static let urduMonths = ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"]

    /// An Urdu paper's date line for `iso`: `مورخہ: 12-03-2024`, `تاریخ: 12/03/2024`,
    /// `مورخہ 12.03.2024`, `مورخہ: 12 مارچ 2024`.
    static func urduDateLine(_ iso: String, _ v: inout DegradedPages.Variation) -> String {
        let y = String(iso.prefix(4)), m = Int(iso.dropFirst(5).prefix(2))!, d = Int(iso.suffix(2))!
        let label = v.pick(["مورخہ:", "مورخہ:", "مورخہ", "تاریخ:"])
        switch Int(v.uniform(0, 4)) {
        case 0: return label + " " + String(format: "%02d/%02d/%@", d, m, y)
        case 1: return label + " " + String(format: "%02d.%02d.%@", d, m, y)
        case 2: return label + " \(d) \(urduMonths[m - 1]) \(y)"
        default: return label + " " + String(format: "%02d-%02d-%@", d, m, y)
        }
    }

    static let places = ["Peshawar", "Mardan", "Abbottabad", "Swat", "Kohat", "Bannu", "Dera Ismail Khan", "Nowshera"]
    static let subjects = [
        "Transfer and posting of Tehsildars in the Board of Revenue",
        "Release of funds for the repair of the District Hospital building",
        "Digitisation of the record of rights of the Peshawar district",
        "Grant of leave ex-Pakistan to Mr. Muhammad Tariq, Superintendent",
        "Constitution of a committee for the disposal of old and condemned vehicles",
        "Implementation of the e-office system in all attached departments",
        "Revision of the rates of daily allowance for government servants",
        "Pensionary benefits of Mr. Abdul Rashid, Assistant (retired)",
        "Holding of the departmental promotion committee meeting for BPS-17 officers",
        "Shifting of the record room to the new building of the Civil Secretariat",
        "Flood relief measures in the districts of Swat and Charsadda",
        "Monthly progress report on the settlement of land revenue arrears",
    ]
    static let bodies = [
        "The competent authority is pleased to order the transfer and posting of the following officers with immediate effect and until further orders in the public interest.",
        "I am directed to refer to the subject noted above and to state that the case has been examined in this Department in the light of the rules on the subject.",
        "The undersigned is directed to convey the approval of the competent authority to the proposal contained in the letter cited below.",
        "The Deputy Commissioner is requested to forward the complete mutation register together with the copies of the jamabandi to this office within fifteen days.",
        "All heads of attached departments are requested to ensure that the instructions are followed strictly and that a compliance report is sent to this office.",
    ]

    static func reference(_ v: inout DegradedPages.Variation) -> String {
        let office = v.pick(["FD", "ST&IT", "E&AD", "BOR", "HD", "LG&RDD", "E&SED", "Admn"])
        let n1 = Int(v.uniform(1, 40)), n2 = Int(v.uniform(1, 30)), year = Int(v.uniform(1998, 2026))
        switch Int(v.uniform(0, 6)) {
        case 0: return "SO(Admn)/\(office)/\(n1)-\(n2)/\(year)"
        case 1: return "F.\(n1)(\(n2))/\(year)-Admn"
        case 2: return "DS(A)/\(office)/\(n1)-\(n2)/\(year)/Vol-\(v.pick(["I", "II", "III"]))"
        case 3: return "SOE-II(\(office))/\(n1)-\(n2)/\(year)"
        case 4: return "\(Int(v.uniform(100, 9999)))-\(Int(v.uniform(10, 99)))/\(office)"
        default: return "E&A(\(office))/\(n1)-\(n2)/\(year)"
        }
    }

    /// A date as offices write it, and its ISO form.
    static func date(_ v: inout DegradedPages.Variation) -> (text: String, iso: String) {
        let y = Int(v.uniform(1998, 2026)), m = Int(v.uniform(1, 13)), d = Int(v.uniform(1, 29))
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        let suffix = d % 10 == 1 && d != 11 ? "st" : d % 10 == 2 && d != 12 ? "nd" : d % 10 == 3 && d != 13 ? "rd" : "th"
        let iso = String(format: "%04d-%02d-%02d", y, m, d)
        let text: String
        switch Int(v.uniform(0, 7)) {
        case 0: text = "\(d)\(suffix) \(months[m - 1]), \(y)"
        case 1: text = "\(d) \(months[m - 1]) \(y)"
        case 2: text = "\(months[m - 1]) \(d), \(y)"
        case 3: text = String(format: "%02d-%02d-%04d", d, m, y)
        case 4: text = String(format: "%02d.%02d.%04d", d, m, y)
        case 5: text = "\(d).\(m).\(y)"
        default: text = String(format: "%02d/%02d/%04d", d, m, y)
        }
        return (text, iso)
    }

    /// One generated document, written into `directory`.
    ///
    /// `hard` (with `degraded`) scans the page the ways a records room finds hardest, which
    /// the field reader was never tuned on: through one of `DegradedPages.hardKinds`' looks (a
    /// pale carbon copy with grain, a fax with dust of several sizes at 150–204 dpi, a
    /// photocopy with lid, gutter and specks) at a severity of 1–1.6, and a third of them turned
    /// a quarter, half or three quarters round, or skewed 2–4°. `look` says which.
    public static func make(seed: Int, in directory: String, degraded: Bool = false, urdu: Bool = false,
                            hard: Bool = false, unlistedOffices: Bool = false) throws -> Document {
        Vips.start()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var v = DegradedPages.Variation(seed: seed &* 31 &+ 7)
        let ppi = 300
        let width = Int(8.5 * Double(ppi)), height = Int(11 * Double(ppi))
        let margin = Int(v.uniform(0.8, 1.1) * Double(ppi))
        let family = urdu ? v.pick(["Noto Naskh Arabic", "Noto Nastaliq Urdu", "Noto Nastaliq Urdu", "Awami Nastaliq"])
            : v.pick(["Liberation Serif", "Liberation Sans", "DejaVu Serif", "Liberation Mono"])
        let size = urdu ? v.pick([13, 14, 15]) : v.pick([11, 12, 13])
        let font = "\(family) \(size)"
        var blocks: [(Image, Int, Int)] = []
        var y = Int(v.uniform(0.5, 0.9) * Double(ppi))
        var truth: [String: String] = [:]
        var words: [String] = []
        let gap = Int(Double(size) / 72 * Double(ppi) * 0.9)

        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        func render(_ text: String, bold: Bool = false, underline: Bool = false, width w: Int? = nil, fontSize: Int? = nil) throws -> Image {
            var markup = escape(text)
            if underline { markup = "<u>" + markup + "</u>" }
            if bold { markup = "<b>" + markup + "</b>" }
            return try Image.text(markup, font: "\(family) \(fontSize ?? size)", width: w ?? (width - 2 * margin), dpi: ppi)
        }
        enum Align { case left, centre, right }
        @discardableResult
        func place(_ text: String, _ align: Align, bold: Bool = false, underline: Bool = false, x: Int? = nil,
                   width w: Int? = nil, advance: Bool = true, fontSize: Int? = nil) throws -> Image {
            let img = try render(text, bold: bold, underline: underline, width: w, fontSize: fontSize)
            let left: Int
            switch align {
            case .left: left = x ?? margin
            case .centre: left = (width - img.width) / 2
            case .right: left = width - margin - img.width
            }
            blocks.append((img, left, y))
            words.append(text)
            if advance { y += img.height + gap }
            return img
        }

        let kinds = ["notification", "office-order", "memorandum", "letter", "summary", "minutes"]
        let type = urdu ? v.pick(["notification", "office-order", "letter", "notification", "office-order", "letter", "memorandum", "minutes"])
            : v.pick(kinds)
        truth["type"] = type
        let upperHead = v.uniform(0, 1) < 0.6

        // Letterhead: most papers have one; a letter on plain paper does not.
        let hasHead = type != "letter" || v.uniform(0, 1) < 0.7
        if hasHead {
            if urdu {
                let office = v.pick(unlistedOffices ? urduOffices + unlistedUrduOffices : urduOffices)
                if v.uniform(0, 1) < 0.8 { try place("حکومت خیبر پختونخوا", .centre, bold: true) }
                try place(office, .centre, bold: true)
                truth["office"] = office
            } else {
                let office = v.pick(offices)
                let gov = "Government of Khyber Pakhtunkhwa"
                if v.uniform(0, 1) < 0.15 && !office.contains(",") {
                    let line = gov + ", " + office
                    try place(upperHead ? line.uppercased() : line, .centre, bold: true)
                } else {
                    try place(upperHead ? gov.uppercased() : gov, .centre, bold: true)
                    try place(upperHead ? office.uppercased() : office, .centre, bold: true)
                }
                truth["office"] = upperHead ? office.uppercased() : office
                if v.uniform(0, 1) < 0.5 {
                    try place(v.pick(["Civil Secretariat, Peshawar", "Phone: 091-9210\(Int(v.uniform(100, 999)))",
                                      "Khyber Road, Peshawar Cantt."]), .centre, fontSize: size - 1)
                }
            }
            y += gap
        }

        let reference = reference(&v)
        let (dateText, iso) = date(&v)
        let place1 = v.pick(places)
        truth["date"] = iso
        let title: String? = urdu
            ? ["notification": "اعلامیہ", "office-order": v.pick(["دفتری حکم", "دفتری حکم", "آفس آرڈر"]), "memorandum": "یادداشت",
               "minutes": v.pick(["روئیداد اجلاس", "کارروائی اجلاس"]), "letter": nil][type]!
            : ["notification": "NOTIFICATION", "office-order": "OFFICE ORDER", "memorandum": v.pick(["MEMORANDUM", "OFFICE MEMORANDUM"]),
               "summary": "SUMMARY FOR THE CHIEF MINISTER", "minutes": "MINUTES OF THE MEETING", "letter": nil][type]!
        let hasNumber = type != "minutes" && (type != "summary" || v.uniform(0, 1) < 0.5)

        func numberAndDate() throws {
            if urdu {
                let n1 = Int(v.uniform(1, 30)), n2 = Int(v.uniform(1, 12)), year = Int(v.uniform(2000, 2026))
                // Most in digits alone; some as the English references are written.
                let numberText = v.uniform(0, 1) < 0.7 ? "\(Int(v.uniform(100, 9999)))/\(n1)-\(n2)/\(year)"
                    : "\(v.pick(["SO(G)", "SO(Admn)", "DS(A)", "E&A"]))/\(v.pick(["HD", "FD", "E&SED", "BOR", "LGD"]))/\(n1)-\(n2)/\(year)"
                truth["number"] = numberText
                try place(v.pick(["نمبر: ", "نمبر: ", "نمبر "]) + numberText, .right)
                try place(urduDateLine(iso, &v), .right)
                return
            }
            let label = v.pick(["No.", "No.", "No:", "NO."])
            truth["number"] = reference
            switch Int(v.uniform(0, 3)) {
            case 0:   // number left, date right, on one line
                let dateLine = v.pick(["Dated \(place1), the \(dateText)", "Dated: \(dateText)", "\(place1), dated \(dateText)"])
                try place("\(label) \(reference)", .left, advance: false)
                try place(dateLine, .right)
            case 1:   // one under the other
                try place("\(label) \(reference)", .left)
                try place(v.pick(["Dated \(place1), the \(dateText)", "Dated: \(dateText)", "Date: \(dateText)"]), .left)
            default:  // one line
                try place("\(label) \(reference) dated \(dateText)", .left)
            }
        }

        if type == "letter" {
            try numberAndDate()
            y += gap
            try place(urdu ? v.pick(["بخدمت", "بخدمت", "بنام"]) : "To", .left)
            let addressee = urdu ? [v.pick(["جناب ڈپٹی کمشنر صاحب", "جناب سیکرٹری صاحب", "جناب ڈائریکٹر صاحب"]),
                                    "ضلع \(v.pick(["پشاور", "مردان", "سوات", "کوہاٹ", "بنوں"]))"]
                : ["The Deputy Commissioner,", "\(v.pick(places))."]
            for a in addressee { try place(a, .left, x: margin + ppi / 2) }
            y += gap
        } else {
            if let title { try place(title, .centre, bold: true, underline: v.uniform(0, 1) < 0.5); y += gap }
            if hasNumber { try numberAndDate() } else {
                // A summary or the minutes dated without a number.
                try place(urdu ? urduDateLine(iso, &v) : v.pick(["Dated: \(dateText)", "\(place1), the \(dateText)"]), .right)
            }
            y += gap
        }

        // The subject: letters, memoranda and summaries have one; notifications sometimes.
        let hasSubject = ["letter", "memorandum", "summary"].contains(type) || v.uniform(0, 1) < 0.3
        if hasSubject {
            var subject = !urdu ? v.pick(subjects) : v.uniform(0, 1) < 0.5 ? v.pick(urduSubjects)
                : Self.wholePhrase(UrduPages.heldOut[Int(v.uniform(0, 8))].split(separator: " ").prefix(Int(v.uniform(5, 10))).map(String.init))
            if !urdu && v.uniform(0, 1) < 0.4 { subject = subject.uppercased() }
            let label = urdu ? "عنوان:" : v.pick(["Subject:", "SUBJECT:", "Subject:-", "Sub:"])
            if urdu {
                try place(label + " " + subject, .right)
            } else {
                let labelImage = try place(label, .left, bold: true, advance: false)
                // The subject's text beside the label, wrapped under itself (a hanging indent);
                // narrow columns make it run over two lines.
                let x = margin + labelImage.width + ppi / 6
                let columns = v.uniform(0, 1) < 0.5 ? width - margin - x : Int(Double(width - margin - x) * v.uniform(0.45, 0.7))
                try place(subject, .left, bold: true, x: x, width: columns)
            }
            truth["subject"] = subject
            y += gap
        }
        if type == "letter" { try place(urdu ? "جناب عالی،" : v.pick(["Dear Sir,", "Sir,"]), .left) }

        // The body, with a decoy reference and date: numbers and dates quoted in the body are
        // not the document's own.
        let (decoyDate, _) = date(&v)
        var body: [String] = []
        if urdu {
            body = [UrduPages.prose(first: Int(v.uniform(0, 8)), paragraphs: 2)]
        } else {
            body.append(v.pick(bodies) + " Reference this Department's letter No. \(self.reference(&v)) dated \(decoyDate) on the subject.")
            body.append(v.pick(bodies))
        }
        for p in body { try place(p, .left, width: width - 2 * margin); y += gap / 2 }
        if !urdu {
            y += gap
            try place(v.pick(["SECTION OFFICER (ADMN)", "DEPUTY SECRETARY (BUDGET)", "DEPUTY COMMISSIONER"]), .right)
        }

        // The page: every block's ink on white paper.
        var ink = try Image.black(width: width, height: height)
        for (img, x, top) in blocks where top + img.height < height {
            ink = try ink.adding(try img.linear(-1, 255).castUChar().embedded(x: x, y: top, width: width, height: height).linear(-1, 255))
        }
        var page = try ink.castUChar().linear(-1, 255).castUChar().withResolution(ppi: Double(ppi))
        let base = directory + "/doc-\(seed)\(urdu ? "-urd" : "")\(hard ? "-hard" : degraded ? "-scan" : "")"
        var path = base + ".png"
        var look = "clean"
        if hard {
            let severity = v.uniform(1, 1.6)
            var turn = 0
            var skew = 0.0
            if v.uniform(0, 1) < 1.0 / 3 {
                if v.uniform(0, 1) < 0.5 { turn = v.pick([90, 180, 270]) } else { skew = v.uniform(2, 4) * (v.uniform(0, 1) < 0.5 ? -1 : 1) }
            }
            let kind = v.pick(DegradedPages.hardKinds)
            look = kind.rawValue + String(format: ", severity %.1f", severity)
            if skew != 0 {
                page = try page.rotated(degrees: skew).castUChar().withResolution(ppi: Double(ppi))
                look += String(format: ", skewed %.1f°", skew)
            }
            switch kind {
            case .carbonGrain:
                page = try DegradedPages.carbonCopy(of: page, &v, severity: severity, seed: seed)
                path = base + ".jpg"
            case .faxDust:
                let faxPPI = v.pick([150, 200, 204])
                let small = try page.resized(by: Double(faxPPI) / Double(ppi))
                page = try DegradedPages.faxWithDust(of: small, ppi: faxPPI, &v, severity: severity, seed: seed)
                path = base + ".tif"
                look += " at \(faxPPI) dpi"
            default:
                page = try DegradedPages.photocopyWithSpecks(of: page, &v, severity: severity, seed: seed)
            }
            if turn != 0 {
                page = try page.turned(clockwise: turn)
                look += ", turned \(turn)°"
            }
            switch kind {
            case .carbonGrain: try page.saveJPEG(path, quality: Int(v.uniform(60, 90)))
            case .faxDust: try page.saveTIFF(path, g4: true)
            default: try page.savePNG(path)
            }
        } else if degraded {
            switch Int(v.uniform(0, 3)) {
            case 0:   // a light scan: soft, grey, grainy, a little turned, JPEG
                look = "light scan"
                let turned = try page.blurred(sigma: v.uniform(0.5, 1.0)).linear(v.uniform(0.7, 0.9), v.uniform(15, 35))
                    .rotated(degrees: v.uniform(-1.5, 1.5))
                let grain = try Image.gaussianNoise(width: turned.width, height: turned.height, mean: 0, sigma: v.uniform(4, 9), seed: seed)
                page = try turned.adding(grain).castUChar().withResolution(ppi: Double(ppi))
                path = base + ".jpg"
                try page.saveJPEG(path, quality: Int(v.uniform(60, 85)))
            case 1:   // a photocopy: grey toner paper, specks
                look = "photocopy"
                let specks = try Image.gaussianNoise(width: width, height: height, mean: 0, sigma: 1, seed: seed * 3)
                    .above(3.9).castUChar().blurred(sigma: 0.8).above(35)
                page = try specks.select(try page.linear(0, 30), page.linear(0.85, 20)).castUChar()
                    .adding(try Image.gaussianNoise(width: width, height: height, mean: 0, sigma: 6, seed: seed)).castUChar()
                    .withResolution(ppi: Double(ppi))
                try page.savePNG(path)
            default:  // a 200 dpi fax
                look = "200 dpi fax"
                let fax = try page.resized(by: 2.0 / 3).rotated(degrees: v.uniform(-1, 1)).above(150).castUChar().withResolution(ppi: 200)
                path = base + ".tif"
                try fax.saveTIFF(path, g4: true)
            }
        } else {
            try page.savePNG(path)
        }
        if !hasNumber { truth["number"] = nil }
        return Document(path: path, truth: truth, language: urdu ? "urd" : "eng", degraded: degraded || hard, look: look,
                        text: words.joined(separator: "\n"), body: body)
    }
}
