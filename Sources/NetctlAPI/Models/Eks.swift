import Foundation

/// One of the cross-account interfaces through which the EKS control plane (in AWS's account) reaches
/// the cluster's VPC: a real interface with an address of one of the cluster's subnets.
public struct EksInterface: Codable, Sendable, Hashable {
    public var networkInterfaceId: String
    public var subnetId: String
    public var availabilityZone: String
    public var privateIpAddress: String
    public init(networkInterfaceId: String, subnetId: String, availabilityZone: String, privateIpAddress: String) {
        self.networkInterfaceId = networkInterfaceId
        self.subnetId = subnetId
        self.availabilityZone = availabilityZone
        self.privateIpAddress = privateIpAddress
    }
}

/// AWS's `resourcesVpcConfig`.
public struct EksVpcConfig: Codable, Sendable, Hashable {
    public var vpcId: String
    public var subnetIds: [String]
    public var securityGroupIds: [String]
    /// The security group EKS creates for the control plane and managed nodes.
    public var clusterSecurityGroupId: String
    public var endpointPublicAccess: Bool
    public var endpointPrivateAccess: Bool
    public var publicAccessCidrs: [String]
    public init(
        vpcId: String, subnetIds: [String], securityGroupIds: [String], clusterSecurityGroupId: String,
        endpointPublicAccess: Bool, endpointPrivateAccess: Bool, publicAccessCidrs: [String]
    ) {
        self.vpcId = vpcId
        self.subnetIds = subnetIds
        self.securityGroupIds = securityGroupIds
        self.clusterSecurityGroupId = clusterSecurityGroupId
        self.endpointPublicAccess = endpointPublicAccess
        self.endpointPrivateAccess = endpointPrivateAccess
        self.publicAccessCidrs = publicAccessCidrs
    }
}

/// A parameter of an update, as AWS's `UpdateParam` (`Version`, `EndpointPublicAccess`, `MinSize`, …).
public struct EksUpdateParam: Codable, Sendable, Hashable {
    public var type: String
    public var value: String
    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}

/// The update in progress, or the last one: AWS's `Update` object.
public struct EksUpdate: Codable, Sendable, Hashable {
    public var id: String
    /// `InProgress` or `Successful`.
    public var status: String
    /// `VersionUpdate`, `EndpointAccessUpdate` or `ConfigUpdate`.
    public var type: String
    public var params: [EksUpdateParam]
    public var createdAt: Date
    public init(id: String, status: String, type: String, params: [EksUpdateParam], createdAt: Date) {
        self.id = id
        self.status = status
        self.type = type
        self.params = params
        self.createdAt = createdAt
    }
}

/// An EKS cluster. The node and child counts are computed from its node groups and Fargate profiles
/// when read.
public struct EksCluster: Codable, Sendable, Hashable {
    public var name: String
    public var arn: String
    public var accountId: String
    public var region: String
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`, or `FAILED` when a transition could not be made.
    public var status: String
    /// The Kubernetes minor version, `1.31`.
    public var version: String
    public var platformVersion: String
    /// `https://<32 HEX>.<shard>.<region>.eks.amazonaws.com`.
    public var endpoint: String
    public var vpcId: String
    /// The subnets as given, as IDs.
    public var subnets: [String]
    /// The three availability zones of the region the control plane runs in.
    public var availabilityZones: [String]
    public var resourcesVpcConfig: EksVpcConfig
    /// `kubernetesNetworkConfig.serviceIpv4Cidr`: 10.100.0.0/16, or 172.20.0.0/16 when the VPC is in 10.0.0.0/8.
    public var serviceIpv4Cidr: String
    /// The control plane's interfaces in the cluster's subnets (2 to 4, one per zone of its subnets).
    public var controlPlaneInterfaces: [EksInterface]
    public var nodegroupCount: Int
    public var fargateProfileCount: Int
    /// Summed over the cluster's node groups.
    public var desiredNodeCount: Int
    public var readyNodeCount: Int
    public var update: EksUpdate?
    public var tags: Tags
    public var createdAt: Date
    /// When the cluster moves to its next status on the daemon's clock (nil while ACTIVE).
    public var nextTransitionAt: Date?
    /// The IAM role the control plane acts as, when one was given.
    public var roleArn: String?
    /// Every update of the cluster, oldest first (`eks.update.list`); the last is `update`.
    public var updates: [EksUpdate]?

    public init(
        name: String, arn: String, accountId: String, region: String, status: String, version: String,
        platformVersion: String, endpoint: String, vpcId: String, subnets: [String], availabilityZones: [String],
        resourcesVpcConfig: EksVpcConfig, serviceIpv4Cidr: String, controlPlaneInterfaces: [EksInterface],
        nodegroupCount: Int = 0, fargateProfileCount: Int = 0, desiredNodeCount: Int = 0, readyNodeCount: Int = 0,
        update: EksUpdate? = nil, tags: Tags = [:], createdAt: Date, nextTransitionAt: Date?
    ) {
        self.name = name
        self.arn = arn
        self.accountId = accountId
        self.region = region
        self.status = status
        self.version = version
        self.platformVersion = platformVersion
        self.endpoint = endpoint
        self.vpcId = vpcId
        self.subnets = subnets
        self.availabilityZones = availabilityZones
        self.resourcesVpcConfig = resourcesVpcConfig
        self.serviceIpv4Cidr = serviceIpv4Cidr
        self.controlPlaneInterfaces = controlPlaneInterfaces
        self.nodegroupCount = nodegroupCount
        self.fargateProfileCount = fargateProfileCount
        self.desiredNodeCount = desiredNodeCount
        self.readyNodeCount = readyNodeCount
        self.update = update
        self.tags = tags
        self.createdAt = createdAt
        self.nextTransitionAt = nextTransitionAt
    }
}

/// `scalingConfig`: the node group keeps `desiredSize` nodes, within `minSize`…`maxSize`.
public struct EksScalingConfig: Codable, Sendable, Hashable {
    public var minSize: Int
    public var desiredSize: Int
    public var maxSize: Int
    public init(minSize: Int, desiredSize: Int, maxSize: Int) {
        self.minSize = minSize
        self.desiredSize = desiredSize
        self.maxSize = maxSize
    }
}

/// `scalingConfig` of `eks.nodegroup.update`: members left out keep their values.
public struct EksScalingConfigUpdate: Codable, Sendable, Hashable {
    public var minSize: Int?
    public var desiredSize: Int?
    public var maxSize: Int?
    public init(minSize: Int? = nil, desiredSize: Int? = nil, maxSize: Int? = nil) {
        self.minSize = minSize
        self.desiredSize = desiredSize
        self.maxSize = maxSize
    }
}

/// One worker node of a managed node group: an EC2 instance with its primary interface.
public struct EksNode: Codable, Sendable, Hashable {
    public var instanceId: String
    public var instanceType: String
    public var privateIpAddress: String
    public var subnetId: String
    public var availabilityZone: String
    public var networkInterfaceId: String
    public var launchedAt: Date
    public init(
        instanceId: String, instanceType: String, privateIpAddress: String, subnetId: String, availabilityZone: String,
        networkInterfaceId: String, launchedAt: Date
    ) {
        self.instanceId = instanceId
        self.instanceType = instanceType
        self.privateIpAddress = privateIpAddress
        self.subnetId = subnetId
        self.availabilityZone = availabilityZone
        self.networkInterfaceId = networkInterfaceId
        self.launchedAt = launchedAt
    }
}

/// A health issue of a node group (`InsufficientFreeAddresses`, …).
public struct EksIssue: Codable, Sendable, Hashable {
    public var code: String
    public var message: String
    public var resourceIds: [String]
    public init(code: String, message: String, resourceIds: [String]) {
        self.code = code
        self.message = message
        self.resourceIds = resourceIds
    }
}

public struct EksHealth: Codable, Sendable, Hashable {
    public var issues: [EksIssue]
    public init(issues: [EksIssue] = []) {
        self.issues = issues
    }
}

/// A managed node group: `desiredSize` nodes spread over the availability zones of its subnets.
public struct EksNodegroup: Codable, Sendable, Hashable {
    public var nodegroupName: String
    public var nodegroupArn: String
    public var clusterName: String
    public var clusterArn: String
    public var accountId: String
    public var region: String
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`, `DEGRADED` (fewer nodes than desired: see `health`) or
    /// `CREATE_FAILED`.
    public var status: String
    public var version: String
    public var capacityType: String
    public var amiType: String
    public var scalingConfig: EksScalingConfig
    public var instanceTypes: [String]
    public var subnets: [String]
    public var nodes: [EksNode]
    public var health: EksHealth
    public var update: EksUpdate?
    public var tags: Tags
    public var createdAt: Date
    public var modifiedAt: Date
    public var nextTransitionAt: Date?
    /// The IAM role the nodes act as, when one was given.
    public var nodeRole: String?
    /// Every update of the node group, oldest first (`eks.update.list`); the last is `update`.
    public var updates: [EksUpdate]?

    public init(
        nodegroupName: String, nodegroupArn: String, clusterName: String, clusterArn: String, accountId: String,
        region: String, status: String, version: String, capacityType: String = "ON_DEMAND",
        amiType: String = "AL2023_x86_64_STANDARD", scalingConfig: EksScalingConfig, instanceTypes: [String],
        subnets: [String], nodes: [EksNode] = [], health: EksHealth = EksHealth(), update: EksUpdate? = nil,
        tags: Tags = [:], createdAt: Date, modifiedAt: Date, nextTransitionAt: Date?
    ) {
        self.nodegroupName = nodegroupName
        self.nodegroupArn = nodegroupArn
        self.clusterName = clusterName
        self.clusterArn = clusterArn
        self.accountId = accountId
        self.region = region
        self.status = status
        self.version = version
        self.capacityType = capacityType
        self.amiType = amiType
        self.scalingConfig = scalingConfig
        self.instanceTypes = instanceTypes
        self.subnets = subnets
        self.nodes = nodes
        self.health = health
        self.update = update
        self.tags = tags
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.nextTransitionAt = nextTransitionAt
    }
}

/// Which pods a Fargate profile runs: a namespace (`*` and `?` allowed) and labels they must carry.
public struct FargateSelector: Codable, Sendable, Hashable {
    public var namespace: String
    public var labels: [String: String]?
    public init(namespace: String, labels: [String: String]? = nil) {
        self.namespace = namespace
        self.labels = labels
    }
}

/// A Fargate profile: immutable once created.
public struct FargateProfile: Codable, Sendable, Hashable {
    public var fargateProfileName: String
    public var fargateProfileArn: String
    public var clusterName: String
    public var clusterArn: String
    public var accountId: String
    public var region: String
    /// `CREATING`, `ACTIVE` or `DELETING`.
    public var status: String
    public var podExecutionRoleArn: String
    public var subnets: [String]
    public var selectors: [FargateSelector]
    public var tags: Tags
    public var createdAt: Date
    public var nextTransitionAt: Date?

    public init(
        fargateProfileName: String, fargateProfileArn: String, clusterName: String, clusterArn: String,
        accountId: String, region: String, status: String, podExecutionRoleArn: String, subnets: [String],
        selectors: [FargateSelector], tags: Tags = [:], createdAt: Date, nextTransitionAt: Date?
    ) {
        self.fargateProfileName = fargateProfileName
        self.fargateProfileArn = fargateProfileArn
        self.clusterName = clusterName
        self.clusterArn = clusterArn
        self.accountId = accountId
        self.region = region
        self.status = status
        self.podExecutionRoleArn = podExecutionRoleArn
        self.subnets = subnets
        self.selectors = selectors
        self.tags = tags
        self.createdAt = createdAt
        self.nextTransitionAt = nextTransitionAt
    }
}

/// The status strings of SEMANTICS section 6.
public enum EksStatus {
    public static let creating = "CREATING"
    public static let active = "ACTIVE"
    public static let updating = "UPDATING"
    public static let deleting = "DELETING"
    public static let degraded = "DEGRADED"
    public static let failed = "FAILED"
    public static let createFailed = "CREATE_FAILED"
}
