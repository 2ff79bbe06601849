import ArgumentParser
import NetctlAPI

struct ElbRuleDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a listener rule.")

    @Argument(help: "Rule ARN.")
    var rule: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(ElbRuleDelete(rule: rule), clientToken: mutation.clientToken, table: ElbView.rule)
    }
}
