import ArgumentParser
import NetctlAPI

struct DxGatewaySetOnPremCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-onprem",
        abstract: "Replace the on-premises CIDRs a Direct Connect gateway's virtual interfaces advertise.",
        discussion: """
            At most 100, AWS's limit per BGP session; none withdraws every route. Associated VGWs and hubs learn
            the new set at once.
            Example: netctl dx gateway set-onprem dc 172.16.0.0/12 192.168.0.0/16
            """)

    @Argument(help: "Direct Connect gateway ID or name.")
    var dxGateway: String

    @Argument(help: "The on-premises CIDRs.")
    var onPremisesCidrs: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = DxGatewaySetOnPremisesCidrs(dxGateway: dxGateway, onPremisesCidrs: onPremisesCidrs)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: DxView.gateway)
    }
}
