import ArgumentParser
import NetctlAPI

struct ElbListenerDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a listener and its rules.")

    @Argument(help: "Listener ARN.")
    var listener: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            ElbListenerDelete(listener: listener), clientToken: mutation.clientToken, table: ElbView.listener)
    }
}
