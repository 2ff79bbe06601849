import ArgumentParser
import NetctlAPI

struct VpcAssociateCidrCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate-cidr", abstract: "Add a secondary IPv4 CIDR block to a VPC.")

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @Option(help: ArgumentHelp("The block to add, e.g. 10.1.0.0/16.", valueName: "cidr"))
    var cidr: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            VpcAssociateCidr(vpc: vpc, cidrBlock: cidr), clientToken: mutation.clientToken, table: VpcView.details)
    }
}
