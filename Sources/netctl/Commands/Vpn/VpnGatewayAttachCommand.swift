import ArgumentParser
import NetctlAPI

struct VpnGatewayAttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach a virtual private gateway to a VPC (one gateway per VPC).",
        discussion: "Example: netctl vpn gateway attach vgw-a a")

    @OptionGroup var arguments: VpnGatewayVpcArguments

    func run() async throws {
        try await arguments.send { VpnGatewayAttach(vpnGateway: $0, vpc: $1) }
    }
}
