import ArgumentParser
import NetctlAPI

extension SdNamespaceCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a private DNS namespace in a VPC.")
        @Argument(help: "A DNS name, e.g. forum.local.")
        var name: String
        @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
        var vpc: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdNamespaceCreate(name: name, vpc: vpc)) { table([$0]) }
        }
    }
}
