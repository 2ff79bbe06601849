import ArgumentParser
import NetctlAPI

struct RouteTableListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List route tables, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's tables (ID or name).", valueName: "vpc"))
    var vpc: String?

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(RouteTableList(vpc: vpc, maxResults: page.maxResults, nextToken: page.nextToken)) {
            RouteTableView.table($0.routeTables) + Output.nextPage($0.nextToken)
        }
    }
}
