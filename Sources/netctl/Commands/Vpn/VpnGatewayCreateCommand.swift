import ArgumentParser
import NetctlAPI

struct VpnGatewayCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a virtual private gateway (pending for a few seconds, then available).",
        discussion: "Example: netctl vpn gateway create vgw-a --asn 64512")

    @Argument(help: "The gateway's name (its Name tag).")
    var name: String?

    @Option(name: .customLong("asn"), help: ArgumentHelp("Amazon-side ASN (default 64512).", valueName: "asn"))
    var amazonSideAsn: Int64?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = VpnGatewayCreate(amazonSideAsn: amazonSideAsn, name: name)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: VpnView.gateway)
    }
}
