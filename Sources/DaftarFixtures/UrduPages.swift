import Foundation
import Imaging

/// Urdu as Khyber Pakhtunkhwa's offices type it, for training and measuring the Nastaliq
/// reading model: held-out prose in the style of notifications and letters (never used for
/// training), pages of it typeset in a given face, clean or as a light scan, and single lines
/// of training text.
public enum UrduPages {
    /// Office prose written for Daftar (public domain). The training lines are random words
    /// from Tesseract's Urdu word list; these sentences never appear in training.
    public static let heldOut: [String] = [
        "محکمہ مال حکومت خیبر پختونخوا کی جانب سے تمام ڈپٹی کمشنر صاحبان کو ہدایت کی جاتی ہے کہ وہ اپنے اپنے اضلاع میں زمین کے ریکارڈ کی جانچ پڑتال مکمل کر کے رپورٹ پندرہ دن کے اندر اس دفتر کو ارسال کریں۔",
        "گورنر خیبر پختونخوا نے سول سرونٹس ایکٹ کے تحت حاصل اختیارات کو استعمال کرتے ہوئے تحصیلدار محمد طارق کا تبادلہ فوری طور پر نوشہرہ سے مردان کر دیا ہے اور انہیں ہدایت کی ہے کہ وہ نئی جگہ پر حاضری دیں۔",
        "شکایات کے ازالے کے لیے ایک نیا نظام متعارف کرایا گیا ہے جس کے ذریعے شہری اپنی درخواست آن لائن جمع کرا سکتے ہیں اور اس پر ہونے والی کارروائی سے باخبر رہ سکتے ہیں۔",
        "اجلاس کی صدارت سیکرٹری صاحب نے کی جس میں ضلعی ہسپتال کی تعمیر پر پیش رفت کا جائزہ لیا گیا اور فیصلہ کیا گیا کہ باقی ماندہ فنڈز دو اقساط میں جاری کیے جائیں گے۔",
        "پٹواری حلقہ کو ہدایت کی جاتی ہے کہ وہ انتقال اراضی کا رجسٹر، جمع بندی اور روزنامچہ واقعاتی نائب تحصیلدار کے حوالے کرنے کے بعد ہی چارج چھوڑیں۔",
        "ضلعی انتظامیہ نے سیلاب سے متاثرہ علاقوں میں امدادی سرگرمیاں تیز کر دی ہیں اور متاثرین میں خوراک، ادویات اور خیمے تقسیم کیے جا رہے ہیں۔",
        "تمام سرکاری دفاتر میں پرانی فائلوں کی فہرست تیار کر کے انہیں نمبر لگانے کے بعد ریکارڈ روم میں منتقل کرنے کا حکم دیا گیا ہے تاکہ کوئی فائل ضائع نہ ہو۔",
        "عوام سے گزارش ہے کہ وہ اپنے شناختی کارڈ کی نقل اور جائیداد کے کاغذات ہمراہ لائیں تاکہ ان کے مقدمات جلد از جلد نمٹائے جا سکیں۔",
    ]

    /// A page of prose: paragraphs `first`, `first + 1`, … (cycling), about `paragraphs` of them.
    public static func prose(first: Int, paragraphs: Int = 4) -> String {
        (0..<paragraphs).map { heldOut[(first + $0) % heldOut.count] }.joined(separator: "\n")
    }

    /// A letter-size page of `text` in `font` (a Pango description: "Noto Nastaliq Urdu 16"),
    /// right to left, at `ppi`; as a light scan when `scan` (soft, grainy, turned 1.3°).
    public static func page(text: String, font: String, ppi: Int = 300, scan: Bool = false, seed: Int = 1) throws -> Image {
        Vips.start()
        let clean = try DegradedPages.page(text: text, ppi: ppi, font: font)
        guard scan else { return clean }
        let turned = try clean.blurred(sigma: 0.8).linear(0.85, 20).rotated(degrees: -1.3)
        let grain = try Image.gaussianNoise(width: turned.width, height: turned.height, mean: 0, sigma: 6, seed: seed).blurred(sigma: 0.5)
        return try turned.adding(grain).castUChar().withResolution(ppi: Double(ppi))
    }

    /// Other ways a page reaches the scanner, beyond the light scan: a heavy scan (softer,
    /// paler, grainier, turned 2.5° the other way; the benchmark saves it as JPEG quality 50),
    /// and a soft page at 200 dpi (saved as JPEG quality 70).
    public enum Look: String, CaseIterable, Sendable {
        case heavyScan = "heavy scan"
        case lowResolution = "200 dpi"
        /// The JPEG quality the page is saved at.
        public var jpegQuality: Int { self == .heavyScan ? 50 : 70 }
    }

    /// A page of `text` in `font` as `look` says.
    public static func page(text: String, font: String, look: Look, seed: Int = 1) throws -> Image {
        let clean = try page(text: text, font: font)
        switch look {
        case .heavyScan:
            let turned = try clean.blurred(sigma: 1.2).linear(0.8, 30).rotated(degrees: 2.5)
            let grain = try Image.gaussianNoise(width: turned.width, height: turned.height, mean: 0, sigma: 10, seed: seed)
            return try turned.adding(grain).castUChar().withResolution(ppi: 300)
        case .lowResolution:
            return try clean.blurred(sigma: 0.7).resized(by: 2.0 / 3).castUChar().withResolution(ppi: 200)
        }
    }

    /// A bilingual notice as KP offices issue them: an English letterhead, title, number and
    /// date, then the body in Urdu (`font`), right to left. Returns the page and its text (the
    /// English lines, then the Urdu paragraphs).
    public static func bilingual(font: String, paragraphs: Int = 2, first: Int = 0, ppi: Int = 300,
                                 scan: Bool = false, seed: Int = 1) throws -> (image: Image, text: String) {
        Vips.start()
        let english = ["GOVERNMENT OF KHYBER PAKHTUNKHWA", "BOARD OF REVENUE", "NOTIFICATION",
                       "No. BOR/LR/1234/2024 Dated Peshawar, the 12th March, 2024"]
        let urdu = (0..<paragraphs).map { heldOut[(first + $0) % heldOut.count] }
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        let width = Int(8.5 * Double(ppi)), height = Int(11 * Double(ppi)), margin = ppi
        var y = margin
        var page = try Image.black(width: width, height: height)
        func place(_ markup: String, font: String, centred: Bool, right: Bool = false) throws {
            let ink = try Image.text(markup, font: font, width: width - 2 * margin, dpi: ppi)
            let x = centred ? (width - ink.width) / 2 : right ? width - margin - ink.width : margin
            page = try page.adding(try ink.linear(-1, 255).castUChar().embedded(x: x, y: y, width: width, height: height).linear(-1, 255))
            y += ink.height + ppi / 6
        }
        for (i, line) in english.enumerated() {
            try place(i < 3 ? "<b>\(esc(line))</b>" : esc(line), font: "Liberation Serif 12", centred: i < 3)
        }
        y += ppi / 6
        for p in urdu { try place(esc(p), font: font, centred: false, right: true) }
        var image = try page.castUChar().linear(-1, 255).castUChar().withResolution(ppi: Double(ppi))
        if scan {
            let turned = try image.blurred(sigma: 0.8).linear(0.85, 20).rotated(degrees: -1.3)
            let grain = try Image.gaussianNoise(width: turned.width, height: turned.height, mean: 0, sigma: 6, seed: seed).blurred(sigma: 0.5)
            image = try turned.adding(grain).castUChar().withResolution(ppi: Double(ppi))
        }
        return (image, (english + urdu).joined(separator: "\n"))
    }

    /// One line of text, tight, with a margin of `margin` pixels of paper.
    public static func line(_ text: String, font: String, ppi: Int = 300, margin: Int = 24) throws -> Image {
        Vips.start()
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let ink = try Image.text(escaped, font: font, width: 40 * ppi, dpi: ppi)
        let paper = try ink.linear(-1, 255).castUChar()
        return try paper.embedded(x: margin, y: margin, width: ink.width + 2 * margin, height: ink.height + 2 * margin)
            .withResolution(ppi: Double(ppi))
    }
}
