import ArgumentParser
import NetctlAPI

extension SdNamespaceCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a namespace no service uses.")
        @Argument(help: "Namespace name or ID.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdNamespaceDelete(name: name)) { table([$0]) }
        }
    }
}
