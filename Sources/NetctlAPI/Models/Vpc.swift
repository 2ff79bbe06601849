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

/// An elastic network interface: the holder of a private address in a subnet. Instances, NAT gateways,
/// interface endpoints, awsvpc tasks and EKS clusters and nodes each own one; a caller may create one
/// of its own.
public struct NetworkInterface: Codable, Sendable, Hashable {
    public var networkInterfaceId: String
    public var subnetId: String
    public var vpcId: String
    public var accountId: String
    public var region: String
    public var availabilityZone: String
    public var privateIpAddress: String
    /// What the interface is for: `instance` (an instance's, or one a caller created), `vpc_endpoint`,
    /// `nat_gateway`, `ecs_task`, `eks_control_plane`, `eks_node`, `load_balancer`, `transit_gateway`.
    /// EC2's `InterfaceType` follows from it (`interface` for instances, tasks and EKS).
    public var interfaceType: String
    public var description: String
    /// The resource that owns the interface (`nat-…`, `vpce-…`, a task ARN).
    public var attachedTo: String?
    public var status: String
    /// The auto-assigned public IPv4 address of an instance's primary interface, while it has one.
    public var publicIpAddress: String?
    public var securityGroupIds: [String]
    /// The instance the interface is attached to, if any.
    public var attachment: NetworkInterfaceAttachment?
    /// Whether the interface drops traffic not addressed from or to one of its own addresses.
    public var sourceDestCheck: Bool
    /// Set by `tags.create`/`tags.delete` (EC2's CreateTags); interfaces are created untagged.
    public var tags: Tags
    public var createdAt: Date

    public init(
        networkInterfaceId: String, subnetId: String, vpcId: String, accountId: String, region: String,
        availabilityZone: String, privateIpAddress: String, interfaceType: String, description: String,
        attachedTo: String?, status: String = "in-use", publicIpAddress: String? = nil,
        securityGroupIds: [String] = [], attachment: NetworkInterfaceAttachment? = nil, sourceDestCheck: Bool = true,
        tags: Tags = [:], createdAt: Date
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
        self.publicIpAddress = publicIpAddress
        self.securityGroupIds = securityGroupIds
        self.attachment = attachment
        self.sourceDestCheck = sourceDestCheck
        self.tags = tags
        self.createdAt = createdAt
    }
}

extension NetworkInterface {
    /// Rows stored before interfaces had tags have no `tags` member: they read as untagged. Rows stored
    /// before instances existed have no addresses, groups or attachment, and say `interface` (EC2's
    /// value) for instances', tasks' and EKS's interfaces: the owner tells which.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        networkInterfaceId = try container.decode(String.self, forKey: .networkInterfaceId)
        subnetId = try container.decode(String.self, forKey: .subnetId)
        vpcId = try container.decode(String.self, forKey: .vpcId)
        accountId = try container.decode(String.self, forKey: .accountId)
        region = try container.decode(String.self, forKey: .region)
        availabilityZone = try container.decode(String.self, forKey: .availabilityZone)
        privateIpAddress = try container.decode(String.self, forKey: .privateIpAddress)
        description = try container.decode(String.self, forKey: .description)
        attachedTo = try container.decodeIfPresent(String.self, forKey: .attachedTo)
        let storedType = try container.decode(String.self, forKey: .interfaceType)
        interfaceType = storedType == "interface" ? Self.kind(ofLegacyOwner: attachedTo) : storedType
        status = try container.decode(String.self, forKey: .status)
        publicIpAddress = try container.decodeIfPresent(String.self, forKey: .publicIpAddress)
        securityGroupIds = try container.decodeIfPresent([String].self, forKey: .securityGroupIds) ?? []
        attachment = try container.decodeIfPresent(NetworkInterfaceAttachment.self, forKey: .attachment)
        sourceDestCheck = try container.decodeIfPresent(Bool.self, forKey: .sourceDestCheck) ?? true
        tags = try container.decodeIfPresent(Tags.self, forKey: .tags) ?? [:]
        createdAt = try container.decode(Date.self, forKey: .createdAt)
    }

    /// The kind of an interface stored as EC2's `interface`, by its owner's ARN.
    static func kind(ofLegacyOwner owner: String?) -> String {
        guard let owner, owner.hasPrefix("arn:") else { return "instance" }
        let parts = owner.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return "instance" }
        let resourceType = parts[5].prefix { $0 != "/" }
        switch (parts[2], resourceType) {
        case ("ecs", "task"): return "ecs_task"
        case ("eks", "cluster"): return "eks_control_plane"
        case ("eks", "nodegroup"): return "eks_node"
        default: return "instance"
        }
    }
}
