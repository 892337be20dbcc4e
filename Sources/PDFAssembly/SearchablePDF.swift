import CQpdf
import Foundation

/// Assembles the searchable PDF of a document, page by page, without touching page images:
/// pages copied from a source PDF keep their content stream and images byte for byte; OCR'd
/// pages get their invisible text (a content stream set in a glyphless font) drawn over them as
/// a Form XObject whose matrix maps the recognised (cleaned, upright, deskewed) page back onto
/// the scan. Orientation is fixed losslessly with the page's /Rotate.
public final class SearchablePDF {
    private let output: QPDFDocument
    private var overlays = 0
    private let glyphlessFontPath: String?
    private var glyphlessFont: qpdf_oh?

    /// `glyphlessFontPath`: a TrueType font whose glyph 1 is blank (Tesseract's `pdf.ttf`),
    /// needed by `overlayText`.
    public init(glyphlessFontPath: String? = nil) throws {
        output = try QPDFDocument.empty()
        self.glyphlessFontPath = glyphlessFontPath
    }

    public var pageCount: Int { (try? output.pageCount) ?? 0 }

    /// Appends page `index` of `source` unchanged and returns its position in the output.
    @discardableResult
    public func appendPage(from source: QPDFDocument, index: Int) throws -> Int {
        let page = try source.pageHandle(index)
        try output.check("qpdf_add_page", qpdf_add_page(output.q, source.q, page, QPDF_FALSE))
        return try output.pageCount - 1
    }

    /// Draws `content` (a text-only content stream in a `textBox`-sized space that names the
    /// glyphless font `fontName`) over output page `pageIndex`, placed by `matrix` (text space →
    /// the page's default user space), and turns the page by `extraRotation` degrees clockwise
    /// (added to its /Rotate).
    ///
    /// `level`, when given, is drawn around the page's original content (to show a skewed scan
    /// level without touching its bytes); the page box then grows to `box` so nothing is clipped.
    public func overlayText(on pageIndex: Int, content: [UInt8], textBox: [Double], fontName: String,
                            matrix: Affine, extraRotation: Int, level: Affine? = nil, box: [Double]? = nil) throws {
        let q = output.q
        let page = try output.pageHandle(pageIndex)

        let fonts = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, fonts, fontName, try textFont())
        let resources = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, resources, "/Font", fonts)
        let form = streamObject(content)
        let formDict = qpdf_oh_get_dict(q, form)
        qpdf_oh_replace_key(q, formDict, "/Type", qpdf_oh_new_name(q, "/XObject"))
        qpdf_oh_replace_key(q, formDict, "/Subtype", qpdf_oh_new_name(q, "/Form"))
        qpdf_oh_replace_key(q, formDict, "/BBox", qpdf_oh_parse(q, "[\(textBox.map { fmt($0) }.joined(separator: " "))]"))
        qpdf_oh_replace_key(q, formDict, "/Matrix", qpdf_oh_parse(q, "[\(matrix.description)]"))
        qpdf_oh_replace_key(q, formDict, "/Resources", resources)
        let formRef = form

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
        streamObject(Array(text.utf8))
    }

    /// A new indirect stream holding `bytes` (compressed when the file is written).
    private func streamObject(_ bytes: [UInt8]) -> qpdf_oh {
        let q = output.q
        let stream = qpdf_oh_new_stream(q)
        bytes.withUnsafeBufferPointer { b in
            qpdf_oh_replace_stream_data(q, stream, b.baseAddress, b.count, qpdf_oh_new_null(q), qpdf_oh_new_null(q))
        }
        return qpdf_make_indirect_object(q, stream)
    }

    /// The glyphless font, made once per file: a Type0 font (Identity-H, so a character code
    /// is two bytes, the text's UTF-16 code units) over a CIDFontType2 that draws every code
    /// with the TrueType font's blank glyph 1, 500/1000 wide, and an identity ToUnicode map, so
    /// extracted text is the codes themselves.
    private func textFont() throws -> qpdf_oh {
        if let glyphlessFont { return glyphlessFont }
        let q = output.q
        guard let glyphlessFontPath, let data = FileManager.default.contents(atPath: glyphlessFontPath), !data.isEmpty else {
            throw QPDFError(operation: "glyphless font", message: "cannot read \(glyphlessFontPath ?? "the glyphless font (pdf.ttf)")")
        }
        let fontFile = streamObject([UInt8](data))
        qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, fontFile), "/Length1", qpdf_oh_new_integer(q, Int64(data.count)))
        var map = [UInt8](repeating: 0, count: 2 * 65536)
        for i in stride(from: 1, to: map.count, by: 2) { map[i] = 1 }
        let cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange
            1 beginbfrange
            <0000> <FFFF> <0000>
            endbfrange
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """
        let descriptor = qpdf_oh_parse(q, """
            << /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0 \
            /Ascent 1000 /Descent -1 /CapHeight 1000 /StemV 80 >>
            """)
        qpdf_oh_replace_key(q, descriptor, "/FontFile2", fontFile)
        let cidFont = qpdf_oh_parse(q, """
            << /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>
            """)
        qpdf_oh_replace_key(q, cidFont, "/FontDescriptor", qpdf_make_indirect_object(q, descriptor))
        qpdf_oh_replace_key(q, cidFont, "/CIDToGIDMap", streamObject(map))
        let font = qpdf_oh_parse(q, "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>")
        let descendants = qpdf_oh_new_array(q)
        qpdf_oh_append_item(q, descendants, qpdf_make_indirect_object(q, cidFont))
        qpdf_oh_replace_key(q, font, "/DescendantFonts", descendants)
        qpdf_oh_replace_key(q, font, "/ToUnicode", newContentStream(cmap))
        let ref = qpdf_make_indirect_object(q, font)
        try output.check("glyphless font")
        glyphlessFont = ref
        return ref
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
