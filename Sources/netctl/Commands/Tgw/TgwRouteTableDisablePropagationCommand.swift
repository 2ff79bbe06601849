import ArgumentParser
import NetctlAPI

struct TgwRouteTableDisablePropagationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-propagation", abstract: "Stop an attachment's propagation into the table.",
        discussion: "Example: netctl tgw route-table disable-propagation tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableDisablePropagation(routeTable: routeTable, attachment: attachment), clientToken: mutation.clientToken,
            table: TgwView.routeTable)
    }
}
