import ArgumentParser
import NetctlAPI

struct TgwAttachPeeringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach-peering",
        abstract: "Request a peering attachment from a hub to another hub, which its owner then accepts.",
        discussion: """
            Examples:
              netctl tgw attach-peering east tgw-0123456789abcdef0 --peer-region us-west-2
              netctl tgw attach-peering east tgw-0123456789abcdef0 --peer-region us-east-1 --peer-account 444455556666
            """)

    @Argument(help: "The requester transit gateway: ID (tgw-…) or name.")
    var tgw: String

    @Argument(help: "The accepter transit gateway's ID (tgw-…).")
    var peerTransitGateway: String

    @Option(help: ArgumentHelp("The accepter hub's region.", valueName: "region"))
    var peerRegion: String

    @Option(name: .customLong("peer-account"), help: ArgumentHelp("The accepter hub's account (default: yours).", valueName: "account"))
    var peerAccountId: String?

    @Option(help: ArgumentHelp("The attachment's Name tag.", valueName: "name"))
    var name: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = TransitGatewayAttachPeering(
            tgw: tgw, peerTransitGateway: peerTransitGateway, peerRegion: peerRegion, peerAccountId: peerAccountId, name: name)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: TgwView.attachment)
    }
}
