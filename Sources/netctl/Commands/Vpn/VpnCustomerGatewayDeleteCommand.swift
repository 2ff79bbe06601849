import ArgumentParser
import NetctlAPI

struct VpnCustomerGatewayDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a customer gateway that no VPN connection uses.")

    @Argument(help: "Customer gateway ID (cgw-…) or name.")
    var customerGateway: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            VpnCustomerGatewayDelete(customerGateway: customerGateway), clientToken: mutation.clientToken
        ) { "\($0.customerGatewayId) \($0.state)" }
    }
}
