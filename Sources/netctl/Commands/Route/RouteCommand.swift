import ArgumentParser
import NetctlAPI

struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Add and remove routes in a route table.",
        subcommands: [RouteCreateCommand.self, RouteDeleteCommand.self])
}

/// `--vpc VPC`: the VPC's main route table, for commands that otherwise take a route table.
struct MainTableOption: ParsableArguments {
    @Option(help: ArgumentHelp("Use this VPC's main route table (ID or name).", valueName: "vpc"))
    var vpc: String?

    func validate(_ routeTable: String?) throws {
        guard (routeTable == nil) != (vpc == nil) else {
            throw ValidationError("name a route table, or its VPC with --vpc for the main route table (not both)")
        }
    }

    func resolve(_ routeTable: String?, _ global: GlobalOptions) async throws -> String {
        if let routeTable { return routeTable }
        let vpc = try await Runner(global: global).call(VpcGet(vpc: vpc ?? ""))
        guard let main = vpc["mainRouteTableId"]?.stringValue else {
            throw CLIFailure(status: ExitStatus.refused, message: "error: netctld did not report a main route table")
        }
        return main
    }
}
