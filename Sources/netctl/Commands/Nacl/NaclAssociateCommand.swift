import ArgumentParser
import NetctlAPI

struct NaclAssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate",
        abstract: "Move a subnet to this network ACL (the default ACL of its VPC to move it back).")

    @Argument(help: "Network ACL ID or name.")
    var networkAcl: String

    @Option(help: ArgumentHelp("Subnet ID or name.", valueName: "subnet"))
    var subnet: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            NetworkAclAssociate(networkAcl: networkAcl, subnet: subnet), clientToken: mutation.clientToken
        ) { "associated \(subnet) with \($0.networkAcl.networkAclId) (\($0.newAssociationId))" }
    }
}
