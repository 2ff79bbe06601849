import ArgumentParser
import NetctlAPI

struct GatewayListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List internet and NAT gateways, optionally of one VPC.",
        discussion: "With --output json, prints {gateways, natGateways}: the results of gateway.list and natGateway.list.")

    @Option(help: ArgumentHelp("Only this VPC's gateways (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(help: "Only internet or only NAT gateways.")
    var type: GatewayKind?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        let internet = type == .nat ? JSONValue.object(["gateways": []]) : try await runner.call(GatewayList(vpc: vpc))
        let nat = type == .internet ? JSONValue.object(["natGateways": []]) : try await runner.call(NatGatewayList(vpc: vpc))
        let combined: JSONValue = ["gateways": internet["gateways"] ?? [], "natGateways": nat["natGateways"] ?? []]
        try runner.emit(combined, as: Combined.self) { GatewayView.table(internet: $0.gateways, nat: $0.natGateways) }
    }

    private struct Combined: Decodable {
        var gateways: [InternetGateway]
        var natGateways: [NatGateway]
    }
}
