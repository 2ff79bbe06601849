import ArgumentParser
import NetctlAPI

struct TgwAcceptPeeringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept-peering",
        abstract: "Accept a peering attachment waiting for your hub (pending, then available).",
        discussion: "Example: netctl tgw accept-peering tgw-attach-0123456789abcdef0 --region us-west-2")

    @Argument(help: "The peering attachment's ID (tgw-attach-…).")
    var attachment: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            TransitGatewayAcceptPeering(attachment: attachment), clientToken: mutation.clientToken, table: TgwView.attachment)
    }
}
