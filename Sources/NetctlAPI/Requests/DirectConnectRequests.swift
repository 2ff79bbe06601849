// Direct Connect gateways (API.md "Transit gateways and VPN"): no physical connections, only the
// routing they imply between on-premises networks and the VGWs and hubs a DX gateway is associated with.

public struct DxGatewayCreate: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.create"
    public static let summary =
        "Create a Direct Connect gateway (pending, then available), Amazon-side ASN 64512 unless given, with the "
        + "on-premises CIDRs its virtual interfaces would advertise over BGP (at most 100)."
    public var name: String
    /// 64512–65534 or 4200000000–4294967294; 64512 by default.
    public var amazonSideAsn: Int64?
    /// The on-premises networks behind the gateway; none by default.
    public var onPremisesCidrs: [String]?

    public init(name: String, amazonSideAsn: Int64? = nil, onPremisesCidrs: [String]? = nil) {
        self.name = name
        self.amazonSideAsn = amazonSideAsn
        self.onPremisesCidrs = onPremisesCidrs
    }
}

public struct DxGatewayGet: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.get"
    public static let summary = "One Direct Connect gateway by ID or name."
    public var dxGateway: String
    public init(dxGateway: String) { self.dxGateway = dxGateway }
}

public struct DxGatewayList: RPCMethod {
    public typealias Response = DxGatewayListResponse
    public static let method = "dx.gateway.list"
    public static let summary =
        "The caller's Direct Connect gateways, optionally only those associated with one virtual private gateway or "
        + "transit gateway."
    public var vpnGateway: String?
    public var transitGateway: String?
    public var maxResults: Int?
    public var nextToken: String?

    public init(vpnGateway: String? = nil, transitGateway: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.vpnGateway = vpnGateway
        self.transitGateway = transitGateway
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct DxGatewayListResponse: Codable, Sendable, Hashable {
    public var dxGateways: [DirectConnectGateway]
    public var nextToken: String?
    public init(dxGateways: [DirectConnectGateway], nextToken: String?) {
        self.dxGateways = dxGateways
        self.nextToken = nextToken
    }
}

public struct DxGatewayDelete: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.delete"
    public static let summary =
        "Delete an available Direct Connect gateway that has no associations left (deleting, then deleted)."
    public var dxGateway: String
    public init(dxGateway: String) { self.dxGateway = dxGateway }
}

public struct DxGatewayAssociate: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.associate"
    public static let summary =
        "Associate a Direct Connect gateway with a virtual private gateway attached to a VPC (allowedPrefixes filter "
        + "which VPC CIDRs are advertised on-premises; the VGW learns the on-premises CIDRs as DX routes) or with a "
        + "transit gateway (an attachment of type direct-connect-gateway; allowedPrefixes are what is advertised and "
        + "must not overlap another hub's on the same DX gateway)."
    public var dxGateway: String
    public var vpnGateway: String?
    public var transitGateway: String?
    public var allowedPrefixes: [String]

    public init(dxGateway: String, vpnGateway: String? = nil, transitGateway: String? = nil, allowedPrefixes: [String]) {
        self.dxGateway = dxGateway
        self.vpnGateway = vpnGateway
        self.transitGateway = transitGateway
        self.allowedPrefixes = allowedPrefixes
    }
}

public struct DxGatewayDisassociate: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.disassociate"
    public static let summary =
        "End an association of a Direct Connect gateway, named by its VGW, its transit gateway or its associationId: "
        + "the routes it brought are withdrawn at once and a hub attachment is deleted with it."
    public var dxGateway: String
    public var vpnGateway: String?
    public var transitGateway: String?
    public var associationId: String?

    public init(dxGateway: String, vpnGateway: String? = nil, transitGateway: String? = nil, associationId: String? = nil) {
        self.dxGateway = dxGateway
        self.vpnGateway = vpnGateway
        self.transitGateway = transitGateway
        self.associationId = associationId
    }
}

public struct DxGatewaySetOnPremisesCidrs: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.setOnPremisesCidrs"
    public static let summary =
        "Replace the on-premises CIDRs a Direct Connect gateway's virtual interfaces advertise over BGP (at most 100, "
        + "AWS's limit per BGP session); its associated VGWs and hubs learn the new set at once."
    public var dxGateway: String
    public var onPremisesCidrs: [String]

    public init(dxGateway: String, onPremisesCidrs: [String]) {
        self.dxGateway = dxGateway
        self.onPremisesCidrs = onPremisesCidrs
    }
}

public struct DxGatewayUpdateAssociation: RPCMethod {
    public typealias Response = DirectConnectGateway
    public static let method = "dx.gateway.updateAssociation"
    public static let summary =
        "Replace the allowed prefixes of an association, named by its VGW, its transit gateway or its associationId "
        + "(UpdateDirectConnectGatewayAssociation); a hub's must still not overlap the gateway's other hubs'."
    public var dxGateway: String
    public var vpnGateway: String?
    public var transitGateway: String?
    public var associationId: String?
    public var allowedPrefixes: [String]

    public init(
        dxGateway: String, vpnGateway: String? = nil, transitGateway: String? = nil, associationId: String? = nil,
        allowedPrefixes: [String]
    ) {
        self.dxGateway = dxGateway
        self.vpnGateway = vpnGateway
        self.transitGateway = transitGateway
        self.associationId = associationId
        self.allowedPrefixes = allowedPrefixes
    }
}
