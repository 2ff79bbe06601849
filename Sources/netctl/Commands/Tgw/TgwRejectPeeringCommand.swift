import ArgumentParser
import NetctlAPI

struct TgwRejectPeeringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject-peering", abstract: "Reject a peering attachment waiting for your hub.",
        discussion: "Example: netctl tgw reject-peering tgw-attach-0123456789abcdef0")

    @Argument(help: "The peering attachment's ID (tgw-attach-…).")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayRejectPeering(attachment: attachment), clientToken: mutation.clientToken, table: TgwView.attachment)
    }
}
