import ArgumentParser
import NetctlAPI

struct NaclEntryAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an entry to one direction of a network ACL.")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @OptionGroup var entry: NaclEntryOptions
    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkAclCreateEntry(try entry.entry(of: networkAcl)), clientToken: mutation.clientToken,
            table: NaclView.details)
    }
}
