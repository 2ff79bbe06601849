import ArgumentParser
import NetctlAPI

struct TgwRouteTableCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a route table on a transit gateway.",
        discussion: "Example: netctl tgw route-table create hub --name isolated")

    @Argument(help: "Transit gateway ID (tgw-…) or name.")
    var tgw: String

    @Option(help: ArgumentHelp("The table's Name tag.", valueName: "name"))
    var name: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableCreate(tgw: tgw, name: name), clientToken: mutation.clientToken,
            table: TgwView.routeTable)
    }
}
