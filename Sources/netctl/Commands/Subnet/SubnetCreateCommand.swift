import ArgumentParser
import NetctlAPI

struct SubnetCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a subnet inside one of a VPC's CIDR blocks.",
        discussion: "Example: netctl subnet create --vpc a --cidr 10.0.1.0/24 --az us-east-1a")

    @Argument(help: "Name of the subnet (its Name tag).")
    var name: String?

    @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
    var vpc: String

    @Option(help: ArgumentHelp("IPv4 CIDR block inside the VPC, /16 to /28.", valueName: "cidr"))
    var cidr: String

    @Option(name: .customLong("az"), help: ArgumentHelp("Availability zone (default: the region's first, e.g. us-east-1a).", valueName: "zone"))
    var availabilityZone: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = SubnetCreate(
            vpc: vpc, cidrBlock: cidr, availabilityZone: availabilityZone, name: name, tags: try parseTags(tags))
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: SubnetView.details)
    }
}
