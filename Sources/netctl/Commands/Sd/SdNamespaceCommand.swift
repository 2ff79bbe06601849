import ArgumentParser

struct SdNamespaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace", abstract: "Private DNS namespaces in a VPC.",
        subcommands: [Create.self, List.self, Delete.self])
}
