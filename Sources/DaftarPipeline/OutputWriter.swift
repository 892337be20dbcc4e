import Foundation
import OCR

/// Writes a document's outputs into its (staging) folder.
final class OutputWriter {
    let directory: String
    private var text: FileHandle?
    private var pagesWritten = 0

    init(directory: String) { self.directory = directory }

    func prepare() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory + "/alto", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: directory + "/hocr", withIntermediateDirectories: true)
        fm.createFile(atPath: directory + "/text.txt", contents: nil)
        text = FileHandle(forWritingAtPath: directory + "/text.txt")
    }

    /// Appends a page's text; pages are separated by a form feed.
    func appendText(_ s: String, page: Int) throws {
        guard let text else { return }
        if pagesWritten > 0 { try text.write(contentsOf: Data([0x0C])) }
        try text.write(contentsOf: Data(s.utf8))
        pagesWritten += 1
    }

    func finishText() throws { try text?.close(); text = nil }

    static func name(_ page: Int) -> String { String(format: "%04d", page) }

    func writeALTO(_ fragment: String, page: Int, source: String) throws {
        try Data(ALTO.document(page: fragment, sourceName: source).utf8)
            .write(to: URL(fileURLWithPath: "\(directory)/alto/\(Self.name(page)).xml"))
    }

    func writeHOCR(_ fragment: String, page: Int, source: String) throws {
        try Data(HOCR.document(page: fragment, title: source).utf8)
            .write(to: URL(fileURLWithPath: "\(directory)/hocr/\(Self.name(page)).hocr"))
    }
}
