import ArgumentParser
import NetctlAPI

struct TgwRouteTableDisablePropagationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-propagation", abstract: "Stop an attachment's propagation into the table.",
        discussion: "Example: netctl tgw route-table disable-propagation tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @OptionGroup var arguments: TgwTableAttachmentArguments

    func run() async throws { try await arguments.send(TransitGatewayRouteTableDisablePropagation.init) }
}
