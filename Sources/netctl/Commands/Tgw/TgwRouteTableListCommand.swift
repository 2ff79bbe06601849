import ArgumentParser
import NetctlAPI

struct TgwRouteTableListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List hub route tables.")

    @Option(help: ArgumentHelp("Only this hub's tables (ID or name).", valueName: "tgw"))
    var tgw: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = TransitGatewayRouteTableList(tgw: tgw, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            TgwView.routeTables($0.routeTables) + Output.nextPage($0.nextToken)
        }
    }
}
