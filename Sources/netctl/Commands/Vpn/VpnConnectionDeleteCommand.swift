import ArgumentParser
import NetctlAPI

struct VpnConnectionDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a VPN connection; its routes are withdrawn and its hub attachment goes.")

    @Argument(help: "VPN connection ID (vpn-…) or name.")
    var vpnConnection: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            VpnConnectionDelete(vpnConnection: vpnConnection), clientToken: mutation.clientToken
        ) { "\($0.vpnConnectionId) \($0.state)" }
    }
}
