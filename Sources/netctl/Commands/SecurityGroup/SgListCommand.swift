import ArgumentParser
import NetctlAPI

struct SgListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List security groups, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's groups (ID or name).", valueName: "vpc"))
    var vpc: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = SecurityGroupList(vpc: vpc, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { SgView.table($0.securityGroups) + Output.nextPage($0.nextToken) }
    }
}
