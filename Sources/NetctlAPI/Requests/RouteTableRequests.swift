public struct RouteTableCreate: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "routeTable.create"
    public static let summary = "Create a custom route table holding the VPC's local routes."
    public var vpc: String
    public var name: String?
    public var tags: Tags?
    public init(vpc: String, name: String? = nil, tags: Tags? = nil) {
        self.vpc = vpc
        self.name = name
        self.tags = tags
    }
}

public struct RouteTableGet: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "routeTable.get"
    public static let summary = "One route table by ID or name."
    public var routeTable: String
    public init(routeTable: String) { self.routeTable = routeTable }
}

public struct RouteTableList: RPCMethod {
    public typealias Response = RouteTableListResponse
    public static let method = "routeTable.list"
    public static let summary =
        "The caller's route tables, optionally of one VPC; filters as DescribeRouteTables: route-table-id, vpc-id, "
        + "association.subnet-id, association.main, route.destination-cidr-block, route.gateway-id, route.state, "
        + "tag:KEY, tag-key, …"
    public var vpc: String?
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?
    public init(vpc: String? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.vpc = vpc
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct RouteTableListResponse: Codable, Sendable, Hashable {
    public var routeTables: [RouteTable]
    public var nextToken: String?
    public init(routeTables: [RouteTable], nextToken: String?) {
        self.routeTables = routeTables
        self.nextToken = nextToken
    }
}

public struct RouteTableAssociate: RPCMethod {
    public typealias Response = RouteTableAssociation
    public static let method = "routeTable.associate"
    public static let summary = "Associate a subnet with a route table, replacing its previous association."
    public var routeTable: String
    public var subnet: String
    public init(routeTable: String, subnet: String) {
        self.routeTable = routeTable
        self.subnet = subnet
    }
}

public struct RouteTableDisassociate: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "routeTable.disassociate"
    public static let summary = "Remove an association (by association ID or subnet); the subnet falls back to the main table."
    public var associationId: String?
    public var subnet: String?
    public init(associationId: String? = nil, subnet: String? = nil) {
        self.associationId = associationId
        self.subnet = subnet
    }
}

public struct RouteTableReplaceAssociation: RPCMethod {
    public typealias Response = RouteTableReplaceAssociationResponse
    public static let method = "routeTable.replaceAssociation"
    public static let summary =
        "Move an association to another table of the VPC in one step: a subnet's, or the main association to make "
        + "that table main."
    /// The association to move: a subnet's (`associations[].associationId`) or the main table's `mainAssociationId`.
    public var associationId: String
    public var routeTable: String
    public init(associationId: String, routeTable: String) {
        self.associationId = associationId
        self.routeTable = routeTable
    }
}

public struct RouteTableReplaceAssociationResponse: Codable, Sendable, Hashable {
    /// The association's new ID; the old one no longer exists.
    public var newAssociationId: String
    /// The table that now holds the association.
    public var routeTable: RouteTable
    public init(newAssociationId: String, routeTable: RouteTable) {
        self.newAssociationId = newAssociationId
        self.routeTable = routeTable
    }
}

public struct RouteTableDelete: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "routeTable.delete"
    public static let summary = "Delete a custom route table with no associations; the main table goes with its VPC."
    public var routeTable: String
    public init(routeTable: String) { self.routeTable = routeTable }
}

public struct RouteCreate: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "route.create"
    public static let summary =
        "Add a route: a destination CIDR (or prefix list) and exactly one target (peering, gateway, natGateway, endpoint, transitGateway, vpnGateway)."
    public var routeTable: String
    public var destinationCidrBlock: String?
    public var destinationPrefixListId: String?
    public var peering: String?
    public var gateway: String?
    public var natGateway: String?
    public var endpoint: String?
    /// A transit gateway (`tgw-…` or name) with an attachment to the table's VPC.
    public var transitGateway: String?
    /// A virtual private gateway (`vgw-…` or name) attached to the table's VPC.
    public var vpnGateway: String?
    public init(
        routeTable: String, destinationCidrBlock: String? = nil, destinationPrefixListId: String? = nil,
        peering: String? = nil, gateway: String? = nil, natGateway: String? = nil, endpoint: String? = nil,
        transitGateway: String? = nil, vpnGateway: String? = nil
    ) {
        self.routeTable = routeTable
        self.destinationCidrBlock = destinationCidrBlock
        self.destinationPrefixListId = destinationPrefixListId
        self.peering = peering
        self.gateway = gateway
        self.natGateway = natGateway
        self.endpoint = endpoint
        self.transitGateway = transitGateway
        self.vpnGateway = vpnGateway
    }
}

public struct RouteDelete: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "route.delete"
    public static let summary = "Remove a route by its destination; local routes cannot be removed."
    public var routeTable: String
    public var destinationCidrBlock: String?
    public var destinationPrefixListId: String?
    public init(routeTable: String, destinationCidrBlock: String? = nil, destinationPrefixListId: String? = nil) {
        self.routeTable = routeTable
        self.destinationCidrBlock = destinationCidrBlock
        self.destinationPrefixListId = destinationPrefixListId
    }
}

public struct RouteReplace: RPCMethod {
    public typealias Response = RouteTable
    public static let method = "route.replace"
    public static let summary =
        "Point an existing route (by its destination CIDR) at another target (peering, gateway, natGateway, endpoint, transitGateway, vpnGateway) "
        + "in one step."
    public var routeTable: String
    public var destinationCidrBlock: String?
    public var destinationPrefixListId: String?
    public var peering: String?
    public var gateway: String?
    public var natGateway: String?
    public var endpoint: String?
    /// A transit gateway (`tgw-…` or name) with an attachment to the table's VPC.
    public var transitGateway: String?
    /// A virtual private gateway (`vgw-…` or name) attached to the table's VPC.
    public var vpnGateway: String?
    public init(
        routeTable: String, destinationCidrBlock: String? = nil, destinationPrefixListId: String? = nil,
        peering: String? = nil, gateway: String? = nil, natGateway: String? = nil, endpoint: String? = nil,
        transitGateway: String? = nil, vpnGateway: String? = nil
    ) {
        self.routeTable = routeTable
        self.destinationCidrBlock = destinationCidrBlock
        self.destinationPrefixListId = destinationPrefixListId
        self.peering = peering
        self.gateway = gateway
        self.natGateway = natGateway
        self.endpoint = endpoint
        self.transitGateway = transitGateway
        self.vpnGateway = vpnGateway
    }
}
