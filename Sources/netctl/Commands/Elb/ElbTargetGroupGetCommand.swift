import ArgumentParser
import NetctlAPI

struct ElbTargetGroupGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one target group.")

    @Argument(help: "Target group ARN or name.")
    var targetGroup: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(ElbTargetGroupGet(targetGroup: targetGroup), table: ElbView.targetGroup)
    }
}
