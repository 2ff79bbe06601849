import ArgumentParser
import NetctlAPI

struct GatewayGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one internet or NAT gateway.")

    @Argument(help: "Gateway ID (igw-… or nat-…).")
    var gateway: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        switch try GatewayKind.of(gateway) {
        case .internet: try await runner.run(GatewayGet(gateway: gateway), table: GatewayView.details)
        case .nat: try await runner.run(NatGatewayGet(natGateway: gateway), table: GatewayView.details)
        }
    }
}
