public struct InstanceRun: RPCMethod {
    public typealias Response = InstanceRunResponse
    public static let method = "instance.run"
    public static let summary =
        "Launch instances in a subnet, each with a primary network interface taking an address of the subnet."
    /// The subnet's ID or name.
    public var subnet: String
    /// The `Name` tag of every instance launched.
    public var name: String?
    /// A fixed private address in the subnet: only with one instance.
    public var privateIpAddress: String?
    /// Security groups of the subnet's VPC (IDs or names); the VPC's default group when left out.
    public var securityGroups: [String]?
    /// A public IPv4 address even where the subnet maps none (true), or none where it does (false).
    public var associatePublicIpAddress: Bool?
    /// How many instances to launch (default 1).
    public var count: Int?
    /// The fewest to launch when the subnet has no room for `count` (default `count`), as RunInstances' MinCount.
    public var minCount: Int?
    /// Any `ami-…` ID (default `ami-00000000000000000`): netctld runs no image.
    public var imageId: String?
    /// Any instance type (default `t3.micro`).
    public var instanceType: String?
    public var tags: Tags?

    public init(
        subnet: String, name: String? = nil, privateIpAddress: String? = nil, securityGroups: [String]? = nil,
        associatePublicIpAddress: Bool? = nil, count: Int? = nil, minCount: Int? = nil, imageId: String? = nil,
        instanceType: String? = nil, tags: Tags? = nil
    ) {
        self.subnet = subnet
        self.name = name
        self.privateIpAddress = privateIpAddress
        self.securityGroups = securityGroups
        self.associatePublicIpAddress = associatePublicIpAddress
        self.count = count
        self.minCount = minCount
        self.imageId = imageId
        self.instanceType = instanceType
        self.tags = tags
    }
}

public struct InstanceRunResponse: Codable, Sendable, Hashable {
    public var instances: [Instance]
    public init(instances: [Instance]) { self.instances = instances }
}

public struct InstanceGet: RPCMethod {
    public typealias Response = Instance
    public static let method = "instance.get"
    public static let summary = "One instance by ID or name."
    public var instance: String
    public init(instance: String) { self.instance = instance }
}

public struct InstanceList: RPCMethod {
    public typealias Response = InstanceListResponse
    public static let method = "instance.list"
    public static let summary =
        "The caller's instances, optionally of one VPC or subnet, or matching EC2 filters (instance-id, "
        + "instance-state-name, instance-state-code, subnet-id, vpc-id, availability-zone, private-ip-address, "
        + "ip-address, network-interface.network-interface-id, instance.group-id, reservation-id, image-id, "
        + "instance-type, tag:KEY, tag-key)."
    public var vpc: String?
    public var subnet: String?
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

public struct InstanceListResponse: Codable, Sendable, Hashable {
    public var instances: [Instance]
    public var nextToken: String?
    public init(instances: [Instance], nextToken: String?) {
        self.instances = instances
        self.nextToken = nextToken
    }
}

public struct InstanceStart: RPCMethod {
    public typealias Response = Instance
    public static let method = "instance.start"
    public static let summary = "Start a stopped instance: pending, then running, with a new public IP if it gets one."
    public var instance: String
    public init(instance: String) { self.instance = instance }
}

public struct InstanceStop: RPCMethod {
    public typealias Response = Instance
    public static let method = "instance.stop"
    public static let summary = "Stop a running instance: stopping, then stopped; its public IP is released."
    public var instance: String
    public init(instance: String) { self.instance = instance }
}

public struct InstanceTerminate: RPCMethod {
    public typealias Response = Instance
    public static let method = "instance.terminate"
    public static let summary =
        "Terminate an instance: shutting-down, then terminated; its interface and addresses are given back."
    public var instance: String
    public init(instance: String) { self.instance = instance }
}
