import ArgumentParser
import NetctlAPI

struct NaclListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List network ACLs, optionally of one VPC.")

    @Option(help: ArgumentHelp("Only this VPC's ACLs (ID or name).", valueName: "vpc"))
    var vpc: String?

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkAclList(vpc: vpc, maxResults: page.maxResults, nextToken: page.nextToken)
        ) { NaclView.table($0.networkAcls) + Output.nextPage($0.nextToken) }
    }
}
