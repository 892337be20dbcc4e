import Foundation

/// A folder of outputs as one byte stream, so that a worker can send it back in chunks:
/// for each file, one line of JSON `{"path": "...", "size": N}` and then its N bytes.
/// Unpacking refuses paths that could leave the destination.
public enum OutputBundle {
    public struct Malformed: Error, CustomStringConvertible { public var description: String }

    struct Header: Codable { var path: String; var size: Int }

    /// Writes the files under `folder` (recursively, sorted) into `bundle`.
    public static func pack(folder: String, into bundle: String) throws {
        let fm = FileManager.default
        var files: [String] = []
        if let e = fm.enumerator(atPath: folder) {
            for case let rel as String in e {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: folder + "/" + rel, isDirectory: &isDir), !isDir.boolValue { files.append(rel) }
            }
        }
        files.sort()
        fm.createFile(atPath: bundle, contents: nil)
        guard let out = FileHandle(forWritingAtPath: bundle) else { throw Malformed(description: "cannot write \(bundle)") }
        defer { try? out.close() }
        for rel in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + rel))
            var line = try JSONEncoder().encode(Header(path: rel, size: data.count))
            line.append(UInt8(ascii: "\n"))
            try out.write(contentsOf: line)
            try out.write(contentsOf: data)
        }
    }

    /// Unpacks `bundle` into `folder` (created); returns the relative paths written.
    @discardableResult
    public static func unpack(_ bundle: String, into folder: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle), options: .alwaysMapped)
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var i = data.startIndex
        var written: [String] = []
        while i < data.endIndex {
            guard let nl = data[i...].firstIndex(of: UInt8(ascii: "\n")), nl - i < 8192 else {
                throw Malformed(description: "bundle header without end")
            }
            guard let h = try? JSONDecoder().decode(Header.self, from: data[i..<nl]) else {
                throw Malformed(description: "bundle header does not decode")
            }
            guard Names.isSafeRelativePath(h.path) else { throw Malformed(description: "unsafe path in bundle: \(h.path)") }
            let start = nl + 1
            guard h.size >= 0, h.size <= data.endIndex - start else { throw Malformed(description: "bundle entry past its end") }
            let target = folder + "/" + h.path
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data[start..<(start + h.size)].write(to: URL(fileURLWithPath: target))
            written.append(h.path)
            i = start + h.size
        }
        return written
    }
}
