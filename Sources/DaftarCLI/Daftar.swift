import ArgumentParser

struct Daftar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daftar",
        abstract: "Digitise scanned government files: clean, OCR, index and export them.",
        subcommands: [Process.self])
}
