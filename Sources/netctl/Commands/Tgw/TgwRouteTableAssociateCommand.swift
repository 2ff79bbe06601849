import ArgumentParser
import NetctlAPI

struct TgwRouteTableAssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate", abstract: "Associate an attachment with the table (an attachment has at most one).",
        discussion: "Example: netctl tgw route-table associate tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableAssociate(routeTable: routeTable, attachment: attachment), clientToken: mutation.clientToken,
            table: TgwView.routeTable)
    }
}
