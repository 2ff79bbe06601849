import ArgumentParser
import NetctlAPI

struct VpcListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List your VPCs in the region.")

    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp(
            "NAME=VALUE[,VALUE] (vpc-id, cidr, state, owner-id, tag-key, tag:KEY); repeatable.", valueName: "filter"))
    var filters: [String] = []

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let parsed = try filters.map { text -> Filter in
            guard let equals = text.firstIndex(of: "=") else { throw ValidationError("--filter '\(text)' must be NAME=VALUE") }
            return Filter(
                name: String(text[..<equals]),
                values: text[text.index(after: equals)...].split(separator: ",").map(String.init))
        }
        let request = VpcList(filters: parsed.isEmpty ? nil : parsed, maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) { VpcView.table($0.vpcs) + Output.nextPage($0.nextToken) }
    }
}
