import ArgumentParser
import NetctlAPI

struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway", abstract: "Internet gateways and NAT gateways.",
        subcommands: [
            GatewayCreateCommand.self, GatewayListCommand.self, GatewayGetCommand.self, GatewayAttachCommand.self,
            GatewayDetachCommand.self, GatewayDeleteCommand.self,
        ])
}

enum GatewayKind: String, ExpressibleByArgument, CaseIterable {
    case internet
    case nat

    /// The kind an ID names, from its prefix.
    static func of(_ id: String) throws -> GatewayKind {
        if id.hasPrefix("igw-") { return .internet }
        if id.hasPrefix("nat-") { return .nat }
        throw ValidationError("'\(id)' is neither an internet gateway (igw-…) nor a NAT gateway (nat-…)")
    }
}

enum GatewayView {
    static func table(internet: [InternetGateway], nat: [NatGateway]) -> String {
        let rows =
            internet.map { [$0.internetGatewayId, "internet", $0.vpcId ?? "-", "-", "-", $0.state] }
            + nat.map { [$0.natGatewayId, "nat (\($0.connectivityType))", $0.vpcId, $0.subnetId, $0.privateIpAddress, $0.state] }
        return Output.table(["GATEWAY ID", "TYPE", "VPC ID", "SUBNET ID", "PRIVATE IP", "STATE"], rows)
    }

    static func details(_ gateway: InternetGateway) -> String {
        Output.details([
            ("Gateway ID", gateway.internetGatewayId), ("Type", "internet"), ("VPC ID", gateway.vpcId ?? "-"),
            ("State", gateway.state), ("Tags", Output.tags(gateway.tags)), ("Created", Output.time(gateway.createdAt)),
        ])
    }

    static func details(_ nat: NatGateway) -> String {
        Output.details([
            ("Gateway ID", nat.natGatewayId), ("Type", "nat (\(nat.connectivityType))"), ("VPC ID", nat.vpcId),
            ("Subnet ID", nat.subnetId), ("Private IP", nat.privateIpAddress),
            ("Interface", nat.networkInterfaceId), ("State", nat.state), ("Tags", Output.tags(nat.tags)),
            ("Created", Output.time(nat.createdAt)),
        ])
    }
}
