import ArgumentParser
import NetctlAPI

struct InstanceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List instances, optionally of one VPC or subnet.")

    @Option(help: ArgumentHelp("Only this VPC's instances (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(help: ArgumentHelp("Only this subnet's instances (ID or name).", valueName: "subnet"))
    var subnet: String?

    @Option(help: ArgumentHelp("Only instances in this state (pending, running, stopping, stopped, shutting-down, terminated).", valueName: "state"))
    var state: String?

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let filters = state.map { [Filter(name: "instance-state-name", values: [$0])] }
        let request = InstanceList(
            vpc: vpc, subnet: subnet, filters: filters, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { InstanceView.table($0.instances) + Output.nextPage($0.nextToken) }
    }
}
