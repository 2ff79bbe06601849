import ArgumentParser
import NetctlAPI

struct VpnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpn",
        abstract: "Site-to-Site VPN: customer gateways, virtual private gateways, VPN connections and their tunnels.",
        subcommands: [
            VpnCustomerGatewayCommand.self, VpnGatewayCommand.self, VpnConnectionCommand.self, VpnTunnelCommand.self,
        ])
}

struct VpnCustomerGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer-gateway", abstract: "The on-premises ends of VPN connections.",
        subcommands: [
            VpnCustomerGatewayCreateCommand.self, VpnCustomerGatewayListCommand.self,
            VpnCustomerGatewayShowCommand.self, VpnCustomerGatewayDeleteCommand.self,
        ])
}

struct VpnGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway", abstract: "Virtual private gateways: the Amazon ends of VPN connections on one VPC.",
        subcommands: [
            VpnGatewayCreateCommand.self, VpnGatewayListCommand.self, VpnGatewayShowCommand.self,
            VpnGatewayAttachCommand.self, VpnGatewayDetachCommand.self, VpnGatewayDeleteCommand.self,
        ])
}

struct VpnConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connection", abstract: "VPN connections, with two tunnels each, and their static routes.",
        subcommands: [
            VpnConnectionCreateCommand.self, VpnConnectionListCommand.self, VpnConnectionShowCommand.self,
            VpnConnectionDeleteCommand.self, VpnConnectionAddRouteCommand.self, VpnConnectionDeleteRouteCommand.self,
        ])
}

struct VpnTunnelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tunnel", abstract: "Simulate tunnel outages.", subcommands: [VpnTunnelSetStateCommand.self])
}

enum VpnView {
    static func customerGateways(_ gateways: [CustomerGateway]) -> String {
        Output.table(
            ["CUSTOMER GATEWAY ID", "NAME", "IP ADDRESS", "BGP ASN", "STATE"],
            gateways.map { [$0.customerGatewayId, $0.name ?? "-", $0.ipAddress, String($0.bgpAsn), $0.state] })
    }

    static func customerGateway(_ gateway: CustomerGateway) -> String {
        Output.details([
            ("Customer gateway ID", gateway.customerGatewayId), ("Name", gateway.name ?? "-"),
            ("IP address", gateway.ipAddress), ("BGP ASN", String(gateway.bgpAsn)), ("State", gateway.state),
            ("Tags", Output.tags(gateway.tags)), ("Created", Output.time(gateway.createdAt)),
        ])
    }

    static func gateways(_ gateways: [VpnGateway]) -> String {
        Output.table(
            ["VPN GATEWAY ID", "NAME", "STATE", "ASN", "VPC"],
            gateways.map {
                [$0.vpnGatewayId, $0.name ?? "-", $0.state, String($0.amazonSideAsn), $0.attachedVpcId ?? "-"]
            })
    }

    static func gateway(_ gateway: VpnGateway) -> String {
        Output.details([
            ("VPN gateway ID", gateway.vpnGatewayId), ("Name", gateway.name ?? "-"), ("State", gateway.state),
            ("Amazon-side ASN", String(gateway.amazonSideAsn)), ("VPC", gateway.attachedVpcId ?? "-"),
            ("Tags", Output.tags(gateway.tags)), ("Created", Output.time(gateway.createdAt)),
        ])
    }

    static func connections(_ connections: [VpnConnection]) -> String {
        Output.table(
            ["VPN CONNECTION ID", "NAME", "STATE", "CUSTOMER GATEWAY", "AMAZON SIDE", "ROUTING", "TUNNELS"],
            connections.map {
                [
                    $0.vpnConnectionId, $0.name ?? "-", $0.state, $0.customerGatewayId,
                    $0.vpnGatewayId ?? $0.transitGatewayId ?? "-", $0.staticRoutesOnly ? "static" : "bgp",
                    $0.tunnels.map(\.state).joined(separator: ","),
                ]
            })
    }

    static func connection(_ connection: VpnConnection) -> String {
        Output.details([
            ("VPN connection ID", connection.vpnConnectionId), ("Name", connection.name ?? "-"),
            ("State", connection.state), ("Customer gateway", connection.customerGatewayId),
            ("VPN gateway", connection.vpnGatewayId ?? "-"), ("Transit gateway", connection.transitGatewayId ?? "-"),
            ("Hub attachment", connection.transitGatewayAttachmentId ?? "-"),
            ("Routing", connection.staticRoutesOnly ? "static" : "bgp"),
            ("Advertised", connection.advertisedCidrs.isEmpty ? "-" : connection.advertisedCidrs.joined(separator: ", ")),
            (
                "Static routes",
                connection.routes.isEmpty ? "-" : connection.routes.map(\.destinationCidrBlock).joined(separator: ", ")
            ),
            (
                "Tunnels",
                connection.tunnels.enumerated().map { index, tunnel in
                    "\(index): \(tunnel.state) \(tunnel.outsideIpAddress) inside \(tunnel.insideCidr), "
                        + "\(tunnel.acceptedRouteCount) routes"
                }.joined(separator: "; ")
            ),
            ("Tags", Output.tags(connection.tags)), ("Created", Output.time(connection.createdAt)),
        ])
    }
}

/// The two arguments of the commands that act on a VGW and a VPC, and their one call.
struct VpnGatewayVpcArguments: ParsableArguments {
    @Argument(help: "Virtual private gateway ID (vgw-…) or name.")
    var vpnGateway: String

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func send<M: RPCMethod>(_ make: (String, String) -> M) async throws where M.Response == VpnGateway {
        try await Runner(global: global).run(make(vpnGateway, vpc), clientToken: mutation.clientToken, table: VpnView.gateway)
    }
}

/// The two arguments of the commands that change a connection's static routes, and their one call.
struct VpnConnectionRouteArguments: ParsableArguments {
    @Argument(help: "VPN connection ID (vpn-…) or name.")
    var vpnConnection: String

    @Argument(help: "The on-premises destination CIDR.")
    var destination: String

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func send<M: RPCMethod>(_ make: (String, String) -> M) async throws where M.Response == VpnConnection {
        try await Runner(global: global).run(
            make(vpnConnection, destination), clientToken: mutation.clientToken, table: VpnView.connection)
    }
}
