import ArgumentParser
import NetctlAPI

struct NaclDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a custom network ACL that no subnet uses.")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkAclDelete(networkAcl: networkAcl), clientToken: mutation.clientToken
        ) {
            "deleted \($0.networkAclId)"
        }
    }
}
