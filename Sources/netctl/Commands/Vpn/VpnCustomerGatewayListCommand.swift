import ArgumentParser
import NetctlAPI

struct VpnCustomerGatewayListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List customer gateways.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = VpnCustomerGatewayList(maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            VpnView.customerGateways($0.customerGateways) + Output.nextPage($0.nextToken)
        }
    }
}
