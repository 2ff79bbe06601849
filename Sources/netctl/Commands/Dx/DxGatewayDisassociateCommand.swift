import ArgumentParser
import NetctlAPI

struct DxGatewayDisassociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disassociate",
        abstract: "End an association of a Direct Connect gateway: its routes are withdrawn at once.",
        discussion: "Example: netctl dx gateway disassociate dc --vpn-gateway vgw-a")

    @OptionGroup var target: DxAssociatedGatewayOptions

    @Option(name: .customLong("association"), help: ArgumentHelp("The association's ID.", valueName: "id"))
    var associationId: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let given = [target.vpnGateway, target.transitGateway, associationId].compactMap { $0 }
        guard given.count == 1 else {
            throw ValidationError("pass exactly one of --vpn-gateway, --transit-gateway and --association")
        }
    }

    func run() async throws {
        let request = DxGatewayDisassociate(
            dxGateway: target.dxGateway, vpnGateway: target.vpnGateway, transitGateway: target.transitGateway,
            associationId: associationId)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: DxView.gateway)
    }
}
