import ArgumentParser
import NetctlAPI

struct ElbTargetsDeregisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deregister", abstract: "Deregister targets: they drain for the deregistration delay, then leave.")

    @Argument(help: "Target group ARN or name.")
    var targetGroup: String

    @Argument(help: "Targets: ID or ID:PORT.")
    var targets: [String]

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbTargetsDeregister(targetGroup: targetGroup, targets: targets.map(ElbTargetArgument.parse))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.health)
    }
}
