import ArgumentParser
import NetctlAPI

struct NaclEntryDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete the entry with this rule number and direction.")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @Flag(help: "The entry's direction.")
    var direction: NaclDirection

    @Option(help: ArgumentHelp("Rule number, 1 to 32766.", valueName: "n"))
    var rule: Int

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkAclDeleteEntry(networkAcl: networkAcl, ruleNumber: rule, egress: direction == .egress),
            clientToken: mutation.clientToken, table: NaclView.details)
    }
}
