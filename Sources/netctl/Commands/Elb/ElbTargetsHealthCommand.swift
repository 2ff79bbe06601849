import ArgumentParser
import NetctlAPI

struct ElbTargetsHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Show the health of a target group's targets, with the reason when not healthy.")

    @Argument(help: "Target group ARN or name.")
    var targetGroup: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(ElbTargetsHealth(targetGroup: targetGroup), table: ElbView.health)
    }
}
