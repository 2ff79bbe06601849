import ArgumentParser
import NetctlAPI

struct EniCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a network interface of your own in a subnet.",
        discussion: "Example: netctl eni create --subnet private --private-ip 10.0.2.50 --group db-sg")

    @Option(help: ArgumentHelp("Subnet ID or name.", valueName: "subnet"))
    var subnet: String

    @Option(name: .customLong("private-ip"), help: ArgumentHelp("A fixed address in the subnet (default: its next free one).", valueName: "address"))
    var privateIpAddress: String?

    @Option(name: .customLong("group"), help: ArgumentHelp("A security group of the VPC (repeatable; default: the VPC's default group).", valueName: "group"))
    var groups: [String] = []

    @Option(help: ArgumentHelp("A description.", valueName: "text"))
    var description: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = NetworkInterfaceCreate(
            subnet: subnet, privateIpAddress: privateIpAddress, groups: groups.isEmpty ? nil : groups,
            description: description, tags: try parseTags(tags))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: EniView.details)
    }
}
