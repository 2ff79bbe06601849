import ArgumentParser
import NetctlAPI

struct VpnConnectionCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a VPN connection from a customer gateway to a virtual private gateway or a transit gateway.",
        discussion: """
            The two tunnels start UP. With BGP (the default) the --advertise CIDRs are learned while a tunnel is up;
            with --static-routes-only the routes come from `netctl vpn connection add-route` (or, on a hub, from
            the hub's route table).
            Example: netctl vpn connection create office --vpn-gateway vgw-a --advertise 192.168.0.0/16
            """)

    @Argument(help: "Customer gateway ID (cgw-…) or name.")
    var customerGateway: String

    @Option(name: .customLong("vpn-gateway"), help: ArgumentHelp("Virtual private gateway (vgw-… or name).", valueName: "vgw"))
    var vpnGateway: String?

    @Option(name: .customLong("transit-gateway"), help: ArgumentHelp("Transit gateway (tgw-… or name).", valueName: "tgw"))
    var transitGateway: String?

    @Option(name: .customLong("advertise"), help: ArgumentHelp("An on-premises CIDR the customer gateway advertises (repeat).", valueName: "cidr"))
    var advertisedCidrs: [String] = []

    @Flag(name: .customLong("static-routes-only"), help: "Static routing instead of BGP.")
    var staticRoutesOnly = false

    @Option(help: ArgumentHelp("The connection's Name tag.", valueName: "name"))
    var name: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (vpnGateway == nil) != (transitGateway == nil) else {
            throw ValidationError("pass exactly one of --vpn-gateway and --transit-gateway")
        }
    }

    func run() async throws {
        let request = VpnConnectionCreate(
            customerGateway: customerGateway, vpnGateway: vpnGateway, transitGateway: transitGateway,
            staticRoutesOnly: staticRoutesOnly, advertisedCidrs: advertisedCidrs, name: name)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: VpnView.connection)
    }
}
