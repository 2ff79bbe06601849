// The planner (API.md "Transit gateways and VPN"): a full mesh of peerings compared with a hub for a
// set of VPCs, and the move of an existing mesh onto a hub in one transaction.

public struct TopologyPlan: RPCMethod {
    public typealias Response = TopologyPlanResponse
    public static let method = "topology.plan"
    public static let summary =
        "Compare a full mesh of peerings with a transit gateway hub for a set of VPCs: peerings vs attachments, routes, "
        + "quota headroom, failure points and the pairs whose CIDRs overlap. Changes nothing."
    /// Two or more VPCs (IDs or names), each once.
    public var vpcs: [String]

    public init(vpcs: [String]) { self.vpcs = vpcs }
}

public struct TopologyPlanResponse: Codable, Sendable, Hashable {
    /// The VPCs' IDs, in the order given.
    public var vpcs: [String]
    /// Unordered pairs of the VPCs: n(n-1)/2.
    public var pairs: Int
    public var mesh: TopologyMeshPlan
    public var hub: TopologyHubPlan
    /// Pairs whose CIDRs overlap: neither a peering nor the hub can route between them.
    public var overlaps: [TopologyOverlap]

    public init(vpcs: [String], pairs: Int, mesh: TopologyMeshPlan, hub: TopologyHubPlan, overlaps: [TopologyOverlap]) {
        self.vpcs = vpcs
        self.pairs = pairs
        self.mesh = mesh
        self.hub = hub
        self.overlaps = overlaps
    }
}

/// A full mesh: one peering per pair, and in every route table of each VPC one route per CIDR of each
/// other VPC it does not overlap.
public struct TopologyMeshPlan: Codable, Sendable, Hashable {
    /// n(n-1)/2.
    public var peerings: Int
    /// Of those, the peerings that are active already.
    public var existingPeerings: Int
    /// Routes in all the VPCs' route tables together.
    public var routes: Int
    /// The most routes one route table of the set needs (n-1 when every VPC has one CIDR).
    public var routesPerTable: Int
    /// Per VPC: `activePeeringsPerVpc` and `routesPerRouteTable` once the mesh is complete.
    public var quotaHeadroom: [TopologyHeadroom]
    /// Each working peering is one: losing it cuts its pair only.
    public var failurePoints: Int
    public var failureImpact: String

    public init(
        peerings: Int, existingPeerings: Int, routes: Int, routesPerTable: Int, quotaHeadroom: [TopologyHeadroom],
        failurePoints: Int, failureImpact: String
    ) {
        self.peerings = peerings
        self.existingPeerings = existingPeerings
        self.routes = routes
        self.routesPerTable = routesPerTable
        self.quotaHeadroom = quotaHeadroom
        self.failurePoints = failurePoints
        self.failureImpact = failureImpact
    }
}

/// A hub as `topology.migrate` builds it: one attachment per VPC, associated with and propagating into
/// the hub's default route table, and each VPC route keeping its destination with the hub as target.
public struct TopologyHubPlan: Codable, Sendable, Hashable {
    /// n.
    public var attachments: Int
    /// Routes in all the VPCs' route tables together: the mesh's, each pointed at the hub.
    public var routes: Int
    public var routesPerTable: Int
    /// Propagated routes in the hub's route table: one per distinct VPC CIDR.
    public var hubRoutes: Int
    /// Per VPC `routesPerRouteTable`, `transitGatewaysPerVpc` and `activePeeringsPerVpc` (the peerings
    /// outside the set, once the mesh's are deleted); for the hub (no `vpcId`)
    /// `attachmentsPerTransitGateway`, `routesPerTransitGateway` and `transitGatewaysPerRegion`.
    public var quotaHeadroom: [TopologyHeadroom]
    /// The hub and its n attachments.
    public var failurePoints: Int
    public var failureImpact: String

    public init(
        attachments: Int, routes: Int, routesPerTable: Int, hubRoutes: Int, quotaHeadroom: [TopologyHeadroom],
        failurePoints: Int, failureImpact: String
    ) {
        self.attachments = attachments
        self.routes = routes
        self.routesPerTable = routesPerTable
        self.hubRoutes = hubRoutes
        self.quotaHeadroom = quotaHeadroom
        self.failurePoints = failurePoints
        self.failureImpact = failureImpact
    }
}

/// One quota after the change: `used` of `limit`, `headroom` = limit − used (negative: it does not fit).
public struct TopologyHeadroom: Codable, Sendable, Hashable {
    /// The VPC the quota counts for; absent for the hub's and the region's quotas.
    public var vpcId: String?
    /// The quota's name, as `netctld --quota` takes it.
    public var quota: String
    public var used: Int
    public var limit: Int
    public var headroom: Int

    public init(vpcId: String?, quota: String, used: Int, limit: Int) {
        self.vpcId = vpcId
        self.quota = quota
        self.used = used
        self.limit = limit
        self.headroom = limit - used
    }
}

public struct TopologyOverlap: Codable, Sendable, Hashable {
    /// The two VPCs.
    public var vpcIds: [String]
    /// The first overlapping CIDR of each, in the same order.
    public var cidrBlocks: [String]
    public var message: String

    public init(vpcIds: [String], cidrBlocks: [String], message: String) {
        self.vpcIds = vpcIds
        self.cidrBlocks = cidrBlocks
        self.message = message
    }
}

public struct TopologyMigrate: RPCMethod {
    public typealias Response = TopologyMigrateResponse
    public static let method = "topology.migrate"
    public static let summary =
        "Move a mesh of VPCs onto a transit gateway in one transaction: create (or use) an available hub, attach every "
        + "VPC, point each route over a peering of the set at the hub, refuse unless every pair reachable before still "
        + "is, then delete the peerings if asked."
    /// Two or more VPCs (IDs or names), each with at least one subnet.
    public var vpcs: [String]
    /// An available hub (ID or name) to use; without it a new hub is created, available at once.
    public var tgw: String?
    /// Delete the set's active peerings once the hub carries their traffic (default false).
    public var deletePeerings: Bool?
    /// Check everything, reachability included, and report; change nothing.
    public var dryRun: Bool?

    public init(vpcs: [String], tgw: String? = nil, deletePeerings: Bool? = nil, dryRun: Bool? = nil) {
        self.vpcs = vpcs
        self.tgw = tgw
        self.deletePeerings = deletePeerings
        self.dryRun = dryRun
    }
}

public struct TopologyMigrateResponse: Codable, Sendable, Hashable {
    public var transitGatewayId: String
    /// The hub route table the attachments are associated with and propagate into.
    public var routeTableId: String
    public var hubCreated: Bool
    /// One per VPC, in the order of `vpcs`.
    public var attachments: [String]
    public var attachmentsCreated: Int
    public var routesReplaced: Int
    /// The active peerings between VPCs of the set: their routes moved to the hub.
    public var peerings: [String]
    public var peeringsDeleted: Int
    /// Ordered pairs of endpoints in different VPCs of the set (every subnet and running instance)
    /// compared before and after.
    public var pairsChecked: Int
    public var reachableBefore: Int
    public var reachableAfter: Int
    /// What was done, in order.
    public var steps: [TopologyStep]
    public var dryRun: Bool

    public init(
        transitGatewayId: String, routeTableId: String, hubCreated: Bool, attachments: [String], attachmentsCreated: Int,
        routesReplaced: Int, peerings: [String], peeringsDeleted: Int, pairsChecked: Int, reachableBefore: Int,
        reachableAfter: Int, steps: [TopologyStep], dryRun: Bool
    ) {
        self.transitGatewayId = transitGatewayId
        self.routeTableId = routeTableId
        self.hubCreated = hubCreated
        self.attachments = attachments
        self.attachmentsCreated = attachmentsCreated
        self.routesReplaced = routesReplaced
        self.peerings = peerings
        self.peeringsDeleted = peeringsDeleted
        self.pairsChecked = pairsChecked
        self.reachableBefore = reachableBefore
        self.reachableAfter = reachableAfter
        self.steps = steps
        self.dryRun = dryRun
    }
}

/// One step of a migration: `createHub`, `useHub`, `attach`, `useAttachment`, `associate`,
/// `propagate`, `replaceRoutes`, `verify` or `deletePeering`.
public struct TopologyStep: Codable, Sendable, Hashable {
    public var action: String
    public var resourceId: String
    public var detail: String

    public init(action: String, resourceId: String, detail: String) {
        self.action = action
        self.resourceId = resourceId
        self.detail = detail
    }
}

extension ErrorCode {
    /// `topology.migrate` would leave a pair that was reachable unreachable; nothing was changed.
    public static let topologyMigrationWouldBreakReachability: Self = "TopologyMigrationWouldBreakReachability"
}
