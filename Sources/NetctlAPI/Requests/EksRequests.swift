import Foundation

public struct EksClusterCreate: RPCMethod {
    public typealias Response = EksCluster
    public static let method = "eks.cluster.create"
    public static let summary =
        "Create an EKS cluster: CREATING with its control-plane interfaces in the subnets, ACTIVE after 10 minutes."
    public var name: String
    /// A supported Kubernetes minor version, `1.33`; EKS's default version when left out.
    public var version: String?
    /// At least two subnets of one VPC in at least two availability zones.
    public var subnets: [String]
    /// At most 5 security group IDs.
    public var securityGroups: [String]?
    /// Default true.
    public var endpointPublicAccess: Bool?
    /// Default false.
    public var endpointPrivateAccess: Bool?
    public var tags: Tags?
    /// The IAM role the control plane acts as (`arn:aws:iam::ACCOUNT:role/NAME`); AWS's CreateCluster requires it.
    public var roleArn: String?
    public init(
        name: String, version: String? = nil, subnets: [String], securityGroups: [String]? = nil,
        endpointPublicAccess: Bool? = nil, endpointPrivateAccess: Bool? = nil, tags: Tags? = nil,
        roleArn: String? = nil
    ) {
        self.name = name
        self.version = version
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.endpointPublicAccess = endpointPublicAccess
        self.endpointPrivateAccess = endpointPrivateAccess
        self.tags = tags
        self.roleArn = roleArn
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
    /// Default (as AWS's): minSize 1, desiredSize 2, maxSize 2.
    public var scalingConfig: EksScalingConfig?
    /// Default `t3.medium`.
    public var instanceTypes: [String]?
    public var tags: Tags?
    /// The IAM role the nodes act as (`arn:aws:iam::ACCOUNT:role/NAME`); AWS's CreateNodegroup requires it.
    public var nodeRole: String?
    public init(
        cluster: String, name: String, subnets: [String], scalingConfig: EksScalingConfig? = nil,
        instanceTypes: [String]? = nil,
        tags: Tags? = nil, nodeRole: String? = nil
    ) {
        self.cluster = cluster
        self.name = name
        self.subnets = subnets
        self.scalingConfig = scalingConfig
        self.instanceTypes = instanceTypes
        self.tags = tags
        self.nodeRole = nodeRole
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

public struct EksUpdateGet: RPCMethod {
    public typealias Response = EksUpdate
    public static let method = "eks.update.get"
    public static let summary =
        "One update of a cluster, or of one of its node groups: its type, parameters and status."
    /// The cluster's name or ARN.
    public var cluster: String
    /// The node group the update belongs to; the cluster's own updates when left out.
    public var nodegroup: String?
    public var updateId: String
    public init(cluster: String, nodegroup: String? = nil, updateId: String) {
        self.cluster = cluster
        self.nodegroup = nodegroup
        self.updateId = updateId
    }
}

public struct EksUpdateList: RPCMethod {
    public typealias Response = EksUpdateListResponse
    public static let method = "eks.update.list"
    public static let summary = "The IDs of the updates of a cluster, or of one of its node groups, oldest first."
    public var cluster: String
    public var nodegroup: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String, nodegroup: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
        self.cluster = cluster
        self.nodegroup = nodegroup
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct EksUpdateListResponse: Codable, Sendable, Hashable {
    public var updateIds: [String]
    public var nextToken: String?
    public init(updateIds: [String], nextToken: String? = nil) {
        self.updateIds = updateIds
        self.nextToken = nextToken
    }
}

public struct EksTagsAdd: RPCMethod {
    public typealias Response = EksTagsResponse
    public static let method = "eks.tags.add"
    public static let summary = "Add or overwrite tags on an EKS cluster, node group or Fargate profile, by ARN."
    public var resourceArn: String
    public var tags: Tags
    public init(resourceArn: String, tags: Tags) {
        self.resourceArn = resourceArn
        self.tags = tags
    }
}

public struct EksTagsRemove: RPCMethod {
    public typealias Response = EksTagsResponse
    public static let method = "eks.tags.remove"
    public static let summary = "Remove tags by key from an EKS cluster, node group or Fargate profile, by ARN."
    public var resourceArn: String
    public var tagKeys: [String]
    public init(resourceArn: String, tagKeys: [String]) {
        self.resourceArn = resourceArn
        self.tagKeys = tagKeys
    }
}

public struct EksTagsList: RPCMethod {
    public typealias Response = EksTagsResponse
    public static let method = "eks.tags.list"
    public static let summary = "The tags of an EKS cluster, node group or Fargate profile, by ARN."
    public var resourceArn: String
    public init(resourceArn: String) {
        self.resourceArn = resourceArn
    }
}

/// A resource's tags after the change.
public struct EksTagsResponse: Codable, Sendable, Hashable {
    public var tags: Tags
    public init(tags: Tags) {
        self.tags = tags
    }
}

extension ErrorCode {
    /// EKS's tagging operations answer an unknown ARN with this one (404), not `ResourceNotFoundException`.
    public static let notFoundException: Self = "NotFoundException"
    public static let badRequestException: Self = "BadRequestException"
}
