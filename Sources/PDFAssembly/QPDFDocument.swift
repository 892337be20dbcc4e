import CQpdf
import Foundation

/// A PDF held by qpdf: read from a file or memory, or empty to be filled.
///
/// Owns one `qpdf_data`, freed with `qpdf_cleanup` in `deinit` (memory only). Object
/// handles (`qpdf_oh`) belong to it and never leave this module. Not `Sendable`.
public final class QPDFDocument {
    var q: qpdf_data?
    /// Bytes a memory-read document was read from; qpdf reads them lazily, so they live as long.
    private var memory: UnsafeMutableRawBufferPointer?
    /// Warnings qpdf gave while reading (damage it worked around).
    public private(set) var readWarnings: [String] = []

    private init() {
        q = qpdf_init()
        qpdf_silence_errors(q)
        qpdf_set_suppress_warnings(q, QPDF_TRUE)
    }

    deinit {
        qpdf_cleanup(&q)
        memory?.deallocate()
    }

    public static func empty() throws -> QPDFDocument {
        let doc = QPDFDocument()
        try doc.check("qpdf_empty_pdf", qpdf_empty_pdf(doc.q))
        return doc
    }

    public convenience init(path: String, password: String = "") throws {
        self.init()
        let code = qpdf_read(q, path, password)
        try afterRead("qpdf_read", code)
    }

    public convenience init(bytes: [UInt8], name: String) throws {
        self.init()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        memory = buffer
        let code = qpdf_read_memory(q, name, buffer.baseAddress!.assumingMemoryBound(to: CChar.self),
                                    UInt64(bytes.count), "")
        try afterRead("qpdf_read_memory", code)
    }

    private func afterRead(_ operation: String, _ code: QPDF_ERROR_CODE) throws {
        try check(operation, code)
        while qpdf_more_warnings(q) != 0 {
            let w = qpdf_next_warning(q)
            readWarnings.append(String(cString: qpdf_get_error_full_text(q, w)))
        }
        // Page operations need inherited attributes (Resources, MediaBox, Rotate) on each page.
        try check("qpdf_push_inherited_attributes_to_page", qpdf_push_inherited_attributes_to_page(q))
    }

    /// Throws when qpdf reports an error (warnings are collected, not thrown).
    func check(_ operation: String, _ code: QPDF_ERROR_CODE = 0) throws {
        if qpdf_has_error(q) != 0 {
            let e = qpdf_get_error(q)
            let text = String(cString: qpdf_get_error_full_text(q, e))
            throw QPDFError(operation: operation, code: Int32(qpdf_get_error_code(q, e).rawValue), message: text)
        }
        if code & QPDF_ERRORS != 0 {
            throw QPDFError(operation: operation, code: Int32(code), message: "qpdf reported an error")
        }
    }

    public var pageCount: Int {
        get throws {
            let n = qpdf_get_num_pages(q)
            try check("qpdf_get_num_pages")
            return Int(max(0, n))
        }
    }

    func pageHandle(_ index: Int) throws -> qpdf_oh {
        let oh = qpdf_get_page_n(q, index)
        try check("qpdf_get_page_n")
        guard oh != 0 else { throw QPDFError(operation: "qpdf_get_page_n", message: "no page \(index + 1)") }
        return oh
    }

    // MARK: object helpers

    func key(_ oh: qpdf_oh, _ name: String) -> qpdf_oh? {
        guard qpdf_oh_is_dictionary(q, oh) != 0 || qpdf_oh_is_stream(q, oh) != 0 else { return nil }
        let dict = qpdf_oh_is_stream(q, oh) != 0 ? qpdf_oh_get_dict(q, oh) : oh
        guard qpdf_oh_has_key(q, dict, name) != 0 else { return nil }
        let v = qpdf_oh_get_key(q, dict, name)
        return qpdf_oh_is_null(q, v) != 0 ? nil : v
    }

    func number(_ oh: qpdf_oh?) -> Double? {
        guard let oh, qpdf_oh_is_number(q, oh) != 0 else { return nil }
        return qpdf_oh_get_numeric_value(q, oh)
    }

    func rectangle(_ oh: qpdf_oh?) -> [Double]? {
        guard let oh, qpdf_oh_is_array(q, oh) != 0, qpdf_oh_get_array_n_items(q, oh) == 4 else { return nil }
        let values = (0..<4).compactMap { number(qpdf_oh_get_array_item(q, oh, Int32($0))) }
        guard values.count == 4 else { return nil }
        return [min(values[0], values[2]), min(values[1], values[3]), max(values[0], values[2]), max(values[1], values[3])]
    }

    // MARK: document facts

    /// How the document uses XFA (Adobe's XML Forms Architecture). `dynamic`: the catalog says
    /// `/NeedsRendering true`, so the pages are only a placeholder and the content lives in the
    /// XFA form, laid out by the viewer. `hasForm`: the AcroForm holds an `/XFA` entry (a static
    /// form also draws its pages, and reads as any PDF).
    public var xfa: (dynamic: Bool, hasForm: Bool) {
        let root = qpdf_get_root(q)
        guard root != 0 else { return (false, false) }
        var dynamic = false
        if let needs = key(root, "/NeedsRendering"), qpdf_oh_is_bool(q, needs) != 0 {
            dynamic = qpdf_oh_get_bool_value(q, needs) != 0
        }
        var form = false
        if let acro = key(root, "/AcroForm") { form = key(acro, "/XFA") != nil }
        return (dynamic, form)
    }

    // MARK: page facts

    /// What a page is: its visible box, its own rotation, and its largest image.
    public struct PageFacts: Sendable {
        /// CropBox (or MediaBox), [x0, y0, x1, y1] in points.
        public var box: [Double]
        /// The page's /Rotate: 0, 90, 180 or 270.
        public var rotate: Int
        /// Pixel count of the largest image XObject drawn on the page (forms searched too).
        public var largestImagePixels: Double
    }

    public func facts(page index: Int) throws -> PageFacts {
        let page = try pageHandle(index)
        let media = rectangle(key(page, "/MediaBox")) ?? [0, 0, 612, 792]
        let box = rectangle(key(page, "/CropBox")) ?? media
        var rotate = Int(number(key(page, "/Rotate")) ?? 0) % 360
        if rotate < 0 { rotate += 360 }
        rotate = (rotate / 90) * 90
        var largest = 0.0
        var seen = Set<Int32>()
        scanImages(resources: key(page, "/Resources"), depth: 0, seen: &seen, largest: &largest)
        try check("page facts")
        return PageFacts(box: box, rotate: rotate, largestImagePixels: largest)
    }

    private func scanImages(resources: qpdf_oh?, depth: Int, seen: inout Set<Int32>, largest: inout Double) {
        guard depth < 8, let resources, let xobjects = key(resources, "/XObject"),
              qpdf_oh_is_dictionary(q, xobjects) != 0 else { return }
        var names: [String] = []
        qpdf_oh_begin_dict_key_iter(q, xobjects)
        while qpdf_oh_dict_more_keys(q) != 0 { names.append(String(cString: qpdf_oh_dict_next_key(q))) }
        for name in names {
            guard let x = key(xobjects, name), qpdf_oh_is_stream(q, x) != 0 else { continue }
            let id = qpdf_oh_get_object_id(q, x)
            if id != 0 { if seen.contains(id) { continue }; seen.insert(id) }
            let dict = qpdf_oh_get_dict(q, x)
            if qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, dict, "/Subtype"), "/Image") != 0 {
                let w = number(key(dict, "/Width")) ?? 0, h = number(key(dict, "/Height")) ?? 0
                largest = max(largest, w * h)
            } else {
                scanImages(resources: key(dict, "/Resources"), depth: depth + 1, seen: &seen, largest: &largest)
            }
        }
    }

    // MARK: writing

    /// Writes the document to `path` with compressed streams and object streams.
    public func write(to path: String) throws {
        try check("qpdf_init_write", qpdf_init_write(q, path))
        qpdf_set_compress_streams(q, QPDF_TRUE)
        qpdf_set_object_stream_mode(q, qpdf_o_generate)
        qpdf_set_stream_data_mode(q, qpdf_s_compress)
        qpdf_set_suppress_original_object_IDs(q, QPDF_TRUE)
        try check("qpdf_write", qpdf_write(q))
    }
}
