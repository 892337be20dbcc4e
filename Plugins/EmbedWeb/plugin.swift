import Foundation
import PackagePlugin

/// Embeds the web pages' files (Sources/<target>/Web: HTML, CSS, JavaScript) into the target
/// as a generated Swift file, so that the pages stay files of their own in the repository and
/// `daftar` stays one file to copy to a host.
@main
struct EmbedWeb: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let source = target as? SourceModuleTarget else { return [] }
        // (Target.directoryURL needs tools version 6.1; the package says 6.0.)
        let web = URL(fileURLWithPath: source.directory.string).appending(path: "Web")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: web.path)) ?? []
        let inputs = names.filter { !$0.hasPrefix(".") }.sorted().map { web.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedWeb.swift")
        return [.buildCommand(displayName: "Embedding \(inputs.count) web files into \(target.name)",
                              executable: try context.tool(named: "WebEmbedder").url,
                              arguments: [output.path] + inputs.map(\.path),
                              inputFiles: inputs, outputFiles: [output])]
    }
}
