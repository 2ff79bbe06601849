import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// A VPC `a` (10.0.0.0/16) with subnet `s1` and its default network ACL.
private struct AclNetwork {
    var f: Fixture
    var vpc: Vpc
    var subnet: Subnet

    init(quotas: Quotas = Quotas()) throws {
        f = Fixture(quotas: quotas)
        vpc = try f.vpc("10.0.0.0/16", name: "a")
        subnet = try f.subnet("a", "10.0.1.0/24", name: "s1")
    }

    var defaultAcl: NetworkAcl { f.state.defaultNetworkAcl(ofVpc: vpc.vpcId)! }

    func acl(_ reference: String) throws -> NetworkAcl { try f.state.networkAcl(reference, in: f.scope) }

    @discardableResult
    mutating func create(_ name: String? = nil, vpc: String = "a") throws(NetctlError) -> NetworkAcl {
        try f.run { s, c throws(NetctlError) in try s.createNetworkAcl(NetworkAclCreate(vpc: vpc, name: name), &c) }
    }

    @discardableResult
    mutating func add(_ request: NetworkAclCreateEntry) throws(NetctlError) -> NetworkAcl {
        try f.run { s, c throws(NetctlError) in try s.createNetworkAclEntry(request, &c) }
    }

    @discardableResult
    mutating func associate(_ acl: String, subnet: String? = nil, associationId: String? = nil) throws(NetctlError)
        -> NetworkAclAssociateResponse
    {
        try f.run { s, c throws(NetctlError) in
            try s.associateNetworkAcl(
                NetworkAclAssociate(networkAcl: acl, subnet: subnet, associationId: associationId), &c)
        }
    }

    static func entry(
        _ acl: String, _ rule: Int, egress: Bool = false, _ proto: String = "-1", _ action: String = "allow",
        cidr: String = "0.0.0.0/0", from: Int? = nil, to: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil
    ) -> NetworkAclCreateEntry {
        NetworkAclCreateEntry(
            networkAcl: acl, ruleNumber: rule, egress: egress, protocol: proto, ruleAction: action, cidrBlock: cidr,
            fromPort: from, toPort: to, icmpType: icmpType, icmpCode: icmpCode)
    }
}

@Suite("Network ACLs: defaults, entries, associations, quotas and deletion")
struct NetworkAclRulesTests {
    // MARK: Defaults

    @Test("a VPC comes with a default ACL: rule 100 allows all IPv4 both ways, then the * denies as 32767")
    func defaultAcl() throws {
        let n = try AclNetwork()
        let acl = n.defaultAcl
        #expect(acl.isDefault)
        #expect(acl.vpcId == n.vpc.vpcId)
        #expect(IDPrefix.matches(acl.networkAclId, prefix: IDPrefix.networkAcl))
        #expect(
            acl.entries.map {
                "\($0.egress ? "out" : "in") \($0.ruleNumber) \($0.protocol) \($0.ruleAction) \($0.cidrBlock)"
            }
                == [
                    "out 100 -1 allow 0.0.0.0/0", "out 32767 -1 deny 0.0.0.0/0", "in 100 -1 allow 0.0.0.0/0",
                    "in 32767 -1 deny 0.0.0.0/0",
                ])
        // Derived from the VPC's ID: the VPC's other IDs are the ones its creation always drew.
        #expect(acl == State.defaultNetworkAcl(for: n.vpc, subnets: [n.subnet]))
    }

    @Test("creating a VPC draws no more IDs than before ACLs existed")
    func vpcIdsUnchanged() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16")
        var ids = IDGenerator(seed: 42)
        #expect(vpc.vpcId == ids.make(IDPrefix.vpc))
        #expect(vpc.mainRouteTableId == ids.make(IDPrefix.routeTable))
        let subnet = try f.subnet(vpc.vpcId, "10.0.1.0/24")
        #expect(subnet.subnetId == ids.make(IDPrefix.subnet))
    }

    @Test("a new subnet is associated with its VPC's default ACL and says so; deleting it ends the association")
    func subnetsJoinTheDefault() throws {
        var n = try AclNetwork()
        let acl = n.defaultAcl
        #expect(n.subnet.networkAclId == acl.networkAclId)
        #expect(acl.associations.map(\.subnetId) == [n.subnet.subnetId])
        #expect(IDPrefix.matches(acl.associations[0].associationId, prefix: IDPrefix.networkAclAssociation))
        #expect(n.f.state.networkAcl(ofSubnet: n.subnet.subnetId)?.networkAclId == acl.networkAclId)
        try n.f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: "s1"), &c) }
        #expect(n.defaultAcl.associations.isEmpty)
        #expect(n.f.state.networkAcl(ofSubnet: n.subnet.subnetId) == nil)
    }

    @Test("a custom ACL starts with only the two * denies")
    func customAclDeniesAll() throws {
        var n = try AclNetwork()
        let acl = try n.create("n1")
        #expect(!acl.isDefault)
        #expect(acl.name == "n1" && acl.tags["Name"] == "n1")
        #expect(acl.entries == NetworkAclRules.finalDenies)
        #expect(acl.associations.isEmpty)
        #expect(try n.acl("n1") == acl)
        #expect(!acl.allows(.ingress, .tcp(port: 443, remote: IPv4Address("1.2.3.4")!)))
        #expect(!acl.allows(.egress, .tcp(port: 443, remote: IPv4Address("1.2.3.4")!)))
    }

    // MARK: Entries

    @Test("entries are canonicalised: protocol aliases become numbers, CIDRs lose host bits, ranges fit the protocol")
    func canonicalEntries() throws {
        var n = try AclNetwork()
        try n.create("n1")
        try n.add(AclNetwork.entry("n1", 100, "TCP", cidr: "10.1.2.3/16", from: 443, to: 443))
        try n.add(AclNetwork.entry("n1", 110, "udp", from: 53, to: 53))
        try n.add(AclNetwork.entry("n1", 120, "icmp", icmpType: 3, icmpCode: 4))
        // Security group spelling of ICMP: fromPort = type, toPort = code.
        try n.add(AclNetwork.entry("n1", 130, "1", from: 8, to: -1))
        // Ports mean nothing for -1 and other protocols: AWS keeps none.
        try n.add(AclNetwork.entry("n1", 140, "-1", "deny", from: 1, to: 2))
        let acl = try n.add(AclNetwork.entry("n1", 150, egress: true, "50"))
        let ingress = acl.entries.filter { !$0.egress }
        #expect(ingress.map(\.ruleNumber) == [100, 110, 120, 130, 140, 32767])
        #expect(
            ingress[0]
                == NetworkAclEntry(
                    ruleNumber: 100, egress: false, protocol: "6", ruleAction: .allow, cidrBlock: "10.1.0.0/16",
                    fromPort: 443, toPort: 443))
        #expect(ingress[1].protocol == "17" && ingress[1].fromPort == 53 && ingress[1].toPort == 53)
        #expect(ingress[2].protocol == "1" && ingress[2].icmpType == 3 && ingress[2].icmpCode == 4)
        #expect(ingress[2].fromPort == nil)
        #expect(ingress[3].icmpType == 8 && ingress[3].icmpCode == -1 && ingress[3].fromPort == nil)
        #expect(ingress[4].protocol == "-1" && ingress[4].fromPort == nil && ingress[4].ruleAction == .deny)
        #expect(acl.entries.first?.egress == true, "egress entries are listed first")
        #expect(acl.entries.filter(\.egress).map(\.ruleNumber) == [150, 32767])
    }

    @Test("a used rule number in the same direction is NetworkAclEntryAlreadyExists; the other direction is free")
    func duplicateEntry() throws {
        var n = try AclNetwork()
        try n.create("n1")
        try n.add(AclNetwork.entry("n1", 100))
        let error = n.f.expectFailure(.networkAclEntryAlreadyExists) { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(AclNetwork.entry("n1", 100, "tcp", "deny", from: 1, to: 2), &c)
        }
        #expect(error?.message.hasPrefix("The network acl entry identified by 100 already exists.") == true)
        try n.add(AclNetwork.entry("n1", 100, egress: true))
        // The default ACL's rule 100 exists too.
        let defaultId = n.defaultAcl.networkAclId
        n.f.expectFailure(.networkAclEntryAlreadyExists) { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(AclNetwork.entry(defaultId, 100), &c)
        }
    }

    @Test(
        "invalid entries are refused and change nothing",
        arguments: [
            (AclNetwork.entry("n1", 0), ErrorCode.invalidParameterValue),
            (AclNetwork.entry("n1", 32767), .invalidParameterValue),
            (AclNetwork.entry("n1", 40000), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "tcp"), .missingParameter),
            (AclNetwork.entry("n1", 100, "udp", from: 53), .missingParameter),
            (AclNetwork.entry("n1", 100, "tcp", from: 90, to: 80), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "tcp", from: 0, to: 65536), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "icmp"), .missingParameter),
            (AclNetwork.entry("n1", 100, "icmp", icmpType: 256, icmpCode: 0), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "gre"), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "256"), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "-2"), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, "-1", "maybe"), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, cidr: "10.0.0.0/33"), .invalidParameterValue),
            (AclNetwork.entry("n1", 100, cidr: "::/0"), .invalidParameterValue),
            (AclNetwork.entry("acl-0123456789abcdef0", 100), .networkAclNotFound),
            (AclNetwork.entry("acl-nothex", 100), .networkAclIdMalformed),
        ])
    func invalidEntries(request: NetworkAclCreateEntry, code: ErrorCode) throws {
        var n = try AclNetwork()
        try n.create("n1")
        n.f.expectFailure(code) { s, c throws(NetctlError) in try s.createNetworkAclEntry(request, &c) }
    }

    @Test("replaceEntry changes the entry in place; a missing one is InvalidNetworkAclEntry.NotFound")
    func replaceEntry() throws {
        var n = try AclNetwork()
        try n.create("n1")
        try n.add(AclNetwork.entry("n1", 100, "tcp", from: 80, to: 80))
        let replaced = try n.f.run { s, c throws(NetctlError) in
            try s.replaceNetworkAclEntry(
                NetworkAclReplaceEntry(
                    networkAcl: "n1", ruleNumber: 100, egress: false, protocol: "udp", ruleAction: "deny",
                    cidrBlock: "10.9.0.0/16", fromPort: 1, toPort: 2), &c)
        }
        #expect(replaced.entries.filter { !$0.egress }.count == 2)
        #expect(
            replaced.entries.first { $0.ruleNumber == 100 }
                == NetworkAclEntry(
                    ruleNumber: 100, egress: false, protocol: "17", ruleAction: .deny, cidrBlock: "10.9.0.0/16",
                    fromPort: 1, toPort: 2))
        n.f.expectFailure(.networkAclEntryNotFound) { s, c throws(NetctlError) in
            try s.replaceNetworkAclEntry(
                NetworkAclReplaceEntry(
                    networkAcl: "n1", ruleNumber: 100, egress: true, protocol: "-1", ruleAction: "allow",
                    cidrBlock: "0.0.0.0/0"), &c)
        }
    }

    @Test("deleteEntry removes one entry; a missing one is NotFound; the * deny cannot go")
    func deleteEntry() throws {
        var n = try AclNetwork()
        let aclId = n.defaultAcl.networkAclId
        let after = try n.f.run { s, c throws(NetctlError) in
            try s.deleteNetworkAclEntry(NetworkAclDeleteEntry(networkAcl: aclId, ruleNumber: 100, egress: false), &c)
        }
        #expect(after.entries.filter { !$0.egress }.map(\.ruleNumber) == [32767])
        #expect(!after.allows(.ingress, .tcp(port: 22, remote: IPv4Address("10.0.0.1")!)))
        #expect(after.allows(.egress, .tcp(port: 22, remote: IPv4Address("10.0.0.1")!)))
        n.f.expectFailure(.networkAclEntryNotFound) { s, c throws(NetctlError) in
            try s.deleteNetworkAclEntry(NetworkAclDeleteEntry(networkAcl: aclId, ruleNumber: 100, egress: false), &c)
        }
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteNetworkAclEntry(NetworkAclDeleteEntry(networkAcl: aclId, ruleNumber: 32767, egress: true), &c)
        }
    }

    // MARK: Quotas

    @Test(
        "rulesPerNetworkAcl counts the * deny, per direction: 19 entries fit, the 20th is NetworkAclEntryLimitExceeded")
    func entryQuota() throws {
        var n = try AclNetwork()
        try n.create("n1")
        for rule in 1...19 { try n.add(AclNetwork.entry("n1", rule)) }
        let error = n.f.expectFailure(.networkAclEntryLimitExceeded) { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(AclNetwork.entry("n1", 20), &c)
        }
        #expect(error?.message.contains("rulesPerNetworkAcl") == true)
        try n.add(AclNetwork.entry("n1", 20, egress: true))
        var raised = try AclNetwork(quotas: Quotas([.rulesPerNetworkAcl: 3]))
        try raised.create("n1")
        try raised.add(AclNetwork.entry("n1", 1))
        try raised.add(AclNetwork.entry("n1", 2))
        raised.f.expectFailure(.networkAclEntryLimitExceeded) { s, c throws(NetctlError) in
            try s.createNetworkAclEntry(AclNetwork.entry("n1", 3), &c)
        }
        #expect(throws: NetctlError.self) { try Quotas.validate(.rulesPerNetworkAcl, 41) }
    }

    @Test("networkAclsPerVpc counts the default ACL: NetworkAclLimitExceeded names the quota")
    func aclQuota() throws {
        var n = try AclNetwork(quotas: Quotas([.networkAclsPerVpc: 2]))
        try n.create("n1")
        let error = n.f.expectFailure(.networkAclLimitExceeded) { s, c throws(NetctlError) in
            try s.createNetworkAcl(NetworkAclCreate(vpc: "a"), &c)
        }
        #expect(error?.message.contains("networkAclsPerVpc") == true)
        #expect(QuotaName.networkAclsPerVpc.defaultValue == 200)
        #expect(QuotaName.rulesPerNetworkAcl.defaultValue == 20)
    }

    // MARK: Associations

    @Test("associating moves the subnet under a new aclassoc- ID; associating with the default moves it back")
    func associateReplaces() throws {
        var n = try AclNetwork()
        let custom = try n.create("n1")
        let defaultId = n.defaultAcl.networkAclId
        let first = n.defaultAcl.associations[0].associationId
        let moved = try n.associate("n1", subnet: "s1")
        #expect(moved.networkAcl.networkAclId == custom.networkAclId)
        #expect(
            moved.networkAcl.associations == [
                NetworkAclAssociation(associationId: moved.newAssociationId, subnetId: n.subnet.subnetId)
            ])
        #expect(moved.newAssociationId != first)
        #expect(n.defaultAcl.associations.isEmpty)
        #expect(try n.f.state.subnet("s1", in: n.f.scope).networkAclId == custom.networkAclId)
        #expect(n.f.state.networkAcl(ofSubnet: n.subnet.subnetId)?.networkAclId == custom.networkAclId)
        // ReplaceNetworkAclAssociation's way: by the current association ID.
        let back = try n.associate(defaultId, associationId: moved.newAssociationId)
        #expect(back.networkAcl.isDefault)
        #expect(back.networkAcl.associations.map(\.associationId) == [back.newAssociationId])
        #expect(try n.acl("n1").associations.isEmpty)
        #expect(try n.f.state.subnet("s1", in: n.f.scope).networkAclId == defaultId)
        // Idempotent in effect, with a new ID each time.
        let again = try n.associate(defaultId, subnet: "s1")
        #expect(again.newAssociationId != back.newAssociationId)
        #expect(again.networkAcl.associations.count == 1)
    }

    @Test("association errors: unknown association, another VPC's ACL, both or neither of subnet and associationId")
    func associateErrors() throws {
        var n = try AclNetwork()
        try n.f.vpc("10.1.0.0/16", name: "b")
        try n.create("other", vpc: "b")
        n.f.expectFailure(.associationNotFound) { s, c throws(NetctlError) in
            try s.associateNetworkAcl(
                NetworkAclAssociate(networkAcl: "other", associationId: "aclassoc-0123456789abcdef0"), &c)
        }
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: "other", subnet: "s1"), &c)
        }
        n.f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: "other"), &c)
        }
        let assoc = n.defaultAcl.associations[0].associationId
        n.f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.associateNetworkAcl(NetworkAclAssociate(networkAcl: "other", subnet: "s1", associationId: assoc), &c)
        }
    }

    // MARK: Deletion

    @Test(
        "delete: associated is DependencyViolation, the default is CannotDelete, unknown and malformed IDs are refused")
    func deleteRules() throws {
        var n = try AclNetwork()
        try n.create("n1")
        try n.associate("n1", subnet: "s1")
        let busy = n.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteNetworkAcl(NetworkAclDelete(networkAcl: "n1"), &c)
        }
        #expect(busy?.message.contains(n.subnet.subnetId) == true)
        let defaultId = n.defaultAcl.networkAclId
        n.f.expectFailure(.networkAclCannotDelete) { s, c throws(NetctlError) in
            try s.deleteNetworkAcl(NetworkAclDelete(networkAcl: defaultId), &c)
        }
        let missing = n.f.expectFailure(.networkAclNotFound) { s, c throws(NetctlError) in
            try s.deleteNetworkAcl(NetworkAclDelete(networkAcl: "acl-0123456789abcdef0"), &c)
        }
        #expect(missing?.message.hasPrefix("The network acl ID 'acl-0123456789abcdef0' does not exist") == true)
        n.f.expectFailure(.networkAclIdMalformed) { s, c throws(NetctlError) in
            try s.deleteNetworkAcl(NetworkAclDelete(networkAcl: "acl-123"), &c)
        }
        try n.associate(defaultId, subnet: "s1")
        let deleted = try n.f.run { s, c throws(NetctlError) in
            try s.deleteNetworkAcl(NetworkAclDelete(networkAcl: "n1"), &c)
        }
        #expect(n.f.state.networkAcls[deleted.networkAclId] == nil)
    }

    @Test("another account sees none of the caller's ACLs")
    func scoped() throws {
        var n = try AclNetwork()
        let acl = try n.create("n1")
        n.f.scope = otherAccountScope
        #expect(throws: NetctlError.self) { try n.f.state.networkAcl(acl.networkAclId, in: otherAccountScope) }
        let listed = try n.f.state.listNetworkAcls(
            NetworkAclList(), QueryContext(scope: otherAccountScope, now: testEpoch, quotas: Quotas()))
        #expect(listed.networkAcls.isEmpty)
    }

    @Test("a custom ACL keeps its VPC from being deleted; the default ACL goes with the VPC")
    func vpcDeletion() throws {
        var n = try AclNetwork()
        try n.f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: "s1"), &c) }
        let custom = try n.create("n1")
        let error = n.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        #expect(error?.message.contains(custom.networkAclId) == true)
        try n.f.run { s, c throws(NetctlError) in try s.deleteNetworkAcl(NetworkAclDelete(networkAcl: "n1"), &c) }
        let defaultId = n.defaultAcl.networkAclId
        _ = n.f.state.takeChanges()
        try n.f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "a"), &c) }
        #expect(n.f.state.networkAcls.count == 0)
        let events = n.f.state.takeChanges().events
        #expect(
            events.contains { $0.resourceType == .networkAcl && $0.resourceId == defaultId && $0.action == .delete })
    }

    // MARK: Listing

    @Test("list filters as DescribeNetworkAcls: default, vpc-id, association.subnet-id, entry.* and tags")
    func filters() throws {
        var n = try AclNetwork()
        let custom = try n.create("n1")
        try n.add(AclNetwork.entry("n1", 200, "tcp", from: 22, to: 22))
        try n.f.vpc("10.1.0.0/16", name: "b")
        func list(_ filters: [Filter], vpc: String? = nil) throws -> [String] {
            try n.f.state.listNetworkAcls(
                NetworkAclList(vpc: vpc, filters: filters),
                QueryContext(scope: n.f.scope, now: testEpoch, quotas: Quotas())
            ).networkAcls.map(\.networkAclId)
        }
        let defaultA = n.defaultAcl.networkAclId
        #expect(
            try list([Filter(name: "default", values: ["true"]), Filter(name: "vpc-id", values: [n.vpc.vpcId])]) == [
                defaultA
            ])
        #expect(try list([], vpc: "a").sorted() == [defaultA, custom.networkAclId].sorted())
        #expect(try list([Filter(name: "default", values: ["true"])]).count == 2)
        #expect(try list([Filter(name: "association.subnet-id", values: [n.subnet.subnetId])]) == [defaultA])
        #expect(try list([Filter(name: "entry.rule-number", values: ["200"])]) == [custom.networkAclId])
        #expect(try list([Filter(name: "entry.protocol", values: ["tcp"])]) == [custom.networkAclId])
        #expect(try list([Filter(name: "entry.protocol", values: ["6"])]) == [custom.networkAclId])
        #expect(try list([Filter(name: "entry.port-range.from", values: ["22"])]) == [custom.networkAclId])
        #expect(try list([Filter(name: "tag:Name", values: ["n1"])]) == [custom.networkAclId])
        #expect(try list([Filter(name: "entry.ipv6-cidr", values: ["*"])]).isEmpty)
        #expect(throws: NetctlError.self) { try list([Filter(name: "entry.colour", values: ["red"])]) }
    }
}

/// The pure evaluation reachability will use: which entry decides a packet.
@Suite("Network ACL evaluation")
struct NetworkAclEvaluationTests {
    static let remote = IPv4Address("203.0.113.10")!

    static func acl(_ entries: [NetworkAclEntry]) -> NetworkAcl {
        NetworkAcl(
            networkAclId: "acl-0123456789abcdef0", vpcId: "vpc-0123456789abcdef0", accountId: "111122223333",
            region: "us-east-1", isDefault: false,
            entries: NetworkAclRules.sorted(entries + NetworkAclRules.finalDenies),
            tags: [:], createdAt: testEpoch)
    }

    static func entry(
        _ rule: Int, _ action: NetworkAclRuleAction, _ proto: String = "-1", egress: Bool = false,
        cidr: String = "0.0.0.0/0", ports: ClosedRange<Int>? = nil, icmp: (Int, Int)? = nil
    ) -> NetworkAclEntry {
        NetworkAclEntry(
            ruleNumber: rule, egress: egress, protocol: proto, ruleAction: action, cidrBlock: cidr,
            fromPort: ports?.lowerBound, toPort: ports?.upperBound, icmpType: icmp?.0, icmpCode: icmp?.1)
    }

    @Test("the default ACL's rule 100 decides everything, both ways")
    func defaultAllows() {
        let acl = State.defaultNetworkAcl(
            for: Vpc(
                vpcId: "vpc-0123456789abcdef0", name: nil, accountId: "111122223333", region: "us-east-1",
                cidrBlocks: ["10.0.0.0/16"], mainRouteTableId: "rtb-0123456789abcdef0", tags: [:], createdAt: testEpoch),
            subnets: [])
        for direction in NetworkAclDirection.allCases {
            for packet in [
                NetworkAclPacket.tcp(port: 443, remote: Self.remote), .udp(port: 53, remote: Self.remote),
                .icmp(type: 8, code: 0, remote: Self.remote), NetworkAclPacket(protocolNumber: 50, remote: Self.remote),
            ] {
                let decisive = acl.decisiveEntry(direction, packet)
                #expect(decisive.ruleNumber == 100 && decisive.ruleAction == .allow)
                #expect(decisive.egress == (direction == .egress))
            }
        }
    }

    @Test("nothing matching: the * deny decides, as rule 32767 of that direction")
    func starDeny() {
        let acl = Self.acl([Self.entry(100, .allow, "6", ports: 80...80)])
        let decisive = acl.decisiveEntry(.ingress, .tcp(port: 81, remote: Self.remote))
        #expect(decisive == NetworkAclRules.finalDenies.first { !$0.egress })
        #expect(decisive.ruleNumber == 32767 && decisive.ruleAction == .deny && decisive.cidrBlock == "0.0.0.0/0")
        // An ACL stored without its * entries is answered as if they were there.
        var bare = acl
        bare.entries = []
        #expect(bare.decisiveEntry(.egress, .tcp(port: 80, remote: Self.remote)).ruleNumber == 32767)
        #expect(bare.decisiveEntry(.egress, .tcp(port: 80, remote: Self.remote)).egress)
    }

    @Test("the lowest matching number wins, allow or deny, whatever order the entries are stored in")
    func order() {
        let packet = NetworkAclPacket.tcp(port: 22, remote: Self.remote)
        let denyFirst = Self.acl([Self.entry(100, .allow), Self.entry(90, .deny, "6", ports: 22...22)])
        #expect(denyFirst.decisiveEntry(.ingress, packet).ruleNumber == 90)
        #expect(!denyFirst.allows(.ingress, packet))
        let allowFirst = Self.acl([Self.entry(90, .allow, "6", ports: 22...22), Self.entry(100, .deny)])
        #expect(allowFirst.decisiveEntry(.ingress, packet).ruleNumber == 90)
        #expect(allowFirst.allows(.ingress, packet))
        var shuffled = allowFirst
        shuffled.entries.reverse()
        #expect(shuffled.decisiveEntry(.ingress, packet).ruleNumber == 90)
        // A non-matching lower entry is skipped.
        let skip = Self.acl([Self.entry(10, .deny, "6", ports: 23...23), Self.entry(20, .allow, "6", ports: 22...22)])
        #expect(skip.decisiveEntry(.ingress, packet).ruleNumber == 20)
    }

    @Test("entries of the other direction never decide")
    func direction() {
        let acl = Self.acl([Self.entry(100, .allow, egress: true)])
        #expect(acl.allows(.egress, .tcp(port: 1, remote: Self.remote)))
        #expect(acl.decisiveEntry(.ingress, .tcp(port: 1, remote: Self.remote)).ruleNumber == 32767)
    }

    @Test("-1 matches every protocol and port; a protocol number matches only itself")
    func protocols() {
        let all = Self.acl([Self.entry(100, .allow)])
        for packet in [
            NetworkAclPacket.tcp(port: 0, remote: Self.remote), .udp(port: 65535, remote: Self.remote),
            .icmp(type: 3, code: 4, remote: Self.remote), NetworkAclPacket(protocolNumber: 47, remote: Self.remote),
        ] {
            #expect(all.decisiveEntry(.ingress, packet).ruleNumber == 100)
        }
        let udp = Self.acl([Self.entry(100, .allow, "17", ports: 0...65535)])
        #expect(udp.allows(.ingress, .udp(port: 53, remote: Self.remote)))
        #expect(!udp.allows(.ingress, .tcp(port: 53, remote: Self.remote)))
        // Any other protocol matches all its traffic, whatever port the packet names.
        let gre = Self.acl([Self.entry(100, .allow, "47")])
        #expect(gre.allows(.ingress, NetworkAclPacket(protocolNumber: 47, port: 9, remote: Self.remote)))
        #expect(!gre.allows(.ingress, NetworkAclPacket(protocolNumber: 50, remote: Self.remote)))
    }

    @Test(
        "port ranges are inclusive at both ends",
        arguments: [(79, false), (80, true), (443, true), (1024, true), (1025, false), (0, false), (65535, false)])
    func ports(port: Int, allowed: Bool) {
        let acl = Self.acl([Self.entry(100, .allow, "6", ports: 80...1024)])
        #expect(acl.allows(.ingress, .tcp(port: port, remote: Self.remote)) == allowed)
        let single = Self.acl([Self.entry(100, .allow, "6", ports: 443...443)])
        #expect(single.allows(.ingress, .tcp(port: port, remote: Self.remote)) == (port == 443))
    }

    @Test("ephemeral return traffic: deny below, allow 1024-65535 above")
    func ephemeral() {
        let acl = Self.acl([
            Self.entry(90, .deny, "6", egress: true, ports: 3306...3306),
            Self.entry(100, .allow, "6", egress: true, ports: 1024...65535),
        ])
        #expect(acl.decisiveEntry(.egress, .tcp(port: 3306, remote: Self.remote)).ruleNumber == 90)
        #expect(acl.decisiveEntry(.egress, .tcp(port: 40000, remote: Self.remote)).ruleNumber == 100)
        #expect(acl.decisiveEntry(.egress, .tcp(port: 1023, remote: Self.remote)).ruleNumber == 32767)
    }

    @Test("a tcp packet on an unknown port matches only an entry for every port")
    func unknownPort() {
        let packet = NetworkAclPacket(protocolNumber: 6, remote: Self.remote)
        #expect(Self.acl([Self.entry(100, .allow, "6", ports: 0...65535)]).allows(.ingress, packet))
        #expect(!Self.acl([Self.entry(100, .allow, "6", ports: 1...65535)]).allows(.ingress, packet))
    }

    @Test("ICMP: type -1 is every type, code -1 every code of the type, else both must match")
    func icmp() {
        let everyType = Self.acl([Self.entry(100, .allow, "1", icmp: (-1, -1))])
        #expect(everyType.allows(.ingress, .icmp(type: 0, code: 0, remote: Self.remote)))
        #expect(everyType.allows(.ingress, .icmp(type: 3, code: 4, remote: Self.remote)))
        let unreachable = Self.acl([Self.entry(100, .allow, "1", icmp: (3, -1))])
        #expect(unreachable.allows(.ingress, .icmp(type: 3, code: 13, remote: Self.remote)))
        #expect(!unreachable.allows(.ingress, .icmp(type: 8, code: 0, remote: Self.remote)))
        let fragmentation = Self.acl([Self.entry(100, .allow, "1", icmp: (3, 4))])
        #expect(fragmentation.allows(.ingress, .icmp(type: 3, code: 4, remote: Self.remote)))
        #expect(!fragmentation.allows(.ingress, .icmp(type: 3, code: 3, remote: Self.remote)))
        #expect(!fragmentation.allows(.ingress, .tcp(port: 3, remote: Self.remote)))
        // An ICMP packet of no known type matches only the every-type entry.
        let untyped = NetworkAclPacket(protocolNumber: 1, remote: Self.remote)
        #expect(everyType.allows(.ingress, untyped))
        #expect(!unreachable.allows(.ingress, untyped))
    }

    @Test("the remote address must be in the entry's IPv4 block; IPv6 entries never match IPv4 traffic")
    func addresses() {
        let acl = Self.acl([
            Self.entry(10, .deny, cidr: "203.0.113.10/32"), Self.entry(20, .allow, cidr: "203.0.113.0/24"),
            Self.entry(30, .deny, cidr: "::/0"), Self.entry(40, .allow, cidr: "10.0.0.0/8"),
        ])
        #expect(acl.decisiveEntry(.ingress, .tcp(port: 1, remote: IPv4Address("203.0.113.10")!)).ruleNumber == 10)
        #expect(acl.decisiveEntry(.ingress, .tcp(port: 1, remote: IPv4Address("203.0.113.11")!)).ruleNumber == 20)
        #expect(acl.decisiveEntry(.ingress, .tcp(port: 1, remote: IPv4Address("10.200.0.1")!)).ruleNumber == 40)
        #expect(acl.decisiveEntry(.ingress, .tcp(port: 1, remote: IPv4Address("192.0.2.1")!)).ruleNumber == 32767)
        #expect(!NetworkAclRules.matches(Self.entry(1, .allow, cidr: "::/0"), .tcp(port: 1, remote: Self.remote)))
    }
}
