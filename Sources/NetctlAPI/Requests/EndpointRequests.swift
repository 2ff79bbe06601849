public struct EndpointServices: RPCMethod {
    public typealias Response = EndpointServicesResponse
    public static let method = "endpoint.services"
    public static let summary = "The AWS services endpoints can reach in the region, with their endpoint types."
    public init() {}
}

public struct EndpointServicesResponse: Codable, Sendable, Hashable {
    public var serviceNames: [String]
    public var serviceDetails: [EndpointService]
    public init(serviceNames: [String], serviceDetails: [EndpointService]) {
        self.serviceNames = serviceNames
        self.serviceDetails = serviceDetails
    }
}

public struct EndpointCreate: RPCMethod {
    public typealias Response = Endpoint
    public static let method = "endpoint.create"
    public static let summary =
        "Create a gateway endpoint (routes through the service's prefix list) or an interface endpoint (an ENI per subnet)."
    public var vpc: String
    /// `com.amazonaws.REGION.s3`, or a short name like `s3`.
    public var service: String
    /// `gateway` or `interface` (default: gateway for S3 and DynamoDB, else interface).
    public var type: String?
    public var routeTables: [String]?
    public var subnets: [String]?
    public var securityGroups: [String]?
    public var privateDnsEnabled: Bool?
    /// A policy document (JSON text, at most 20,480 characters, with a Statement); default full access.
    public var policy: String?
    public var tags: Tags?

    public init(
        vpc: String, service: String, type: String? = nil, routeTables: [String]? = nil, subnets: [String]? = nil,
        securityGroups: [String]? = nil, privateDnsEnabled: Bool? = nil, policy: String? = nil, tags: Tags? = nil
    ) {
        self.vpc = vpc
        self.service = service
        self.type = type
        self.routeTables = routeTables
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.privateDnsEnabled = privateDnsEnabled
        self.policy = policy
        self.tags = tags
    }
}

public struct EndpointGet: RPCMethod {
    public typealias Response = Endpoint
    public static let method = "endpoint.get"
    public static let summary = "One VPC endpoint."
    public var endpoint: String
    public init(endpoint: String) { self.endpoint = endpoint }
}

public struct EndpointList: RPCMethod {
    public typealias Response = EndpointListResponse
    public static let method = "endpoint.list"
    public static let summary = "The caller's VPC endpoints, optionally of one VPC."
    public var vpc: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(vpc: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.vpc = vpc
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EndpointListResponse: Codable, Sendable, Hashable {
    public var endpoints: [Endpoint]
    public var nextToken: String?
    public init(endpoints: [Endpoint], nextToken: String?) {
        self.endpoints = endpoints
        self.nextToken = nextToken
    }
}

public struct EndpointModify: RPCMethod {
    public typealias Response = Endpoint
    public static let method = "endpoint.modify"
    public static let summary =
        "Add or remove route tables (gateway) or subnets (interface), or replace the policy."
    public var endpoint: String
    public var addRouteTables: [String]?
    public var removeRouteTables: [String]?
    public var addSubnets: [String]?
    public var removeSubnets: [String]?
    public var policy: String?

    public init(
        endpoint: String, addRouteTables: [String]? = nil, removeRouteTables: [String]? = nil,
        addSubnets: [String]? = nil, removeSubnets: [String]? = nil, policy: String? = nil
    ) {
        self.endpoint = endpoint
        self.addRouteTables = addRouteTables
        self.removeRouteTables = removeRouteTables
        self.addSubnets = addSubnets
        self.removeSubnets = removeSubnets
        self.policy = policy
    }
}

public struct EndpointDelete: RPCMethod {
    public typealias Response = Endpoint
    public static let method = "endpoint.delete"
    public static let summary = "Delete an endpoint: its routes and network interfaces go with it."
    public var endpoint: String
    public init(endpoint: String) { self.endpoint = endpoint }
}

public struct PrefixListList: RPCMethod {
    public typealias Response = PrefixListListResponse
    public static let method = "prefixList.list"
    public static let summary = "The AWS-managed prefix lists of the region (S3 and DynamoDB)."
    public init() {}
}

public struct PrefixListListResponse: Codable, Sendable, Hashable {
    public var prefixLists: [PrefixList]
    public init(prefixLists: [PrefixList]) { self.prefixLists = prefixLists }
}
