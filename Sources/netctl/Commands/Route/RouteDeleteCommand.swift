import ArgumentParser
import NetctlAPI

struct RouteDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a route by its destination.")

    @Argument(help: "Route table ID or name.")
    var routeTable: String

    @Option(help: ArgumentHelp("Destination IPv4 CIDR block of the route.", valueName: "cidr"))
    var destination: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            RouteDelete(routeTable: routeTable, destinationCidrBlock: destination), clientToken: mutation.clientToken,
            table: RouteTableView.details)
    }
}
