import ArgumentParser
import NetctlAPI

struct VpnGatewayListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List virtual private gateways.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = VpnGatewayList(maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { VpnView.gateways($0.vpnGateways) + Output.nextPage($0.nextToken) }
    }
}
