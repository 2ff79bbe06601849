public struct PeeringCreate: RPCMethod {
    public typealias Response = Peering
    public static let method = "peering.create"
    public static let summary =
        "Request a peering from one of your VPCs to another VPC (any account or region); overlapping CIDRs make it failed."
    public var requesterVpc: String
    public var accepterVpc: String
    /// The accepter VPC's account (default: the caller's).
    public var accepterAccountId: String?
    /// The accepter VPC's region (default: the request's).
    public var accepterRegion: String?
    public var tags: Tags?

    public init(
        requesterVpc: String, accepterVpc: String, accepterAccountId: String? = nil, accepterRegion: String? = nil,
        tags: Tags? = nil
    ) {
        self.requesterVpc = requesterVpc
        self.accepterVpc = accepterVpc
        self.accepterAccountId = accepterAccountId
        self.accepterRegion = accepterRegion
        self.tags = tags
    }
}

public struct PeeringAccept: RPCMethod {
    public typealias Response = Peering
    public static let method = "peering.accept"
    public static let summary = "Accept a pending request: only the accepter's account, in the accepter's region."
    public var peering: String
    public init(peering: String) { self.peering = peering }
}

public struct PeeringReject: RPCMethod {
    public typealias Response = Peering
    public static let method = "peering.reject"
    public static let summary = "Reject a pending request: only the accepter's account."
    public var peering: String
    public init(peering: String) { self.peering = peering }
}

public struct PeeringDelete: RPCMethod {
    public typealias Response = Peering
    public static let method = "peering.delete"
    public static let summary =
        "Delete an active peering (either side) or withdraw a pending request (requester); routes to it turn blackhole."
    public var peering: String
    public init(peering: String) { self.peering = peering }
}

public struct PeeringGet: RPCMethod {
    public typealias Response = Peering
    public static let method = "peering.get"
    public static let summary = "One peering, as the caller's side sees it."
    public var peering: String
    public init(peering: String) { self.peering = peering }
}

public struct PeeringList: RPCMethod {
    public typealias Response = PeeringListResponse
    public static let method = "peering.list"
    public static let summary =
        "Peerings either side of which is the caller's, optionally of one VPC, in one status, with one other account, "
        + "only the named ones, or matching EC2 filters (vpc-peering-connection-id, status-code, status-message, "
        + "requester-vpc-info.* and accepter-vpc-info.* (vpc-id, owner-id, cidr-block), expiration-time, tag:KEY, tag-key)."
    public var vpc: String?
    public var status: String?
    /// Only peerings where either side is this account.
    public var account: String?
    public var maxResults: Int?
    public var nextToken: String?
    /// EC2's DescribeVpcPeeringConnections filters, by their AWS names.
    public var filters: [Filter]?
    /// Only these peerings (IDs or names); one the caller cannot see fails the call with
    /// `InvalidVpcPeeringConnectionID.NotFound`, as a describe by ID does.
    public var peerings: [String]?

    public init(
        vpc: String? = nil, status: String? = nil, account: String? = nil, maxResults: Int? = nil,
        nextToken: String? = nil, filters: [Filter]? = nil, peerings: [String]? = nil
    ) {
        self.vpc = vpc
        self.status = status
        self.account = account
        self.maxResults = maxResults
        self.nextToken = nextToken
        self.filters = filters
        self.peerings = peerings
    }
}

public struct PeeringListResponse: Codable, Sendable, Hashable {
    public var peerings: [Peering]
    public var nextToken: String?
    public init(peerings: [Peering], nextToken: String?) {
        self.peerings = peerings
        self.nextToken = nextToken
    }
}

public struct PeeringModifyOptions: RPCMethod {
    public typealias Response = Peering
    public static let method = "peering.modifyOptions"
    public static let summary =
        "Allow DNS resolution from the remote VPC, per side: requester options by the requester, accepter options by the accepter."
    public var peering: String
    public var requesterAllowDnsResolutionFromRemoteVpc: Bool?
    public var accepterAllowDnsResolutionFromRemoteVpc: Bool?

    public init(
        peering: String, requesterAllowDnsResolutionFromRemoteVpc: Bool? = nil,
        accepterAllowDnsResolutionFromRemoteVpc: Bool? = nil
    ) {
        self.peering = peering
        self.requesterAllowDnsResolutionFromRemoteVpc = requesterAllowDnsResolutionFromRemoteVpc
        self.accepterAllowDnsResolutionFromRemoteVpc = accepterAllowDnsResolutionFromRemoteVpc
    }
}

public struct PeeringMesh: RPCMethod {
    public typealias Response = PeeringMeshResponse
    public static let method = "peering.mesh"
    public static let summary =
        "Peer every pair of a set of VPCs (n(n-1)/2 peerings), accepting where allowed; with routes, add each peer's CIDRs to every main route table."
    public var vpcs: [String]
    /// Accept the new peerings (default true).
    public var accept: Bool?
    /// Add routes to every peer's CIDRs in each member's main route table (default false).
    public var routes: Bool?
    /// Only report what would be done.
    public var dryRun: Bool?

    public init(vpcs: [String], accept: Bool? = nil, routes: Bool? = nil, dryRun: Bool? = nil) {
        self.vpcs = vpcs
        self.accept = accept
        self.routes = routes
        self.dryRun = dryRun
    }
}

public struct PeeringMeshResponse: Codable, Sendable, Hashable {
    /// Every peering of the mesh, new and existing.
    public var peerings: [Peering]
    /// n(n-1)/2 for n VPCs.
    public var required: Int
    public var created: Int
    public var existing: Int
    public var accepted: Int
    public var routesAdded: Int
    public var dryRun: Bool

    public init(
        peerings: [Peering], required: Int, created: Int, existing: Int, accepted: Int, routesAdded: Int, dryRun: Bool
    ) {
        self.peerings = peerings
        self.required = required
        self.created = created
        self.existing = existing
        self.accepted = accepted
        self.routesAdded = routesAdded
        self.dryRun = dryRun
    }
}

public struct VpcModifyAttribute: RPCMethod {
    public typealias Response = Vpc
    public static let method = "vpc.modifyAttribute"
    public static let summary = "Turn DNS support or DNS hostnames on or off for a VPC."
    public var vpc: String
    public var enableDnsSupport: Bool?
    public var enableDnsHostnames: Bool?
    public init(vpc: String, enableDnsSupport: Bool? = nil, enableDnsHostnames: Bool? = nil) {
        self.vpc = vpc
        self.enableDnsSupport = enableDnsSupport
        self.enableDnsHostnames = enableDnsHostnames
    }
}
