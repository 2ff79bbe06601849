// Site-to-Site VPN (API.md "Transit gateways and VPN"): customer gateways, virtual private gateways,
// VPN connections with their tunnels and static routes, and VGW route propagation into VPC tables.

public struct VpnCustomerGatewayCreate: RPCMethod {
    public typealias Response = CustomerGateway
    public static let method = "vpn.customerGateway.create"
    public static let summary =
        "Create a customer gateway (pending, then available): the public IPv4 address and BGP ASN of the on-premises "
        + "device. An identical request (same address, ASN, name and device name) returns the existing gateway."
    public var ipAddress: String
    /// 1–2147483647.
    public var bgpAsn: Int64
    public var name: String?
    /// AWS's `DeviceName`: what tells apart gateways with the same address and ASN.
    public var deviceName: String?
    public var tags: Tags?

    public init(ipAddress: String, bgpAsn: Int64, name: String? = nil, deviceName: String? = nil, tags: Tags? = nil) {
        self.ipAddress = ipAddress
        self.bgpAsn = bgpAsn
        self.name = name
        self.deviceName = deviceName
        self.tags = tags
    }
}

public struct VpnCustomerGatewayGet: RPCMethod {
    public typealias Response = CustomerGateway
    public static let method = "vpn.customerGateway.get"
    public static let summary = "One customer gateway by ID or name."
    public var customerGateway: String
    public init(customerGateway: String) { self.customerGateway = customerGateway }
}

public struct VpnCustomerGatewayList: RPCMethod {
    public typealias Response = VpnCustomerGatewayListResponse
    public static let method = "vpn.customerGateway.list"
    public static let summary =
        "The caller's customer gateways, optionally matching EC2 filters (customer-gateway-id, ip-address, bgp-asn, "
        + "state, type, tag:KEY, tag-key)."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct VpnCustomerGatewayListResponse: Codable, Sendable, Hashable {
    public var customerGateways: [CustomerGateway]
    public var nextToken: String?
    public init(customerGateways: [CustomerGateway], nextToken: String?) {
        self.customerGateways = customerGateways
        self.nextToken = nextToken
    }
}

public struct VpnCustomerGatewayDelete: RPCMethod {
    public typealias Response = CustomerGateway
    public static let method = "vpn.customerGateway.delete"
    public static let summary =
        "Delete an available customer gateway that no VPN connection uses (deleting, then deleted)."
    public var customerGateway: String
    public init(customerGateway: String) { self.customerGateway = customerGateway }
}

public struct VpnGatewayCreate: RPCMethod {
    public typealias Response = VpnGateway
    public static let method = "vpn.gateway.create"
    public static let summary =
        "Create a virtual private gateway (pending, then available), Amazon-side ASN 64512 unless given."
    /// 64512–65534 or 4200000000–4294967294; 64512 by default.
    public var amazonSideAsn: Int64?
    public var name: String?
    public var tags: Tags?

    public init(amazonSideAsn: Int64? = nil, name: String? = nil, tags: Tags? = nil) {
        self.amazonSideAsn = amazonSideAsn
        self.name = name
        self.tags = tags
    }
}

public struct VpnGatewayGet: RPCMethod {
    public typealias Response = VpnGateway
    public static let method = "vpn.gateway.get"
    public static let summary = "One virtual private gateway by ID or name."
    public var vpnGateway: String
    public init(vpnGateway: String) { self.vpnGateway = vpnGateway }
}

public struct VpnGatewayList: RPCMethod {
    public typealias Response = VpnGatewayListResponse
    public static let method = "vpn.gateway.list"
    public static let summary =
        "The caller's virtual private gateways, optionally matching EC2 filters (vpn-gateway-id, state, "
        + "attachment.vpc-id, attachment.state, amazon-side-asn, type, tag:KEY, tag-key)."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct VpnGatewayListResponse: Codable, Sendable, Hashable {
    public var vpnGateways: [VpnGateway]
    public var nextToken: String?
    public init(vpnGateways: [VpnGateway], nextToken: String?) {
        self.vpnGateways = vpnGateways
        self.nextToken = nextToken
    }
}

public struct VpnGatewayDelete: RPCMethod {
    public typealias Response = VpnGateway
    public static let method = "vpn.gateway.delete"
    public static let summary =
        "Delete an available virtual private gateway that is detached and has no VPN connection (deleting, then deleted)."
    public var vpnGateway: String
    public init(vpnGateway: String) { self.vpnGateway = vpnGateway }
}

public struct VpnGatewayAttach: RPCMethod {
    public typealias Response = VpnGateway
    public static let method = "vpn.gateway.attach"
    public static let summary =
        "Attach an available virtual private gateway to a VPC: one gateway per VPC and one VPC per gateway."
    public var vpnGateway: String
    public var vpc: String
    public init(vpnGateway: String, vpc: String) {
        self.vpnGateway = vpnGateway
        self.vpc = vpc
    }
}

public struct VpnGatewayDetach: RPCMethod {
    public typealias Response = VpnGateway
    public static let method = "vpn.gateway.detach"
    public static let summary =
        "Detach a virtual private gateway from its VPC: its propagation into the VPC's route tables ends and routes to "
        + "it turn blackhole."
    public var vpnGateway: String
    public var vpc: String
    public init(vpnGateway: String, vpc: String) {
        self.vpnGateway = vpnGateway
        self.vpc = vpc
    }
}

public struct VpnConnectionCreate: RPCMethod {
    public typealias Response = VpnConnection
    public static let method = "vpn.connection.create"
    public static let summary =
        "Create a VPN connection (pending, then available) from a customer gateway to a virtual private gateway or a "
        + "transit gateway (which gets an attachment of type vpn), with two tunnels that start UP. BGP learns the "
        + "advertisedCidrs (at most 100) while a tunnel is up; staticRoutesOnly takes routes from "
        + "vpn.connection.createRoute instead. An identical request (same gateways, routing, CIDRs and name) returns "
        + "the live connection it made before."
    public var customerGateway: String
    public var vpnGateway: String?
    public var transitGateway: String?
    /// Default false: BGP.
    public var staticRoutesOnly: Bool?
    /// The on-premises CIDRs the customer gateway advertises.
    public var advertisedCidrs: [String]
    public var name: String?
    public var tags: Tags?

    public init(
        customerGateway: String, vpnGateway: String? = nil, transitGateway: String? = nil, staticRoutesOnly: Bool? = nil,
        advertisedCidrs: [String], name: String? = nil, tags: Tags? = nil
    ) {
        self.customerGateway = customerGateway
        self.vpnGateway = vpnGateway
        self.transitGateway = transitGateway
        self.staticRoutesOnly = staticRoutesOnly
        self.advertisedCidrs = advertisedCidrs
        self.name = name
        self.tags = tags
    }
}

public struct VpnConnectionGet: RPCMethod {
    public typealias Response = VpnConnection
    public static let method = "vpn.connection.get"
    public static let summary = "One VPN connection by ID or name."
    public var vpnConnection: String
    public init(vpnConnection: String) { self.vpnConnection = vpnConnection }
}

public struct VpnConnectionList: RPCMethod {
    public typealias Response = VpnConnectionListResponse
    public static let method = "vpn.connection.list"
    public static let summary =
        "The caller's VPN connections, optionally matching EC2 filters (vpn-connection-id, customer-gateway-id, "
        + "vpn-gateway-id, transit-gateway-id, state, option.static-routes-only, route.destination-cidr-block, "
        + "tag:KEY, tag-key)."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct VpnConnectionListResponse: Codable, Sendable, Hashable {
    public var vpnConnections: [VpnConnection]
    public var nextToken: String?
    public init(vpnConnections: [VpnConnection], nextToken: String?) {
        self.vpnConnections = vpnConnections
        self.nextToken = nextToken
    }
}

public struct VpnConnectionDelete: RPCMethod {
    public typealias Response = VpnConnection
    public static let method = "vpn.connection.delete"
    public static let summary =
        "Delete a VPN connection (deleting, then deleted): its routes are withdrawn at once and its hub attachment, if "
        + "any, is deleted with it."
    public var vpnConnection: String
    public init(vpnConnection: String) { self.vpnConnection = vpnConnection }
}

public struct VpnConnectionCreateRoute: RPCMethod {
    public typealias Response = VpnConnection
    public static let method = "vpn.connection.createRoute"
    public static let summary =
        "Add a static route to the on-premises network to a static VPN connection on a virtual private gateway "
        + "(CreateVpnConnectionRoute); at most 100."
    public var vpnConnection: String
    public var destinationCidrBlock: String
    public init(vpnConnection: String, destinationCidrBlock: String) {
        self.vpnConnection = vpnConnection
        self.destinationCidrBlock = destinationCidrBlock
    }
}

public struct VpnConnectionDeleteRoute: RPCMethod {
    public typealias Response = VpnConnection
    public static let method = "vpn.connection.deleteRoute"
    public static let summary = "Remove a static route of a VPN connection (DeleteVpnConnectionRoute)."
    public var vpnConnection: String
    public var destinationCidrBlock: String
    public init(vpnConnection: String, destinationCidrBlock: String) {
        self.vpnConnection = vpnConnection
        self.destinationCidrBlock = destinationCidrBlock
    }
}

public struct VpnTunnelSetState: RPCMethod {
    public typealias Response = VpnConnection
    public static let method = "vpn.tunnel.setState"
    public static let summary =
        "Simulate a tunnel outage or its end: tunnel 0 or 1, UP or DOWN. While both tunnels are DOWN the connection's "
        + "BGP routes are withdrawn."
    public var vpnConnection: String
    /// 0 or 1.
    public var tunnel: Int
    /// `UP` or `DOWN`.
    public var state: String
    public init(vpnConnection: String, tunnel: Int, state: String) {
        self.vpnConnection = vpnConnection
        self.tunnel = tunnel
        self.state = state
    }
}

public struct RouteTableEnablePropagation: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "routeTable.enablePropagation"
    public static let summary =
        "Propagate the routes a virtual private gateway attached to the table's VPC learns into the table "
        + "(EnableVgwRoutePropagation): at most 100 propagated routes; the local route and identical static routes win."
    public var routeTable: String
    public var vpnGateway: String
    public init(routeTable: String, vpnGateway: String) {
        self.routeTable = routeTable
        self.vpnGateway = vpnGateway
    }
}

public struct RouteTableDisablePropagation: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "routeTable.disablePropagation"
    public static let summary = "Stop a virtual private gateway's propagation into a route table; its routes leave."
    public var routeTable: String
    public var vpnGateway: String
    public init(routeTable: String, vpnGateway: String) {
        self.routeTable = routeTable
        self.vpnGateway = vpnGateway
    }
}
