public struct GatewayCreate: RPCMethod {
    public typealias Response = InternetGateway
    public static let method = "gateway.create"
    public static let summary =
        "Create an internet gateway, attached to a VPC (one per VPC) or, without vpc, detached as AWS creates it."
    /// Only `internet` for now; NAT gateways are `natGateway.create`.
    public var type: String
    /// The VPC to attach it to; without it the gateway starts `detached`.
    public var vpc: String?
    public var tags: Tags?
    public init(type: String = "internet", vpc: String? = nil, tags: Tags? = nil) {
        self.type = type
        self.vpc = vpc
        self.tags = tags
    }
}

public struct GatewayGet: RPCMethod {
    public typealias Response = InternetGateway
    public static let method = "gateway.get"
    public static let summary = "One internet gateway."
    public var gateway: String
    public init(gateway: String) { self.gateway = gateway }
}

public struct GatewayList: RPCMethod {
    public typealias Response = GatewayListResponse
    public static let method = "gateway.list"
    public static let summary =
        "The caller's internet gateways, optionally of one VPC; filters: internet-gateway-id, attachment.vpc-id, "
        + "attachment.state, owner-id, tag:KEY, tag-key."
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

public struct GatewayListResponse: Codable, Sendable, Hashable {
    public var gateways: [InternetGateway]
    public var nextToken: String?
    public init(gateways: [InternetGateway], nextToken: String?) {
        self.gateways = gateways
        self.nextToken = nextToken
    }
}

public struct GatewayAttach: RPCMethod {
    public typealias Response = InternetGateway
    public static let method = "gateway.attach"
    public static let summary = "Attach a detached internet gateway to a VPC; routes to it become active again."
    public var gateway: String
    public var vpc: String
    public init(gateway: String, vpc: String) {
        self.gateway = gateway
        self.vpc = vpc
    }
}

public struct GatewayDetach: RPCMethod {
    public typealias Response = InternetGateway
    public static let method = "gateway.detach"
    public static let summary =
        "Detach an internet gateway from its VPC (refused while the VPC has public addresses); routes to it turn blackhole."
    public var gateway: String
    /// The VPC it must be attached to, as AWS's DetachInternetGateway names it (`Gateway.NotAttached` otherwise).
    public var vpc: String?
    public init(gateway: String, vpc: String? = nil) {
        self.gateway = gateway
        self.vpc = vpc
    }
}

public struct GatewayDelete: RPCMethod {
    public typealias Response = InternetGateway
    public static let method = "gateway.delete"
    public static let summary = "Delete a detached internet gateway."
    public var gateway: String
    public init(gateway: String) { self.gateway = gateway }
}

public struct NatGatewayCreate: RPCMethod {
    public typealias Response = NatGateway
    public static let method = "natGateway.create"
    public static let summary =
        "Create a NAT gateway in a subnet; it takes one of the subnet's addresses and, when public, an Elastic IP address."
    public var subnet: String
    /// `public` (default) or `private`.
    public var connectivityType: String?
    /// An Elastic IP address to associate (allocation ID, public IP or name); public NAT gateways only.
    public var address: String?
    public var tags: Tags?
    public init(subnet: String, connectivityType: String? = nil, address: String? = nil, tags: Tags? = nil) {
        self.subnet = subnet
        self.connectivityType = connectivityType
        self.address = address
        self.tags = tags
    }
}

public struct NatGatewayGet: RPCMethod {
    public typealias Response = NatGateway
    public static let method = "natGateway.get"
    public static let summary = "One NAT gateway."
    public var natGateway: String
    public init(natGateway: String) { self.natGateway = natGateway }
}

public struct NatGatewayList: RPCMethod {
    public typealias Response = NatGatewayListResponse
    public static let method = "natGateway.list"
    public static let summary =
        "The caller's NAT gateways, optionally of one VPC; filters: nat-gateway-id, state, subnet-id, vpc-id, tag:KEY, tag-key."
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

public struct NatGatewayListResponse: Codable, Sendable, Hashable {
    public var natGateways: [NatGateway]
    public var nextToken: String?
    public init(natGateways: [NatGateway], nextToken: String?) {
        self.natGateways = natGateways
        self.nextToken = nextToken
    }
}

public struct NatGatewayDelete: RPCMethod {
    public typealias Response = NatGateway
    public static let method = "natGateway.delete"
    public static let summary =
        "Delete a NAT gateway, free its private address and disassociate its Elastic IP; routes to it turn blackhole."
    public var natGateway: String
    public init(natGateway: String) { self.natGateway = natGateway }
}
