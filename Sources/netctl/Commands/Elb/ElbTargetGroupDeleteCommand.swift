import ArgumentParser
import NetctlAPI

struct ElbTargetGroupDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a target group that no listener or rule forwards to.")

    @Argument(help: "Target group ARN or name.")
    var targetGroup: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            ElbTargetGroupDelete(targetGroup: targetGroup), clientToken: mutation.clientToken, table: ElbView.targetGroup)
    }
}
