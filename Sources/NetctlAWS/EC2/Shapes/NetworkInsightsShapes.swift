import NetctlAPI
import NetctlCore

extension EC2.NetworkInsightsPath {
    init(_ path: NetworkInsightsPath) {
        self.init(
            networkInsightsPathId: path.networkInsightsPathId, networkInsightsPathArn: path.networkInsightsPathArn,
            createdDate: path.createdDate, source: path.source, destination: path.destination,
            sourceArn: EC2.AnalysisComponent.arn(of: path.source, account: path.accountId, region: path.region),
            destinationArn: path.destination.flatMap {
                EC2.AnalysisComponent.arn(of: $0, account: path.accountId, region: path.region)
            },
            sourceIp: path.sourceIp, destinationIp: path.destinationIp, protocol: path.protocol,
            destinationPort: path.destinationPort, tags: Tagging.ec2Tags(name: path.name, tags: path.tags))
    }
}

extension EC2.NetworkInsightsAnalysis {
    init(_ analysis: NetworkInsightsAnalysis) {
        let scope = (account: analysis.accountId, region: analysis.region)
        self.init(
            networkInsightsAnalysisId: analysis.networkInsightsAnalysisId,
            networkInsightsAnalysisArn: analysis.networkInsightsAnalysisArn,
            networkInsightsPathId: analysis.networkInsightsPathId, startDate: analysis.startDate,
            status: analysis.status, statusMessage: analysis.statusMessage,
            networkPathFound: analysis.networkPathFound,
            forwardPathComponents: analysis.forwardPathComponents.map { EC2.PathComponent($0, scope) },
            returnPathComponents: analysis.returnPathComponents.map { EC2.PathComponent($0, scope) },
            explanations: analysis.explanations.map { EC2.Explanation($0, scope) },
            tags: Tagging.ec2Tags(name: analysis.name, tags: analysis.tags))
    }
}

typealias InsightsScope = (account: String, region: String)

extension EC2.PathComponent {
    init(_ component: NetworkInsightsPathComponent, _ scope: InsightsScope) {
        self.init()
        sequenceNumber = component.sequenceNumber
        self.component = EC2.AnalysisComponent(component.componentId, scope)
        vpc = component.vpcId.map { EC2.AnalysisComponent($0, scope) }
        subnet = component.subnetId.map { EC2.AnalysisComponent($0, scope) }
        routeTableRoute = component.routeTableRoute.map(EC2.AnalysisRouteTableRoute.init)
        aclRule = component.aclRule.map(EC2.AnalysisAclRule.init)
        securityGroupRule = component.securityGroupRule.map { rule in
            EC2.AnalysisSecurityGroupRule(
                cidr: rule.cidr, direction: rule.direction, securityGroupId: rule.referencedGroupId,
                portRange: rule.fromPort.map { EC2.PortRange(from: $0, to: rule.toPort) },
                prefixListId: rule.prefixListId, protocol: rule.protocol)
        }
    }
}

extension EC2.Explanation {
    init(_ explanation: NetworkInsightsExplanation, _ scope: InsightsScope) {
        self.init()
        explanationCode = explanation.explanationCode
        direction = explanation.direction
        component = explanation.componentId.map { EC2.AnalysisComponent($0, scope) }
        vpc = explanation.vpcId.map { EC2.AnalysisComponent($0, scope) }
        subnet = explanation.subnetId.map { EC2.AnalysisComponent($0, scope) }
        networkInterface = explanation.networkInterfaceId.map { EC2.AnalysisComponent($0, scope) }
        securityGroups = explanation.securityGroupIds.map { $0.map { EC2.AnalysisComponent($0, scope) } }
        if let rule = explanation.aclRule {
            acl = EC2.AnalysisComponent(rule.networkAclId, scope)
            aclRule = EC2.AnalysisAclRule(rule)
        }
        routeTable = explanation.routeTableId.map { EC2.AnalysisComponent($0, scope) }
        if let id = explanation.componentId, id.hasPrefix(IDPrefix.peering + "-") {
            vpcPeeringConnection = EC2.AnalysisComponent(id, scope)
        }
        componentAccount = scope.account
        componentRegion = scope.region
    }
}

extension EC2.AnalysisComponent {
    init(_ id: String, _ scope: InsightsScope) {
        self.init(id: id, arn: Self.arn(of: id, account: scope.account, region: scope.region))
    }

    /// The EC2 ARN of a resource by its ID's prefix; nil for what has none (an address, a service).
    static func arn(of id: String, account: String, region: String) -> String? {
        let types: [(String, String)] = [
            ("eni", "network-interface"), ("i", "instance"), ("subnet", "subnet"), ("vpc", "vpc"),
            ("rtb", "route-table"), ("sg", "security-group"), ("acl", "network-acl"),
            ("pcx", "vpc-peering-connection"), ("igw", "internet-gateway"), ("nat", "natgateway"),
            ("vpce", "vpc-endpoint"),
        ]
        let prefix = String(id.prefix { $0 != "-" })
        guard id.contains("-"), let type = types.first(where: { $0.0 == prefix })?.1 else { return nil }
        return "arn:aws:ec2:\(region):\(account):\(type)/\(id)"
    }
}

extension EC2.AnalysisRouteTableRoute {
    init(_ route: NetworkInsightsRouteTableRoute) {
        self.init()
        destinationCidr = route.destinationCidr
        destinationPrefixListId = route.destinationPrefixListId
        state = route.state
        origin = route.origin
        switch route.targetType {
        case RouteTarget.internetGateway, RouteTarget.localTypeName: gatewayId = route.targetId
        case RouteTarget.natGateway: natGatewayId = route.targetId
        case RouteTarget.peering: vpcPeeringConnectionId = route.targetId
        case RouteTarget.endpoint: gatewayId = route.targetId
        default: break
        }
    }
}

extension EC2.AnalysisAclRule {
    init(_ rule: NetworkInsightsAclRule) {
        self.init(
            cidr: rule.cidr, egress: rule.egress,
            portRange: rule.fromPort.map { EC2.PortRange(from: $0, to: rule.toPort) }, protocol: rule.protocol,
            ruleAction: rule.ruleAction, ruleNumber: rule.ruleNumber)
    }
}
