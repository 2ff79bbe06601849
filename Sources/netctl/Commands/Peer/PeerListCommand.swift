import ArgumentParser
import NetctlAPI

struct PeerListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List peerings either side of which is yours.")

    @Option(help: ArgumentHelp("Only this VPC's peerings (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(help: ArgumentHelp("Only peerings in this status (e.g. active, pending-acceptance).", valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("Only peerings where either side is this account.", valueName: "id"))
    var account: String?

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = PeeringList(
            vpc: vpc, status: status, account: account, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { PeeringView.table($0.peerings) + Output.nextPage($0.nextToken) }
    }
}
