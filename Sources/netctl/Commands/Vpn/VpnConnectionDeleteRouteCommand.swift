import ArgumentParser
import NetctlAPI

struct VpnConnectionDeleteRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-route", abstract: "Remove a static route of a VPN connection.")

    @OptionGroup var arguments: VpnConnectionRouteArguments

    func run() async throws {
        try await arguments.send { VpnConnectionDeleteRoute(vpnConnection: $0, destinationCidrBlock: $1) }
    }
}
