import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("State.transact: all or nothing, and the change events")
struct StateTransactionTests {
    @Test("a successful create yields create events for the VPC and its main table")
    func successEmitsEvents() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let changes = f.state.takeChanges()
        // The VPC, its main table and its default security group.
        #expect(changes.events.count == 3)
        let vpcEvent = try #require(changes.events.first { $0.resourceType == .vpc })
        #expect(vpcEvent.action == .create)
        #expect(vpcEvent.resourceId == vpc.vpcId)
        #expect(vpcEvent.accountId == testScope.accountId)
        #expect(vpcEvent.region == testScope.region)
        #expect(vpcEvent.status == "available")
        #expect(vpcEvent.at == f.context.now)
        let detail = try NetctlJSON.decoder.decode(JSONValue.self, from: Data(vpcEvent.detail.utf8))
        #expect(detail["vpcId"]?.stringValue == vpc.vpcId)
        #expect(detail["cidrBlocks"] == .array(["10.0.0.0/16"]))
        let tableEvent = try #require(changes.events.first { $0.resourceType == .routeTable })
        #expect(tableEvent.action == .create)
        #expect(tableEvent.resourceId == vpc.mainRouteTableId)
        #expect(
            changes.touched
                == [
                    ResourceRef(kind: .vpc, id: vpc.vpcId), ResourceRef(kind: .routeTable, id: vpc.mainRouteTableId),
                    ResourceRef(kind: .securityGroup, id: try #require(f.state.defaultSecurityGroup(ofVpc: vpc.vpcId)).groupId),
                ])
        #expect(f.state.takeChanges().isEmpty, "takeChanges hands the changes over only once")
    }

    @Test(
        "events carry the action of each command",
        arguments: [
            ("subnet", "create"), ("natGateway", "create"), ("networkInterface", "create"),
            ("internetGateway", "create"),
        ])
    func eventTypes(resourceType: String, action: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        try f.natGateway(subnet.subnetId)
        try f.internetGateway("a")
        let events = f.state.takeChanges().events
        #expect(events.contains { $0.resourceType.rawValue == resourceType && $0.action.rawValue == action })
    }

    @Test("route changes, detach and delete emit events naming the resource")
    func laterEvents() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        _ = f.state.takeChanges()

        try f.route(vpc.mainRouteTableId, "0.0.0.0/0", gateway: igw.internetGatewayId)
        var events = f.state.takeChanges().events
        #expect(events.map(\.action) == [.routeCreate])
        #expect(events.first?.resourceId == vpc.mainRouteTableId)
        #expect(events.first?.resourceType == .routeTable)

        try f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
        }
        events = f.state.takeChanges().events
        #expect(events.first { $0.resourceType == .vpc }?.action == .associateCidr)
        #expect(events.first { $0.resourceType == .routeTable }?.resourceId == vpc.mainRouteTableId)

        try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        events = f.state.takeChanges().events
        #expect(events.map(\.action) == [.detach, .routeStateChange])
        #expect(events.first?.status == "detached")

        try f.run { s, c throws(NetctlError) in
            try s.deleteInternetGateway(GatewayDelete(gateway: igw.internetGatewayId), &c)
        }
        events = f.state.takeChanges().events
        #expect(events.count == 1)
        #expect(events.first?.action == .delete)
        #expect(events.first?.resourceType == .internetGateway)
        #expect(events.first?.resourceId == igw.internetGatewayId)
        #expect(events.first?.status == "deleted")
    }

    @Test("a failing command leaves the state and the pending events exactly as before")
    func failureChangesNothing() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let before = StateSnapshot(f.state)
        // The first subnet succeeds inside the transaction, the second conflicts with it.
        expectError(.subnetConflict) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in
                _ = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"), &c)
                return try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/25"), &c)
            }
        }
        #expect(StateSnapshot(f.state) == before)
        #expect(f.state.subnets.count == 0, "the first subnet of the failed transaction is rolled back")
        // The VPC's two pending events are kept; the failed command added none.
        #expect(f.state.takeChanges().events.map(\.resourceType) == [.vpc, .routeTable, .securityGroup])
    }

    @Test("the snapshot used by these checks does see changes (guards against vacuous passes)")
    func snapshotSeesChanges() throws {
        var f = Fixture()
        let empty = StateSnapshot(f.state)
        try f.vpc("10.0.0.0/16", name: "a")
        let withVpc = StateSnapshot(f.state)
        #expect(withVpc != empty)
        try f.subnet("a", "10.0.1.0/24")
        #expect(StateSnapshot(f.state) != withVpc)
        let beforeRoute = StateSnapshot(f.state)
        try f.internetGateway("a")
        let afterIgw = StateSnapshot(f.state)
        #expect(afterIgw != beforeRoute)
        let main = try f.state.vpc("a", in: testScope).mainRouteTableId
        try f.route(main, "0.0.0.0/0", gateway: f.state.internetGateways.all.first?.internetGatewayId)
        #expect(StateSnapshot(f.state) != afterIgw, "a route change alone is visible")
    }

    @Test("a single failing command creates no resource and no event")
    func singleFailure() throws {
        var f = Fixture()
        expectError(.invalidVpcRange) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/8", name: "a"), &c) }
        }
        #expect(f.state.vpcs.count == 0)
        #expect(f.state.routeTables.count == 0)
        #expect(f.state.takeChanges().events.isEmpty)
    }

    @Test("a multi-step transaction that fails at the end undoes creates, updates and deletes")
    func rollbackUndoesEverything() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        let table = try f.routeTable("a", name: "custom")
        try f.route(table.routeTableId, "0.0.0.0/0", gateway: igw.internetGatewayId)
        _ = f.state.takeChanges()
        let before = StateSnapshot(f.state)

        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in
                // create
                _ = try s.createVpc(VpcCreate(cidrBlock: "10.5.0.0/16", name: "b"), &c)
                let subnet = try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"), &c)
                _ = try s.createNatGateway(NatGatewayCreate(subnet: subnet.subnetId), &c)
                // update
                _ = try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
                _ = try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
                _ = try s.deleteRoute(RouteDelete(routeTable: "custom", destinationCidrBlock: "0.0.0.0/0"), &c)
                // delete
                _ = try s.deleteInternetGateway(GatewayDelete(gateway: igw.internetGatewayId), &c)
                _ = try s.deleteRouteTable(RouteTableDelete(routeTable: "custom"), &c)
                // and fail
                _ = try s.createVpc(VpcCreate(cidrBlock: "bogus"), &c)
            }
        }
        #expect(StateSnapshot(f.state) == before)
        #expect(f.state.takeChanges().events.isEmpty)
        // Indexes were restored too: lookups by name and by parent work as before.
        #expect(try f.state.vpc("a", in: testScope).vpcId == vpc.vpcId)
        expectError(.vpcNotFound) { () throws(NetctlError) in try f.state.vpc("b", in: testScope) }
        #expect(try f.state.routeTable("custom", in: testScope).routeTableId == table.routeTableId)
        #expect(f.state.internetGateways.children(of: vpc.vpcId).map(\.internetGatewayId) == [igw.internetGatewayId])
        #expect(f.state.vpcs.countInScope(testScope) == 1)
        #expect(f.state.networkInterfaces.count == 0)
        // And the state still works: the same commands succeed afterwards.
        try f.vpc("10.5.0.0/16", name: "b")
        try f.subnet("a", "10.0.1.0/24")
    }

    @Test("rolling back a VPC delete restores the VPC and its main table")
    func rollbackDelete() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        _ = f.state.takeChanges()
        let before = StateSnapshot(f.state)
        expectError(.vpcNotFound) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in
                _ = try s.deleteVpc(VpcDelete(vpc: "a"), &c)
                return try s.deleteVpc(VpcDelete(vpc: "a"), &c)
            }
        }
        #expect(StateSnapshot(f.state) == before)
        #expect(f.state.routeTables[vpc.mainRouteTableId]?.main == true)
        #expect(f.state.takeChanges().events.isEmpty)
    }

    @Test("events of earlier successful commands survive a later failure")
    func earlierEventsSurvive() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        expectError(.invalidVpcRange) { () throws(NetctlError) in
            try f.run { s, c throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/8"), &c) }
        }
        try f.vpc("10.1.0.0/16", name: "b")
        let events = f.state.takeChanges().events
        #expect(events.count == 6)
        #expect(events.filter { $0.resourceType == .vpc }.count == 2)
    }

    @Test("IDs come from the context's generator: the same seed gives the same IDs")
    func deterministicIds() throws {
        var one = Fixture(seed: 7)
        var two = Fixture(seed: 7)
        var three = Fixture(seed: 8)
        let a = try one.vpc("10.0.0.0/16")
        let b = try two.vpc("10.0.0.0/16")
        let c = try three.vpc("10.0.0.0/16")
        #expect(a.vpcId == b.vpcId && a.mainRouteTableId == b.mainRouteTableId)
        #expect(a.vpcId != c.vpcId)
        #expect(a.vpcId != a.mainRouteTableId.replacingOccurrences(of: "rtb-", with: "vpc-"))
    }

    @Test("ID format: prefix and 17 lowercase hex digits; parsers accept 8 or 17")
    func idFormat() {
        var ids = IDGenerator(seed: 1)
        var seen: Set<String> = []
        for _ in 0..<200 {
            let id = ids.make(IDPrefix.subnet)
            #expect(id.wholeMatch(of: /subnet-[0-9a-f]{17}/) != nil, "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == 200)
        #expect(ids.make("", digits: 32).wholeMatch(of: /[0-9a-f]{32}/) != nil)
        #expect(IDPrefix.matches("vpc-1a2b3c4d", prefix: "vpc"))
        #expect(IDPrefix.matches("vpc-0a1b2c3d4e5f67890", prefix: "vpc"))
        #expect(!IDPrefix.matches("vpc-0A1B2C3D4E5F67890", prefix: "vpc"))
        #expect(!IDPrefix.matches("vpc-0a1b2c3d4e5f6789", prefix: "vpc"))
        #expect(!IDPrefix.matches("vpc-1a2b3c4g", prefix: "vpc"))
        #expect(!IDPrefix.matches("subnet-1a2b3c4d", prefix: "vpc"))
    }
}
