import ArgumentParser
import NetctlAPI

struct DxGatewayCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a Direct Connect gateway (pending for a few seconds, then available).",
        discussion: """
            --onprem names an on-premises network its virtual interfaces would advertise over BGP (at most 100).
            Example: netctl dx gateway create dc --onprem 172.16.0.0/12
            """)

    @Argument(help: "The gateway's name.")
    var name: String

    @Option(name: .customLong("asn"), help: ArgumentHelp("Amazon-side ASN (default 64512).", valueName: "asn"))
    var amazonSideAsn: Int64?

    @Option(name: .customLong("onprem"), help: ArgumentHelp("An on-premises CIDR behind the gateway (repeat).", valueName: "cidr"))
    var onPremisesCidrs: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = DxGatewayCreate(name: name, amazonSideAsn: amazonSideAsn, onPremisesCidrs: onPremisesCidrs)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: DxView.gateway)
    }
}
