import ArgumentParser
import NetctlAPI

struct RouteTableDisassociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disassociate", abstract: "Return a subnet to its VPC's main route table.")

    @Option(help: ArgumentHelp("Subnet ID or name.", valueName: "subnet"))
    var subnet: String?

    @Option(name: .customLong("association-id"), help: ArgumentHelp("The association (rtbassoc-…).", valueName: "id"))
    var associationId: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (subnet == nil) != (associationId == nil) else {
            throw ValidationError("pass exactly one of --subnet and --association-id")
        }
    }

    func run() async throws {
        try await Runner(global: global).run(
            RouteTableDisassociate(associationId: associationId, subnet: subnet), clientToken: mutation.clientToken,
            table: RouteTableView.details)
    }
}
