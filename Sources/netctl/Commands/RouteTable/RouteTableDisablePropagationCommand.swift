import ArgumentParser
import NetctlAPI

struct RouteTableDisablePropagationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-propagation",
        abstract: "Stop a virtual private gateway's propagation into the table; its routes leave.")

    @OptionGroup var arguments: RouteTableVpnGatewayArguments

    func run() async throws {
        try await arguments.send { RouteTableDisablePropagation(routeTable: $0, vpnGateway: $1) }
    }
}

/// The two arguments of the propagation commands, and their one call.
struct RouteTableVpnGatewayArguments: ParsableArguments {
    @Argument(help: "Route table ID or name.")
    var routeTable: String

    @Argument(help: "Virtual private gateway ID (vgw-…) or name.")
    var vpnGateway: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func send<M: RPCMethod>(_ make: (String, String) -> M) async throws where M.Response == RouteTable {
        try await Runner(global: global).run(
            make(routeTable, vpnGateway), clientToken: mutation.clientToken, table: RouteTableView.details)
    }
}
