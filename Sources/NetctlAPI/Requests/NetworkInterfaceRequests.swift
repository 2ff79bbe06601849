public struct NetworkInterfaceGet: RPCMethod {
    public typealias Response = NetworkInterface
    public static let method = "networkInterface.get"
    public static let summary = "One network interface of the caller's, by ID."
    public var networkInterface: String
    public init(networkInterface: String) { self.networkInterface = networkInterface }
}

public struct NetworkInterfaceList: RPCMethod {
    public typealias Response = NetworkInterfaceListResponse
    public static let method = "networkInterface.list"
    public static let summary =
        "The caller's network interfaces (NAT gateways', endpoints', tasks', nodes'), optionally of one VPC or subnet, or "
        + "matching EC2 filters (network-interface-id, subnet-id, vpc-id, availability-zone, private-ip-address, "
        + "addresses.private-ip-address, interface-type, status, owner-id, description, requester-managed, tag:KEY, tag-key)."
    public var vpc: String?
    public var subnet: String?
    /// EC2's DescribeNetworkInterfaces filters, by their AWS names.
    public var filters: [Filter]?
    public var maxResults: Int?
    public var nextToken: String?

    public init(
        vpc: String? = nil, subnet: String? = nil, filters: [Filter]? = nil, maxResults: Int? = nil,
        nextToken: String? = nil
    ) {
        self.vpc = vpc
        self.subnet = subnet
        self.filters = filters
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct NetworkInterfaceListResponse: Codable, Sendable, Hashable {
    public var networkInterfaces: [NetworkInterface]
    public var nextToken: String?
    public init(networkInterfaces: [NetworkInterface], nextToken: String?) {
        self.networkInterfaces = networkInterfaces
        self.nextToken = nextToken
    }
}

public struct NetworkInterfaceCreate: RPCMethod {
    public typealias Response = NetworkInterface
    public static let method = "networkInterface.create"
    public static let summary = "Create a network interface of your own in a subnet, with an address of it."
    public var subnet: String
    /// A fixed address in the subnet; the subnet's next free one when left out.
    public var privateIpAddress: String?
    /// Security groups of the subnet's VPC (IDs or names); the VPC's default group when left out.
    public var groups: [String]?
    public var description: String?
    public var tags: Tags?
    public init(
        subnet: String, privateIpAddress: String? = nil, groups: [String]? = nil, description: String? = nil,
        tags: Tags? = nil
    ) {
        self.subnet = subnet
        self.privateIpAddress = privateIpAddress
        self.groups = groups
        self.description = description
        self.tags = tags
    }
}

public struct NetworkInterfaceDelete: RPCMethod {
    public typealias Response = NetworkInterface
    public static let method = "networkInterface.delete"
    public static let summary = "Delete a network interface you created; refused while it is attached."
    public var networkInterface: String
    public init(networkInterface: String) { self.networkInterface = networkInterface }
}

public struct NetworkInterfaceModifyAttribute: RPCMethod {
    public typealias Response = NetworkInterface
    public static let method = "networkInterface.modifyAttribute"
    public static let summary = "Turn an interface's source/destination check on or off (NAT and router instances)."
    public var networkInterface: String
    public var sourceDestCheck: Bool
    public init(networkInterface: String, sourceDestCheck: Bool) {
        self.networkInterface = networkInterface
        self.sourceDestCheck = sourceDestCheck
    }
}

public struct NetworkInterfaceModifySecurityGroups: RPCMethod {
    public typealias Response = NetworkInterface
    public static let method = "networkInterface.modifySecurityGroups"
    public static let summary =
        "Replace an interface's security groups (1 to 5 of its VPC); refused for requester-managed interfaces."
    public var networkInterface: String
    /// Security group IDs or names, of the interface's VPC.
    public var groups: [String]
    public init(networkInterface: String, groups: [String]) {
        self.networkInterface = networkInterface
        self.groups = groups
    }
}
