import NetctlAPI
import NetctlCore

extension EC2.CustomerGateway {
    init(_ gateway: CustomerGateway) {
        self.init(
            deviceName: gateway.deviceName, tags: Tagging.ec2Tags(name: gateway.name, tags: gateway.tags),
            customerGatewayId: gateway.customerGatewayId, state: gateway.state, type: gateway.type,
            ipAddress: gateway.ipAddress, bgpAsn: String(gateway.bgpAsn))
    }
}

extension EC2.VpnGateway {
    init(_ gateway: VpnGateway) {
        self.init(
            amazonSideAsn: Int(gateway.amazonSideAsn), tags: Tagging.ec2Tags(name: gateway.name, tags: gateway.tags),
            vpnGatewayId: gateway.vpnGatewayId, state: gateway.state, type: gateway.type,
            vpcAttachments: gateway.vpcAttachments.map { EC2.VpcAttachment(vpcId: $0.vpcId, state: $0.state) })
    }
}

extension EC2.VpnConnection {
    /// No `CustomerGatewayConfiguration`: it would carry pre-shared keys netctld does not have. The tunnel
    /// options carry what netctld does hold: each tunnel's outside address and inside CIDR.
    init(_ connection: VpnConnection) {
        self.init(
            category: VpnWire.category, transitGatewayId: connection.transitGatewayId,
            options: EC2.VpnConnectionOptions(
                enableAcceleration: false, staticRoutesOnly: connection.staticRoutesOnly,
                localIpv4NetworkCidr: VpnWire.localNetworkCidr(connection.advertisedCidrs),
                remoteIpv4NetworkCidr: VpnWire.anyNetwork, outsideIpAddressType: VpnWire.publicIpv4,
                tunnelInsideIpVersion: VpnWire.ipv4,
                tunnelOptions: connection.tunnels.map {
                    EC2.TunnelOption(outsideIpAddress: $0.outsideIpAddress, tunnelInsideCidr: $0.insideCidr)
                },
                tunnelBandwidth: VpnWire.standardBandwidth),
            routes: connection.routes.map {
                EC2.VpnStaticRoute(destinationCidrBlock: $0.destinationCidrBlock, source: $0.source, state: $0.state)
            },
            tags: Tagging.ec2Tags(name: connection.name, tags: connection.tags),
            vgwTelemetry: connection.tunnels.map {
                EC2.VgwTelemetry(
                    acceptedRouteCount: $0.acceptedRouteCount, lastStatusChange: $0.lastStatusChange,
                    outsideIpAddress: $0.outsideIpAddress, status: $0.state, statusMessage: "")
            },
            vpnConnectionId: connection.vpnConnectionId, state: connection.state, type: connection.type,
            customerGatewayId: connection.customerGatewayId, vpnGatewayId: connection.vpnGatewayId)
    }
}

/// The fixed values of AWS's VPN shapes for what netctld models: a standard IPv4 VPN over public addresses.
enum VpnWire {
    static let category = "VPN"
    static let anyNetwork = "0.0.0.0/0"
    static let publicIpv4 = "PublicIpv4"
    static let ipv4 = "ipv4"
    static let standardBandwidth = "standard"

    /// AWS's `LocalIpv4NetworkCidr` stands for the on-premises network: the one CIDR the customer
    /// gateway advertises, or any network (AWS's default) when it advertises none or several.
    static func localNetworkCidr(_ advertised: [String]) -> String {
        advertised.count == 1 ? advertised[0] : anyNetwork
    }
}
