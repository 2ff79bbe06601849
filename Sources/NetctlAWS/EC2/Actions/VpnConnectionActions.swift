import NetctlAPI
import NetctlCore

/// VPN connections and their static routes: AWS's actions on netctl's `vpn.connection.*` rules.
extension EC2Actions {
    static let vpnConnections: [EC2Action] = [
        .make(
            "CreateVpnConnection", mutating: true,
            supported: ["CustomerGatewayId", "Type", "VpnGatewayId", "TransitGatewayId", "Options", "TagSpecification"]
        ) { (input: EC2.CreateVpnConnectionRequest, context) throws(AWSError) in
            try VpnTypeCheck.require(input.type)
            let options = try VpnConnectionOptionsCheck(input.options)
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "vpn-connection")
            let connection = try await context.run(
                VpnConnectionCreate(
                    customerGateway: input.customerGatewayId, vpnGateway: input.vpnGatewayId,
                    transitGateway: input.transitGatewayId, staticRoutesOnly: options.staticRoutesOnly,
                    advertisedCidrs: options.advertisedCidrs, name: name, tags: tags))
            return EC2.CreateVpnConnectionResult(vpnConnection: EC2.VpnConnection(connection))
        },
        .make("DeleteVpnConnection", mutating: true, supported: ["VpnConnectionId"]) {
            (input: EC2.DeleteVpnConnectionRequest, context) throws(AWSError) in
            _ = try await context.run(VpnConnectionDelete(vpnConnection: input.vpnConnectionId))
            return EC2Return()
        },
        .make("DescribeVpnConnections", mutating: false, supported: ["VpnConnectionId", "Filter"]) {
            (input: EC2.DescribeVpnConnectionsRequest, context) throws(AWSError) in
            let known = try await context.each(input.vpnConnectionIds ?? []) { VpnConnectionGet(vpnConnection: $0) }
                .map(\.vpnConnectionId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "vpn-connection-id")
            let list = try await context.run(VpnConnectionList(filters: filters))
            return EC2.DescribeVpnConnectionsResult(vpnConnections: list.vpnConnections.map(EC2.VpnConnection.init))
        },
        .make("CreateVpnConnectionRoute", mutating: true, supported: ["VpnConnectionId", "DestinationCidrBlock"]) {
            (input: EC2.CreateVpnConnectionRouteRequest, context) throws(AWSError) in
            _ = try await context.run(
                VpnConnectionCreateRoute(
                    vpnConnection: input.vpnConnectionId, destinationCidrBlock: input.destinationCidrBlock))
            return EC2Return()
        },
        .make("DeleteVpnConnectionRoute", mutating: true, supported: ["VpnConnectionId", "DestinationCidrBlock"]) {
            (input: EC2.DeleteVpnConnectionRouteRequest, context) throws(AWSError) in
            _ = try await context.run(
                VpnConnectionDeleteRoute(
                    vpnConnection: input.vpnConnectionId, destinationCidrBlock: input.destinationCidrBlock))
            return EC2Return()
        },
    ]
}

/// CreateVpnConnection's `Options` as netctl's request: static or BGP routing, and the on-premises
/// network. AWS has no parameter for what a customer gateway advertises over BGP (the device's own
/// configuration decides), so `LocalIpv4NetworkCidr`, the on-premises side of the tunnels, stands for
/// it: a BGP connection learns that one CIDR while a tunnel is up. Left at AWS's default (any
/// network), the gateway advertises nothing and a static connection routes by CreateVpnConnectionRoute.
/// Options netctld does not model are refused unless they ask for what it does anyway.
struct VpnConnectionOptionsCheck {
    var staticRoutesOnly: Bool?
    var advertisedCidrs: [String] = []

    init(_ options: EC2.VpnConnectionOptionsSpecification?) throws(AWSError) {
        guard let options else { return }
        staticRoutesOnly = options.staticRoutesOnly
        if let local = options.localIpv4NetworkCidr, local != VpnWire.anyNetwork {
            guard IPv4CIDR(local) != nil else {
                throw AWSError.invalidParameterValue(
                    "Value (\(local)) for parameter Options.LocalIpv4NetworkCidr is invalid: use an IPv4 CIDR such as "
                        + "192.168.0.0/16.")
            }
            advertisedCidrs = [local]
        }
        if options.enableAcceleration == true { throw Self.unmodelled("EnableAcceleration", "true", modelled: "false") }
        try Self.refuse(options.remoteIpv4NetworkCidr, "RemoteIpv4NetworkCidr", unless: VpnWire.anyNetwork)
        try Self.refuse(options.tunnelInsideIpVersion, "TunnelInsideIpVersion", unless: VpnWire.ipv4)
        try Self.refuse(options.outsideIpAddressType, "OutsideIpAddressType", unless: VpnWire.publicIpv4)
        try Self.refuse(options.tunnelBandwidth, "TunnelBandwidth", unless: VpnWire.standardBandwidth)
        let unmodelled: [(String, Bool)] = [
            ("LocalIpv6NetworkCidr", options.localIpv6NetworkCidr != nil),
            ("RemoteIpv6NetworkCidr", options.remoteIpv6NetworkCidr != nil),
            ("TransportTransitGatewayAttachmentId", options.transportTransitGatewayAttachmentId != nil),
            ("TunnelOptions", !(options.tunnelOptions ?? []).isEmpty),
        ]
        if let (member, _) = unmodelled.first(where: { $0.1 }) {
            throw AWSError.unsupportedParameter(
                "Options.\(member)", of: "CreateVpnConnection", code: "UnsupportedOperation")
        }
    }

    private static func refuse(_ value: String?, _ option: String, unless modelled: String) throws(AWSError) {
        guard let value, value != modelled else { return }
        throw unmodelled(option, value, modelled: modelled)
    }

    private static func unmodelled(_ option: String, _ given: String, modelled: String) -> AWSError {
        AWSError(
            code: "UnsupportedOperation",
            message: "Options.\(option) '\(given)' is not modelled by netctld; it always behaves as '\(modelled)'.")
    }
}
