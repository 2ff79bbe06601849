public struct EndpointServices: RPCMethod {
    public typealias Response = EndpointServicesResponse
    public static let method = "endpoint.services"
    public static let summary =
        "The AWS services endpoints can reach in the region, with their endpoint types; optionally only the named ones "
        + "or those matching EC2 filters (service-name, service-type, service-region, owner)."
    /// Only these services (full or short names); an unknown one fails with `InvalidServiceName`.
    public var serviceNames: [String]?
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(serviceNames: [String]? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.serviceNames = serviceNames
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EndpointServicesResponse: Codable, Sendable, Hashable {
    public var serviceNames: [String]
    public var serviceDetails: [EndpointService]
    public var nextToken: String?
    public init(serviceNames: [String], serviceDetails: [EndpointService], nextToken: String? = nil) {
        self.serviceNames = serviceNames
        self.serviceDetails = serviceDetails
        self.nextToken = nextToken
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
    public static let summary =
        "The caller's VPC endpoints, optionally of one VPC or matching EC2 filters (vpc-endpoint-id, vpc-id, "
        + "service-name, vpc-endpoint-state, vpc-endpoint-type, ip-address-type, tag:KEY, tag-key)."
    public var vpc: String?
    public var maxResults: Int?
    public var nextToken: String?
    /// EC2's DescribeVpcEndpoints filters, by their AWS names.
    public var filters: [Filter]?
    public init(vpc: String? = nil, maxResults: Int? = nil, nextToken: String? = nil, filters: [Filter]? = nil) {
        self.vpc = vpc
        self.maxResults = maxResults
        self.nextToken = nextToken
        self.filters = filters
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
        "Add or remove route tables (gateway), subnets or security groups (interface), turn private DNS on or off "
        + "(interface), or replace the policy."
    public var endpoint: String
    public var addRouteTables: [String]?
    public var removeRouteTables: [String]?
    public var addSubnets: [String]?
    public var removeSubnets: [String]?
    public var policy: String?
    public var addSecurityGroups: [String]?
    public var removeSecurityGroups: [String]?
    public var privateDnsEnabled: Bool?

    public init(
        endpoint: String, addRouteTables: [String]? = nil, removeRouteTables: [String]? = nil,
        addSubnets: [String]? = nil, removeSubnets: [String]? = nil, policy: String? = nil,
        addSecurityGroups: [String]? = nil, removeSecurityGroups: [String]? = nil, privateDnsEnabled: Bool? = nil
    ) {
        self.endpoint = endpoint
        self.addRouteTables = addRouteTables
        self.removeRouteTables = removeRouteTables
        self.addSubnets = addSubnets
        self.removeSubnets = removeSubnets
        self.policy = policy
        self.addSecurityGroups = addSecurityGroups
        self.removeSecurityGroups = removeSecurityGroups
        self.privateDnsEnabled = privateDnsEnabled
    }
}

public struct EndpointDelete: RPCMethod {
    public typealias Response = Endpoint
    public static let method = "endpoint.delete"
    public static let summary = "Delete an endpoint: its routes and network interfaces go with it."
    public var endpoint: String
    public init(endpoint: String) { self.endpoint = endpoint }
}

public struct EndpointDeleteMany: RPCMethod {
    public typealias Response = EndpointDeleteManyResponse
    public static let method = "endpoint.deleteMany"
    public static let summary =
        "Delete several endpoints in one change: each is deleted or refused on its own, the refusals listed with their codes."
    /// IDs or names; at most 1,000.
    public var endpoints: [String]
    public init(endpoints: [String]) { self.endpoints = endpoints }
}

public struct EndpointDeleteManyResponse: Codable, Sendable, Hashable {
    /// The deleted endpoints, in their final state.
    public var deleted: [Endpoint]
    public var unsuccessful: [UnsuccessfulItem]
    public init(deleted: [Endpoint], unsuccessful: [UnsuccessfulItem]) {
        self.deleted = deleted
        self.unsuccessful = unsuccessful
    }
}

/// One item of a batch call that was refused, with the code and message a single call would have failed with.
public struct UnsuccessfulItem: Codable, Sendable, Hashable {
    /// The reference as the caller gave it.
    public var resourceId: String
    public var code: String
    public var message: String
    public init(resourceId: String, code: String, message: String) {
        self.resourceId = resourceId
        self.code = code
        self.message = message
    }
}

public struct PrefixListList: RPCMethod {
    public typealias Response = PrefixListListResponse
    public static let method = "prefixList.list"
    public static let summary =
        "The AWS-managed prefix lists of the region (S3 and DynamoDB); filters: prefix-list-id, prefix-list-name, owner-id."
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?
    public init(filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct PrefixListListResponse: Codable, Sendable, Hashable {
    public var prefixLists: [PrefixList]
    public var nextToken: String?
    public init(prefixLists: [PrefixList], nextToken: String? = nil) {
        self.prefixLists = prefixLists
        self.nextToken = nextToken
    }
}

public struct PrefixListGet: RPCMethod {
    public typealias Response = PrefixList
    public static let method = "prefixList.get"
    public static let summary = "One AWS-managed prefix list of the region, by ID or name."
    public var prefixList: String
    public init(prefixList: String) { self.prefixList = prefixList }
}

public struct PrefixListGetEntries: RPCMethod {
    public typealias Response = PrefixListEntriesResponse
    public static let method = "prefixList.getEntries"
    public static let summary = "The CIDRs of an AWS-managed prefix list, a page at a time."
    public var prefixList: String
    public var maxResults: Int?
    public var nextToken: String?
    public init(prefixList: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.prefixList = prefixList
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct PrefixListEntriesResponse: Codable, Sendable, Hashable {
    public var entries: [PrefixListEntry]
    public var nextToken: String?
    public init(entries: [PrefixListEntry], nextToken: String? = nil) {
        self.entries = entries
        self.nextToken = nextToken
    }
}

public struct PrefixListEntry: Codable, Sendable, Hashable {
    public var cidr: String
    public init(cidr: String) { self.cidr = cidr }
}
