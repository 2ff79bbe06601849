import ArgumentParser
import NetctlAPI

struct TgwRouteDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Remove a static route from a hub route table.")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Argument(help: "The route's destination CIDR block.")
    var destination: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteDelete(routeTable: routeTable, destinationCidrBlock: destination),
            clientToken: mutation.clientToken, table: TgwView.routeTable)
    }
}
