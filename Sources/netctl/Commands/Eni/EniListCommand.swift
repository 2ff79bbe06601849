import ArgumentParser
import NetctlAPI

struct EniListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List network interfaces, optionally of one VPC or subnet.")

    @Option(help: ArgumentHelp("Only this VPC's interfaces (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(help: ArgumentHelp("Only this subnet's interfaces (ID or name).", valueName: "subnet"))
    var subnet: String?

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = NetworkInterfaceList(
            vpc: vpc, subnet: subnet, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { EniView.table($0.networkInterfaces) + Output.nextPage($0.nextToken) }
    }
}
