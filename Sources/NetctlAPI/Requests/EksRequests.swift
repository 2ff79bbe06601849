import Foundation

public struct EksClusterCreate: RPCMethod {
    public typealias Response = EksCluster
    public static let method = "eks.cluster.create"
    public static let summary =
        "Create an EKS cluster: CREATING with its control-plane interfaces in the subnets, ACTIVE after 10 minutes."
    public var name: String
    /// A supported Kubernetes minor version, `1.33`.
    public var version: String
    /// At least two subnets of one VPC in at least two availability zones.
    public var subnets: [String]
    /// At most 5 security group IDs.
    public var securityGroups: [String]?
    /// Default true.
    public var endpointPublicAccess: Bool?
    /// Default false.
    public var endpointPrivateAccess: Bool?
    public var tags: Tags?
    public init(
        name: String, version: String, subnets: [String], securityGroups: [String]? = nil,
        endpointPublicAccess: Bool? = nil, endpointPrivateAccess: Bool? = nil, tags: Tags? = nil
    ) {
        self.name = name
        self.version = version
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.endpointPublicAccess = endpointPublicAccess
        self.endpointPrivateAccess = endpointPrivateAccess
        self.tags = tags
    }
}

public struct EksClusterGet: RPCMethod {
    public typealias Response = EksCluster
    public static let method = "eks.cluster.get"
    public static let summary = "One EKS cluster: status, version, endpoint, control-plane interfaces and node counts."
    /// The cluster's name or ARN.
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct EksClusterList: RPCMethod {
    public typealias Response = EksClusterListResponse
    public static let method = "eks.cluster.list"
    public static let summary = "The caller's EKS clusters."
    public var maxResults: Int?
    public var nextToken: String?
    public init(maxResults: Int? = nil, nextToken: String? = nil) {
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EksClusterListResponse: Codable, Sendable, Hashable {
    public var clusters: [EksCluster]
    public var nextToken: String?
    public init(clusters: [EksCluster], nextToken: String? = nil) {
        self.clusters = clusters
        self.nextToken = nextToken
    }
}

public struct EksClusterUpdate: RPCMethod {
    public typealias Response = EksCluster
    public static let method = "eks.cluster.update"
    public static let summary =
        "Upgrade a cluster one Kubernetes minor version, or change its endpoint access: UPDATING, then ACTIVE."
    /// The cluster's name or ARN.
    public var name: String
    /// The next minor version after the cluster's.
    public var version: String?
    public var endpointPublicAccess: Bool?
    public var endpointPrivateAccess: Bool?
    public init(
        name: String, version: String? = nil, endpointPublicAccess: Bool? = nil, endpointPrivateAccess: Bool? = nil
    ) {
        self.name = name
        self.version = version
        self.endpointPublicAccess = endpointPublicAccess
        self.endpointPrivateAccess = endpointPrivateAccess
    }
}

public struct EksClusterDelete: RPCMethod {
    public typealias Response = EksCluster
    public static let method = "eks.cluster.delete"
    public static let summary =
        "Delete a cluster with no node groups or Fargate profiles: DELETING, then gone with its addresses."
    /// The cluster's name or ARN.
    public var name: String
    public init(name: String) {
        self.name = name
    }
}

public struct EksNodegroupCreate: RPCMethod {
    public typealias Response = EksNodegroup
    public static let method = "eks.nodegroup.create"
    public static let summary =
        "Create a managed node group in subnets of an ACTIVE cluster; its nodes start when it becomes ACTIVE."
    /// The cluster's name or ARN.
    public var cluster: String
    public var name: String
    /// Subnets of the cluster.
    public var subnets: [String]
    public var scalingConfig: EksScalingConfig
    /// Default `t3.medium`.
    public var instanceTypes: [String]?
    public var tags: Tags?
    public init(
        cluster: String, name: String, subnets: [String], scalingConfig: EksScalingConfig,
        instanceTypes: [String]? = nil,
        tags: Tags? = nil
    ) {
        self.cluster = cluster
        self.name = name
        self.subnets = subnets
        self.scalingConfig = scalingConfig
        self.instanceTypes = instanceTypes
        self.tags = tags
    }
}

public struct EksNodegroupGet: RPCMethod {
    public typealias Response = EksNodegroup
    public static let method = "eks.nodegroup.get"
    public static let summary = "One node group with its nodes, their addresses and zones."
    public var cluster: String
    /// The node group's name or ARN.
    public var name: String
    public init(cluster: String, name: String) {
        self.cluster = cluster
        self.name = name
    }
}

public struct EksNodegroupList: RPCMethod {
    public typealias Response = EksNodegroupListResponse
    public static let method = "eks.nodegroup.list"
    public static let summary = "The names of a cluster's node groups."
    public var cluster: String
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.cluster = cluster
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EksNodegroupListResponse: Codable, Sendable, Hashable {
    public var nodegroups: [String]
    public var nextToken: String?
    public init(nodegroups: [String], nextToken: String? = nil) {
        self.nodegroups = nodegroups
        self.nextToken = nextToken
    }
}

public struct EksNodegroupUpdate: RPCMethod {
    public typealias Response = EksNodegroup
    public static let method = "eks.nodegroup.update"
    public static let summary =
        "Scale a node group (scalingConfig) or upgrade it to its cluster's version: UPDATING, then ACTIVE."
    public var cluster: String
    /// The node group's name or ARN.
    public var name: String
    public var scalingConfig: EksScalingConfigUpdate?
    /// The cluster's version: replaces every node.
    public var version: String?
    public init(cluster: String, name: String, scalingConfig: EksScalingConfigUpdate? = nil, version: String? = nil) {
        self.cluster = cluster
        self.name = name
        self.scalingConfig = scalingConfig
        self.version = version
    }
}

public struct EksNodegroupDelete: RPCMethod {
    public typealias Response = EksNodegroup
    public static let method = "eks.nodegroup.delete"
    public static let summary =
        "Delete a node group: DELETING while its nodes terminate, then gone with their addresses."
    public var cluster: String
    /// The node group's name or ARN.
    public var name: String
    public init(cluster: String, name: String) {
        self.cluster = cluster
        self.name = name
    }
}

public struct EksFargateProfileCreate: RPCMethod {
    public typealias Response = FargateProfile
    public static let method = "eks.fargateProfile.create"
    public static let summary =
        "Create an immutable Fargate profile: pod selectors and private subnets of the cluster's VPC."
    public var cluster: String
    public var name: String
    /// Private subnets (no 0.0.0.0/0 route to an internet gateway) of the cluster's VPC.
    public var subnets: [String]
    /// 1 to 5 selectors, each a namespace and at most 5 labels.
    public var selectors: [FargateSelector]
    /// Default `arn:aws:iam::ACCOUNT:role/AmazonEKSFargatePodExecutionRole`.
    public var podExecutionRoleArn: String?
    public var tags: Tags?
    public init(
        cluster: String, name: String, subnets: [String], selectors: [FargateSelector],
        podExecutionRoleArn: String? = nil,
        tags: Tags? = nil
    ) {
        self.cluster = cluster
        self.name = name
        self.subnets = subnets
        self.selectors = selectors
        self.podExecutionRoleArn = podExecutionRoleArn
        self.tags = tags
    }
}

public struct EksFargateProfileGet: RPCMethod {
    public typealias Response = FargateProfile
    public static let method = "eks.fargateProfile.get"
    public static let summary = "One Fargate profile."
    public var cluster: String
    /// The profile's name or ARN.
    public var name: String
    public init(cluster: String, name: String) {
        self.cluster = cluster
        self.name = name
    }
}

public struct EksFargateProfileList: RPCMethod {
    public typealias Response = EksFargateProfileListResponse
    public static let method = "eks.fargateProfile.list"
    public static let summary = "The names of a cluster's Fargate profiles."
    public var cluster: String
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.cluster = cluster
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EksFargateProfileListResponse: Codable, Sendable, Hashable {
    public var fargateProfiles: [String]
    public var nextToken: String?
    public init(fargateProfiles: [String], nextToken: String? = nil) {
        self.fargateProfiles = fargateProfiles
        self.nextToken = nextToken
    }
}

public struct EksFargateProfileDelete: RPCMethod {
    public typealias Response = FargateProfile
    public static let method = "eks.fargateProfile.delete"
    public static let summary =
        "Delete a Fargate profile: DELETING, then gone; no other profile may be created meanwhile."
    public var cluster: String
    /// The profile's name or ARN.
    public var name: String
    public init(cluster: String, name: String) {
        self.cluster = cluster
        self.name = name
    }
}
