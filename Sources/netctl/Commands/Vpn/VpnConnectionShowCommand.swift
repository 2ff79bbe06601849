import ArgumentParser
import NetctlAPI

struct VpnConnectionShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one VPN connection with its tunnels and routes.")

    @Argument(help: "VPN connection ID (vpn-…) or name.")
    var vpnConnection: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(VpnConnectionGet(vpnConnection: vpnConnection), table: VpnView.connection)
    }
}
