import ArgumentParser
import NetctlAPI

struct RouteCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Add a route: a destination and exactly one target.",
        discussion: """
            Examples:
              netctl route create rtb-0123456789abcdef0 --destination 0.0.0.0/0 --gateway igw-0123456789abcdef0
              netctl route create main-a --destination 10.1.0.0/16 --peering pcx-0123456789abcdef0
            """)

    @Argument(help: "Route table ID or name.")
    var routeTable: String

    @Option(help: ArgumentHelp("Destination IPv4 CIDR block.", valueName: "cidr"))
    var destination: String

    @Option(help: ArgumentHelp("Target: a VPC peering connection (pcx-…).", valueName: "id"))
    var peering: String?

    @Option(help: ArgumentHelp("Target: an internet gateway (igw-…).", valueName: "id"))
    var gateway: String?

    @Option(name: .customLong("nat-gateway"), help: ArgumentHelp("Target: a NAT gateway (nat-…).", valueName: "id"))
    var natGateway: String?

    @Option(help: ArgumentHelp("Target: a VPC endpoint (vpce-…).", valueName: "id"))
    var endpoint: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let targets = [peering, gateway, natGateway, endpoint].compactMap { $0 }
        guard targets.count == 1 else {
            throw ValidationError("pass exactly one target: --peering, --gateway, --nat-gateway or --endpoint")
        }
    }

    func run() async throws {
        let request = RouteCreate(
            routeTable: routeTable, destinationCidrBlock: destination, peering: peering, gateway: gateway,
            natGateway: natGateway, endpoint: endpoint)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: RouteTableView.details)
    }
}
