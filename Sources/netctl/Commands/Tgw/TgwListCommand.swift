import ArgumentParser
import NetctlAPI

struct TgwListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List transit gateways.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = TransitGatewayList(maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { TgwView.table($0.transitGateways) + Output.nextPage($0.nextToken) }
    }
}
