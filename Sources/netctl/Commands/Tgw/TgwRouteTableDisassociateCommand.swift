import ArgumentParser
import NetctlAPI

struct TgwRouteTableDisassociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disassociate", abstract: "End an attachment's association with the table.",
        discussion: "Example: netctl tgw route-table disassociate tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableDisassociate(routeTable: routeTable, attachment: attachment), clientToken: mutation.clientToken,
            table: TgwView.routeTable)
    }
}
