import ArgumentParser
import NetctlAPI

struct ElbListenerGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one listener.")

    @Argument(help: "Listener ARN.")
    var listener: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(ElbListenerGet(listener: listener), table: ElbView.listener)
    }
}
