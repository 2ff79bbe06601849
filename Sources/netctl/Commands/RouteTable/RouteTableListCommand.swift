import ArgumentParser
import NetctlAPI

struct RouteTableListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List route tables, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's tables (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(name: .customLong("max-results"), help: "Page size (5 to 100).")
    var maxResults: Int?

    @Option(name: .customLong("next-token"), help: "Continue from a previous page.")
    var nextToken: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(RouteTableList(vpc: vpc, maxResults: maxResults, nextToken: nextToken)) {
            RouteTableView.table($0.routeTables) + Output.nextPage($0.nextToken)
        }
    }
}
