import ArgumentParser
import NetctlAPI

struct GatewayGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one internet or NAT gateway.")

    @Argument(help: "Gateway ID (igw-… or nat-…) or name.")
    var gateway: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        try await GatewayKind.dispatch(gateway) {
            try await runner.run(GatewayGet(gateway: gateway), table: GatewayView.details)
        } nat: {
            try await runner.run(NatGatewayGet(natGateway: gateway), table: GatewayView.details)
        }
    }
}
