import ArgumentParser
import NetctlAPI

struct VpnGatewayShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one virtual private gateway.")

    @Argument(help: "Virtual private gateway ID (vgw-…) or name.")
    var vpnGateway: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(VpnGatewayGet(vpnGateway: vpnGateway), table: VpnView.gateway)
    }
}
