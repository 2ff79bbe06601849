import ArgumentParser
import NetctlAPI

struct RouteCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Add a route: a destination and exactly one target.",
        discussion: """
            The route table is named by ID or name, or as --vpc VPC for that VPC's main route table.
            Examples:
              netctl route create public --destination 0.0.0.0/0 --gateway gw
              netctl route create --vpc a --destination 10.1.0.0/16 --peering a-b
            """)

    @Argument(help: "Route table ID or name (or use --vpc for the main route table).")
    var routeTable: String?

    @OptionGroup var table: MainTableOption

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

    @Option(name: .customLong("transit-gateway"), help: ArgumentHelp("Target: a transit gateway the VPC is attached to (tgw-… or name).", valueName: "tgw"))
    var transitGateway: String?

    @Option(name: .customLong("vpn-gateway"), help: ArgumentHelp("Target: a virtual private gateway attached to the VPC (vgw-… or name).", valueName: "vgw"))
    var vpnGateway: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try table.validate(routeTable)
        let targets = [peering, gateway, natGateway, endpoint, transitGateway, vpnGateway].compactMap { $0 }
        guard targets.count == 1 else {
            throw ValidationError("pass exactly one target: --peering, --gateway, --nat-gateway, --endpoint, --transit-gateway or --vpn-gateway")
        }
    }

    func run() async throws {
        let request = RouteCreate(
            routeTable: try await table.resolve(routeTable, global), destinationCidrBlock: destination, peering: peering, gateway: gateway,
            natGateway: natGateway, endpoint: endpoint, transitGateway: transitGateway,
            vpnGateway: vpnGateway)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: RouteTableView.details)
    }
}
