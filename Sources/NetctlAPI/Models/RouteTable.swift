import Foundation

public struct RouteTable: Codable, Sendable, Hashable {
    public var routeTableId: String
    public var vpcId: String
    public var name: String?
    public var accountId: String
    public var region: String
    public var main: Bool
    /// The main association's ID (`rtbassoc-…`), on the VPC's main table only: what
    /// `routeTable.replaceAssociation` names to make another table main.
    public var mainAssociationId: String?
    public var associations: [RouteTableAssociation]
    public var routes: [Route]
    public var tags: Tags
    public var createdAt: Date
    /// The virtual private gateways whose learned routes propagate into the table (AWS's
    /// `PropagatingVgws`); absent while there are none.
    public var propagatingVgws: [String]?

    public init(
        routeTableId: String, vpcId: String, name: String?, accountId: String, region: String, main: Bool,
        mainAssociationId: String? = nil, associations: [RouteTableAssociation] = [], routes: [Route], tags: Tags,
        createdAt: Date, propagatingVgws: [String]? = nil
    ) {
        self.routeTableId = routeTableId
        self.vpcId = vpcId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.main = main
        self.mainAssociationId = mainAssociationId
        self.associations = associations
        self.routes = routes
        self.tags = tags
        self.createdAt = createdAt
        self.propagatingVgws = propagatingVgws
    }
}

public struct RouteTableAssociation: Codable, Sendable, Hashable {
    public var associationId: String
    public var subnetId: String

    public init(associationId: String, subnetId: String) {
        self.associationId = associationId
        self.subnetId = subnetId
    }
}

public struct Route: Codable, Sendable, Hashable {
    public var destinationCidrBlock: String?
    public var destinationPrefixListId: String?
    public var target: RouteTarget
    /// `active`, or `blackhole` when the target no longer carries traffic.
    public var state: RouteState
    /// `CreateRouteTable` for local routes, `CreateRoute` for the ones users add,
    /// `EnableVgwRoutePropagation` for the ones a virtual private gateway propagates.
    public var origin: String

    public init(
        destinationCidrBlock: String? = nil, destinationPrefixListId: String? = nil, target: RouteTarget,
        state: RouteState, origin: String
    ) {
        self.destinationCidrBlock = destinationCidrBlock
        self.destinationPrefixListId = destinationPrefixListId
        self.target = target
        self.state = state
        self.origin = origin
    }

    /// The CIDR or prefix-list ID the route matches, whichever it has.
    public var destination: String { destinationCidrBlock ?? destinationPrefixListId ?? "" }
}

/// A route's `state`: `active` while its target can carry traffic for the VPC, else `blackhole`.
public enum RouteState: String, Codable, Sendable, Hashable, CaseIterable {
    case active
    case blackhole
}

public struct RouteTarget: Codable, Sendable, Hashable {
    /// `local`, `igw`, `nat`, `pcx`, `vpce`, `tgw` or `vgw`: the kind of resource traffic is sent to.
    public var type: String
    /// The target's ID; `local` for local routes.
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    public static let localTypeName = "local"
    public static let internetGateway = "igw"
    public static let natGateway = "nat"
    public static let peering = "pcx"
    public static let endpoint = "vpce"
    public static let transitGateway = "tgw"
    public static let vpnGateway = "vgw"

    public static let local = RouteTarget(type: localTypeName, id: localTypeName)
}
