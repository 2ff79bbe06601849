import ArgumentParser
import NetctlAPI

struct RouteTableEnablePropagationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-propagation",
        abstract: "Propagate the routes a virtual private gateway learns into the table.",
        discussion: "Example: netctl route-table enable-propagation private vgw-a")

    @OptionGroup var arguments: RouteTableVpnGatewayArguments

    func run() async throws {
        try await arguments.send { RouteTableEnablePropagation(routeTable: $0, vpnGateway: $1) }
    }
}
