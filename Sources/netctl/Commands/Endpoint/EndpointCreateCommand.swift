import ArgumentParser
import NetctlAPI

struct EndpointCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a gateway endpoint (route tables) or an interface endpoint (subnets).",
        discussion: """
            Examples:
              netctl endpoint create --vpc a --service s3 --type gateway --route-table private
              netctl endpoint create --vpc a --service ssm --type interface --subnet app-a --subnet app-b
            Short service names (s3, ssm, ecr.api) expand to com.amazonaws.REGION.NAME; see `netctl endpoint services`.
            Private DNS (on by default for interface endpoints) needs DNS hostnames on the VPC: \
            `netctl vpc modify a --dns-hostnames true`.
            """)

    @Argument(help: "Name of the endpoint (its Name tag).")
    var name: String?

    @Option(help: ArgumentHelp("VPC ID or name.", valueName: "vpc"))
    var vpc: String

    @Option(help: ArgumentHelp("Service: a short name (s3) or com.amazonaws.REGION.NAME.", valueName: "service"))
    var service: String

    @Option(help: ArgumentHelp("gateway or interface (default: gateway for S3 and DynamoDB).", valueName: "type"))
    var type: String?

    @Option(name: .customLong("route-table"), help: ArgumentHelp("Gateway: a route table to route through it (repeatable).", valueName: "rtb"))
    var routeTables: [String] = []

    @Option(name: .customLong("subnet"), help: ArgumentHelp("Interface: a subnet for an interface, one per zone (repeatable).", valueName: "subnet"))
    var subnets: [String] = []

    @Option(name: .customLong("security-group"), help: ArgumentHelp("Interface: a security group of the VPC, by ID or name (repeatable; default: the VPC's default group).", valueName: "sg"))
    var securityGroups: [String] = []

    @Flag(name: .customLong("no-private-dns"), help: "Interface: do not resolve the service's name to the endpoint.")
    var noPrivateDns = false

    @Option(help: ArgumentHelp("Policy document as JSON text (default: full access).", valueName: "json"))
    var policy: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var tags = try parseTags(tags)
        if let name { tags = (tags ?? [:]).merging(["Name": name]) { _, new in new } }
        let request = EndpointCreate(
            vpc: vpc, service: service, type: type, routeTables: routeTables.isEmpty ? nil : routeTables,
            subnets: subnets.isEmpty ? nil : subnets, securityGroups: securityGroups.isEmpty ? nil : securityGroups,
            privateDnsEnabled: noPrivateDns ? false : nil, policy: policy, tags: tags)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: EndpointView.details)
    }
}
