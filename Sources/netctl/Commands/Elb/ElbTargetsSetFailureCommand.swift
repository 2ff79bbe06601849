import ArgumentParser
import NetctlAPI

struct ElbTargetsSetFailureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-failure",
        abstract: "Make a target fail its health checks (Target.ResponseCodeMismatch), or pass again with --clear.")

    @Argument(help: "Target group ARN or name.")
    var targetGroup: String

    @Argument(help: "The target: ID or ID:PORT.")
    var target: String

    @Flag(name: .customLong("clear"), help: "Stop failing the checks.")
    var clear = false

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbTargetsSetFailure(
            targetGroup: targetGroup, target: ElbTargetArgument.parse(target), failing: !clear)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.health)
    }
}
