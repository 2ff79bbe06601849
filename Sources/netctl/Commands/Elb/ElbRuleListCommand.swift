import ArgumentParser
import NetctlAPI

struct ElbRuleListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a listener's rules by priority.")

    @Argument(help: "Listener ARN.")
    var listener: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(ElbRuleList(listener: listener)) { ElbView.rules($0.rules) }
    }
}
