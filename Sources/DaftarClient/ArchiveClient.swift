import DaftarIndex
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Daftar's HTTP API as a client sees it (`daftar search --url`, `daftar export --url`): the
/// workspace's import host and a clerk's desk need only the URL and a token, not the data folder.
public final class ArchiveClient: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var status: Int
        public var description: String
    }

    public let base: URL
    let token: String
    let session: URLSession
    /// Requests that fail to connect or answer 5xx are tried this many times in all.
    let attempts = 4

    public init(url: String, token: String) throws {
        guard let base = URL(string: url), let scheme = base.scheme, ["http", "https"].contains(scheme), base.host != nil else {
            throw Failure(status: 0, description: "--url must be http://HOST:PORT or https://HOST:PORT (got \(url))")
        }
        guard !token.isEmpty else { throw Failure(status: 0, description: "a token is needed: --token T or DAFTAR_TOKEN") }
        self.base = base
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        session = URLSession(configuration: configuration)
    }

    /// GET `path` (under /api/v1) with query fields: the body, or a `Failure` with the API's own error.
    public func get(_ path: String, _ fields: [(String, String?)] = []) throws -> Data {
        var components = URLComponents(url: base.appendingPathComponent("api/v1" + path), resolvingAgainstBaseURL: false)!
        let items = fields.compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } }
        if !items.isEmpty { components.queryItems = items }
        // '+' is a space to the server's form decoding: send it escaped.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        var request = URLRequest(url: components.url!)
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        var last: Error = Failure(status: 0, description: "no answer")
        for attempt in 1...attempts {
            do {
                let (data, status) = try send(request)
                if (200..<300).contains(status) { return data }
                let message = (try? JSONDecoder().decode([String: String].self, from: data))?["error"] ?? String(decoding: data.prefix(300), as: UTF8.self)
                let failure = Failure(status: status, description: "\(path): \(status) \(message)")
                guard status >= 500 else { throw failure }
                last = failure
            } catch let f as Failure where f.status != 0 && f.status < 500 {
                throw f
            } catch {
                last = error
            }
            if attempt < attempts { Thread.sleep(forTimeInterval: Double(attempt)) }
        }
        throw last
    }

    private func send(_ request: URLRequest) throws -> (Data, Int) {
        final class Box: @unchecked Sendable { var result: Result<(Data, Int), Error> = .failure(Failure(status: 0, description: "no answer")) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            if let error { box.result = .failure(Failure(status: 0, description: "\(request.url?.path ?? ""): \(error.localizedDescription)")) }
            else { box.result = .success((data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0)) }
            done.signal()
        }.resume()
        done.wait()
        return try box.result.get()
    }

    // MARK: search

    public func search(_ query: SearchQuery, department: String?) throws -> SearchResults {
        struct Out: Decodable { var results: [SearchHit]; var ranked: Int?; var moreMatches: Bool }
        let data = try get("/search", [("q", query.text), ("batch", query.batch), ("limit", String(query.limit)),
                                       ("candidates", query.candidates.map(String.init)), ("quality", query.quality),
                                       ("type", query.type), ("number", query.number), ("date_from", query.dateFrom),
                                       ("date_to", query.dateTo), ("department", department)])
        let out = try JSONDecoder().decode(Out.self, from: data)
        return SearchResults(hits: out.results, ranked: out.ranked, moreMatches: out.moreMatches)
    }
}

/// The archive through the HTTP API: the feed (`GET /api/v1/documents`) and each document's
/// files, as the token may see them.
public struct RemoteArchive: ArchiveSource {
    public let client: ArchiveClient
    public init(client: ArchiveClient) { self.client = client }

    struct Feed: Decodable {
        struct Page: Decodable { var number: Int; var method: String; var confidence: Double?; var quality: String?; var reason: String? }
        struct Document: Decodable {
            var id: Int64; var seq: Int64; var sha256: String; var batch: String; var sources: [IndexDocument.Source]
            var meta: [String: String]; var pageCount: Int; var finishedAt: Double
            var fields: [String: String]?; var languages: String?; var mediaType: String?; var pages: [Page]?
        }
        var documents: [Document]
        var cursor: Int64
    }

    public func documents(after cursor: Int64, batch: String?, limit: Int) throws -> [IndexDocument] {
        // The feed skips documents a limited token may not see but moves its cursor past them:
        // ask again from its cursor until it has some or has none left.
        var from = cursor
        while true {
            let data = try client.get("/documents", [("since", String(from)), ("batch", batch), ("limit", String(max(1, min(limit, 1000))))])
            let feed = try JSONDecoder().decode(Feed.self, from: data)
            let docs = feed.documents.map { d in
                IndexDocument(id: d.id, seq: d.seq, sha256: d.sha256, batch: d.batch, output: "", sources: d.sources, meta: d.meta,
                              languages: d.languages ?? "", mediaType: d.mediaType, pageCount: d.pageCount, finishedAt: d.finishedAt,
                              pages: (d.pages ?? []).map { .init(number: $0.number, method: $0.method, confidence: $0.confidence, text: "",
                                                                 quality: $0.quality, reason: $0.reason) },
                              fields: d.fields ?? [:])
            }
            if !docs.isEmpty || feed.cursor <= from { return docs }
            from = feed.cursor
        }
    }

    public func copyPayload(of d: IndexDocument, into data: String) throws {
        let original = try client.get("/documents/\(d.id)/original")
        try original.write(to: URL(fileURLWithPath: data + "/original/" + Self.originalName(d)))
        for (what, file) in [("searchable.pdf", "searchable.pdf"), ("text", "text.txt"), ("json", "document.json")] {
            do {
                try client.get("/documents/\(d.id)/\(what)").write(to: URL(fileURLWithPath: data + "/" + file))
            } catch let f as ArchiveClient.Failure where f.status == 404 {
                continue   // the document has no such output (as a local export copies only what exists)
            }
        }
        struct Alto: Decodable { var pages: [String: String] }
        let alto = try JSONDecoder().decode(Alto.self, from: try client.get("/documents/\(d.id)/alto"))
        guard !alto.pages.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: data + "/alto", withIntermediateDirectories: true)
        for (name, text) in alto.pages {
            guard !name.contains("/"), !name.hasPrefix("."), !name.isEmpty else {
                throw ArchiveClient.Failure(status: 0, description: "document \(d.id): unsafe ALTO file name \(name)")
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: data + "/alto/" + name))
        }
    }
}
