import Foundation

/// The pages, made from the files in Web/ (embedded at build time by the EmbedWeb plugin):
/// each page is `layout.html` with the page's own body (`NAME.html`) and script
/// (`/static/NAME.js`). Pages load without a token and ask for one (kept in the browser's
/// localStorage) before they fetch anything from the API.
enum WebPages {
    static let pages: [String: String] = {
        let layout = EmbeddedWeb.files["layout.html"] ?? "{{body}}"
        let titles = ["dashboard": "Operations", "upload": "Upload scans", "search": "Search the archive",
                      "document": "Document", "review": "Pages to check"]
        var out: [String: String] = [:]
        for (name, title) in titles {
            out[name] = layout.replacingOccurrences(of: "{{title}}", with: title)
                .replacingOccurrences(of: "{{body}}", with: EmbeddedWeb.files[name + ".html"] ?? "")
                .replacingOccurrences(of: "{{script}}", with: name + ".js")
        }
        return out
    }()

    /// A static file (`daftar.css`, `search.js`, …) and its content type; nil for any other name.
    static func asset(_ name: String) -> (text: String, type: String)? {
        guard let text = EmbeddedWeb.files[name] else { return nil }
        if name.hasSuffix(".css") { return (text, "text/css; charset=utf-8") }
        if name.hasSuffix(".js") { return (text, "text/javascript; charset=utf-8") }
        return nil
    }
}
