import ArgumentParser
import NetctlAPI

struct NaclGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show a network ACL, its entries and its subnets.")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(NetworkAclGet(networkAcl: networkAcl), table: NaclView.details)
    }
}
