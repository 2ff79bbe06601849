import ArgumentParser
import NetctlAPI

struct ElbTargetsRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Register targets (instance IDs or addresses, each ID or ID:PORT).",
        discussion: "Example: netctl elb targets register users 10.0.1.20 10.0.2.20:8081")

    @Argument(help: "Target group ARN or name.")
    var targetGroup: String

    @Argument(help: "Targets: ID or ID:PORT.")
    var targets: [String]

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbTargetsRegister(targetGroup: targetGroup, targets: targets.map(ElbTargetArgument.parse))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.health)
    }
}
