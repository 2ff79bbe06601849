import ArgumentParser
import NetctlAPI

struct GatewayDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a detached internet gateway, or a NAT gateway.")

    @Argument(help: "Gateway ID (igw-… or nat-…) or name.")
    var gateway: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        try await GatewayKind.dispatch(gateway) {
            try await runner.run(GatewayDelete(gateway: gateway), clientToken: mutation.clientToken) {
                "deleted \($0.internetGatewayId)"
            }
        } nat: {
            try await runner.run(NatGatewayDelete(natGateway: gateway), clientToken: mutation.clientToken) {
                "deleted \($0.natGatewayId) (freed \($0.privateIpAddress))"
            }
        }
    }
}
