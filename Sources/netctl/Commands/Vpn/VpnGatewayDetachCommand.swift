import ArgumentParser
import NetctlAPI

struct VpnGatewayDetachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detach", abstract: "Detach a virtual private gateway from its VPC; its propagation there ends.")

    @OptionGroup var arguments: VpnGatewayVpcArguments

    func run() async throws {
        try await arguments.send { VpnGatewayDetach(vpnGateway: $0, vpc: $1) }
    }
}
