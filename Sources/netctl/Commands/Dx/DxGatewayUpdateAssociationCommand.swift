import ArgumentParser
import NetctlAPI

struct DxGatewayUpdateAssociationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-association",
        abstract: "Replace the allowed prefixes of a Direct Connect gateway's association.",
        discussion: "Example: netctl dx gateway update-association dc --vpn-gateway vgw-a --allowed-prefix 10.0.0.0/15")

    @OptionGroup var target: DxAssociatedGatewayOptions

    @Option(name: .customLong("association"), help: ArgumentHelp("The association's ID.", valueName: "id"))
    var associationId: String?

    @Option(name: .customLong("allowed-prefix"), help: ArgumentHelp("An allowed prefix (repeat).", valueName: "cidr"))
    var allowedPrefixes: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard [target.vpnGateway, target.transitGateway, associationId].compactMap({ $0 }).count == 1 else {
            throw ValidationError("pass exactly one of --vpn-gateway, --transit-gateway and --association")
        }
        guard !allowedPrefixes.isEmpty else { throw ValidationError("pass at least one --allowed-prefix") }
    }

    func run() async throws {
        let request = DxGatewayUpdateAssociation(
            dxGateway: target.dxGateway, vpnGateway: target.vpnGateway, transitGateway: target.transitGateway,
            associationId: associationId, allowedPrefixes: allowedPrefixes)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: DxView.gateway)
    }
}
