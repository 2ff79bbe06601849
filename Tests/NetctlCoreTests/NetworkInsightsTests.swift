import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// Reachability Analyzer's paths and analyses: reach's answer, kept, in AWS's terms.
@Suite("Network Insights paths and analyses")
struct NetworkInsightsTests {
    typealias Tiers = ReachSecurityTests.Tiers

    static func path(_ t: inout Tiers, _ request: NetworkInsightsPathCreate) throws(NetctlError) -> NetworkInsightsPath {
        try t.f.run { s, c throws(NetctlError) in try s.createNetworkInsightsPath(request, &c) }
    }

    static func analyse(_ t: inout Tiers, _ path: String) throws(NetctlError) -> NetworkInsightsAnalysis {
        try t.f.run { s, c throws(NetctlError) in
            try s.startNetworkInsightsAnalysis(NetworkInsightsAnalysisStart(networkInsightsPath: path), &c)
        }
    }

    @Test("a refusing group is ENI_SG_RULES_MISMATCH on the destination's interface; once allowed, the path is found hop by hop")
    func securityGroupThenFound() throws {
        var t = try Tiers()
        let path = try Self.path(
            &t, NetworkInsightsPathCreate(source: t.w.instanceId, destination: "\(t.d.instanceId)", protocol: "TCP", destinationPort: 5432))
        #expect(path.networkInsightsPathId.hasPrefix("nip-"))
        #expect(path.networkInsightsPathArn == "arn:aws:ec2:us-east-1:111122223333:network-insights-path/\(path.networkInsightsPathId)")
        #expect(path.protocol == "tcp")

        let blocked = try Self.analyse(&t, path.networkInsightsPathId)
        #expect(blocked.status == NetworkInsightsAnalysis.succeeded)
        #expect(blocked.networkPathFound == false)
        // The same engine's answer: the codes are reach's, each with AWS's beside it.
        let reach = try t.reach(t.w, t.d)
        #expect(blocked.explanations.map(\.code) == reach.explanations.map(\.code))
        #expect(blocked.explanations.map(\.message) == reach.explanations.map(\.message))
        let refusal = try #require(blocked.explanations.first)
        #expect(refusal.explanationCode == "ENI_SG_RULES_MISMATCH")
        #expect(refusal.code == ReachExplanation.securityGroupDeniesIngress)
        #expect(refusal.direction == "ingress")
        #expect(refusal.securityGroupIds == [t.db.groupId])
        #expect(refusal.networkInterfaceId == t.d.networkInterfaceId)
        #expect(refusal.subnetId == t.d.subnetId && refusal.vpcId == t.d.vpcId)
        #expect(blocked.forwardPathComponents.first?.componentId == t.w.instanceId)
        #expect(blocked.forwardPathComponents.last?.componentId != t.d.instanceId, "not reached")

        let db = try t.f.authorize(
            t.db.groupId, .ingress,
            [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: t.web.groupId)])
        let found = try Self.analyse(&t, path.networkInsightsPathId)
        #expect(found.networkPathFound == true)
        #expect(found.explanations.isEmpty)
        let forward = found.forwardPathComponents
        #expect(forward.map(\.sequenceNumber) == Array(1...forward.count))
        #expect(forward.first?.componentType == "instance" && forward.first?.componentId == t.w.instanceId)
        #expect(forward.last?.componentType == "instance" && forward.last?.componentId == t.d.instanceId)
        #expect(forward.first?.subnetId == t.w.subnetId && forward.last?.subnetId == t.d.subnetId)
        // One component per route table, carrying the route followed in it.
        let tables = forward.filter { $0.componentType == "routeTable" }
        #expect(tables.count == 1)
        #expect(tables.first?.routeTableRoute?.destinationCidr == "10.0.0.0/16")
        #expect(tables.first?.routeTableRoute?.targetType == RouteTarget.localTypeName)
        #expect(tables.first?.vpcId == t.w.vpcId)
        #expect(!forward.contains { $0.componentType == "route" })
        // The rules that admitted it: web's egress, db's new ingress rule.
        let ingress = try #require(forward.first { $0.securityGroupRule?.direction == "ingress" }?.securityGroupRule)
        #expect(ingress.securityGroupId == t.db.groupId)
        #expect(ingress.ruleId == db.ingressRules.first?.ruleId)
        #expect(ingress.referencedGroupId == t.web.groupId && ingress.fromPort == 5432)
        #expect(forward.contains { $0.securityGroupRule?.direction == "egress" && $0.componentId == t.web.groupId })
        // Out of web and into db through the default ACLs' rule 100, and the reply back through both.
        let acls = forward.compactMap(\.aclRule)
        #expect(acls.map(\.egress) == [true, false])
        #expect(acls.allSatisfy { $0.ruleNumber == 100 && $0.ruleAction == "allow" })
        #expect(found.returnPathComponents.compactMap(\.aclRule).count == 2)
        #expect(found.returnPathComponents.map(\.sequenceNumber) == Array(1...found.returnPathComponents.count))

        // Analyses are kept apart: the first still says what it said.
        let listed = try t.f.state.listNetworkInsightsAnalyses(
            NetworkInsightsAnalysisList(networkInsightsPath: path.networkInsightsPathId), t.f.query())
        #expect(listed.networkInsightsAnalyses.map(\.networkPathFound) == [false, true])
        let onlyFound = try t.f.state.listNetworkInsightsAnalyses(
            NetworkInsightsAnalysisList(filters: [Filter(name: "path-found", values: ["true"])]), t.f.query())
        #expect(onlyFound.networkInsightsAnalyses.map(\.networkInsightsAnalysisId) == [found.networkInsightsAnalysisId])
    }

    @Test("an ACL that drops the reply is SUBNET_ACL_RESTRICTION with the deciding entry and its direction")
    func aclRestriction() throws {
        var t = try Tiers()
        _ = try t.f.authorize(
            t.db.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.1.0/24")])
        let dbAcl = try t.acl("db", [(100, false, "10.0.1.0/24", "allow", 5432, 5432)])
        let path = try Self.path(
            &t, NetworkInsightsPathCreate(source: t.w.instanceId, destination: t.d.instanceId, protocol: "tcp", destinationPort: 5432))
        let analysis = try Self.analyse(&t, path.networkInsightsPathId)
        #expect(analysis.networkPathFound == false)
        let finding = try #require(analysis.explanations.first)
        #expect(finding.explanationCode == "SUBNET_ACL_RESTRICTION")
        #expect(finding.code == ReachExplanation.naclDeniesReturn)
        #expect(finding.direction == "egress", "the reply leaves db")
        #expect(finding.aclRule?.networkAclId == dbAcl)
        #expect(finding.aclRule?.ruleNumber == 32767 && finding.aclRule?.ruleAction == "deny")
        #expect(finding.subnetId == t.d.subnetId)
    }

    @Test("every reach code has one of Reachability Analyzer's documented codes")
    func codeTable() {
        let reachCodes = [
            ReachExplanation.peeringNotTransitive, ReachExplanation.noRouteToDestination, ReachExplanation.routeBlackhole,
            ReachExplanation.peeringNotActive, ReachExplanation.noReturnRoute, ReachExplanation.noEndpointOrGateway,
            ReachExplanation.noEdgeToEdgeRouting, ReachExplanation.destinationNotInVpc,
            ReachExplanation.securityGroupDeniesEgress, ReachExplanation.securityGroupDeniesIngress,
            ReachExplanation.naclDeniesOutbound, ReachExplanation.naclDeniesInbound, ReachExplanation.naclDeniesReturn,
            ReachExplanation.tgwNoRoute, ReachExplanation.tgwRouteBlackhole, ReachExplanation.tgwAttachmentNotAssociated,
            ReachExplanation.tgwNoAttachmentInAz, ReachExplanation.vpnTunnelsDown, ReachExplanation.noRoutePropagation,
            ReachExplanation.dxPrefixNotAllowed,
        ]
        let documented: Set = [
            "NO_ROUTE_TO_DESTINATION", "BAD_STATE_ROUTE", "BAD_STATE", "CANNOT_ROUTE", "ENI_SG_RULES_MISMATCH",
            "SUBNET_ACL_RESTRICTION", "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", "TGW_ROUTE_AZ_RESTRICTION",
            "TGW_RTB_CANNOT_ROUTE", "TGW_RTB_BAD_STATE_ROUTE", "BAD_STATE_VPN",
        ]
        #expect(Set(NetworkInsightsCodes.explanationCodes.keys) == Set(reachCodes))
        for code in reachCodes {
            #expect(documented.contains(NetworkInsightsCodes.explanationCode(for: code)), "\(code)")
        }
    }

    @Test("a path names an instance or interface, tcp or udp and a port; addresses must be the endpoints' own")
    func pathValidation() throws {
        var t = try Tiers()
        let (w, d) = (t.w.instanceId, t.d.instanceId)
        t.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createNetworkInsightsPath(NetworkInsightsPathCreate(source: w, destination: d, protocol: "icmp", destinationPort: 0), &c)
        }
        t.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createNetworkInsightsPath(NetworkInsightsPathCreate(source: w, destination: d, protocol: "tcp"), &c)
        }
        t.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createNetworkInsightsPath(NetworkInsightsPathCreate(source: w, protocol: "tcp", destinationPort: 80), &c)
        }
        let gateway = t.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createNetworkInsightsPath(
                NetworkInsightsPathCreate(source: "igw-0123456789abcdef0", destination: d, protocol: "tcp", destinationPort: 80), &c)
        }
        #expect(gateway?.message.contains("internet gateways") == true)
        t.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createNetworkInsightsPath(
                NetworkInsightsPathCreate(source: w, destination: d, sourceIp: "10.0.9.9", protocol: "tcp", destinationPort: 80), &c)
        }
        t.f.expectFailure(.ec2InstanceNotFound) { s, c throws(NetctlError) in
            try s.createNetworkInsightsPath(
                NetworkInsightsPathCreate(source: "i-0123456789abcdef0", destination: d, protocol: "tcp", destinationPort: 80), &c)
        }
        // By address alone, and with the source's own address.
        let toAddress = try Self.path(
            &t, NetworkInsightsPathCreate(source: w, sourceIp: t.w.privateIpAddress, destinationIp: t.d.privateIpAddress, protocol: "udp", destinationPort: 53))
        #expect(toAddress.destination == nil && toAddress.destinationIp == t.d.privateIpAddress)
        let udp = try t.f.state.listNetworkInsightsPaths(
            NetworkInsightsPathList(filters: [Filter(name: "protocol", values: ["udp"])]), t.f.query())
        #expect(udp.networkInsightsPaths.map(\.networkInsightsPathId) == [toAddress.networkInsightsPathId])
        t.f.expectFailure(.networkInsightsPathNotFound) { s, c throws(NetctlError) in
            try s.startNetworkInsightsAnalysis(NetworkInsightsAnalysisStart(networkInsightsPath: "nip-0123456789abcdef0"), &c)
        }
        t.f.expectFailure(.networkInsightsAnalysisNotFound) { s, c throws(NetctlError) in
            try s.deleteNetworkInsightsAnalysis(NetworkInsightsAnalysisDelete(networkInsightsAnalysis: "nia-0123456789abcdef0"), &c)
        }
    }

    @Test("a path with analyses is a DependencyViolation to delete; without them it goes")
    func deletion() throws {
        var t = try Tiers()
        let path = try Self.path(
            &t, NetworkInsightsPathCreate(source: t.w.instanceId, destination: t.d.instanceId, protocol: "tcp", destinationPort: 5432))
        let analysis = try Self.analyse(&t, path.networkInsightsPathId)
        let id = path.networkInsightsPathId
        let refused = t.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteNetworkInsightsPath(NetworkInsightsPathDelete(networkInsightsPath: id), &c)
        }
        #expect(refused?.message.contains(analysis.networkInsightsAnalysisId) == true)
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.deleteNetworkInsightsAnalysis(
                NetworkInsightsAnalysisDelete(networkInsightsAnalysis: analysis.networkInsightsAnalysisId), &c)
        }
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.deleteNetworkInsightsPath(NetworkInsightsPathDelete(networkInsightsPath: id), &c)
        }
        #expect(t.f.state.networkInsightsPaths[id] == nil)
    }

    @Test("an analysis whose source is gone fails and is kept, with why")
    func failedAnalysis() throws {
        var t = try Tiers()
        let interface = try t.f.run { s, c throws(NetctlError) in
            try s.createStandaloneInterface(NetworkInterfaceCreate(subnet: "web"), &c)
        }
        let path = try Self.path(
            &t,
            NetworkInsightsPathCreate(source: interface.networkInterfaceId, destination: t.d.instanceId, protocol: "tcp", destinationPort: 5432))
        _ = try t.f.run { s, c throws(NetctlError) in
            try s.deleteStandaloneInterface(NetworkInterfaceDelete(networkInterface: interface.networkInterfaceId), &c)
        }
        let analysis = try Self.analyse(&t, path.networkInsightsPathId)
        #expect(analysis.status == NetworkInsightsAnalysis.failed)
        #expect(analysis.networkPathFound == nil)
        #expect(analysis.statusMessage?.contains(interface.networkInterfaceId) == true)
        #expect(t.f.state.networkInsightsAnalyses[analysis.networkInsightsAnalysisId] == analysis)
    }
}
