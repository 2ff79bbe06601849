import ArgumentParser
import NetctlAPI

struct NaclEntryReplaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace", abstract: "Replace the entry with this rule number and direction.")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @OptionGroup var entry: NaclEntryOptions
    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            try entry.entry(of: networkAcl), clientToken: mutation.clientToken, table: NaclView.details)
    }
}
