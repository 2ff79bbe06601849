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
