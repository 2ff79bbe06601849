import ArgumentParser
import NetctlAPI

struct VpnTunnelSetStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-state", abstract: "Take a tunnel DOWN or bring it UP; with both DOWN, BGP routes are withdrawn.",
        discussion: "Example: netctl vpn tunnel set-state office-vpn 0 DOWN")

    @Argument(help: "VPN connection ID (vpn-…) or name.")
    var vpnConnection: String

    @Argument(help: "The tunnel: 0 or 1.")
    var tunnel: Int

    @Argument(help: "UP or DOWN.")
    var state: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard tunnel == 0 || tunnel == 1 else { throw ValidationError("the tunnel is 0 or 1") }
        guard ["UP", "DOWN"].contains(state.uppercased()) else { throw ValidationError("the state is UP or DOWN") }
    }

    func run() async throws {
        let request = VpnTunnelSetState(vpnConnection: vpnConnection, tunnel: tunnel, state: state.uppercased())
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: VpnView.connection)
    }
}
