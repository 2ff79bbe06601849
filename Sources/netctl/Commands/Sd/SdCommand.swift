import ArgumentParser

struct SdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sd", abstract: "Service discovery: private DNS namespaces and name resolution.",
        subcommands: [SdNamespaceCommand.self, SdServiceCommand.self, SdInstanceCommand.self, Resolve.self])
}
