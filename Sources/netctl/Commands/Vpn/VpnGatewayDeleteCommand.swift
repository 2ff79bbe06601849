import ArgumentParser
import NetctlAPI

struct VpnGatewayDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a detached virtual private gateway that no VPN connection uses.")

    @Argument(help: "Virtual private gateway ID (vgw-…) or name.")
    var vpnGateway: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(VpnGatewayDelete(vpnGateway: vpnGateway), clientToken: mutation.clientToken) {
            "\($0.vpnGatewayId) \($0.state)"
        }
    }
}
