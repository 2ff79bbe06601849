import Foundation

/// A Reachability Analyzer path (`nip-…`): what to analyse, from a source to a destination, for one
/// protocol and destination port. It holds no result; each analysis started on it does.
public struct NetworkInsightsPath: Codable, Sendable, Hashable {
    public var networkInsightsPathId: String
    /// `arn:aws:ec2:REGION:ACCOUNT:network-insights-path/nip-…`.
    public var networkInsightsPathArn: String
    /// The `Name` tag.
    public var name: String?
    public var accountId: String
    public var region: String
    /// The source's ID: an instance (`i-…`) or a network interface (`eni-…`).
    public var source: String
    /// The destination's ID (an instance or a network interface); absent when `destinationIp` alone
    /// names the destination.
    public var destination: String?
    /// The source's private address, when given.
    public var sourceIp: String?
    /// The destination's address: the destination's own private address, or, without a destination,
    /// any IPv4 address (inside a VPC or on the internet).
    public var destinationIp: String?
    /// `tcp` or `udp`, as Reachability Analyzer takes them.
    public var `protocol`: String
    public var destinationPort: Int
    public var tags: Tags
    public var createdDate: Date

    public init(
        networkInsightsPathId: String, networkInsightsPathArn: String, name: String?, accountId: String,
        region: String, source: String, destination: String?, sourceIp: String?, destinationIp: String?,
        protocol: String, destinationPort: Int, tags: Tags, createdDate: Date
    ) {
        self.networkInsightsPathId = networkInsightsPathId
        self.networkInsightsPathArn = networkInsightsPathArn
        self.name = name
        self.accountId = accountId
        self.region = region
        self.source = source
        self.destination = destination
        self.sourceIp = sourceIp
        self.destinationIp = destinationIp
        self.protocol = `protocol`
        self.destinationPort = destinationPort
        self.tags = tags
        self.createdDate = createdDate
    }
}

/// One analysis of a path (`nia-…`): `reach.analyze`'s answer for the path at the time it started,
/// kept as Reachability Analyzer reports it. netctld analyses synchronously: an analysis is
/// `succeeded` (or `failed`, when the path's source or destination can no longer be analysed) as soon
/// as it is started; `running` is never observed.
public struct NetworkInsightsAnalysis: Codable, Sendable, Hashable {
    public var networkInsightsAnalysisId: String
    /// `arn:aws:ec2:REGION:ACCOUNT:network-insights-analysis/nia-…`.
    public var networkInsightsAnalysisArn: String
    public var networkInsightsPathId: String
    /// The `Name` tag.
    public var name: String?
    public var accountId: String
    public var region: String
    /// `running`, `succeeded` or `failed`.
    public var status: String
    /// Why a `failed` analysis failed.
    public var statusMessage: String?
    public var startDate: Date
    /// Whether traffic gets from the source to the destination and back; absent when the analysis failed.
    public var networkPathFound: Bool?
    public var forwardPathComponents: [NetworkInsightsPathComponent]
    public var returnPathComponents: [NetworkInsightsPathComponent]
    /// Why the path is not found (empty when it is).
    public var explanations: [NetworkInsightsExplanation]
    public var tags: Tags

    public init(
        networkInsightsAnalysisId: String, networkInsightsAnalysisArn: String, networkInsightsPathId: String,
        name: String?, accountId: String, region: String, status: String, statusMessage: String? = nil,
        startDate: Date, networkPathFound: Bool?, forwardPathComponents: [NetworkInsightsPathComponent] = [],
        returnPathComponents: [NetworkInsightsPathComponent] = [], explanations: [NetworkInsightsExplanation] = [],
        tags: Tags
    ) {
        self.networkInsightsAnalysisId = networkInsightsAnalysisId
        self.networkInsightsAnalysisArn = networkInsightsAnalysisArn
        self.networkInsightsPathId = networkInsightsPathId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.status = status
        self.statusMessage = statusMessage
        self.startDate = startDate
        self.networkPathFound = networkPathFound
        self.forwardPathComponents = forwardPathComponents
        self.returnPathComponents = returnPathComponents
        self.explanations = explanations
        self.tags = tags
    }

    public static let running = "running"
    public static let succeeded = "succeeded"
    public static let failed = "failed"
}

/// One component of an analysed path, in order (`sequenceNumber` from 1): the resource traffic
/// passes, and the route, security group rule or ACL entry that let it pass there.
public struct NetworkInsightsPathComponent: Codable, Sendable, Hashable {
    public var sequenceNumber: Int
    /// `instance`, `networkInterface`, `subnet`, `vpc`, `routeTable`, `securityGroup`, `networkAcl`,
    /// `peering`, `internetGateway`, `natGateway`, `endpoint`, `internet` or `service`.
    public var componentType: String
    public var componentId: String
    /// What happened there, as `reach.analyze` says it.
    public var detail: String
    public var vpcId: String?
    public var subnetId: String?
    public var routeTableRoute: NetworkInsightsRouteTableRoute?
    public var securityGroupRule: NetworkInsightsSecurityGroupRule?
    public var aclRule: NetworkInsightsAclRule?

    public init(
        sequenceNumber: Int, componentType: String, componentId: String, detail: String, vpcId: String? = nil,
        subnetId: String? = nil, routeTableRoute: NetworkInsightsRouteTableRoute? = nil,
        securityGroupRule: NetworkInsightsSecurityGroupRule? = nil, aclRule: NetworkInsightsAclRule? = nil
    ) {
        self.sequenceNumber = sequenceNumber
        self.componentType = componentType
        self.componentId = componentId
        self.detail = detail
        self.vpcId = vpcId
        self.subnetId = subnetId
        self.routeTableRoute = routeTableRoute
        self.securityGroupRule = securityGroupRule
        self.aclRule = aclRule
    }
}

/// The route a path followed in a route table.
public struct NetworkInsightsRouteTableRoute: Codable, Sendable, Hashable {
    public var destinationCidr: String?
    public var destinationPrefixListId: String?
    /// The route target's type, as routes name it: `local`, `igw`, `nat`, `pcx` or `vpce`.
    public var targetType: String
    public var targetId: String
    /// `active` or `blackhole`.
    public var state: String
    public var origin: String

    public init(
        destinationCidr: String?, destinationPrefixListId: String?, targetType: String, targetId: String,
        state: String, origin: String
    ) {
        self.destinationCidr = destinationCidr
        self.destinationPrefixListId = destinationPrefixListId
        self.targetType = targetType
        self.targetId = targetId
        self.state = state
        self.origin = origin
    }
}

/// The security group rule that admitted the traffic.
public struct NetworkInsightsSecurityGroupRule: Codable, Sendable, Hashable {
    public var securityGroupId: String
    public var ruleId: String
    /// `ingress` or `egress`.
    public var direction: String
    public var `protocol`: String
    public var fromPort: Int?
    public var toPort: Int?
    public var cidr: String?
    public var prefixListId: String?
    public var referencedGroupId: String?

    public init(
        securityGroupId: String, ruleId: String, direction: String, protocol: String, fromPort: Int?, toPort: Int?,
        cidr: String?, prefixListId: String?, referencedGroupId: String?
    ) {
        self.securityGroupId = securityGroupId
        self.ruleId = ruleId
        self.direction = direction
        self.protocol = `protocol`
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidr = cidr
        self.prefixListId = prefixListId
        self.referencedGroupId = referencedGroupId
    }
}

/// The network ACL entry that decided, allowing or denying.
public struct NetworkInsightsAclRule: Codable, Sendable, Hashable {
    public var networkAclId: String
    public var ruleNumber: Int
    public var egress: Bool
    /// A protocol number as a string, or `-1` (all).
    public var `protocol`: String
    /// `allow` or `deny`.
    public var ruleAction: String
    public var cidr: String
    public var fromPort: Int?
    public var toPort: Int?

    public init(
        networkAclId: String, ruleNumber: Int, egress: Bool, protocol: String, ruleAction: String, cidr: String,
        fromPort: Int?, toPort: Int?
    ) {
        self.networkAclId = networkAclId
        self.ruleNumber = ruleNumber
        self.egress = egress
        self.protocol = `protocol`
        self.ruleAction = ruleAction
        self.cidr = cidr
        self.fromPort = fromPort
        self.toPort = toPort
    }
}

/// Why a path is not found: AWS's explanation code, netctl's own (`reach.analyze`'s) and its message.
public struct NetworkInsightsExplanation: Codable, Sendable, Hashable {
    /// Reachability Analyzer's code (`ENI_SG_RULES_MISMATCH`, `SUBNET_ACL_RESTRICTION`,
    /// `NO_ROUTE_TO_DESTINATION`, `BAD_STATE_ROUTE`, `BAD_STATE`, `CANNOT_ROUTE`).
    public var explanationCode: String
    /// `reach.analyze`'s code for the same finding.
    public var code: String
    public var message: String
    /// `ingress` or `egress`, for security group and ACL findings.
    public var direction: String?
    public var componentId: String?
    public var vpcId: String?
    public var subnetId: String?
    /// The interface whose groups refuse the traffic.
    public var networkInterfaceId: String?
    public var securityGroupIds: [String]?
    public var aclRule: NetworkInsightsAclRule?
    public var routeTableId: String?

    public init(
        explanationCode: String, code: String, message: String, direction: String? = nil, componentId: String? = nil,
        vpcId: String? = nil, subnetId: String? = nil, networkInterfaceId: String? = nil,
        securityGroupIds: [String]? = nil, aclRule: NetworkInsightsAclRule? = nil, routeTableId: String? = nil
    ) {
        self.explanationCode = explanationCode
        self.code = code
        self.message = message
        self.direction = direction
        self.componentId = componentId
        self.vpcId = vpcId
        self.subnetId = subnetId
        self.networkInterfaceId = networkInterfaceId
        self.securityGroupIds = securityGroupIds
        self.aclRule = aclRule
        self.routeTableId = routeTableId
    }
}

extension ErrorCode {
    public static let networkInsightsPathNotFound: Self = "InvalidNetworkInsightsPathId.NotFound"
    public static let networkInsightsAnalysisNotFound: Self = "InvalidNetworkInsightsAnalysisId.NotFound"
}
