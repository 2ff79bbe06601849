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

    /// The kind an ID names, from its prefix; nil for a name, which may be either.
    static func of(_ reference: String) -> GatewayKind? {
        if reference.hasPrefix("igw-") { return .internet }
        if reference.hasPrefix("nat-") { return .nat }
        return nil
    }

    /// Runs `internet` for internet gateways and `nat` for NAT gateways; a name is tried as an internet
    /// gateway first, then as a NAT gateway.
    static func dispatch(
        _ reference: String, internet: () async throws -> Void, nat: () async throws -> Void
    ) async throws {
        switch of(reference) {
        case .internet: try await internet()
        case .nat: try await nat()
        case nil:
            do {
                try await internet()
            } catch let failure as CLIFailure where failure.message.contains(ErrorCode.internetGatewayNotFound.rawValue) {
                try await nat()
            }
        }
    }
}

enum GatewayView {
    static func table(internet: [InternetGateway], nat: [NatGateway]) -> String {
        let rows =
            internet.map { [$0.internetGatewayId, "internet", $0.vpcId ?? "-", "-", "-", $0.state.rawValue] }
            + nat.map {
                [
                    $0.natGatewayId, "nat (\($0.connectivityType))", $0.vpcId, $0.subnetId, $0.privateIpAddress,
                    $0.state.rawValue,
                ]
            }
        return Output.table(["GATEWAY ID", "TYPE", "VPC ID", "SUBNET ID", "PRIVATE IP", "STATE"], rows)
    }

    static func details(_ gateway: InternetGateway) -> String {
        Output.details([
            ("Gateway ID", gateway.internetGatewayId), ("Type", "internet"), ("VPC ID", gateway.vpcId ?? "-"),
            ("State", gateway.state.rawValue), ("Tags", Output.tags(gateway.tags)),
            ("Created", Output.time(gateway.createdAt)),
        ])
    }

    static func details(_ nat: NatGateway) -> String {
        Output.details([
            ("Gateway ID", nat.natGatewayId), ("Type", "nat (\(nat.connectivityType))"), ("VPC ID", nat.vpcId),
            ("Subnet ID", nat.subnetId), ("Private IP", nat.privateIpAddress),
            ("Interface", nat.networkInterfaceId), ("State", nat.state.rawValue), ("Tags", Output.tags(nat.tags)),
            ("Created", Output.time(nat.createdAt)),
        ])
    }
}
