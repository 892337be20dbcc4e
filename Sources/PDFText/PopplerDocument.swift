import CPoppler
import Foundation

/// An open PDF, read through Poppler-GLib.
///
/// Owns one `PopplerDocument` GObject reference, released in `deinit`. Not `Sendable`:
/// a document and its pages are used by the one job thread that opened it.
public final class PDFDocument {
    private let document: OpaquePointer

    /// Opens `path`. Throws `.encrypted` when a password is needed, `.damaged` when Poppler
    /// cannot make a document of it.
    public init(path: String) throws {
        var error: UnsafeMutablePointer<GError>?
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            throw PDFError(kind: .damaged, operation: "g_filename_to_uri", message: Self.message(error) ?? "bad path")
        }
        defer { g_free(uri) }
        guard let doc = poppler_document_new_from_file(uri, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            let code = error?.pointee.code ?? -1
            let popplerDomain = error?.pointee.domain == poppler_error_quark()
            if popplerDomain && code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw PDFError(kind: .encrypted, operation: "poppler_document_new_from_file", code: code,
                               message: "the PDF is encrypted and needs a password")
            }
            throw PDFError(kind: .damaged, operation: "poppler_document_new_from_file", code: code,
                           message: "not a readable PDF: \(Self.message(error) ?? "unknown error")")
        }
        document = doc
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    public var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    public func page(_ index: Int) throws -> PDFPage {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw PDFError(kind: .damaged, operation: "poppler_document_get_page", message: "page \(index + 1) cannot be read")
        }
        return PDFPage(owning: page)
    }

    static func message(_ error: UnsafeMutablePointer<GError>?) -> String? {
        guard let error, let m = error.pointee.message else { return nil }
        return String(cString: m)
    }

    public static var popplerVersion: String { String(cString: poppler_get_version()) }
}

/// A grey raster of a rendered page: rows of `width` bytes.
public struct RenderedPage: Sendable {
    public var width: Int
    public var height: Int
    public var ppi: Double
    public var bytes: [UInt8]
}

/// One page; owns one `PopplerPage` reference.
public final class PDFPage {
    private let page: OpaquePointer

    init(owning page: OpaquePointer) { self.page = page }

    deinit { g_object_unref(UnsafeMutableRawPointer(page)) }

    /// Page size in points as displayed (after the page's own rotation).
    public var size: (width: Double, height: Double) {
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return (w, h)
    }

    /// The text layer in reading order, as Poppler extracts it.
    public var text: String {
        guard let raw = poppler_page_get_text(page) else { return "" }
        defer { g_free(raw) }
        return String(cString: raw)
    }

    /// Where `text` occurs on the page (as displayed), in points with the origin at the top left.
    public func find(_ text: String) -> [(x: Double, y: Double, width: Double, height: Double)] {
        let (_, pageHeight) = size
        guard let list = poppler_page_find_text(page, text) else { return [] }
        defer { g_list_free(list) }
        var result: [(x: Double, y: Double, width: Double, height: Double)] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let n = node {
            if let data = n.pointee.data {
                let r = data.assumingMemoryBound(to: PopplerRectangle.self)
                // poppler_page_find_text answers with the origin at the bottom left.
                result.append((r.pointee.x1, pageHeight - r.pointee.y2, r.pointee.x2 - r.pointee.x1, r.pointee.y2 - r.pointee.y1))
                poppler_rectangle_free(r)
            }
            node = n.pointee.next
        }
        return result
    }

    /// Fraction of the page area covered by images (0–1, overlaps counted once per image).
    public var imageCoverage: Double {
        let (w, h) = size
        guard w > 0, h > 0 else { return 0 }
        guard let list = poppler_page_get_image_mapping(page) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        var area = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let n = node {
            if let data = n.pointee.data {
                let mapping = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee
                let a = mapping.area
                let iw = max(0, min(a.x2, w) - max(a.x1, 0)), ih = max(0, min(a.y2, h) - max(a.y1, 0))
                area += iw * ih
            }
            node = n.pointee.next
        }
        return min(1, area / (w * h))
    }

    /// Renders the page (as displayed) to 8-bit grey at `ppi`, on white.
    public func render(ppi: Double) throws -> RenderedPage {
        let (w, h) = size
        let width = Int((w * ppi / 72).rounded()), height = Int((h * ppi / 72).rounded())
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw PDFError(kind: .render, operation: "render", message: "page of \(width)x\(height) pixels cannot be rendered")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PDFError(kind: .render, operation: "cairo_image_surface_create", message: "out of memory")
        }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFError(kind: .render, operation: "cairo_image_surface_create", code: Int32(status.rawValue),
                           message: String(cString: cairo_status_to_string(status)))
        }
        let cr = cairo_create(surface)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, ppi / 72, ppi / 72)
        poppler_page_render(page, cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw PDFError(kind: .render, operation: "cairo_image_surface_get_data", message: "no pixels")
        }
        var grey = [UInt8](repeating: 255, count: width * height)
        grey.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = data + y * stride
                for x in 0..<width {
                    // CAIRO_FORMAT_RGB24 is a native-endian 32-bit xRGB word: B, G, R, x in memory here.
                    let b = Int(row[4 * x]), g = Int(row[4 * x + 1]), r = Int(row[4 * x + 2])
                    out[y * width + x] = UInt8((r * 77 + g * 150 + b * 29) >> 8)
                }
            }
        }
        return RenderedPage(width: width, height: height, ppi: ppi, bytes: grey)
    }
}
