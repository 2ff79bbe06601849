import Foundation

public typealias Tags = [String: String]

/// A VPC. `cidrBlocks[0]` is the primary CIDR; secondaries follow in the order they were associated.
public struct Vpc: Codable, Sendable, Hashable {
    public var vpcId: String
    public var name: String?
    public var accountId: String
    public var region: String
    public var cidrBlocks: [String]
    public var state: VpcState
    public var mainRouteTableId: String
    public var enableDnsSupport: Bool
    public var enableDnsHostnames: Bool
    public var tags: Tags
    public var createdAt: Date

    public init(
        vpcId: String, name: String?, accountId: String, region: String, cidrBlocks: [String],
        state: VpcState = .available, mainRouteTableId: String, enableDnsSupport: Bool = true,
        enableDnsHostnames: Bool = false, tags: Tags, createdAt: Date
    ) {
        self.vpcId = vpcId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.cidrBlocks = cidrBlocks
        self.state = state
        self.mainRouteTableId = mainRouteTableId
        self.enableDnsSupport = enableDnsSupport
        self.enableDnsHostnames = enableDnsHostnames
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// A VPC's `state`: `available` from creation on; `deleted` only in the answer to the delete call and its change event.
public enum VpcState: String, Codable, Sendable, Hashable, CaseIterable {
    case available
    case deleted
}

public struct Subnet: Codable, Sendable, Hashable {
    public var subnetId: String
    public var vpcId: String
    public var name: String?
    public var accountId: String
    public var region: String
    public var cidrBlock: String
    public var availabilityZone: String
    /// Addresses still free: the subnet's size less the 5 AWS reserves and those held by interfaces.
    public var availableIpAddressCount: Int
    public var state: SubnetState
    /// Whether instances launched in the subnet get a public IPv4 address (AWS's `MapPublicIpOnLaunch`).
    public var mapPublicIpOnLaunch: Bool
    /// The network ACL the subnet is associated with (`acl-…`): its VPC's default ACL unless moved.
    public var networkAclId: String?
    public var tags: Tags
    public var createdAt: Date

    public init(
        subnetId: String, vpcId: String, name: String?, accountId: String, region: String, cidrBlock: String,
        availabilityZone: String, availableIpAddressCount: Int, state: SubnetState = .available,
        mapPublicIpOnLaunch: Bool = false, networkAclId: String? = nil, tags: Tags, createdAt: Date
    ) {
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
        self.availableIpAddressCount = availableIpAddressCount
        self.state = state
        self.mapPublicIpOnLaunch = mapPublicIpOnLaunch
        self.networkAclId = networkAclId
        self.tags = tags
        self.createdAt = createdAt
    }
}

extension Subnet {
    /// Subnets stored before `mapPublicIpOnLaunch` existed read as `false`, AWS's default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            subnetId: try container.decode(String.self, forKey: .subnetId),
            vpcId: try container.decode(String.self, forKey: .vpcId),
            name: try container.decodeIfPresent(String.self, forKey: .name),
            accountId: try container.decode(String.self, forKey: .accountId),
            region: try container.decode(String.self, forKey: .region),
            cidrBlock: try container.decode(String.self, forKey: .cidrBlock),
            availabilityZone: try container.decode(String.self, forKey: .availabilityZone),
            availableIpAddressCount: try container.decode(Int.self, forKey: .availableIpAddressCount),
            state: try container.decode(SubnetState.self, forKey: .state),
            mapPublicIpOnLaunch: try container.decodeIfPresent(Bool.self, forKey: .mapPublicIpOnLaunch) ?? false,
            networkAclId: try container.decodeIfPresent(String.self, forKey: .networkAclId),
            tags: try container.decode(Tags.self, forKey: .tags),
            createdAt: try container.decode(Date.self, forKey: .createdAt))
    }
}

/// A subnet's `state`: `available` from creation on; `deleted` only in the answer to the delete call and its change event.
public enum SubnetState: String, Codable, Sendable, Hashable, CaseIterable {
    case available
    case deleted
}

/// An elastic network interface: the holder of a private address in a subnet. NAT gateways, interface
/// endpoints and awsvpc tasks each own one.
public struct NetworkInterface: Codable, Sendable, Hashable {
    public var networkInterfaceId: String
    public var subnetId: String
    public var vpcId: String
    public var accountId: String
    public var region: String
    public var availabilityZone: String
    public var privateIpAddress: String
    /// `nat_gateway`, `vpc_endpoint`, `interface` (AWS's `InterfaceType` values).
    public var interfaceType: String
    public var description: String
    /// The resource that owns the interface (`nat-…`, `vpce-…`, a task ARN).
    public var attachedTo: String?
    public var status: String
    /// Set by `tags.create`/`tags.delete` (EC2's CreateTags); interfaces are created untagged.
    public var tags: Tags
    public var createdAt: Date

    public init(
        networkInterfaceId: String, subnetId: String, vpcId: String, accountId: String, region: String,
        availabilityZone: String, privateIpAddress: String, interfaceType: String, description: String,
        attachedTo: String?, status: String = "in-use", tags: Tags = [:], createdAt: Date
    ) {
        self.networkInterfaceId = networkInterfaceId
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.accountId = accountId
        self.region = region
        self.availabilityZone = availabilityZone
        self.privateIpAddress = privateIpAddress
        self.interfaceType = interfaceType
        self.description = description
        self.attachedTo = attachedTo
        self.status = status
        self.tags = tags
        self.createdAt = createdAt
    }
}

extension NetworkInterface {
    /// Rows stored before interfaces had tags have no `tags` member: they read as untagged.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        networkInterfaceId = try container.decode(String.self, forKey: .networkInterfaceId)
        subnetId = try container.decode(String.self, forKey: .subnetId)
        vpcId = try container.decode(String.self, forKey: .vpcId)
        accountId = try container.decode(String.self, forKey: .accountId)
        region = try container.decode(String.self, forKey: .region)
        availabilityZone = try container.decode(String.self, forKey: .availabilityZone)
        privateIpAddress = try container.decode(String.self, forKey: .privateIpAddress)
        interfaceType = try container.decode(String.self, forKey: .interfaceType)
        description = try container.decode(String.self, forKey: .description)
        attachedTo = try container.decodeIfPresent(String.self, forKey: .attachedTo)
        status = try container.decode(String.self, forKey: .status)
        tags = try container.decodeIfPresent(Tags.self, forKey: .tags) ?? [:]
        createdAt = try container.decode(Date.self, forKey: .createdAt)
    }
}
