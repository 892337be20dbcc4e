import Foundation
import Messaging

/// CURVE key files, in the shape of ZeroMQ's certificates:
///
///     public-key = "…40 Z85 characters…"
///     secret-key = "…40 Z85 characters…"     (only in NAME.key, mode 0600)
///
/// An allow-list is a file of public keys: NAME.pub files concatenated, or one key per line;
/// `#` starts a comment.
public enum KeyFile {
    public struct Invalid: Error, CustomStringConvertible { public var description: String }

    public static func write(_ keys: CurveKeyPair, base: String) throws {
        let secret = "# Daftar CURVE key pair: keep this file private\npublic-key = \"\(keys.publicKey)\"\nsecret-key = \"\(keys.secretKey)\"\n"
        let pub = "# Daftar CURVE public key: give this to the broker's allow-list\npublic-key = \"\(keys.publicKey)\"\n"
        for (path, text, mode) in [(base + ".key", secret, 0o600), (base + ".pub", pub, 0o644)] {
            guard !FileManager.default.fileExists(atPath: path) else { throw Invalid(description: "\(path) exists; not overwriting a key") }
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw Invalid(description: "cannot write \(path)")
            }
        }
    }

    /// `name = value` lines (a bare 40-character key is `key`). Z85 uses `#` and `=`, so a
    /// comment is a whole line starting with `#`, and only the first `=` separates.
    static func fields(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            if CurveKeyPair.isValidKey(line) { return ("key", line) }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { return ("key", line) }
            return (parts[0], parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
    }

    /// A key pair from NAME.key.
    public static func readPair(_ path: String) throws -> CurveKeyPair {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let f = Dictionary(fields(text), uniquingKeysWith: { a, _ in a })
        guard let sec = f["secret-key"], CurveKeyPair.isValidKey(sec) else { throw Invalid(description: "\(path) has no valid secret-key") }
        let pub = try CurveKeyPair.publicKey(forSecret: sec)
        if let stated = f["public-key"], stated != pub { throw Invalid(description: "\(path): public-key does not match secret-key") }
        return CurveKeyPair(publicKey: pub, secretKey: sec)
    }

    /// A public key given literally (40 Z85 characters) or as a file holding one.
    public static func readPublic(_ argument: String) throws -> String {
        if CurveKeyPair.isValidKey(argument) { return argument }
        let keys = try readAllowList(argument)
        guard keys.count == 1, let k = keys.first else { throw Invalid(description: "\(argument) must hold exactly one public key") }
        return k
    }

    public static func readAllowList(_ path: String) throws -> Set<String> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var keys: Set<String> = []
        for (name, value) in fields(text) where name == "public-key" || name == "key" {
            guard CurveKeyPair.isValidKey(value) else { throw Invalid(description: "\(path): not a Z85 public key: \(value)") }
            keys.insert(value)
        }
        return keys
    }
}
