import Foundation
import Imaging

/// `document.json`: what Daftar knows about one digitised file.
public struct DocumentRecord: Codable, Sendable {
    public struct Page: Codable, Sendable, Equatable {
        public enum Method: String, Codable, Sendable { case textLayer = "text-layer", ocr }
        public var number: Int
        public var method: Method
        /// Clockwise turn applied to make the page upright: 0, 90, 180 or 270.
        public var rotation: Int
        /// Skew corrected, in degrees (clockwise positive); 0 for text-layer pages.
        public var skew: Double
        /// Mean word confidence 0–100 (OCR pages with words), else nil.
        public var confidence: Double?
        /// Non-whitespace characters of text on the page.
        public var characters: Int
        /// Why the page was OCR'd although it is in a PDF: "no-text", "garbage-text", "image-with-little-text".
        public var ocrReason: String?
        /// Size and resolution of the recognised (cleaned) image, which ALTO/hOCR coordinates refer to.
        public var ocrWidth: Int?
        public var ocrHeight: Int?
        public var ocrPPI: Int?
        /// How many times Tesseract read the page (OCR pages): 1, or more when its orientation
        /// had to be tried more than one way.
        public var readings: Int?
        /// How far the page's text can be trusted (every page has one).
        public var quality: PageQuality?
        /// What cleaning measured and did (OCR pages).
        public var cleaning: CleaningReport?
        /// The Tesseract model(s) that read the page (OCR pages): with `--lang auto`, `eng`, or
        /// `urd_nastaliq` or `urd` for a page in Arabic script.
        public var languages: String?
    }

    public struct ErrorInfo: Codable, Sendable, Equatable {
        public var kind: String
        public var message: String
    }

    public var sha256: String
    public var source: String
    public var mediaType: String?
    public var bytes: Int
    public var pageCount: Int
    public var languages: String
    public var pages: [Page]
    /// Seconds spent per stage, summed over pages.
    public var timings: [String: Double]
    public var error: ErrorInfo?
    public var software: String
    /// The record's own fields read from its first page (nil when it states none).
    public var fields: DocumentFields?

    /// Pages judged doubtful or unreadable, in page order.
    public var flaggedPages: [Page] {
        pages.filter { ($0.quality?.verdict ?? .good) != .good }
    }

    enum CodingKeys: String, CodingKey {
        case sha256, source, mediaType = "media_type", bytes, pageCount = "page_count", languages, pages, timings, error, software, fields
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(source, forKey: .source)
        try c.encode(mediaType, forKey: .mediaType)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(pageCount, forKey: .pageCount)
        try c.encode(languages, forKey: .languages)
        try c.encode(pages, forKey: .pages)
        try c.encode(timings, forKey: .timings)
        try c.encode(error, forKey: .error) // explicit null on success
        try c.encode(software, forKey: .software)
        try c.encode(fields, forKey: .fields)
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension DocumentRecord.Page {
    enum CodingKeys: String, CodingKey {
        case number, method, rotation, skew, confidence, characters
        case ocrReason = "ocr_reason", ocrWidth = "ocr_width", ocrHeight = "ocr_height", ocrPPI = "ocr_ppi", readings, quality, cleaning, languages
    }

    /// Every key is written, with null where a value does not apply, so readers see one shape.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(method, forKey: .method)
        try c.encode(rotation, forKey: .rotation)
        try c.encode(skew, forKey: .skew)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(characters, forKey: .characters)
        try c.encode(ocrReason, forKey: .ocrReason)
        try c.encode(ocrWidth, forKey: .ocrWidth)
        try c.encode(ocrHeight, forKey: .ocrHeight)
        try c.encode(ocrPPI, forKey: .ocrPPI)
        try c.encode(readings, forKey: .readings)
        try c.encode(quality, forKey: .quality)
        try c.encode(cleaning, forKey: .cleaning)
        try c.encode(languages, forKey: .languages)
    }
}
