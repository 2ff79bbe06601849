import ArgumentParser
import NetctlAPI

struct TgwRouteTableEnablePropagationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-propagation", abstract: "Propagate an attachment's VPC CIDRs into the table.",
        discussion: "Example: netctl tgw route-table enable-propagation tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Argument(help: "Attachment ID (tgw-attach-…) or name.")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRouteTableEnablePropagation(routeTable: routeTable, attachment: attachment), clientToken: mutation.clientToken,
            table: TgwView.routeTable)
    }
}
