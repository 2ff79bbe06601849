import ArgumentParser
import NetctlAPI

struct TgwRouteTableDisassociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disassociate", abstract: "End an attachment's association with the table.",
        discussion: "Example: netctl tgw route-table disassociate tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @OptionGroup var arguments: TgwTableAttachmentArguments

    func run() async throws { try await arguments.send(TransitGatewayRouteTableDisassociate.init) }
}
