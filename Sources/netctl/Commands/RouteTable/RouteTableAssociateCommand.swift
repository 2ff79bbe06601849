import ArgumentParser
import NetctlAPI

struct RouteTableAssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate", abstract: "Make a subnet route with this table instead of the main one.")

    @Argument(help: "Route table ID or name.")
    var routeTable: String

    @Option(help: ArgumentHelp("Subnet ID or name.", valueName: "subnet"))
    var subnet: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            RouteTableAssociate(routeTable: routeTable, subnet: subnet), clientToken: mutation.clientToken
        ) { "associated \($0.subnetId) (\($0.associationId))" }
    }
}
