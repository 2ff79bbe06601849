import ArgumentParser
import NetctlAPI

struct TgwRouteTableAssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate", abstract: "Associate an attachment with the table (an attachment has at most one).",
        discussion: "Example: netctl tgw route-table associate tgw-rtb-0123456789abcdef0 tgw-attach-0123456789abcdef0")

    @OptionGroup var arguments: TgwTableAttachmentArguments

    func run() async throws { try await arguments.send(TransitGatewayRouteTableAssociate.init) }
}
