// Transit gateways (API.md "Transit gateways and VPN"): hubs, their VPC attachments, route tables,
// associations, propagations and static routes.

public struct TransitGatewayCreate: RPCMethod {
    public typealias Response = TransitGateway
    public static let method = "tgw.create"
    public static let summary =
        "Create a transit gateway (pending, then available): Amazon-side ASN 64512 and a default route table that new "
        + "attachments associate with and propagate into, unless those options are off."
    public var name: String?
    /// 64512–65534 or 4200000000–4294967294; 64512 by default.
    public var amazonSideAsn: Int64?
    /// Associate new attachments with the default route table (default true).
    public var defaultRouteTableAssociation: Bool?
    /// Propagate new attachments into the default route table (default true).
    public var defaultRouteTablePropagation: Bool?
    /// Default true.
    public var dnsSupport: Bool?
    public var tags: Tags?

    public init(
        name: String? = nil, amazonSideAsn: Int64? = nil, defaultRouteTableAssociation: Bool? = nil,
        defaultRouteTablePropagation: Bool? = nil, dnsSupport: Bool? = nil, tags: Tags? = nil
    ) {
        self.name = name
        self.amazonSideAsn = amazonSideAsn
        self.defaultRouteTableAssociation = defaultRouteTableAssociation
        self.defaultRouteTablePropagation = defaultRouteTablePropagation
        self.dnsSupport = dnsSupport
        self.tags = tags
    }
}

public struct TransitGatewayGet: RPCMethod {
    public typealias Response = TransitGateway
    public static let method = "tgw.get"
    public static let summary = "One transit gateway by ID or name."
    public var tgw: String
    public init(tgw: String) { self.tgw = tgw }
}

public struct TransitGatewayList: RPCMethod {
    public typealias Response = TransitGatewayListResponse
    public static let method = "tgw.list"
    public static let summary =
        "The caller's transit gateways, optionally matching EC2 filters (transit-gateway-id, state, "
        + "options.amazon-side-asn, tag:KEY, tag-key)."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct TransitGatewayListResponse: Codable, Sendable, Hashable {
    public var transitGateways: [TransitGateway]
    public var nextToken: String?
    public init(transitGateways: [TransitGateway], nextToken: String?) {
        self.transitGateways = transitGateways
        self.nextToken = nextToken
    }
}

public struct TransitGatewayDelete: RPCMethod {
    public typealias Response = TransitGateway
    public static let method = "tgw.delete"
    public static let summary =
        "Delete an available transit gateway that has no attachments left (deleting, then deleted); its route tables go "
        + "with it."
    public var tgw: String
    public init(tgw: String) { self.tgw = tgw }
}

public struct TransitGatewayAttachVpc: RPCMethod {
    public typealias Response = TransitGatewayAttachment
    public static let method = "tgw.attachVpc"
    public static let summary =
        "Attach a VPC to an available transit gateway through at most one subnet per availability zone; the hub takes an "
        + "address in each subnet. One attachment per hub and VPC."
    public var tgw: String
    public var vpc: String
    /// Subnets (IDs or names) of the VPC, at most one per availability zone.
    public var subnets: [String]
    public var name: String?
    public var tags: Tags?

    public init(tgw: String, vpc: String, subnets: [String], name: String? = nil, tags: Tags? = nil) {
        self.tgw = tgw
        self.vpc = vpc
        self.subnets = subnets
        self.name = name
        self.tags = tags
    }
}

public struct TransitGatewayAttachPeering: RPCMethod {
    public typealias Response = TransitGatewayAttachment
    public static let method = "tgw.attachPeering"
    public static let summary =
        "Request a peering attachment between two hubs (same or another region or account): initiatingRequest, "
        + "then pendingAcceptance until the peer hub's owner accepts it; static routes only."
    public var tgw: String
    /// The accepter hub's ID (tgw-…), in `peerRegion` of `peerAccountId`.
    public var peerTransitGateway: String
    public var peerRegion: String
    /// The accepter hub's account; the caller's by default.
    public var peerAccountId: String?
    public var name: String?
    public var tags: Tags?

    public init(
        tgw: String, peerTransitGateway: String, peerRegion: String, peerAccountId: String? = nil, name: String? = nil,
        tags: Tags? = nil
    ) {
        self.tgw = tgw
        self.peerTransitGateway = peerTransitGateway
        self.peerRegion = peerRegion
        self.peerAccountId = peerAccountId
        self.name = name
        self.tags = tags
    }
}

public struct TransitGatewayAcceptPeering: RPCMethod {
    public typealias Response = TransitGatewayAttachment
    public static let method = "tgw.acceptPeering"
    public static let summary =
        "Accept a peering attachment as the owner of its accepter hub: pending, then available on the clock."
    public var attachment: String

    public init(attachment: String) { self.attachment = attachment }
}

public struct TransitGatewayRejectPeering: RPCMethod {
    public typealias Response = TransitGatewayAttachment
    public static let method = "tgw.rejectPeering"
    public static let summary = "Reject a peering attachment that waits for acceptance: rejected, then gone."
    public var attachment: String

    public init(attachment: String) { self.attachment = attachment }
}

public struct TransitGatewayAttachmentGet: RPCMethod {
    public typealias Response = TransitGatewayAttachment
    public static let method = "tgw.attachment.get"
    public static let summary = "One transit gateway attachment by ID or name."
    public var attachment: String
    public init(attachment: String) { self.attachment = attachment }
}

public struct TransitGatewayAttachmentList: RPCMethod {
    public typealias Response = TransitGatewayAttachmentListResponse
    public static let method = "tgw.attachment.list"
    public static let summary =
        "The caller's transit gateway attachments, of one hub when tgw is given, optionally matching EC2 filters "
        + "(transit-gateway-attachment-id, transit-gateway-id, resource-id, resource-type, state, tag:KEY, tag-key)."
    public var tgw: String?
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(tgw: String? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.tgw = tgw
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct TransitGatewayAttachmentListResponse: Codable, Sendable, Hashable {
    public var attachments: [TransitGatewayAttachment]
    public var nextToken: String?
    public init(attachments: [TransitGatewayAttachment], nextToken: String?) {
        self.attachments = attachments
        self.nextToken = nextToken
    }
}

public struct TransitGatewayAttachmentDelete: RPCMethod {
    public typealias Response = TransitGatewayAttachment
    public static let method = "tgw.attachment.delete"
    public static let summary =
        "Delete an attachment (deleting, then deleted): it leaves its route tables at once, its propagated routes go, "
        + "static routes to it turn blackhole and its addresses are freed."
    public var attachment: String
    public init(attachment: String) { self.attachment = attachment }
}

public struct TransitGatewayRouteTableCreate: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.create"
    public static let summary = "Create a route table on an available transit gateway."
    public var tgw: String
    public var name: String?
    public var tags: Tags?

    public init(tgw: String, name: String? = nil, tags: Tags? = nil) {
        self.tgw = tgw
        self.name = name
        self.tags = tags
    }
}

public struct TransitGatewayRouteTableGet: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.get"
    public static let summary = "One transit gateway route table by ID or name."
    public var routeTable: String
    public init(routeTable: String) { self.routeTable = routeTable }
}

public struct TransitGatewayRouteTableList: RPCMethod {
    public typealias Response = TransitGatewayRouteTableListResponse
    public static let method = "tgw.routeTable.list"
    public static let summary =
        "The caller's transit gateway route tables, of one hub when tgw is given, optionally matching EC2 filters "
        + "(transit-gateway-route-table-id, transit-gateway-id, default-association-route-table, "
        + "default-propagation-route-table, state, tag:KEY, tag-key)."
    public var tgw: String?
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(tgw: String? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.tgw = tgw
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct TransitGatewayRouteTableListResponse: Codable, Sendable, Hashable {
    public var routeTables: [TransitGatewayRouteTable]
    public var nextToken: String?
    public init(routeTables: [TransitGatewayRouteTable], nextToken: String?) {
        self.routeTables = routeTables
        self.nextToken = nextToken
    }
}

public struct TransitGatewayRouteTableDelete: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.delete"
    public static let summary =
        "Delete a route table with no associations and no propagations; the hub's default table goes with the hub."
    public var routeTable: String
    public init(routeTable: String) { self.routeTable = routeTable }
}

public struct TransitGatewayRouteTableAssociate: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.associate"
    public static let summary =
        "Associate an attachment with a route table of its hub: the table then routes the traffic entering from it. "
        + "An attachment has at most one table."
    public var routeTable: String
    public var attachment: String
    public init(routeTable: String, attachment: String) {
        self.routeTable = routeTable
        self.attachment = attachment
    }
}

public struct TransitGatewayRouteTableDisassociate: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.disassociate"
    public static let summary = "End an attachment's association with a route table."
    public var routeTable: String
    public var attachment: String
    public init(routeTable: String, attachment: String) {
        self.routeTable = routeTable
        self.attachment = attachment
    }
}

public struct TransitGatewayRouteTableEnablePropagation: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.enablePropagation"
    public static let summary =
        "Propagate an attachment's VPC CIDRs into a route table as propagated routes (while the attachment is available)."
    public var routeTable: String
    public var attachment: String
    public init(routeTable: String, attachment: String) {
        self.routeTable = routeTable
        self.attachment = attachment
    }
}

public struct TransitGatewayRouteTableDisablePropagation: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.routeTable.disablePropagation"
    public static let summary = "Stop an attachment's propagation into a route table; its propagated routes leave."
    public var routeTable: String
    public var attachment: String
    public init(routeTable: String, attachment: String) {
        self.routeTable = routeTable
        self.attachment = attachment
    }
}

public struct TransitGatewayRouteCreate: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.route.create"
    public static let summary =
        "Add a static route to a hub route table: a destination CIDR to an attachment of the hub, or a blackhole."
    public var routeTable: String
    public var destinationCidrBlock: String
    public var attachment: String?
    public var blackhole: Bool?

    public init(routeTable: String, destinationCidrBlock: String, attachment: String? = nil, blackhole: Bool? = nil) {
        self.routeTable = routeTable
        self.destinationCidrBlock = destinationCidrBlock
        self.attachment = attachment
        self.blackhole = blackhole
    }
}

public struct TransitGatewayRouteDelete: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.route.delete"
    public static let summary =
        "Remove a static route by its destination; propagated routes leave only with their propagation."
    public var routeTable: String
    public var destinationCidrBlock: String

    public init(routeTable: String, destinationCidrBlock: String) {
        self.routeTable = routeTable
        self.destinationCidrBlock = destinationCidrBlock
    }
}

public struct TransitGatewayRouteReplace: RPCMethod {
    public typealias Response = TransitGatewayRouteTable
    public static let method = "tgw.route.replace"
    public static let summary =
        "Point an existing static route (by its destination) at another attachment of the hub, or make it a "
        + "blackhole, in one change."
    public var routeTable: String
    public var destinationCidrBlock: String
    public var attachment: String?
    public var blackhole: Bool?

    public init(routeTable: String, destinationCidrBlock: String, attachment: String? = nil, blackhole: Bool? = nil) {
        self.routeTable = routeTable
        self.destinationCidrBlock = destinationCidrBlock
        self.attachment = attachment
        self.blackhole = blackhole
    }
}

public struct TransitGatewayRouteSearch: RPCMethod {
    public typealias Response = TransitGatewayRouteSearchResponse
    public static let method = "tgw.route.search"
    public static let summary =
        "The routes of a hub route table as the hub uses them (a static route hides a propagated one of the same "
        + "prefix), matching SearchTransitGatewayRoutes' filters (type, state, route-search.exact-match, "
        + "route-search.longest-prefix-match, route-search.subnet-of-match, route-search.supernet-of-match, "
        + "attachment.transit-gateway-attachment-id, attachment.resource-id, attachment.resource-type)."
    public var routeTable: String
    public var filters: [Filter]?

    public init(routeTable: String, filters: [Filter]? = nil) {
        self.routeTable = routeTable
        self.filters = filters
    }
}

public struct TransitGatewayRouteSearchResponse: Codable, Sendable, Hashable {
    public var routes: [TransitGatewayRoute]
    public init(routes: [TransitGatewayRoute]) { self.routes = routes }
}
