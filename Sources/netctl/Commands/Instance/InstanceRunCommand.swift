import ArgumentParser
import NetctlAPI

struct InstanceRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Launch instances in a subnet (pending, then running on the daemon's clock).",
        discussion: "Example: netctl instance run web --subnet public --group web-sg --public-ip")

    @Argument(help: "Name of the instances (their Name tag).")
    var name: String?

    @Option(help: ArgumentHelp("Subnet ID or name.", valueName: "subnet"))
    var subnet: String

    @Option(name: .customLong("private-ip"), help: ArgumentHelp("A fixed private address in the subnet (one instance only).", valueName: "address"))
    var privateIpAddress: String?

    @Option(name: .customLong("group"), help: ArgumentHelp("A security group of the VPC (repeatable; default: the VPC's default group).", valueName: "group"))
    var groups: [String] = []

    @Flag(inversion: .prefixedNo, help: "Give the instances a public IPv4 address, or none (default: the subnet's mapPublicIpOnLaunch).")
    var publicIp: Bool?

    @Option(help: ArgumentHelp("How many instances to launch (default 1).", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("Any ami- image ID (echoed back; netctld runs no image).", valueName: "ami"))
    var image: String?

    @Option(name: .customLong("type"), help: ArgumentHelp("Any instance type (default t3.micro).", valueName: "type"))
    var instanceType: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = InstanceRun(
            subnet: subnet, name: name, privateIpAddress: privateIpAddress, securityGroups: groups.isEmpty ? nil : groups,
            associatePublicIpAddress: publicIp, count: count, imageId: image, instanceType: instanceType,
            tags: try parseTags(tags))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken) {
            InstanceView.table($0.instances)
        }
    }
}
