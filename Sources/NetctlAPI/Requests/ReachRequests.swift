public struct ReachAnalyze: RPCMethod {
    public typealias Response = ReachAnalysis
    public static let method = "reach.analyze"
    public static let summary =
        "Can traffic get from source to destination (VPC, subnet, ENI, IP address, AWS service, or an on-premises "
        + "network as onprem:CIDR or a customer gateway ID)? Every hop, or why not."
    public var source: String
    public var destination: String
    public var port: Int?
    /// `tcp`, `udp`, `icmp` or `-1` (all), checked against security groups and network ACLs; `tcp`
    /// when a port is given, `tcp` 443 towards an AWS service, else all traffic.
    public var `protocol`: String?
    /// What if these were gone: peering, internet gateway, NAT gateway and endpoint IDs, and routes as
    /// `rtb-…:DESTINATION`. The analysis runs on a copy; nothing changes.
    public var without: [String]?

    public init(
        source: String, destination: String, port: Int? = nil, protocol: String? = nil, without: [String]? = nil
    ) {
        self.source = source
        self.destination = destination
        self.port = port
        self.protocol = `protocol`
        self.without = without
    }
}

public struct ReachAnalysis: Codable, Sendable, Hashable {
    public var reachable: Bool
    public var source: ReachEndpoint
    public var destination: ReachEndpoint
    /// The forward path then the return path, hop by hop.
    public var path: [ReachHop]
    public var returnPath: [ReachHop]
    public var explanations: [ReachExplanation]

    public init(
        reachable: Bool, source: ReachEndpoint, destination: ReachEndpoint, path: [ReachHop], returnPath: [ReachHop],
        explanations: [ReachExplanation]
    ) {
        self.reachable = reachable
        self.source = source
        self.destination = destination
        self.path = path
        self.returnPath = returnPath
        self.explanations = explanations
    }
}

/// What a source or destination reference resolved to.
public struct ReachEndpoint: Codable, Sendable, Hashable {
    /// `vpc`, `subnet`, `networkInterface`, `ipAddress`, `task` (ECS), `instance` (an EKS node), `service`, or
    /// `onPremises` (`onprem:CIDR` or a customer gateway's advertised network).
    public var type: String
    public var id: String
    public var vpcId: String?
    public var subnetId: String?
    /// The address the analysis routed (a VPC or subnet stands for its first usable address).
    public var address: String?
    /// The resource's Name tag, when it has one.
    public var name: String?

    public init(type: String, id: String, vpcId: String?, subnetId: String?, address: String?, name: String? = nil) {
        self.type = type
        self.id = id
        self.vpcId = vpcId
        self.subnetId = subnetId
        self.address = address
        self.name = name
    }

    /// `name (id)` or the ID.
    public var label: String { name.map { "\($0) (\(id))" } ?? id }
}

public struct ReachHop: Codable, Sendable, Hashable {
    /// `subnet`, `vpc`, `routeTable`, `route`, `peering`, `internetGateway`, `natGateway`, `endpoint`,
    /// `networkInterface`, `internet`, `service`.
    public var component: String
    public var id: String
    public var detail: String

    public init(component: String, id: String, detail: String) {
        self.component = component
        self.id = id
        self.detail = detail
    }
}

public struct ReachExplanation: Codable, Sendable, Hashable {
    /// One of the `ReachExplanation.*` codes.
    public var code: String
    public var message: String
    public var component: String?

    public init(code: String, message: String, component: String? = nil) {
        self.code = code
        self.message = message
        self.component = component
    }

    public static let peeringNotTransitive = "PEERING_NOT_TRANSITIVE"
    public static let noRouteToDestination = "NO_ROUTE_TO_DESTINATION"
    public static let routeBlackhole = "ROUTE_BLACKHOLE"
    public static let peeringNotActive = "PEERING_NOT_ACTIVE"
    public static let noReturnRoute = "NO_RETURN_ROUTE"
    public static let noEndpointOrGateway = "NO_ENDPOINT_OR_GATEWAY"
    public static let noEdgeToEdgeRouting = "NO_EDGE_TO_EDGE_ROUTING"
    public static let destinationNotInVpc = "DESTINATION_NOT_IN_VPC"
    public static let securityGroupDeniesEgress = "SECURITY_GROUP_DENIES_EGRESS"
    public static let securityGroupDeniesIngress = "SECURITY_GROUP_DENIES_INGRESS"
    public static let naclDeniesOutbound = "NACL_DENIES_OUTBOUND"
    public static let naclDeniesInbound = "NACL_DENIES_INBOUND"
    public static let naclDeniesReturn = "NACL_DENIES_RETURN"
    public static let tgwNoRoute = "TGW_NO_ROUTE"
    public static let tgwRouteBlackhole = "TGW_ROUTE_BLACKHOLE"
    public static let tgwAttachmentNotAssociated = "TGW_ATTACHMENT_NOT_ASSOCIATED"
    public static let tgwNoAttachmentInAz = "TGW_NO_ATTACHMENT_IN_AZ"
    public static let vpnTunnelsDown = "VPN_TUNNELS_DOWN"
    public static let noRoutePropagation = "NO_ROUTE_PROPAGATION"
    /// On-premises has no route to the address: no allowed prefix of the Direct Connect gateway's
    /// association advertises it (for a VGW, none equals or contains the VPC block that holds it).
    public static let dxPrefixNotAllowed = "DX_PREFIX_NOT_ALLOWED"
}

public struct ReachMatrix: RPCMethod {
    public typealias Response = ReachMatrixResult
    public static let method = "reach.matrix"
    public static let summary =
        "reach.analyze for every ordered pair of a VPC's instances, of some subnets or of some instances, in one call."
    /// The VPC whose instances (not terminated, in ID order) are the endpoints.
    public var vpc: String?
    /// Subnets as endpoints, in the order given.
    public var subnets: [String]?
    /// Instances as endpoints, in the order given.
    public var instances: [String]?
    /// As `reach.analyze`'s.
    public var `protocol`: String?
    public var port: Int?

    public init(
        vpc: String? = nil, subnets: [String]? = nil, instances: [String]? = nil, protocol: String? = nil,
        port: Int? = nil
    ) {
        self.vpc = vpc
        self.subnets = subnets
        self.instances = instances
        self.protocol = `protocol`
        self.port = port
    }
}

public struct ReachMatrixResult: Codable, Sendable, Hashable {
    /// The endpoints' IDs, in the matrix's order.
    public var endpoints: [String]
    /// Every ordered pair of distinct endpoints, by source then destination in `endpoints`' order.
    public var pairs: [ReachMatrixPair]

    public init(endpoints: [String], pairs: [ReachMatrixPair]) {
        self.endpoints = endpoints
        self.pairs = pairs
    }
}

public struct ReachMatrixPair: Codable, Sendable, Hashable {
    public var source: String
    public var destination: String
    public var reachable: Bool
    /// The first of the explanations `reach.analyze` gives for the pair, when it gives one.
    public var explanation: ReachExplanation?

    public init(source: String, destination: String, reachable: Bool, explanation: ReachExplanation? = nil) {
        self.source = source
        self.destination = destination
        self.reachable = reachable
        self.explanation = explanation
    }
}
