import ArgumentParser

struct Daftar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daftar",
        abstract: "Digitise scanned government files: clean, OCR, index and export them.",
        subcommands: [Process.self, Serve.self, BrokerCommand.self, WorkerCommand.self, Submit.self, Status.self,
                      Jobs.self, Keys.self, Search.self, Review.self, Export.self, IndexCommand.self, Watch.self, Tokens.self, HTTPCommand.self, SlotCommand.self])
}
