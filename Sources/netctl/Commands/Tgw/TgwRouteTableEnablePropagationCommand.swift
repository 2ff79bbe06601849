import ArgumentParser
import NetctlAPI

struct TgwRouteTableEnablePropagationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-propagation", abstract: "Propagate an attachment's VPC CIDRs into the table.",
        discussion: "Example: netctl tgw route-table enable-propagation tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @OptionGroup var arguments: TgwTableAttachmentArguments

    func run() async throws { try await arguments.send(TransitGatewayRouteTableEnablePropagation.init) }
}
