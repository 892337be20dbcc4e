import Foundation
import PackagePlugin

/// Embeds a target's files into it as a generated Swift file, so that they stay files of their
/// own in the repository and `daftar` stays one file to copy to a host: the web pages
/// (Sources/<target>/Web: HTML, CSS, JavaScript) as `EmbeddedWeb.files`, and any other text
/// (Sources/<target>/Embedded: the field reader's Urdu words) as `EmbeddedFiles.files`.
@main
struct EmbedWeb: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let source = target as? SourceModuleTarget else { return [] }
        // (Target.directoryURL needs tools version 6.1; the package says 6.0.)
        let root = URL(fileURLWithPath: source.directory.string)
        let folders = [("Web", "EmbeddedWeb"), ("Embedded", "EmbeddedFiles")]
        guard let (folder, name) = folders.first(where: { folder, _ in
            FileManager.default.fileExists(atPath: root.appending(path: folder).path)
        }) else { return [] }
        let dir = root.appending(path: folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        let inputs = names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: name + ".swift")
        return [.buildCommand(displayName: "Embedding \(inputs.count) files of \(folder) into \(target.name)",
                              executable: try context.tool(named: "WebEmbedder").url,
                              arguments: [output.path, name] + inputs.map(\.path),
                              inputFiles: inputs, outputFiles: [output])]
    }
}
