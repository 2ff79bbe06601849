import ArgumentParser
import NetctlAPI

struct SubnetDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a subnet (refused while interfaces such as NAT gateways use it).")

    @Argument(help: "Subnet ID or name.")
    var subnet: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SubnetDelete(subnet: subnet), clientToken: mutation.clientToken) {
            "deleted \($0.subnetId)\($0.name.map { " (\($0))" } ?? "")"
        }
    }
}
