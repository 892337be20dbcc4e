import CQpdf
import Foundation

/// Assembles the searchable PDF of a document, page by page, without touching page images:
/// pages copied from a source PDF keep their content stream and images byte for byte; OCR'd
/// pages get Tesseract's invisible text drawn over them as a Form XObject whose matrix maps
/// the recognised (cleaned, upright, deskewed) page back onto the scan. Orientation is fixed
/// losslessly with the page's /Rotate.
public final class SearchablePDF {
    private let output: QPDFDocument
    private var overlays = 0

    public init() throws {
        output = try QPDFDocument.empty()
    }

    public var pageCount: Int { (try? output.pageCount) ?? 0 }

    /// Appends page `index` of `source` unchanged and returns its position in the output.
    @discardableResult
    public func appendPage(from source: QPDFDocument, index: Int) throws -> Int {
        let page = try source.pageHandle(index)
        try output.check("qpdf_add_page", qpdf_add_page(output.q, source.q, page, QPDF_FALSE))
        return try output.pageCount - 1
    }

    /// Draws page `textIndex` of `textLayer` (a text-only PDF) over output page `pageIndex`,
    /// placed by `matrix` (text-layer space → the page's default user space), and turns the
    /// page by `extraRotation` degrees clockwise (added to its /Rotate).
    ///
    /// `level`, when given, is drawn around the page's original content (to show a skewed scan
    /// level without touching its bytes); the page box then grows to `box` so nothing is clipped.
    public func overlayText(on pageIndex: Int, from textLayer: QPDFDocument, textIndex: Int,
                            matrix: Affine, extraRotation: Int, level: Affine? = nil, box: [Double]? = nil) throws {
        let q = output.q
        let page = try output.pageHandle(pageIndex)
        let textPage = try textLayer.pageHandle(textIndex)
        let tq = textLayer.q

        // The text page's content and resources become a Form XObject in the output.
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        try textLayer.check("qpdf_oh_get_page_content_data", qpdf_oh_get_page_content_data(tq, textPage, &buffer, &length))
        defer { free(buffer) }
        let textBox = textLayer.rectangle(textLayer.key(textPage, "/MediaBox")) ?? [0, 0, 612, 792]
        var resources = textLayer.key(textPage, "/Resources") ?? qpdf_oh_new_dictionary(tq)
        if qpdf_oh_is_indirect(tq, resources) == 0 { resources = qpdf_make_indirect_object(tq, resources) }
        let copiedResources = qpdf_oh_copy_foreign_object(q, tq, resources)
        try output.check("qpdf_oh_copy_foreign_object")

        let form = qpdf_oh_new_stream(q)
        let formDict = qpdf_oh_get_dict(q, form)
        qpdf_oh_replace_key(q, formDict, "/Type", qpdf_oh_new_name(q, "/XObject"))
        qpdf_oh_replace_key(q, formDict, "/Subtype", qpdf_oh_new_name(q, "/Form"))
        qpdf_oh_replace_key(q, formDict, "/BBox", qpdf_oh_parse(q, "[\(textBox.map { fmt($0) }.joined(separator: " "))]"))
        qpdf_oh_replace_key(q, formDict, "/Matrix", qpdf_oh_parse(q, "[\(matrix.description)]"))
        qpdf_oh_replace_key(q, formDict, "/Resources", copiedResources)
        qpdf_oh_replace_stream_data(q, form, buffer, length, qpdf_oh_new_null(q), qpdf_oh_new_null(q))
        let formRef = qpdf_make_indirect_object(q, form)

        // Register it in the page's resources under a name of its own.
        overlays += 1
        let name = "/DaftarOCR\(overlays)"
        // Never modify resources another page shares: give this page its own copy of the dictionary.
        let pageResources = output.key(page, "/Resources").map { shallowCopy($0) } ?? qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, page, "/Resources", pageResources)
        let xobjects = output.key(pageResources, "/XObject").map { shallowCopy($0) } ?? qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, xobjects, name, formRef)
        qpdf_oh_replace_key(q, pageResources, "/XObject", xobjects)

        // Wrap the original content in q … Q so nothing it leaves in the graphics state moves the text.
        let head = newContentStream(level.map { "q \($0.description) cm\n" } ?? "q\n")
        if let box {
            let rect = qpdf_oh_parse(q, "[\(box.map { fmt($0) }.joined(separator: " "))]")
            qpdf_oh_replace_key(q, page, "/MediaBox", rect)
            qpdf_oh_remove_key(q, page, "/CropBox")
        }
        let tail = newContentStream("\nQ\nq \(name) Do Q\n")
        let contents = output.key(page, "/Contents")
        let array = qpdf_oh_new_array(q)
        qpdf_oh_append_item(q, array, head)
        if let contents {
            if qpdf_oh_is_array(q, contents) != 0 {
                for i in 0..<qpdf_oh_get_array_n_items(q, contents) {
                    qpdf_oh_append_item(q, array, qpdf_oh_get_array_item(q, contents, i))
                }
            } else {
                qpdf_oh_append_item(q, array, contents)
            }
        }
        qpdf_oh_append_item(q, array, tail)
        qpdf_oh_replace_key(q, page, "/Contents", array)

        if extraRotation % 360 != 0 {
            let current = Int(output.number(output.key(page, "/Rotate")) ?? 0)
            let rotate = ((current + extraRotation) % 360 + 360) % 360
            qpdf_oh_replace_key(q, page, "/Rotate", qpdf_oh_new_integer(q, Int64(rotate)))
        }
        try output.check("overlay text")
    }

    /// Appends a born-digital page: `lines` set in Helvetica (WinAnsi text only), as a word
    /// processor would write them. Used for generated documents such as test fixtures.
    public func appendPlainTextPage(lines: [String], width: Double = 612, height: Double = 792,
                                    fontSize: Double = 11) throws {
        let q = output.q
        var content = "BT /F1 \(fmt(fontSize)) Tf \(fmt(fontSize * 1.4)) TL 72 \(fmt(height - 72)) Td\n"
        for line in lines {
            let escaped = line.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            content += "(\(escaped)) Tj T*\n"
        }
        content += "ET\n"
        let stream = newContentStream(content)
        let font = qpdf_make_indirect_object(q, qpdf_oh_parse(q, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
        let page = qpdf_oh_parse(q, "<< /Type /Page /MediaBox [0 0 \(fmt(width)) \(fmt(height))] >>")
        let fonts = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, fonts, "/F1", font)
        let resources = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, resources, "/Font", fonts)
        qpdf_oh_replace_key(q, page, "/Resources", resources)
        qpdf_oh_replace_key(q, page, "/Contents", stream)
        let indirect = qpdf_make_indirect_object(q, page)
        try output.check("qpdf_add_page", qpdf_add_page(q, q, indirect, QPDF_FALSE))
    }

    /// Writes the assembled PDF.
    public func write(to path: String) throws {
        try output.write(to: path)
    }

    private func newContentStream(_ text: String) -> qpdf_oh {
        let q = output.q
        let stream = qpdf_oh_new_stream(q)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            qpdf_oh_replace_stream_data(q, stream, b.baseAddress, b.count, qpdf_oh_new_null(q), qpdf_oh_new_null(q))
        }
        return qpdf_make_indirect_object(q, stream)
    }

    /// A new direct dictionary with the same keys and values.
    private func shallowCopy(_ dict: qpdf_oh) -> qpdf_oh {
        let q = output.q
        let copy = qpdf_oh_new_dictionary(q)
        guard qpdf_oh_is_dictionary(q, dict) != 0 else { return copy }
        var keys: [String] = []
        qpdf_oh_begin_dict_key_iter(q, dict)
        while qpdf_oh_dict_more_keys(q) != 0 { keys.append(String(cString: qpdf_oh_dict_next_key(q))) }
        for k in keys { qpdf_oh_replace_key(q, copy, k, qpdf_oh_get_key(q, dict, k)) }
        return copy
    }
}

func fmt(_ v: Double) -> String { String(format: "%.4f", v) }
