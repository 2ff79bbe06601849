import ArgumentParser
import NetctlAPI

struct RouteTableDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a custom route table with no associations.")

    @Argument(help: "Route table ID or name.")
    var routeTable: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(RouteTableDelete(routeTable: routeTable), clientToken: mutation.clientToken) {
            "deleted \($0.routeTableId)"
        }
    }
}
