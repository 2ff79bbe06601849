import ArgumentParser
import NetctlAPI

struct DxGatewayAssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate",
        abstract: "Associate a Direct Connect gateway with a virtual private gateway or a transit gateway.",
        discussion: """
            For a VGW the allowed prefixes filter which VPC CIDRs are advertised on-premises (a prefix equal to or
            wider than the VPC's CIDR); for a transit gateway they are what is advertised, and must not overlap
            another hub's on the same DX gateway.
            Example: netctl dx gateway associate dc --transit-gateway hub --allowed-prefix 10.0.0.0/8
            """)

    @OptionGroup var target: DxAssociatedGatewayOptions

    @Option(name: .customLong("allowed-prefix"), help: ArgumentHelp("An allowed prefix (repeat).", valueName: "cidr"))
    var allowedPrefixes: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (target.vpnGateway == nil) != (target.transitGateway == nil) else {
            throw ValidationError("pass exactly one of --vpn-gateway and --transit-gateway")
        }
        guard !allowedPrefixes.isEmpty else { throw ValidationError("pass at least one --allowed-prefix") }
    }

    func run() async throws {
        let request = DxGatewayAssociate(
            dxGateway: target.dxGateway, vpnGateway: target.vpnGateway, transitGateway: target.transitGateway,
            allowedPrefixes: allowedPrefixes)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: DxView.gateway)
    }
}
