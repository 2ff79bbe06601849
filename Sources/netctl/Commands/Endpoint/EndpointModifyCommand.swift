import ArgumentParser
import NetctlAPI

struct EndpointModifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify", abstract: "Add or remove route tables or subnets of an endpoint, or replace its policy.")

    @Argument(help: "Endpoint ID (vpce-…) or name.")
    var endpoint: String

    @Option(name: .customLong("add-route-table"), help: ArgumentHelp("Gateway: route this table through it (repeatable).", valueName: "rtb"))
    var addRouteTables: [String] = []

    @Option(name: .customLong("remove-route-table"), help: ArgumentHelp("Gateway: remove its route from this table (repeatable).", valueName: "rtb"))
    var removeRouteTables: [String] = []

    @Option(name: .customLong("add-subnet"), help: ArgumentHelp("Interface: add an interface in this subnet (repeatable).", valueName: "subnet"))
    var addSubnets: [String] = []

    @Option(name: .customLong("remove-subnet"), help: ArgumentHelp("Interface: remove its interface from this subnet (repeatable).", valueName: "subnet"))
    var removeSubnets: [String] = []

    @Option(help: ArgumentHelp("A new policy document as JSON text.", valueName: "json"))
    var policy: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !(addRouteTables + removeRouteTables + addSubnets + removeSubnets).isEmpty || policy != nil else {
            throw ValidationError("nothing to change: pass --add-route-table, --remove-route-table, --add-subnet, --remove-subnet or --policy")
        }
    }

    func run() async throws {
        func nonEmpty(_ list: [String]) -> [String]? { list.isEmpty ? nil : list }
        let request = EndpointModify(
            endpoint: endpoint, addRouteTables: nonEmpty(addRouteTables), removeRouteTables: nonEmpty(removeRouteTables),
            addSubnets: nonEmpty(addSubnets), removeSubnets: nonEmpty(removeSubnets), policy: policy)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: EndpointView.details)
    }
}
