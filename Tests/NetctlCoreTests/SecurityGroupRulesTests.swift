import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    @discardableResult
    mutating func securityGroup(_ vpc: String, _ name: String, description: String? = nil) throws(NetctlError)
        -> SecurityGroup
    {
        try run { s, c throws(NetctlError) in
            try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc, name: name, description: description), &c)
        }
    }

    @discardableResult
    mutating func authorize(_ group: String, _ direction: SecurityGroupDirection, _ rules: [SecurityGroupPermission])
        throws(NetctlError) -> SecurityGroup
    {
        try run { s, c throws(NetctlError) in
            direction == .ingress
                ? try s.authorizeSecurityGroupRules(SecurityGroupAuthorizeIngress(group: group, rules: rules), .ingress, &c)
                : try s.authorizeSecurityGroupRules(SecurityGroupAuthorizeEgress(group: group, rules: rules), .egress, &c)
        }
    }

    @discardableResult
    mutating func revoke(
        _ group: String, _ direction: SecurityGroupDirection, _ rules: [SecurityGroupPermission]? = nil,
        ruleIds: [String]? = nil
    ) throws(NetctlError) -> SecurityGroup {
        try run { s, c throws(NetctlError) in
            direction == .ingress
                ? try s.revokeSecurityGroupRules(
                    SecurityGroupRevokeIngress(group: group, rules: rules, ruleIds: ruleIds), .ingress, &c)
                : try s.revokeSecurityGroupRules(
                    SecurityGroupRevokeEgress(group: group, rules: rules, ruleIds: ruleIds), .egress, &c)
        }
    }

    mutating func deleteSecurityGroup(_ group: String) throws(NetctlError) -> SecurityGroup {
        try run { s, c throws(NetctlError) in try s.deleteSecurityGroup(SecurityGroupDelete(group: group), &c) }
    }
}

private func tcp(_ from: Int, _ to: Int? = nil, cidr: String) -> SecurityGroupPermission {
    SecurityGroupPermission(protocol: "tcp", fromPort: from, toPort: to ?? from, cidrIpv4: cidr)
}

@Suite("Security groups")
struct SecurityGroupRulesTests {
    @Test("every VPC gets a default group: all in from itself, all out; it goes with the VPC")
    func defaultGroup() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let group = try #require(f.state.defaultSecurityGroup(ofVpc: vpc.vpcId))
        #expect(group.groupId.wholeMatch(of: /sg-[0-9a-f]{17}/) != nil)
        #expect(group.groupName == "default" && group.isDefault && group.description == "default VPC security group")
        #expect(group.ingressRules.count == 1 && group.ingressRules[0].protocol == "-1")
        #expect(group.ingressRules[0].referencedGroupId == group.groupId)
        #expect(group.egressRules.map(\.cidrIpv4) == ["0.0.0.0/0"] && group.egressRules[0].protocol == "-1")
        #expect((group.ingressRules + group.egressRules).allSatisfy { $0.ruleId.wholeMatch(of: /sgr-[0-9a-f]{17}/) != nil })
        let error = f.expectFailure(.cannotDelete) { s, c throws(NetctlError) in
            try s.deleteSecurityGroup(SecurityGroupDelete(group: group.groupId), &c)
        }
        #expect(error?.message.contains("the specified group: \"\(group.groupId)\" name: \"default\" cannot be deleted by a user") == true)
        // The default group is the VPC's; a custom one blocks the VPC's deletion.
        let web = try f.securityGroup(vpc.vpcId, "web")
        let blocked = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: vpc.vpcId), &c)
        }
        #expect(blocked?.message.contains("security groups \(web.groupId)") == true)
        _ = try f.deleteSecurityGroup(web.groupId)
        try f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: vpc.vpcId), &c) }
        #expect(f.state.securityGroups.count == 0)
    }

    @Test("a new group has no inbound rules and one outbound rule to 0.0.0.0/0; description defaults to the name")
    func creates() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let group = try f.securityGroup(vpc.vpcId, "web  ")
        #expect(group.groupName == "web", "trailing spaces are trimmed")
        #expect(group.description == "web" && !group.isDefault && group.vpcId == vpc.vpcId)
        #expect(group.ingressRules.isEmpty)
        #expect(group.egressRules.count == 1 && group.egressRules[0].protocol == "-1")
        #expect(group.egressRules[0].cidrIpv4 == "0.0.0.0/0" && group.egressRules[0].fromPort == nil)
        #expect(try f.state.securityGroup("web", in: testScope) == group)
        #expect(try f.state.securityGroup(group.groupId, in: testScope) == group)
        expectError(.securityGroupNotFound) { () throws(NetctlError) in
            try f.state.securityGroup(group.groupId, in: otherAccountScope)
        }
        let events = f.state.takeChanges().events.filter { $0.resourceType == .securityGroup }
        #expect(events.last?.action == .create && events.last?.resourceId == group.groupId)
    }

    @Test("names: unique per VPC case-insensitively, not sg-*, not default, AWS's characters, at most 255")
    func names() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let other = try f.vpc("10.1.0.0/16")
        try f.securityGroup(vpc.vpcId, "Web")
        let duplicate = f.expectFailure(.securityGroupDuplicate) { s, c throws(NetctlError) in
            try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc.vpcId, name: "web"), &c)
        }
        #expect(duplicate?.message.contains("The security group 'web' already exists for VPC '\(vpc.vpcId)'") == true)
        try f.securityGroup(other.vpcId, "web")
        for name in ["default", "DEFAULT"] {
            f.expectFailure(.securityGroupReserved) { s, c throws(NetctlError) in
                try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc.vpcId, name: name), &c)
            }
        }
        for name in ["sg-web", "SG-1", "", "tab\there", "é", String(repeating: "a", count: 256)] {
            f.expectFailure(name.isEmpty ? .missingParameter : .invalidParameterValue, "\(name)") { s, c throws(NetctlError) in
                try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc.vpcId, name: name), &c)
            }
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc.vpcId, name: "ok", description: "bad~"), &c)
        }
        let punctuated = try f.securityGroup(vpc.vpcId, "a._-:/()#,@[]+=&;{}!$* z", description: "Web tier (443)")
        #expect(punctuated.description == "Web tier (443)")
        f.expectFailure(.vpcNotFound) { s, c throws(NetctlError) in
            try s.createSecurityGroup(SecurityGroupCreate(vpc: "vpc-00000000000000000", name: "x"), &c)
        }
        expectError(.securityGroupIdMalformed) { () throws(NetctlError) in
            try f.state.securityGroup("sg-xyz", in: testScope)
        }
    }

    @Test("protocols: names or numbers, echoed as AWS does; ports and ICMP type/code validated")
    func protocols() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let group = try f.securityGroup(vpc.vpcId, "web")
        let added = try f.authorize(
            group.groupId, .ingress,
            [
                SecurityGroupPermission(protocol: "6", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8"),
                SecurityGroupPermission(protocol: "17", fromPort: 53, toPort: 53, cidrIpv4: "10.0.0.0/8"),
                SecurityGroupPermission(protocol: "1", fromPort: 8, toPort: -1, cidrIpv4: "10.0.0.0/8"),
                SecurityGroupPermission(protocol: "icmp", cidrIpv4: "10.1.0.0/16"),
                SecurityGroupPermission(protocol: "all", fromPort: 5, toPort: 6, cidrIpv4: "10.2.0.0/16"),
                SecurityGroupPermission(protocol: "50", fromPort: 1, toPort: 2, cidrIpv4: "10.3.0.0/16"),
                SecurityGroupPermission(protocol: "TCP", fromPort: 0, toPort: 65535, cidrIpv4: "100.68.0.18/18"),
            ])
        #expect(added.ingressRules.map(\.protocol) == ["tcp", "udp", "icmp", "icmp", "-1", "50", "tcp"])
        #expect(added.ingressRules[2].fromPort == 8 && added.ingressRules[2].toPort == -1)
        #expect(added.ingressRules[3].fromPort == -1 && added.ingressRules[3].toPort == -1, "ICMP defaults to all")
        #expect(added.ingressRules[4].fromPort == nil && added.ingressRules[5].toPort == nil, "no ports where all ports pass")
        #expect(added.ingressRules[6].cidrIpv4 == "100.68.0.0/18", "CIDRs are canonicalised")
        #expect(Set(added.ingressRules.map(\.ruleId)).count == 7)
        let bad: [(SecurityGroupPermission, ErrorCode)] = [
            (SecurityGroupPermission(protocol: "gre", cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "256", cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "tcp", cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "tcp", fromPort: 80, toPort: 79, cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "udp", fromPort: -1, toPort: -1, cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "tcp", fromPort: 1, toPort: 65536, cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "icmp", fromPort: -1, toPort: 0, cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "icmp", fromPort: 256, toPort: 0, cidrIpv4: "0.0.0.0/0"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "10.0.0.0/33"), .invalidParameterValue),
            (SecurityGroupPermission(protocol: "tcp", fromPort: 1, toPort: 1), .missingParameter),
            (
                SecurityGroupPermission(protocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0", referencedGroupId: group.groupId),
                .invalidParameterCombination
            ),
        ]
        for (permission, code) in bad {
            f.expectFailure(code, "\(permission)") { s, c throws(NetctlError) in
                try s.authorizeSecurityGroupRules(
                    SecurityGroupAuthorizeIngress(group: group.groupId, rules: [permission]), .ingress, &c)
            }
        }
    }

    @Test("a repeated rule is InvalidPermission.Duplicate with AWS's message, within a call too; nothing is added")
    func duplicates() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let group = try f.securityGroup(vpc.vpcId, "web")
        try f.authorize(group.groupId, .ingress, [tcp(22, cidr: "0.0.0.0/0")])
        let error = f.expectFailure(.permissionDuplicate) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(
                    group: group.groupId,
                    rules: [tcp(443, cidr: "0.0.0.0/0"), SecurityGroupPermission(
                        protocol: "6", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.5/0", description: "other")]),
                .ingress, &c)
        }
        #expect(
            error?.message.hasPrefix(
                "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already exists") == true)
        f.expectFailure(.permissionDuplicate) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(group: group.groupId, rules: [tcp(80, cidr: "1.2.3.4/32"), tcp(80, cidr: "1.2.3.4/32")]),
                .ingress, &c)
        }
        let all = f.expectFailure(.permissionDuplicate) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeEgress(
                    group: group.groupId, rules: [SecurityGroupPermission(protocol: "-1", cidrIpv4: "0.0.0.0/0")]),
                .egress, &c)
        }
        #expect(all?.message.contains("\"peer: 0.0.0.0/0, ALL, ALLOW\"") == true)
        // The same rule in the other direction is another rule.
        try f.authorize(group.groupId, .egress, [tcp(22, cidr: "0.0.0.0/0")])
    }

    @Test("revoke matches exactly (description aside) or by ID; any miss is InvalidPermission.NotFound and revokes nothing")
    func revokes() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let group = try f.securityGroup(vpc.vpcId, "web")
        let withRules = try f.authorize(
            group.groupId, .ingress,
            [tcp(22, cidr: "10.0.0.0/8"), tcp(443, cidr: "0.0.0.0/0"),
             SecurityGroupPermission(protocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0", description: "http")])
        f.expectFailure(.permissionNotFound) { s, c throws(NetctlError) in
            try s.revokeSecurityGroupRules(
                SecurityGroupRevokeIngress(group: group.groupId, rules: [tcp(22, cidr: "10.0.0.0/8"), tcp(23, cidr: "10.0.0.0/8")]),
                .ingress, &c)
        }
        f.expectFailure(.permissionNotFound, "the range must match exactly") { s, c throws(NetctlError) in
            try s.revokeSecurityGroupRules(
                SecurityGroupRevokeIngress(group: group.groupId, rules: [tcp(400, 500, cidr: "0.0.0.0/0")]), .ingress, &c)
        }
        f.expectFailure(.securityGroupRuleIdNotFound) { s, c throws(NetctlError) in
            try s.revokeSecurityGroupRules(
                SecurityGroupRevokeEgress(group: group.groupId, ruleIds: [withRules.ingressRules[0].ruleId]), .egress, &c)
        }
        let afterMatch = try f.revoke(group.groupId, .ingress, [tcp(80, cidr: "0.0.0.0/0"), tcp(22, cidr: "10.0.0.5/8")])
        #expect(afterMatch.ingressRules.map(\.fromPort) == [443])
        let afterId = try f.revoke(group.groupId, .ingress, ruleIds: [withRules.ingressRules[1].ruleId])
        #expect(afterId.ingressRules.isEmpty)
        let events = f.state.takeChanges().events.filter { $0.resourceType == .securityGroup }.map(\.action)
        #expect(events.suffix(2) == [.revokeIngress, .revokeIngress])
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.revokeSecurityGroupRules(SecurityGroupRevokeIngress(group: group.groupId), .ingress, &c)
        }
    }

    @Test("peers: prefix lists of the region, groups of the same VPC or an actively peered one")
    func peers() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let peer = try f.vpc("10.1.0.0/16", name: "b")
        let far = try f.vpc("10.2.0.0/16", name: "c")
        let web = try f.securityGroup(vpc.vpcId, "web")
        let db = try f.securityGroup(vpc.vpcId, "db")
        let peerGroup = try f.securityGroup(peer.vpcId, "peer-app")
        let farGroup = try f.securityGroup(far.vpcId, "far")
        let s3 = try #require(ServiceCatalog.prefixLists(region: "us-east-1").first { $0.prefixListName.hasSuffix(".s3") })
        let rules = try f.authorize(
            web.groupId, .egress,
            [
                SecurityGroupPermission(protocol: "tcp", fromPort: 443, toPort: 443, prefixListId: s3.prefixListId),
                SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: "db"),
            ])
        #expect(rules.egressRules[1].prefixListId == s3.prefixListId)
        #expect(rules.egressRules[2].referencedGroupId == db.groupId, "a name is resolved within the VPC")
        f.expectFailure("InvalidPrefixListID.NotFound") { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeEgress(
                    group: web.groupId, rules: [SecurityGroupPermission(protocol: "-1", prefixListId: "pl-00000000")]),
                .egress, &c)
        }
        let notPeered = f.expectFailure(.securityGroupNotFound) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(
                    group: web.groupId, rules: [SecurityGroupPermission(protocol: "-1", referencedGroupId: peerGroup.groupId)]),
                .ingress, &c)
        }
        #expect(notPeered?.message.contains("belong to different networks") == true)
        let peering = try f.createPeering(vpc.vpcId, peer.vpcId)
        try f.acceptPeering(peering.peeringId)
        let crossVpc = try f.authorize(
            web.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 80, toPort: 80, referencedGroupId: peerGroup.groupId)])
        #expect(crossVpc.ingressRules[0].referencedGroupId == peerGroup.groupId)
        f.expectFailure(.securityGroupNotFound) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(
                    group: web.groupId, rules: [SecurityGroupPermission(protocol: "-1", referencedGroupId: farGroup.groupId)]),
                .ingress, &c)
        }
        f.expectFailure(.securityGroupNotFound) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(
                    group: web.groupId, rules: [SecurityGroupPermission(protocol: "-1", referencedGroupId: "sg-00000000000000000")]),
                .ingress, &c)
        }
        #expect(f.state.staleSecurityGroupsIn(vpc.vpcId).isEmpty)

        // The peering ends: the rule stays, stale, matching nothing; a new peering revives it.
        try f.deletePeering(peering.peeringId)
        let stale = f.state.staleSecurityGroupsIn(vpc.vpcId)
        #expect(stale.map(\.groupId) == [web.groupId])
        #expect(stale.first?.staleIngressRules.map(\.referencedGroupId) == [peerGroup.groupId])
        #expect(stale.first?.staleEgressRules.isEmpty == true)
        let current = try f.state.securityGroup(web.groupId, in: testScope)
        #expect(current.ingressRules.count == 1, "a stale rule is kept")
        let peerAddress = SecurityGroupPeer(address: IPv4Address("10.1.0.9")!, groupIds: [peerGroup.groupId])
        #expect(f.state.firstMatchingRule(of: current, .ingress, traffic: .tcp(80), peer: peerAddress) == nil)
        let again = try f.createPeering(vpc.vpcId, peer.vpcId)
        try f.acceptPeering(again.peeringId)
        #expect(f.state.staleSecurityGroupsIn(vpc.vpcId).isEmpty)
        #expect(f.state.firstMatchingRule(of: current, .ingress, traffic: .tcp(80), peer: peerAddress) != nil)
        // Deleting the peer's group (allowed: only the same VPC's references block) leaves the rule stale.
        _ = try f.deleteSecurityGroup(peerGroup.groupId)
        #expect(f.state.staleSecurityGroupsIn(vpc.vpcId).map(\.groupId) == [web.groupId])
        let revoked = try f.revoke(
            web.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 80, toPort: 80, referencedGroupId: peerGroup.groupId)])
        #expect(revoked.ingressRules.isEmpty, "a stale rule can be revoked")
    }

    @Test("delete: DependencyViolation while another group of the VPC references it or a resource uses it")
    func dependencies() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let subnet = try f.subnet(vpc.vpcId, "10.0.1.0/24", zone: "us-east-1a")
        let web = try f.securityGroup(vpc.vpcId, "web")
        let db = try f.securityGroup(vpc.vpcId, "db")
        try f.authorize(db.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: web.groupId)])
        try f.authorize(web.groupId, .ingress, [SecurityGroupPermission(protocol: "-1", referencedGroupId: web.groupId)])
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSecurityGroup(SecurityGroupDelete(group: web.groupId), &c)
        }
        #expect(error?.message.hasPrefix("resource \(web.groupId) has a dependent object") == true)
        #expect(error?.message.contains(db.groupId) == true)
        try f.revoke(db.groupId, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: web.groupId)])
        let endpoint = try f.createEndpoint(
            EndpointCreate(
                vpc: vpc.vpcId, service: "com.amazonaws.us-east-1.ssm", type: Endpoint.interface, subnets: [subnet.subnetId],
                securityGroups: [web.groupId], privateDnsEnabled: false))
        let used = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSecurityGroup(SecurityGroupDelete(group: web.groupId), &c)
        }
        #expect(used?.message.contains("VPC endpoint \(endpoint.endpointId)") == true)
        _ = try f.deleteEndpoint(endpoint.endpointId)
        let deleted = try f.deleteSecurityGroup(web.groupId)
        #expect(deleted.groupId == web.groupId && f.state.securityGroups[web.groupId] == nil)
        #expect(f.state.securityGroups.children(of: SecurityGroup.nameKey(vpcId: vpc.vpcId, name: "web")).isEmpty)
        try f.securityGroup(vpc.vpcId, "WEB")
    }

    @Test("quotas: securityGroupsPerRegion and rulesPerSecurityGroup per direction, by their --quota names")
    func quotas() throws {
        var quotas = Quotas()
        quotas[.securityGroupsPerRegion] = 3
        quotas[.rulesPerSecurityGroup] = 3
        var f = Fixture(quotas: quotas)
        #expect(QuotaName.securityGroupsPerRegion.defaultValue == 2500 && QuotaName.rulesPerSecurityGroup.defaultValue == 60)
        let vpc = try f.vpc("10.0.0.0/16")
        let group = try f.securityGroup(vpc.vpcId, "one")
        try f.securityGroup(vpc.vpcId, "two")
        let full = f.expectFailure(.securityGroupLimitExceeded) { s, c throws(NetctlError) in
            try s.createSecurityGroup(SecurityGroupCreate(vpc: vpc.vpcId, name: "three"), &c)
        }
        #expect(full?.message.contains("securityGroupsPerRegion") == true)
        // Default groups count, but a VPC always gets its own.
        try f.vpc("10.1.0.0/16")
        #expect(f.state.securityGroups.countInScope(testScope) == 4)
        try f.authorize(group.groupId, .ingress, [tcp(1, cidr: "0.0.0.0/0"), tcp(2, cidr: "0.0.0.0/0"), tcp(3, cidr: "0.0.0.0/0")])
        let rules = f.expectFailure(.rulesPerSecurityGroupLimitExceeded) { s, c throws(NetctlError) in
            try s.authorizeSecurityGroupRules(
                SecurityGroupAuthorizeIngress(group: group.groupId, rules: [tcp(4, cidr: "0.0.0.0/0")]), .ingress, &c)
        }
        #expect(rules?.message.contains("The maximum number of rules per security group has been reached") == true)
        #expect(rules?.message.contains("rulesPerSecurityGroup") == true)
        // Outbound is counted apart: one rule there already, two more fit.
        try f.authorize(group.groupId, .egress, [tcp(1, cidr: "0.0.0.0/0"), tcp(2, cidr: "0.0.0.0/0")])
        #expect(try Quotas.parseAssignment("rulesPerSecurityGroup=100") == (.rulesPerSecurityGroup, 100))
    }

    @Test("list by VPC and EC2 filters; resources of a VPC take its groups, the default when none is given")
    func listsAndReferences() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        let other = try f.vpc("10.1.0.0/16")
        let web = try f.securityGroup(vpc.vpcId, "web", description: "Web tier")
        let query = f.query()
        let inVpc = try f.state.listSecurityGroups(SecurityGroupList(vpc: vpc.vpcId), query).securityGroups
        #expect(Set(inVpc.map(\.groupName)) == ["default", "web"])
        let filtered = try f.state.listSecurityGroups(
            SecurityGroupList(filters: [Filter(name: "description", values: ["Web*"])]), query)
        #expect(filtered.securityGroups.map(\.groupId) == [web.groupId])
        let byName = try f.state.listSecurityGroups(
            SecurityGroupList(filters: [Filter(name: "group-name", values: ["default"]), Filter(name: "vpc-id", values: [other.vpcId])]),
            query)
        #expect(byName.securityGroups.map(\.vpcId) == [other.vpcId])
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.state.listSecurityGroups(SecurityGroupList(filters: [Filter(name: "nope", values: ["x"])]), query)
        }
        let defaultId = try #require(f.state.defaultSecurityGroup(ofVpc: vpc.vpcId)).groupId
        #expect(try f.state.securityGroupIds(nil, forVpc: vpc.vpcId, in: testScope) == [defaultId])
        #expect(
            try f.state.securityGroupIds(["web", web.groupId], forVpc: vpc.vpcId, in: testScope, allowNames: true)
                == [web.groupId])
        expectError(.invalidParameterValue, "AWS's APIs take IDs") { () throws(NetctlError) in
            try f.state.securityGroupIds(["web"], forVpc: vpc.vpcId, in: testScope)
        }
        let otherVpc = expectError(.invalidParameter) { () throws(NetctlError) in
            try f.state.securityGroupIds([web.groupId], forVpc: other.vpcId, subnet: "subnet-1", in: testScope)
        }
        #expect(otherVpc?.message.contains("belong to different networks") == true)
        expectError(.securityGroupNotFound) { () throws(NetctlError) in
            try f.state.securityGroupIds(["sg-00000000000000001"], forVpc: vpc.vpcId, in: testScope)
        }
    }
}

@Suite("Security group rule matching")
struct SecurityGroupRuleMatcherTests {
    func rule(_ proto: String, _ from: Int? = nil, _ to: Int? = nil, cidr: String? = nil, list: String? = nil, group: String? = nil)
        -> SecurityGroupRule
    {
        SecurityGroupRule(
            ruleId: "sgr-\(proto)\(from ?? 0)\(cidr ?? list ?? group ?? "")", protocol: proto, fromPort: from, toPort: to,
            cidrIpv4: cidr, prefixListId: list, referencedGroupId: group)
    }

    let client = SecurityGroupPeer(address: IPv4Address("10.0.1.5")!, groupIds: ["sg-app"])

    @Test("TCP and UDP port ranges are inclusive, and the protocol must agree")
    func ports() {
        let rules = [rule("tcp", 1024, 2048, cidr: "10.0.0.0/16"), rule("udp", 53, 53, cidr: "0.0.0.0/0")]
        for (traffic, expected) in [
            (SecurityGroupTraffic.tcp(1024), rules[0].ruleId), (.tcp(2048), rules[0].ruleId), (.tcp(1023), nil),
            (.tcp(2049), nil), (.udp(53), rules[1].ruleId), (.udp(54), nil), (.tcp(53), nil),
        ] as [(SecurityGroupTraffic, String?)] {
            #expect(SecurityGroupRuleMatcher.firstMatch(in: rules, traffic: traffic, peer: client)?.ruleId == expected, "\(traffic)")
        }
    }

    @Test("-1 allows every protocol and port; other protocol numbers allow all their traffic; all-traffic needs -1")
    func allProtocols() {
        let everything = [rule("-1", cidr: "10.0.0.0/8")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: everything, traffic: .tcp(22), peer: client) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: everything, traffic: .icmp(type: 0, code: 0), peer: client) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: everything, traffic: .all, peer: client) != nil)
        let esp = [rule("50", cidr: "10.0.0.0/8")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: esp, traffic: SecurityGroupTraffic(protocol: "50"), peer: client) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: esp, traffic: .all, peer: client) == nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: [rule("tcp", 0, 65535, cidr: "0.0.0.0/0")], traffic: .all, peer: client) == nil)
        let outside = SecurityGroupPeer(address: IPv4Address("192.168.0.1")!)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: everything, traffic: .tcp(22), peer: outside) == nil)
    }

    @Test("ICMP: fromPort is the type, toPort the code, -1 all")
    func icmp() {
        let echo = [rule("icmp", 8, -1, cidr: "0.0.0.0/0")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: echo, traffic: .icmp(type: 8, code: 0), peer: client) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: echo, traffic: .icmp(type: 0, code: 0), peer: client) == nil)
        let fragNeeded = [rule("icmp", 3, 4, cidr: "0.0.0.0/0")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: fragNeeded, traffic: .icmp(type: 3, code: 4), peer: client) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: fragNeeded, traffic: .icmp(type: 3, code: 3), peer: client) == nil)
        let any = [rule("icmp", -1, -1, cidr: "0.0.0.0/0")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: any, traffic: .icmp(type: 11, code: 0), peer: client) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: any, traffic: .tcp(1), peer: client) == nil)
    }

    @Test("peers: prefix list CIDRs, group membership; stale references match nothing; first of overlapping rules wins")
    func peers() {
        let lists: (String) -> [IPv4CIDR] = { $0 == "pl-s3" ? [IPv4CIDR("52.216.0.0/15")!] : [] }
        let s3 = SecurityGroupPeer(address: IPv4Address("52.217.1.1")!)
        let viaList = [rule("tcp", 443, 443, list: "pl-s3")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: viaList, traffic: .tcp(443), peer: s3, prefixListCidrs: lists) != nil)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: viaList, traffic: .tcp(443), peer: client, prefixListCidrs: lists) == nil)
        let viaGroup = [rule("tcp", 5432, 5432, group: "sg-app")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: viaGroup, traffic: .tcp(5432), peer: client) != nil)
        #expect(
            SecurityGroupRuleMatcher.firstMatch(in: viaGroup, traffic: .tcp(5432), peer: SecurityGroupPeer(address: client.address))
                == nil, "the address alone does not make a member")
        #expect(SecurityGroupRuleMatcher.firstMatch(in: viaGroup, traffic: .tcp(5432), peer: client, staleGroupIds: ["sg-app"]) == nil)
        let overlapping = [rule("tcp", 0, 65535, cidr: "10.0.0.0/8"), rule("tcp", 443, 443, cidr: "10.0.1.0/24")]
        #expect(SecurityGroupRuleMatcher.firstMatch(in: overlapping, traffic: .tcp(443), peer: client)?.ruleId == overlapping[0].ruleId)
        #expect(SecurityGroupRuleMatcher.firstMatch(in: [], traffic: .tcp(443), peer: client) == nil)
    }
}

extension State {
    func staleSecurityGroupsIn(_ vpcId: String) -> [StaleSecurityGroup] {
        (try? staleSecurityGroups(SecurityGroupStale(vpc: vpcId), QueryContext(scope: testScope, now: testEpoch, quotas: Quotas())))?
            .staleSecurityGroups ?? []
    }
}
