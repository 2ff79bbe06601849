import ArgumentParser
import NetctlAPI

struct EniSetGroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-groups", abstract: "Replace a network interface's security groups.",
        discussion: "Example: netctl eni set-groups eni-0123456789abcdef0 --group web-sg --group ssh-sg")

    @Argument(help: "Network interface ID (eni-…).")
    var networkInterface: String

    @Option(name: .customLong("group"), help: ArgumentHelp("A security group of the interface's VPC (repeatable, at least one).", valueName: "group"))
    var groups: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = NetworkInterfaceModifySecurityGroups(networkInterface: networkInterface, groups: groups)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: EniView.details)
    }
}
