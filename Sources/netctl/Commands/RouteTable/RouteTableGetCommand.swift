import ArgumentParser
import NetctlAPI

struct RouteTableGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a route table and its routes.")

    @Argument(help: "Route table ID or name.")
    var routeTable: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(RouteTableGet(routeTable: routeTable), table: RouteTableView.details)
    }
}
