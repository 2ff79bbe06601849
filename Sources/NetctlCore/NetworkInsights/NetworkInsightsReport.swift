import NetctlAPI

/// Reachability Analyzer's explanation codes for netctl's reach codes: the one table netctld(8)
/// documents. Each netctl finding takes the closest code AWS documents for it.
public enum NetworkInsightsCodes {
    public static let explanationCodes: [String: String] = [
        ReachExplanation.noRouteToDestination: "NO_ROUTE_TO_DESTINATION",
        ReachExplanation.noReturnRoute: "NO_ROUTE_TO_DESTINATION",
        ReachExplanation.noEndpointOrGateway: "NO_ROUTE_TO_DESTINATION",
        ReachExplanation.destinationNotInVpc: "NO_ROUTE_TO_DESTINATION",
        ReachExplanation.routeBlackhole: "BAD_STATE_ROUTE",
        ReachExplanation.peeringNotActive: "BAD_STATE",
        ReachExplanation.peeringNotTransitive: "CANNOT_ROUTE",
        ReachExplanation.noEdgeToEdgeRouting: "CANNOT_ROUTE",
        ReachExplanation.securityGroupDeniesEgress: "ENI_SG_RULES_MISMATCH",
        ReachExplanation.securityGroupDeniesIngress: "ENI_SG_RULES_MISMATCH",
        ReachExplanation.naclDeniesOutbound: "SUBNET_ACL_RESTRICTION",
        ReachExplanation.naclDeniesInbound: "SUBNET_ACL_RESTRICTION",
        ReachExplanation.naclDeniesReturn: "SUBNET_ACL_RESTRICTION",
        ReachExplanation.tgwNoRoute: "TGW_RTB_CANNOT_ROUTE",
        ReachExplanation.tgwRouteBlackhole: "TGW_RTB_BAD_STATE_ROUTE",
        ReachExplanation.tgwAttachmentNotAssociated: "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",
        ReachExplanation.tgwNoAttachmentInAz: "TGW_ROUTE_AZ_RESTRICTION",
        // AWS documents BAD_STATE_VPN for a VPN connection that cannot carry traffic.
        ReachExplanation.vpnTunnelsDown: "BAD_STATE_VPN",
        ReachExplanation.noRoutePropagation: "NO_ROUTE_TO_DESTINATION",
        // The DX gateway does not advertise the address on-premises: the route exists on AWS's side only.
        ReachExplanation.dxPrefixNotAllowed: "CANNOT_ROUTE",
    ]

    /// AWS's code for a netctl code; a code added to reach without a line here stays netctl's own.
    public static func explanationCode(for code: String) -> String { explanationCodes[code] ?? code }
}

/// An analysis' answer as Reachability Analyzer reports it.
struct NetworkInsightsReport {
    var forward: [NetworkInsightsPathComponent]
    var returning: [NetworkInsightsPathComponent]
    var explanations: [NetworkInsightsExplanation]
}

extension State {
    /// Components from reach's hops: the source first, then each hop, a route table together with the
    /// route followed in it (as AWS reports a `RouteTableRoute` on its route table), then the
    /// destination once it is reached.
    func networkInsightsReport(_ answer: ReachAnalysis, _ facts: ReachFacts) -> NetworkInsightsReport {
        var forward = [endpointComponent(answer.source, role: "source")]
        forward += components(answer.path, facts)
        if answer.reachable { forward.append(endpointComponent(answer.destination, role: "destination")) }
        return NetworkInsightsReport(
            forward: Self.numbered(forward), returning: Self.numbered(components(answer.returnPath, facts)),
            explanations: answer.explanations.map { explanation($0, facts.findings[$0]) })
    }

    private func endpointComponent(_ endpoint: ReachEndpoint, role: String) -> NetworkInsightsPathComponent {
        NetworkInsightsPathComponent(
            sequenceNumber: 0, componentType: endpoint.type, componentId: endpoint.id,
            detail: "\(role)\(endpoint.address.map { " \($0)" } ?? "")", vpcId: endpoint.vpcId,
            subnetId: endpoint.subnetId)
    }

    private func components(_ hops: [ReachHop], _ facts: ReachFacts) -> [NetworkInsightsPathComponent] {
        var components: [NetworkInsightsPathComponent] = []
        for hop in hops {
            var component = NetworkInsightsPathComponent(
                sequenceNumber: 0, componentType: hop.component, componentId: hop.id, detail: hop.detail)
            switch facts.hops[hop] {
            case .route(let table, let route)?:
                let followed = NetworkInsightsRouteTableRoute(
                    destinationCidr: route.destinationCidrBlock, destinationPrefixListId: route.destinationPrefixListId,
                    targetType: route.target.type, targetId: route.target.id, state: route.state.rawValue,
                    origin: route.origin)
                if let last = components.last, last.componentType == "routeTable", last.componentId == table,
                    last.routeTableRoute == nil
                {
                    components[components.count - 1].routeTableRoute = followed
                    components[components.count - 1].detail += "; \(hop.detail)"
                    continue
                }
                component.componentType = "routeTable"
                component.routeTableRoute = followed
            case .securityGroupRule(let group, let rule, let egress)?:
                component.securityGroupRule = NetworkInsightsSecurityGroupRule(
                    securityGroupId: group, ruleId: rule.ruleId, direction: egress ? "egress" : "ingress",
                    protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, cidr: rule.cidrIpv4,
                    prefixListId: rule.prefixListId, referencedGroupId: rule.referencedGroupId)
            case .aclEntry(let acl, let subnet, let entry)?:
                component.aclRule = Self.aclRule(acl, entry)
                component.subnetId = subnet
            case .securityGroups?, nil:
                break
            }
            component.vpcId = vpcId(of: component)
            if component.componentType == "subnet" { component.subnetId = hop.id }
            components.append(component)
        }
        return components
    }

    private func vpcId(of component: NetworkInsightsPathComponent) -> String? {
        switch component.componentType {
        case "vpc": component.componentId
        case "subnet": subnets[component.componentId]?.vpcId
        case "routeTable": routeTables[component.componentId]?.vpcId
        case "securityGroup": securityGroups[component.componentId]?.vpcId
        case "networkAcl": networkAcls[component.componentId]?.vpcId
        case "natGateway": natGateways[component.componentId]?.vpcId
        case "endpoint": endpoints[component.componentId]?.vpcId
        case "internetGateway": internetGateways[component.componentId]?.vpcId
        default: nil
        }
    }

    private func explanation(_ finding: ReachExplanation, _ fact: ReachFact?) -> NetworkInsightsExplanation {
        var result = NetworkInsightsExplanation(
            explanationCode: NetworkInsightsCodes.explanationCode(for: finding.code), code: finding.code,
            message: finding.message, componentId: finding.component)
        switch finding.code {
        case ReachExplanation.securityGroupDeniesEgress, ReachExplanation.naclDeniesOutbound: result.direction = "egress"
        case ReachExplanation.securityGroupDeniesIngress, ReachExplanation.naclDeniesInbound: result.direction = "ingress"
        default: break
        }
        switch fact {
        case .securityGroups(let groupIds, _, let place)?:
            result.securityGroupIds = groupIds
            result.vpcId = place.vpcId
            result.subnetId = place.subnetId
            switch place.type {
            case "networkInterface": result.networkInterfaceId = place.id
            case "instance": result.networkInterfaceId = instances[place.id]?.networkInterfaceId
            default: break
            }
        case .aclEntry(let acl, let subnet, let entry)?:
            result.aclRule = Self.aclRule(acl, entry)
            result.direction = entry.egress ? "egress" : "ingress"
            result.subnetId = subnet
            result.vpcId = subnets[subnet]?.vpcId
        case .route(let table, _)?:
            result.routeTableId = table
        case .securityGroupRule?, nil:
            break
        }
        if result.routeTableId == nil, let component = finding.component,
            component.hasPrefix(IDPrefix.routeTable + "-"), let table = routeTables[component]
        {
            result.routeTableId = table.routeTableId
            result.vpcId = result.vpcId ?? table.vpcId
        }
        return result
    }

    private static func aclRule(_ acl: String, _ entry: NetworkAclEntry) -> NetworkInsightsAclRule {
        NetworkInsightsAclRule(
            networkAclId: acl, ruleNumber: entry.ruleNumber, egress: entry.egress, protocol: entry.protocol,
            ruleAction: entry.ruleAction.rawValue, cidr: entry.cidrBlock, fromPort: entry.fromPort,
            toPort: entry.toPort)
    }

    private static func numbered(_ components: [NetworkInsightsPathComponent]) -> [NetworkInsightsPathComponent] {
        components.enumerated().map { index, component in
            var component = component
            component.sequenceNumber = index + 1
            return component
        }
    }
}
