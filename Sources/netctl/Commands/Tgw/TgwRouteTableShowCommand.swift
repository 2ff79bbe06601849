import ArgumentParser
import NetctlAPI

struct TgwRouteTableShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a hub route table: associations, propagations, static routes.")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableGet(routeTable: routeTable), table: TgwView.routeTable)
    }
}
