import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("VPC create, lookup and delete")
struct VpcRulesTests {
    @Test("a VPC is created available, with a 17-hex ID and a main route table holding its local route")
    func createsVpcWithMainTable() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.5/16", name: "a")
        #expect(vpc.cidrBlocks == ["10.0.0.0/16"], "the block is canonicalised")
        #expect(vpc.state == .available)
        #expect(vpc.name == "a")
        #expect(vpc.tags["Name"] == "a")
        #expect(vpc.accountId == testScope.accountId && vpc.region == testScope.region)
        #expect(vpc.vpcId.wholeMatch(of: /vpc-[0-9a-f]{17}/) != nil, "got \(vpc.vpcId)")
        #expect(IDPrefix.matches(vpc.vpcId, prefix: IDPrefix.vpc))
        #expect(vpc.enableDnsSupport && !vpc.enableDnsHostnames)

        let main = try f.table(vpc.mainRouteTableId)
        #expect(main.routeTableId.wholeMatch(of: /rtb-[0-9a-f]{17}/) != nil)
        #expect(main.main)
        #expect(main.vpcId == vpc.vpcId)
        #expect(main.associations.isEmpty)
        #expect(
            main.routes == [
                Route(destinationCidrBlock: "10.0.0.0/16", target: .local, state: .active, origin: "CreateRouteTable")
            ])
        #expect(f.state.routeTables.children(of: vpc.vpcId).map(\.routeTableId) == [vpc.mainRouteTableId])
    }

    @Test(
        "VPC blocks outside /16–/28 are InvalidVpc.Range",
        arguments: [
            "10.0.0.0/8", "10.0.0.0/15", "10.0.0.0/29", "10.0.0.0/32", "0.0.0.0/0",
        ])
    func rejectsBadSizes(cidr: String) {
        var f = Fixture()
        let error = f.expectFailure(.invalidVpcRange) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: cidr), &c)
        }
        #expect(error?.message.contains(cidr) == true, "the message names the CIDR: \(error?.message ?? "")")
        #expect(f.state.vpcs.count == 0 && f.state.routeTables.count == 0)
    }

    @Test("the smallest and largest VPC sizes are accepted", arguments: ["10.0.0.0/16", "10.0.0.0/28"])
    func acceptsBoundarySizes(cidr: String) throws {
        var f = Fixture()
        let vpc = try f.vpc(cidr)
        #expect(vpc.cidrBlocks == [cidr])
    }

    @Test(
        "malformed VPC blocks are InvalidParameterValue",
        arguments: [
            "garbage", "", "10.0.0.0", "010.0.0.0/16", "10.0.0.0/33", "10.0.0.256/16",
        ])
    func rejectsGarbage(cidr: String) {
        var f = Fixture()
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: cidr), &c)
        }
    }

    @Test("link-local 169.254.0.0/16 can never be a VPC block")
    func rejectsLinkLocalPrimary() {
        var f = Fixture()
        f.expectFailure(.invalidVpcRange) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "169.254.0.0/16"), &c)
        }
        f.expectFailure(.invalidVpcRange) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "169.254.10.0/24"), &c)
        }
    }

    @Test("VPC names are unique per account and region")
    func duplicateNameRejected() throws {
        var f = Fixture()
        let first = try f.vpc("10.0.0.0/16", name: "a")
        let error = f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.1.0.0/16", name: "a"), &c)
        }
        #expect(error?.message.contains(first.vpcId) == true)
        // The Name tag counts as the name.
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.1.0.0/16", tags: ["Name": "a"]), &c)
        }
        // Another account may use the same name.
        f.scope = otherAccountScope
        let other = try f.vpc("10.0.0.0/16", name: "a")
        #expect(other.name == "a")
    }

    @Test("a name that looks like a VPC ID is refused")
    func nameLikeIdRejected() {
        var f = Fixture()
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "vpc-0123"), &c)
        }
    }

    @Test("the sixth VPC exceeds the default vpcsPerRegion quota of 5, and the message names the quota")
    func vpcQuota() throws {
        var f = Fixture()
        for i in 0..<5 { try f.vpc("10.\(i).0.0/16") }
        let error = f.expectFailure(.vpcLimitExceeded) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.9.0.0/16"), &c)
        }
        let message = error?.message ?? ""
        #expect(message.contains("vpcsPerRegion"), "message: \(message)")
        #expect(message.contains("5"), "message: \(message)")
        #expect(f.state.vpcs.count == 5)
        // The quota is per account: another account still has room.
        f.scope = otherAccountScope
        try f.vpc("10.9.0.0/16")
    }

    @Test("raising vpcsPerRegion to 6 allows exactly one more VPC")
    func raisedVpcQuota() throws {
        var f = Fixture(quotas: Quotas([.vpcsPerRegion: 6]))
        for i in 0..<6 { try f.vpc("10.\(i).0.0/16") }
        f.expectFailure(.vpcLimitExceeded) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.9.0.0/16"), &c)
        }
        #expect(f.state.vpcs.countInScope(testScope) == 6)
    }

    @Test("VPCs resolve by ID and by name; other accounts' VPCs are InvalidVpcID.NotFound")
    func lookup() throws {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        #expect(try f.state.vpc("a", in: testScope) == a)
        #expect(try f.state.vpc(a.vpcId, in: testScope) == a)
        #expect(try f.state.vpc(" a ", in: testScope) == a, "surrounding spaces are ignored")

        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc("a", in: otherAccountScope) }
        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc(a.vpcId, in: otherAccountScope) }
        let otherRegion = Scope(accountId: testScope.accountId, region: "eu-west-1")
        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc(a.vpcId, in: otherRegion) }
        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc("b", in: testScope) }
        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc("vpc-0123456789abcdef0", in: testScope) }
        expectError(.missingParameter) { () throws(NetctlError) in try f.state.vpc("  ", in: testScope) }

        // Commands run by the other account cannot reach it either.
        f.scope = otherAccountScope
        f.expectFailure(.vpcNotFound) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: a.vpcId, cidrBlock: "10.0.0.0/24"), &c)
        }
        f.expectFailure(.vpcNotFound) { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "a"), &c) }
    }

    // MARK: Delete

    @Test("a VPC with subnets cannot be deleted")
    func deleteBlockedBySubnet() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        #expect(error?.message.contains(subnet.subnetId) == true)
        try f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: subnet.subnetId), &c) }
        try f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: vpc.vpcId), &c) }
        #expect(f.state.vpcs[vpc.vpcId] == nil)
    }

    @Test("a VPC with a custom route table cannot be deleted")
    func deleteBlockedByRouteTable() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let table = try f.routeTable("a")
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        #expect(error?.message.contains(table.routeTableId) == true)
        try f.run { s, c throws(NetctlError) in
            try s.deleteRouteTable(RouteTableDelete(routeTable: table.routeTableId), &c)
        }
        try f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: vpc.vpcId), &c) }
        #expect(f.state.vpcs[vpc.vpcId] == nil)
    }

    @Test("a VPC with an attached internet gateway cannot be deleted; once detached it can")
    func deleteBlockedByInternetGateway() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        #expect(error?.message.contains(igw.internetGatewayId) == true)
        try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        try f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: vpc.vpcId), &c) }
        #expect(f.state.vpcs[vpc.vpcId] == nil)
        #expect(f.state.internetGateways[igw.internetGatewayId]?.state == .detached, "the gateway itself survives")
    }

    @Test("deleting a VPC removes its main route table, frees its name and its quota slot")
    func deleteRemovesMainTable() throws {
        var f = Fixture(quotas: Quotas([.vpcsPerRegion: 1]))
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let defaultGroup = try #require(f.state.defaultSecurityGroup(ofVpc: vpc.vpcId)).groupId
        _ = f.state.takeChanges()
        let deleted = try f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "a"), &c) }
        #expect(deleted.vpcId == vpc.vpcId)
        #expect(deleted.state == .deleted)
        #expect(f.state.vpcs.count == 0)
        #expect(f.state.routeTables[vpc.mainRouteTableId] == nil)
        #expect(f.state.routeTables.count == 0)
        let events = f.state.takeChanges().events
        // The VPC's default security group goes with it.
        #expect(events.map(\.action) == [.delete, .delete, .delete])
        #expect(Set(events.map(\.resourceId)) == [vpc.vpcId, vpc.mainRouteTableId, defaultGroup])
        #expect(f.state.securityGroups.count == 0)
        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc("a", in: testScope) }
        // The name and the single quota slot are free again.
        let again = try f.vpc("10.0.0.0/16", name: "a")
        #expect(again.vpcId != vpc.vpcId)
    }
}

@Suite("vpc.associateCidr")
struct VpcCidrAssociationTests {
    @Test("a secondary block is appended and gets a local route in every route table of the VPC")
    func addsLocalRouteEverywhere() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let custom = try f.routeTable("a")
        let updated = try f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.7/16"), &c)
        }
        #expect(updated.cidrBlocks == ["10.0.0.0/16", "10.1.0.0/16"])
        #expect(f.state.vpcs[vpc.vpcId]?.cidrBlocks == ["10.0.0.0/16", "10.1.0.0/16"])
        for id in [vpc.mainRouteTableId, custom.routeTableId] {
            let route = try f.route(in: id, to: "10.1.0.0/16")
            #expect(route.target == .local)
            #expect(route.state == .active)
            #expect(route.origin == "CreateRouteTable")
            #expect(try f.table(id).routes.filter { $0.target == .local }.count == 2)
        }
        // A table created afterwards has both local routes as well.
        let later = try f.routeTable("a")
        #expect(later.routes.compactMap(\.destinationCidrBlock) == ["10.0.0.0/16", "10.1.0.0/16"])
        // And subnets can now be made in the new block.
        try f.subnet("a", "10.1.3.0/24")
    }

    @Test(
        "a block overlapping one of the VPC's blocks is rejected",
        arguments: [
            "10.0.0.0/16", "10.0.128.0/17", "10.0.5.0/24",
        ])
    func overlapRejected(cidr: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let error = f.expectFailure(.invalidVpcRange) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: cidr), &c)
        }
        #expect(error?.message.contains("10.0.0.0/16") == true, "the message names the clashing block")
        #expect(f.state.vpc("a").cidrBlocks == ["10.0.0.0/16"])
    }

    @Test("secondary blocks must be /16 to /28")
    func sizeRule() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        for cidr in ["10.2.0.0/15", "10.2.0.0/29", "11.0.0.0/8"] {
            f.expectFailure(.invalidVpcRange) { s, c throws(NetctlError) in
                try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: cidr), &c)
            }
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "not-a-cidr"), &c)
        }
    }

    @Test(
        "restricted secondary ranges (SEMANTICS 1.2)",
        arguments: [
            // primary in 10/8
            ("10.0.0.0/16", "192.168.0.0/16"),
            ("10.0.0.0/16", "172.16.0.0/16"),
            ("10.0.0.0/16", "172.31.0.0/16"),
            ("10.0.0.0/16", "198.19.0.0/16"),
            ("10.1.0.0/16", "10.0.5.0/24"),  // a block in 10.0.0.0/15 forbids 10.0.0.0/16
            // primary in 172.16/12
            ("172.16.0.0/16", "172.31.0.0/16"),
            ("172.16.0.0/16", "172.31.5.0/24"),
            ("172.16.0.0/16", "10.0.0.0/16"),
            ("172.16.0.0/16", "192.168.0.0/16"),
            ("172.16.0.0/16", "198.19.0.0/16"),
            // primary in 192.168/16
            ("192.168.0.0/20", "10.0.0.0/16"),
            ("192.168.0.0/20", "172.16.0.0/16"),
            ("192.168.0.0/20", "198.19.0.0/16"),
            // publicly routable or 100.64/10 primary
            ("100.64.0.0/16", "10.0.0.0/16"),
            ("100.64.0.0/16", "172.20.0.0/16"),
            ("100.64.0.0/16", "192.168.0.0/16"),
            ("100.64.0.0/16", "198.19.0.0/16"),
            ("54.10.0.0/16", "10.0.0.0/16"),
            ("54.10.0.0/16", "198.19.0.0/24"),
            // link-local never
            ("10.0.0.0/16", "169.254.0.0/16"),
            ("54.10.0.0/16", "169.254.1.0/24"),
        ])
    func restricted(primary: String, candidate: String) throws {
        var f = Fixture()
        try f.vpc(primary, name: "a")
        f.expectFailure(.invalidVpcRange, "\(candidate) on a \(primary) VPC") { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: candidate), &c)
        }
        #expect(f.state.vpc("a").cidrBlocks == [primary])
    }

    @Test(
        "permitted secondary ranges",
        arguments: [
            ("10.0.0.0/16", "10.1.0.0/16"),
            ("10.0.0.0/16", "100.64.0.0/16"),
            ("10.0.0.0/16", "54.1.0.0/16"),
            ("10.2.0.0/16", "10.0.0.0/16"),  // no block in 10.0.0.0/15 yet
            ("172.16.0.0/16", "172.17.0.0/16"),
            ("172.16.0.0/16", "100.64.0.0/16"),
            ("192.168.0.0/20", "192.168.16.0/20"),
            ("100.64.0.0/16", "100.65.0.0/16"),
            ("54.10.0.0/16", "54.11.0.0/16"),
        ])
    func permitted(primary: String, candidate: String) throws {
        var f = Fixture()
        try f.vpc(primary, name: "a")
        let vpc = try f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: candidate), &c)
        }
        #expect(vpc.cidrBlocks == [primary, candidate])
    }

    @Test("cidrsPerVpc (5 by default, primary included) gives CidrLimitExceeded")
    func cidrQuota() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        for i in 1...4 {
            try f.run { s, c throws(NetctlError) in
                try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.\(i).0.0/16"), &c)
            }
        }
        let error = f.expectFailure(.cidrLimitExceeded) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.9.0.0/16"), &c)
        }
        #expect(error?.message.contains("cidrsPerVpc") == true, "message: \(error?.message ?? "")")
        #expect(f.state.vpc("a").cidrBlocks.count == 5)
    }

    @Test("a smaller cidrsPerVpc quota is honoured")
    func smallCidrQuota() throws {
        var f = Fixture(quotas: Quotas([.cidrsPerVpc: 2]))
        try f.vpc("10.0.0.0/16", name: "a")
        try f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
        }
        f.expectFailure(.cidrLimitExceeded) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.2.0.0/16"), &c)
        }
    }

    @Test("a block equal to or larger than an existing route's destination is rejected; a smaller one is fine")
    func routeDestinationBlocksLargerCidr() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        let custom = try f.routeTable("a")
        try f.route(custom.routeTableId, "100.64.0.0/24", gateway: igw.internetGatewayId)
        for cidr in ["100.64.0.0/24", "100.64.0.0/20", "100.64.0.0/16"] {
            let error = f.expectFailure(.invalidVpcRange, "\(cidr)") { s, c throws(NetctlError) in
                try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: cidr), &c)
            }
            #expect(error?.message.contains(custom.routeTableId) == true)
        }
        let updated = try f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "100.64.0.0/25"), &c)
        }
        #expect(updated.cidrBlocks == ["10.0.0.0/16", "100.64.0.0/25"])
        #expect(try f.route(in: vpc.mainRouteTableId, to: "100.64.0.0/25").target == .local)
    }
}

extension State {
    /// Test shorthand: the VPC named or identified by `reference` in `testScope`, which must exist.
    fileprivate func vpc(_ reference: String) -> Vpc {
        (try? vpc(reference, in: testScope))
            ?? Vpc(
                vpcId: "missing", name: nil, accountId: "", region: "", cidrBlocks: [], mainRouteTableId: "", tags: [:],
                createdAt: Date(timeIntervalSince1970: 0))
    }
}
