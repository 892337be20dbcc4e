import DaftarIndex
import DaftarPipeline
import Foundation

/// Writes finished documents as BagIt bags (RFC 8493), one per document, for the digital
/// workspace to import and verify:
///
///     OUT/document-ID/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
///     OUT/document-ID/data/original/NAME, searchable.pdf, text.txt, alto/NNNN.xml, document.json
///
/// Documents go in completion order (`seq`); after each bag the cursor (its `seq`) is written
/// to OUT/.daftar-export-cursor, and a bag is built under a hidden name and renamed when
/// whole. So an export that is interrupted resumes where it stopped: no document twice, none
/// skipped.
///
/// The documents come from an `ArchiveSource`: the data folder and its index on the broker's
/// host (`LocalArchive`), or the HTTP API from anywhere with a token (`RemoteArchive`); both
/// make the same bags.
public struct BagExporter {
    public var source: ArchiveSource
    public var outputDirectory: String
    public var organization: String
    public init(source: ArchiveSource, outputDirectory: String, organization: String) {
        self.source = source; self.outputDirectory = outputDirectory; self.organization = organization
    }
    public init(dataDirectory: String, index: DocumentIndex, outputDirectory: String, organization: String) {
        self.init(source: LocalArchive(dataDirectory: dataDirectory, index: index), outputDirectory: outputDirectory, organization: organization)
    }

    public var cursorFile: String { outputDirectory + "/.daftar-export-cursor" }

    public func savedCursor() -> Int64? {
        (try? String(contentsOfFile: cursorFile, encoding: .utf8)).flatMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Exports documents after `cursor` (at most `limit`); calls `exported` after each bag.
    /// Returns the cursor to resume from.
    public func export(after cursor: Int64, batch: String?, limit: Int = .max,
                       exported: (IndexDocument, String) -> Void) throws -> Int64 {
        let fm = FileManager.default
        try fm.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        var cursor = cursor, count = 0
        while count < limit {
            let docs = try source.documents(after: cursor, batch: batch, limit: min(100, limit - count))
            if docs.isEmpty { break }
            for d in docs {
                let name = "document-\(d.id)"
                let final = outputDirectory + "/" + name
                if !fm.fileExists(atPath: final + "/tagmanifest-sha256.txt") {
                    let partial = outputDirectory + "/." + name + ".partial"
                    try? fm.removeItem(atPath: partial)
                    try? fm.removeItem(atPath: final)
                    try writeBag(d, at: partial)
                    try fm.moveItem(atPath: partial, toPath: final)
                }
                cursor = d.seq
                try String(cursor).write(toFile: cursorFile + ".tmp", atomically: false, encoding: .utf8)
                _ = rename(cursorFile + ".tmp", cursorFile)
                exported(d, final)
                count += 1
            }
        }
        return cursor
    }

    func writeBag(_ d: IndexDocument, at bag: String) throws {
        let fm = FileManager.default
        let data = bag + "/data"
        try fm.createDirectory(atPath: data + "/original", withIntermediateDirectories: true)
        try source.copyPayload(of: d, into: data)
        var payload: [(String, String, Int)] = []
        if let e = fm.enumerator(atPath: data) {
            for case let rel as String in e {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: data + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
                let (hex, size) = try FileDigest.sha256(path: data + "/" + rel)
                payload.append(("data/" + rel, hex, size))
            }
        }
        payload.sort { $0.0 < $1.0 }
        try "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".write(toFile: bag + "/bagit.txt", atomically: false, encoding: .utf8)
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        var info = [
            ("Source-Organization", organization),
            ("External-Identifier", "daftar-\(d.id) sha256:\(d.sha256)"),
            ("Bagging-Date", today),
            ("Payload-Oxum", "\(payload.reduce(0) { $0 + $1.2 }).\(payload.count)"),
            ("Daftar-Batch", d.batch),
            ("Daftar-Pages", String(d.pageCount)),
            ("Daftar-Languages", d.languages),
        ]
        for s in d.sources { info.append(("Daftar-Source", "\(s.batch)/\(s.name)")) }
        for (k, v) in d.meta.sorted(by: { $0.key < $1.key }) { info.append(("Daftar-Meta-" + Self.label(k), v)) }
        // The record's own fields, as read from its first page.
        for (label, key) in [("Daftar-Document-Type", "type"), ("Daftar-Document-Number", "number"),
                             ("Daftar-Document-Date", "date"), ("Daftar-Subject", "subject"), ("Daftar-Office", "office")] {
            if let v = d.fields[key] { info.append((label, v)) }
        }
        // Pages whose text cannot be trusted, by number, so that the workspace can show them.
        for (label, verdict) in [("Daftar-Pages-Doubtful", "doubtful"), ("Daftar-Pages-Unreadable", "unreadable")] {
            let numbers = d.pages.filter { $0.quality == verdict }.map { String($0.number) }
            if !numbers.isEmpty { info.append((label, numbers.joined(separator: ", "))) }
        }
        try info.map { "\($0.0): \(Self.value($0.1))" }.joined(separator: "\n").appending("\n")
            .write(toFile: bag + "/bag-info.txt", atomically: false, encoding: .utf8)
        try payload.map { "\($0.1)  \(Self.manifestPath($0.0))" }.joined(separator: "\n").appending("\n")
            .write(toFile: bag + "/manifest-sha256.txt", atomically: false, encoding: .utf8)
        let tags = try ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"].map { "\(try FileDigest.sha256(path: bag + "/" + $0).hex)  \($0)" }
        try (tags.joined(separator: "\n") + "\n").write(toFile: bag + "/tagmanifest-sha256.txt", atomically: false, encoding: .utf8)
    }

    /// RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded.
    static func manifestPath(_ p: String) -> String {
        p.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }
    /// A bag-info label: no colon, no line breaks.
    static func label(_ s: String) -> String {
        String(s.map { $0 == ":" || $0.isNewline || $0.isWhitespace ? "-" : $0 })
    }
    /// A bag-info value on one line.
    static func value(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Where an export reads finished documents from: the feed (in completion order) and each
/// document's files.
public protocol ArchiveSource {
    func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument]
    /// Writes the document's payload into `data`: `original/NAME` (the file as submitted),
    /// and those of `searchable.pdf`, `text.txt`, `document.json` and `alto/NNNN.xml` it has.
    func copyPayload(of d: IndexDocument, into data: String) throws
}

extension ArchiveSource {
    /// The original's file name in a bag: its name in the document's own batch.
    static func originalName(_ d: IndexDocument) -> String {
        ((d.sources.first { $0.batch == d.batch }?.name ?? d.sources.first?.name ?? d.sha256) as NSString).lastPathComponent
    }
}

/// The data folder and index on the broker's host.
public struct LocalArchive: ArchiveSource {
    public var dataDirectory: String
    public var index: DocumentIndex
    public init(dataDirectory: String, index: DocumentIndex) { self.dataDirectory = dataDirectory; self.index = index }

    public func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument] {
        try index.documents(after: cursor, batch: batch, limit: limit)
    }

    public func copyPayload(of d: IndexDocument, into data: String) throws {
        let fm = FileManager.default
        let outputs = dataDirectory + "/" + d.output
        try fm.copyItem(atPath: dataDirectory + "/blobs/" + d.sha256.prefix(2) + "/" + d.sha256,
                        toPath: data + "/original/" + Self.originalName(d))
        for item in ["searchable.pdf", "text.txt", "document.json", "alto"] where fm.fileExists(atPath: outputs + "/" + item) {
            try fm.copyItem(atPath: outputs + "/" + item, toPath: data + "/" + item)
        }
    }
}
