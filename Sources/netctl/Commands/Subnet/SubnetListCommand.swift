import ArgumentParser
import NetctlAPI

struct SubnetListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List subnets, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's subnets (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(name: .customLong("max-results"), help: "Page size (5 to 1000).")
    var maxResults: Int?

    @Option(name: .customLong("next-token"), help: "Continue from a previous page.")
    var nextToken: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SubnetList(vpc: vpc, maxResults: maxResults, nextToken: nextToken)) {
            SubnetView.table($0.subnets) + Output.nextPage($0.nextToken)
        }
    }
}
