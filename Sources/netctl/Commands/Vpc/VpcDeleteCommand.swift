import ArgumentParser
import NetctlAPI

struct VpcDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a VPC (refused while it has subnets, custom route tables, gateways or peerings).")

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(VpcDelete(vpc: vpc), clientToken: mutation.clientToken) {
            "deleted \($0.vpcId)\($0.name.map { " (\($0))" } ?? "")"
        }
    }
}
