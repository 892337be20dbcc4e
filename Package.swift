// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Daftar",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "daftar", targets: ["DaftarCLI"]),
        .executable(name: "daftar-bench", targets: ["DaftarBench"]),
        .library(name: "DaftarPipeline", targets: ["DaftarPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // MARK: C libraries (system-library targets; pkg-config + apt providers)
        .systemLibrary(name: "CLibVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CQpdf", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CZmq", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Fixed-arity wrappers for libvips' variadic operations (Swift cannot call C variadics).
        .target(name: "CVipsShim", dependencies: ["CLibVips"]),
        // An FTS5 ranking function in C (FTS5's auxiliary-function API has no Swift binding).
        .target(name: "CSQLiteRank", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Bit-level loops over grey pages (binarising and halving for Leptonica), in C so that
        // they vectorise; no library of their own.
        .target(name: "CGreyBits"),
        // prctl(PR_SET_PDEATHSIG) for child processes that must die with their parent (prctl is variadic).
        .target(name: "CProcess"),

        // MARK: one Swift module per C library; only it imports the C module
        .target(name: "Imaging", dependencies: ["CVipsShim", "CLibVips", .product(name: "Logging", package: "swift-log")]),
        .target(name: "OCR", dependencies: ["CTesseract", "CGreyBits", .product(name: "Logging", package: "swift-log")]),
        .target(name: "PDFText", dependencies: ["CPoppler", .product(name: "Logging", package: "swift-log")]),
        .target(name: "PDFAssembly", dependencies: ["CQpdf"]),
        .target(name: "Messaging", dependencies: ["CZmq"]),

        // MARK: the per-document pipeline and the command line
        // (Embedded/: the Urdu words the field reader knows, embedded at build time by the
        // EmbedWeb plugin; scripts/urdu-lexicon.sh makes them.)
        .target(name: "DaftarPipeline", dependencies: [
            "Imaging", "OCR", "PDFText", "PDFAssembly",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Embedded"], plugins: ["EmbedWeb"]),
        // MARK: the full-text index (SQLite FTS5 by default, PostgreSQL beyond one machine)
        .target(name: "DaftarIndex", dependencies: [
            "DaftarPipeline", "CLibPQ", "CSQLiteRank",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // MARK: the pool: journal, blob store, broker, workers, client (ZeroMQ + SQLite)
        .target(name: "DaftarPool", dependencies: [
            "Messaging", "DaftarPipeline", "DaftarIndex", "CProcess",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // MARK: the clients of the pool: submit's PoolClient, watch (hot folders) and export
        // (bags), locally or through the HTTP API
        .target(name: "DaftarClient", dependencies: ["DaftarPool", "DaftarIndex", "DaftarPipeline", "Messaging"]),
        // MARK: the HTTP API (Hummingbird 2) and the pages (Web/: HTML, CSS and JavaScript
        // files, embedded at build time by the EmbedWeb plugin)
        .executableTarget(name: "WebEmbedder"),
        .plugin(name: "EmbedWeb", capability: .buildTool(), dependencies: ["WebEmbedder"]),
        .target(name: "DaftarServer", dependencies: [
            "DaftarPool", "DaftarClient", "DaftarIndex", "DaftarPipeline", "PDFText", "Imaging",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["Web"], plugins: ["EmbedWeb"]),
        .executableTarget(name: "DaftarCLI", dependencies: [
            "DaftarPipeline", "DaftarPool", "DaftarClient", "DaftarIndex", "DaftarServer", "Messaging",
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // MARK: degraded-page generator and scoring, shared by tests and the benchmark
        .target(name: "DaftarFixtures", dependencies: ["Imaging", "PDFAssembly", "DaftarPipeline"]),
        .executableTarget(name: "DaftarBench", dependencies: [
            "DaftarFixtures", "DaftarPipeline", "DaftarPool", "DaftarClient", "DaftarIndex", "DaftarServer", "Messaging", "Imaging",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "DaftarTests", dependencies: [
            "DaftarPipeline", "DaftarFixtures", "Imaging", "OCR", "PDFText", "PDFAssembly", "Messaging", "DaftarPool", "DaftarIndex", "DaftarServer", "DaftarClient",
            "CSQLiteRank", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
