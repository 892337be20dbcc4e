import Foundation
import Imaging
import PDFText

/// Page images for the browser, rendered on demand from a document's searchable PDF at the
/// width asked for (within `widths`), kept in DATA/cache/pages/ID/ so that a page is rendered
/// once per width; and where words stand on a page (from the PDF's text layer, which lies
/// over the scan where the words were read), for highlighting them on the image.
enum PageImages {
    static let widths = 100...2400
    static let defaultWidth = 1000
    /// Renders at most this many pixels (a page much taller than wide is shown narrower).
    static let maximumPixels = 2400 * 3400

    enum Failure: Error { case noPage, tooLarge }

    /// The PNG of page `number` (1-based) at `width` pixels across.
    static func png(pdf: String, page number: Int, width: Int, cache: String) throws -> Data {
        let cached = "\(cache)/\(number)-\(width).png"
        if let data = FileManager.default.contents(atPath: cached) { return data }
        let document = try PDFDocument(path: pdf)
        guard (1...max(1, document.pageCount)).contains(number), document.pageCount > 0 else { throw Failure.noPage }
        let page = try document.page(number - 1)
        let (w, h) = page.size
        guard w > 0, h > 0 else { throw Failure.noPage }
        var ppi = Double(width) * 72 / w
        let pixels = Double(width) * (Double(width) * h / w)
        if pixels > Double(maximumPixels) { ppi *= (Double(maximumPixels) / pixels).squareRoot() }
        guard ppi >= 1 else { throw Failure.tooLarge }
        let rendered = try page.render(ppi: ppi)
        let image = try Image.fromBytes(rendered.bytes, width: rendered.width, height: rendered.height)
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let temporary = cached + ".\(UUID().uuidString).tmp"
        try image.savePNG(temporary)
        guard rename(temporary, cached) == 0, let data = FileManager.default.contents(atPath: cached) else {
            unlink(temporary)
            throw Failure.noPage
        }
        return data
    }

    struct Box: Codable, Sendable { var word: String; var x: Double; var y: Double; var width: Double; var height: Double }

    /// Where each of `words` stands on page `number`, as fractions of the page's width and height.
    static func find(pdf: String, page number: Int, words: [String]) throws -> [Box] {
        let document = try PDFDocument(path: pdf)
        guard number >= 1, number <= document.pageCount else { throw Failure.noPage }
        let page = try document.page(number - 1)
        let (w, h) = page.size
        guard w > 0, h > 0 else { return [] }
        return words.flatMap { word in
            page.find(word).prefix(200).map { Box(word: word, x: $0.x / w, y: $0.y / h, width: $0.width / w, height: $0.height / h) }
        }
    }
}
