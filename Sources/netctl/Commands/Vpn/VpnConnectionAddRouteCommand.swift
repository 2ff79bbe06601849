import ArgumentParser
import NetctlAPI

struct VpnConnectionAddRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-route", abstract: "Add a static route to the on-premises network (static connections on a VGW).",
        discussion: "Example: netctl vpn connection add-route office-vpn 192.168.0.0/16")

    @OptionGroup var arguments: VpnConnectionRouteArguments

    func run() async throws {
        try await arguments.send { VpnConnectionCreateRoute(vpnConnection: $0, destinationCidrBlock: $1) }
    }
}
