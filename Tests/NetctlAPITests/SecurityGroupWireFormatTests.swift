import Foundation
import NetctlAPI
import Testing

/// Golden JSON of security groups, their rules and the rule methods' params (API.md "Security groups,
/// NACLs, instances").
@Suite("Wire format of security groups (golden JSON)")
struct SecurityGroupWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    static let group = SecurityGroup(
        groupId: "sg-0123456789abcdef0", groupName: "web", vpcId: "vpc-0a1b2c3d4e5f67890", description: "Web tier",
        ingressRules: [
            SecurityGroupRule(
                ruleId: "sgr-0123456789abcdef0", protocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0",
                description: "https"),
            SecurityGroupRule(ruleId: "sgr-0123456789abcdef1", protocol: "-1", referencedGroupId: "sg-0123456789abcdef1"),
        ],
        egressRules: [SecurityGroupRule(ruleId: "sgr-0123456789abcdef2", protocol: "icmp", fromPort: 8, toPort: -1, prefixListId: "pl-63a5400a")],
        isDefault: false, accountId: "111122223333", region: "us-east-1", tags: ["team": "web"],
        createdAt: Date(timeIntervalSince1970: 1_764_091_474.123))

    @Test("a security group with a CIDR, a group and a prefix-list rule")
    func securityGroup() throws {
        #expect(
            try json(Self.group)
                == #"{"accountId":"111122223333","createdAt":"2025-11-25T17:24:34.123Z","description":"Web tier","egressRules":[{"fromPort":8,"prefixListId":"pl-63a5400a","protocol":"icmp","ruleId":"sgr-0123456789abcdef2","toPort":-1}],"groupId":"sg-0123456789abcdef0","groupName":"web","ingressRules":[{"cidrIpv4":"0.0.0.0/0","description":"https","fromPort":443,"protocol":"tcp","ruleId":"sgr-0123456789abcdef0","toPort":443},{"protocol":"-1","referencedGroupId":"sg-0123456789abcdef1","ruleId":"sgr-0123456789abcdef1"}],"isDefault":false,"region":"us-east-1","tags":{"team":"web"},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        )
        #expect(try NetctlJSON.decoder.decode(SecurityGroup.self, from: try NetctlJSON.encoder.encode(Self.group)) == Self.group)
    }

    @Test("rule methods' params as scripts send them: rules without IDs, or rule IDs")
    func params() throws {
        let authorize = try NetctlJSON.decoder.decode(
            SecurityGroupAuthorizeIngress.self,
            from: Data(#"{"group":"web","rules":[{"protocol":"6","fromPort":22,"toPort":22,"cidrIpv4":"10.0.0.0/8"}]}"#.utf8))
        #expect(authorize.rules == [SecurityGroupPermission(protocol: "6", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8")])
        #expect(SecurityGroupAuthorizeIngress.method == "securityGroup.authorizeIngress")
        #expect(
            try json(SecurityGroupRevokeEgress(group: "sg-1", ruleIds: ["sgr-1"])) == #"{"group":"sg-1","ruleIds":["sgr-1"]}"#)
        #expect(
            try json(SecurityGroupCreate(vpc: "a", name: "web", description: "Web tier"))
                == #"{"description":"Web tier","name":"web","vpc":"a"}"#)
        #expect(
            [SecurityGroupCreate.method, SecurityGroupGet.method, SecurityGroupDelete.method, SecurityGroupList.method,
             SecurityGroupAuthorizeEgress.method, SecurityGroupRevokeIngress.method, SecurityGroupStale.method]
                == ["securityGroup.create", "securityGroup.get", "securityGroup.delete", "securityGroup.list",
                    "securityGroup.authorizeEgress", "securityGroup.revokeIngress", "securityGroup.stale"])
    }

    @Test("list and stale answers")
    func responses() throws {
        #expect(
            try json(SecurityGroupListResponse(securityGroups: [], nextToken: "dA==")) == #"{"nextToken":"dA==","securityGroups":[]}"#)
        let stale = SecurityGroupStaleResponse(staleSecurityGroups: [
            StaleSecurityGroup(
                groupId: "sg-0123456789abcdef0", groupName: "web", vpcId: "vpc-0a1b2c3d4e5f67890",
                staleIngressRules: [Self.group.ingressRules[1]], staleEgressRules: [])
        ])
        #expect(
            try json(stale)
                == #"{"staleSecurityGroups":[{"groupId":"sg-0123456789abcdef0","groupName":"web","staleEgressRules":[],"staleIngressRules":[{"protocol":"-1","referencedGroupId":"sg-0123456789abcdef1","ruleId":"sgr-0123456789abcdef1"}],"vpcId":"vpc-0a1b2c3d4e5f67890"}]}"#
        )
    }
}
