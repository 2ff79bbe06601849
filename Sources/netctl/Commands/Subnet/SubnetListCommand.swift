import ArgumentParser
import NetctlAPI

struct SubnetListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List subnets, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's subnets (ID or name).", valueName: "vpc"))
    var vpc: String?

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SubnetList(vpc: vpc, maxResults: page.maxResults, nextToken: page.nextToken)) {
            SubnetView.table($0.subnets) + Output.nextPage($0.nextToken)
        }
    }
}
