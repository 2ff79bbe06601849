import ArgumentParser
import NetctlAPI

struct TgwRouteTableDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a hub route table with no associations or propagations.")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableDelete(routeTable: routeTable), clientToken: mutation.clientToken
        ) { "deleted \($0.routeTableId)" }
    }
}
