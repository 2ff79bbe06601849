import ArgumentParser
import NetctlAPI

struct PrefixListListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The region's prefix lists and their CIDRs.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(PrefixListList()) { response in
            Output.table(
                ["PREFIX LIST ID", "NAME", "CIDRS"],
                response.prefixLists.map { [$0.prefixListId, $0.prefixListName, $0.cidrs.joined(separator: ", ")] })
        }
    }
}
