import ArgumentParser
import NetctlAPI

struct EndpointListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List VPC endpoints, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's endpoints (ID or name).", valueName: "vpc"))
    var vpc: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(EndpointList(vpc: vpc, maxResults: page.maxResults, nextToken: page.nextToken)) {
            EndpointView.table($0.endpoints) + Output.nextPage($0.nextToken)
        }
    }
}
