import ArgumentParser
import NetctlAPI

struct DxGatewayListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List Direct Connect gateways, optionally those associated with one gateway.")

    @Option(name: .customLong("vpn-gateway"), help: ArgumentHelp("Only those associated with this VGW.", valueName: "vgw"))
    var vpnGateway: String?

    @Option(name: .customLong("transit-gateway"), help: ArgumentHelp("Only those associated with this hub.", valueName: "tgw"))
    var transitGateway: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = DxGatewayList(
            vpnGateway: vpnGateway, transitGateway: transitGateway, maxResults: page.maxResults,
            nextToken: page.nextToken)
        try await Runner(global: global).run(request) { DxView.gateways($0.dxGateways) + Output.nextPage($0.nextToken) }
    }
}
