import ArgumentParser
import NetctlAPI

struct VpnCustomerGatewayShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one customer gateway.")

    @Argument(help: "Customer gateway ID (cgw-…) or name.")
    var customerGateway: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            VpnCustomerGatewayGet(customerGateway: customerGateway), table: VpnView.customerGateway)
    }
}
