import ArgumentParser
import NetctlAPI

struct RouteDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a route by its destination.")

    @Argument(help: "Route table ID or name (or use --vpc for the main route table).")
    var routeTable: String?

    @OptionGroup var table: MainTableOption

    @Option(help: ArgumentHelp("Destination IPv4 CIDR block of the route.", valueName: "cidr"))
    var destination: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws { try table.validate(routeTable) }

    func run() async throws {
        try await Runner(global: global).run(
            RouteDelete(routeTable: try await table.resolve(routeTable, global), destinationCidrBlock: destination), clientToken: mutation.clientToken,
            table: RouteTableView.details)
    }
}
