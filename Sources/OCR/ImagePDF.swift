import CTesseract
import Foundation

/// Wraps a scanned raster page in a one-page PDF without re-encoding where the scan's own
/// encoding fits PDF: JPEG and JPEG 2000 bytes are embedded as they are, PNG keeps its
/// deflate stream; bilevel TIFF/other pages become CCITT G4, grey or colour ones JPEG.
/// Leptonica (Tesseract's image library) does the encoding.
public enum ImagePDF {
    public enum Source: Sendable {
        /// A single-image file whose bytes can be embedded directly (JPEG, JPEG 2000, PNG).
        case embeddable(path: String)
        /// Page `index` (zero-based) of a multi-page TIFF.
        case tiffPage(path: String, index: Int)
        /// Any other raster Leptonica reads (WebP, GIF): decoded and re-encoded.
        case decoded(path: String)
    }

    /// JPEG quality used when a page must be re-encoded.
    public static let jpegQuality: Int32 = 85

    /// The one-page PDF, its page sized for `ppi`.
    public static func make(_ source: Source, ppi: Int) throws -> [UInt8] {
        var cid: UnsafeMutablePointer<L_COMP_DATA>?
        switch source {
        case .embeddable(let path):
            guard l_generateCIDataForPdf(path, nil, jpegQuality, &cid) == 0, cid != nil else {
                throw TesseractError(operation: "l_generateCIDataForPdf", message: "cannot encode the page image for PDF")
            }
        case .tiffPage(let path, let index):
            try encode(pixReadTiff(path, Int32(index)), &cid)
        case .decoded(let path):
            try encode(pixRead(path), &cid)
        }
        guard let cid else { throw TesseractError(operation: "pixGenerateCIData", message: "no image data") }
        cid.pointee.res = Int32(ppi)
        var data: UnsafeMutablePointer<UInt8>?
        var count = 0
        // cidConvertToPdfData takes ownership of cid and destroys it.
        guard cidConvertToPdfData(cid, nil, &data, &count) == 0, let data else {
            throw TesseractError(operation: "cidConvertToPdfData", message: "cannot write the page PDF")
        }
        defer { lept_free(data) }
        return [UInt8](UnsafeBufferPointer(start: data, count: count))
    }

    private static func encode(_ read: UnsafeMutablePointer<PIX>?, _ cid: inout UnsafeMutablePointer<L_COMP_DATA>?) throws {
        guard let read else { throw TesseractError(operation: "pixRead", message: "cannot read the page image") }
        let pix = Pix(owning: read)
        var type: Int32 = 0
        let status = pix.with { pix in
            selectDefaultPdfEncoding(pix, &type)
            return pixGenerateCIData(pix, type, jpegQuality, 0, &cid)
        }
        guard status == 0, cid != nil else {
            throw TesseractError(operation: "pixGenerateCIData", message: "cannot encode the page image for PDF")
        }
    }
}
