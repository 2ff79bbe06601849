import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// route.replace and routeTable.replaceAssociation: one change each, never a delete and a create.
@Suite("Replacing routes and route table associations")
struct RouteReplaceRulesTests {
    /// VPC `a` (10.0.0.0/16) with an internet gateway, a subnet `s1` with a NAT gateway, and a custom
    /// table `public` routing 0.0.0.0/0 to the internet gateway.
    struct Network {
        var f = Fixture()
        var vpc: Vpc
        var igw: InternetGateway
        var subnet: Subnet
        var nat: NatGateway
        var table: RouteTable

        init() throws {
            vpc = try f.vpc("10.0.0.0/16", name: "a")
            igw = try f.internetGateway("a")
            subnet = try f.subnet("a", "10.0.1.0/24", name: "s1")
            nat = try f.natGateway("s1")
            table = try f.routeTable("a", name: "public")
            try f.route("public", "0.0.0.0/0", gateway: igw.internetGatewayId)
        }

        mutating func replace(_ request: RouteReplace) throws(NetctlError) -> RouteTable {
            try f.run { s, c throws(NetctlError) in try s.replaceRoute(request, &c) }
        }

        mutating func replaceAssociation(_ associationId: String, with table: String) throws(NetctlError)
            -> RouteTableReplaceAssociationResponse
        {
            try f.run { s, c throws(NetctlError) in
                try s.replaceRouteTableAssociation(
                    RouteTableReplaceAssociation(associationId: associationId, routeTable: table), &c)
            }
        }
    }

    // MARK: route.replace

    @Test("a route keeps its place and destination and takes the new target, in one routeReplace event")
    func replacesTarget() throws {
        var n = try Network()
        _ = n.f.state.takeChanges()
        let table = try n.replace(
            RouteReplace(routeTable: "public", destinationCidrBlock: "0.0.0.0/0", natGateway: n.nat.natGatewayId))
        #expect(table.routes.map(\.destination) == ["10.0.0.0/16", "0.0.0.0/0"])
        let route = try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0")
        #expect(route.target == RouteTarget(type: RouteTarget.natGateway, id: n.nat.natGatewayId))
        #expect(route.origin == "CreateRoute")
        #expect(route.state == .active)
        let events = n.f.state.takeChanges().events
        #expect(events.map(\.action) == [.routeReplace])
        #expect(events.map(\.resourceId) == [n.table.routeTableId])
    }

    @Test("the new target's state is computed again: a pending peering makes the route a blackhole")
    func replacedStateFollowsTarget() throws {
        var n = try Network()
        try n.f.vpc("10.1.0.0/16", name: "b")
        let peering = try n.f.createPeering("a", "b")
        _ = try n.replace(
            RouteReplace(routeTable: "public", destinationCidrBlock: "0.0.0.0/0", peering: peering.peeringId))
        #expect(try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0").state == .blackhole)
    }

    @Test("replacing a destination the table lacks is InvalidRoute.NotFound and changes nothing")
    func missingRoute() throws {
        var n = try Network()
        let igw = n.igw.internetGatewayId
        let error = n.f.expectFailure(.routeNotFound) { s, c throws(NetctlError) in
            try s.replaceRoute(
                RouteReplace(routeTable: "public", destinationCidrBlock: "192.168.0.0/16", gateway: igw), &c)
        }
        #expect(error?.message.contains("192.168.0.0/16") == true)
    }

    @Test(
        "the local route, an unknown target, two targets and the subnet-route rule are refused as route.create refuses them"
    )
    func refusals() throws {
        var n = try Network()
        let igw = n.igw.internetGatewayId
        let nat = n.nat.natGatewayId
        n.f.expectFailure(.invalidParameterValue, "the local route") { s, c throws(NetctlError) in
            try s.replaceRoute(
                RouteReplace(routeTable: "public", destinationCidrBlock: "10.0.0.0/16", natGateway: nat), &c)
        }
        n.f.expectFailure(.gatewayNotFound) { s, c throws(NetctlError) in
            try s.replaceRoute(
                RouteReplace(routeTable: "public", destinationCidrBlock: "0.0.0.0/0", gateway: "igw-0123456789abcdef0"),
                &c)
        }
        n.f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.replaceRoute(
                RouteReplace(routeTable: "public", destinationCidrBlock: "0.0.0.0/0", gateway: igw, natGateway: nat), &c
            )
        }
        n.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.replaceRoute(RouteReplace(routeTable: "public", destinationCidrBlock: "0.0.0.0/0"), &c)
        }
        // A subnet's route through a NAT gateway may not be pointed at the internet gateway.
        try n.f.route("public", "10.0.1.0/24", natGateway: nat)
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.replaceRoute(
                RouteReplace(routeTable: "public", destinationCidrBlock: "10.0.1.0/24", gateway: igw), &c)
        }
    }

    // MARK: Main association

    @Test("a VPC's main table has a main association ID, derived from the table and the same when read again")
    func mainAssociationId() throws {
        let n = try Network()
        let main = try n.f.table(n.vpc.mainRouteTableId)
        let id = try #require(main.mainAssociationId)
        #expect(id.wholeMatch(of: /rtbassoc-[0-9a-f]{17}/) != nil)
        #expect(main.currentMainAssociationId == id)
        #expect(try n.f.table(n.table.routeTableId).currentMainAssociationId == nil)
        // A table stored before the field existed reads with the same ID.
        var legacy = main
        legacy.mainAssociationId = nil
        #expect(legacy.currentMainAssociationId == id)
        // Creating a VPC draws its two IDs and no third: the next resource's ID is what it always was.
        var f = Fixture(seed: 7)
        var ids = IDGenerator(seed: 7)
        let first = try f.vpc("10.0.0.0/16")
        #expect(first.vpcId == ids.make(IDPrefix.vpc) && first.mainRouteTableId == ids.make(IDPrefix.routeTable))
        #expect(try f.vpc("10.1.0.0/16").vpcId == ids.make(IDPrefix.vpc))
    }

    @Test("replacing the main association makes the new table main under a new ID, in one change")
    func replaceMain() throws {
        var n = try Network()
        let oldMain = n.vpc.mainRouteTableId
        let mainAssociation = try #require(try n.f.table(oldMain).mainAssociationId)
        _ = n.f.state.takeChanges()
        let replaced = try n.replaceAssociation(mainAssociation, with: "public")
        #expect(replaced.newAssociationId != mainAssociation)
        #expect(replaced.newAssociationId.wholeMatch(of: /rtbassoc-[0-9a-f]{17}/) != nil)
        #expect(replaced.routeTable.routeTableId == n.table.routeTableId)
        #expect(replaced.routeTable.main && replaced.routeTable.mainAssociationId == replaced.newAssociationId)
        #expect(try n.f.table(n.table.routeTableId) == replaced.routeTable)
        let old = try n.f.table(oldMain)
        #expect(!old.main && old.mainAssociationId == nil && old.currentMainAssociationId == nil)
        #expect(n.f.state.vpcs[n.vpc.vpcId]?.mainRouteTableId == n.table.routeTableId)
        let events = n.f.state.takeChanges().events
        #expect(events.map(\.action) == [.disassociate, .update, .associate])
        // Subnets without an explicit association now route with the new main table.
        #expect(n.f.state.effectiveRouteTable(forSubnet: n.subnet.subnetId)?.routeTableId == n.table.routeTableId)
        // The old main table is an ordinary table now: it can go, and the old ID is gone.
        n.f.expectFailure(.associationNotFound) { s, c throws(NetctlError) in
            try s.replaceRouteTableAssociation(
                RouteTableReplaceAssociation(associationId: mainAssociation, routeTable: oldMain), &c)
        }
        try n.f.run { s, c throws(NetctlError) in try s.deleteRouteTable(RouteTableDelete(routeTable: oldMain), &c) }
        // And the new main one cannot.
        n.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteRouteTable(RouteTableDelete(routeTable: "public"), &c)
        }
    }

    @Test("the main association cannot be disassociated")
    func disassociateMain() throws {
        var n = try Network()
        let mainAssociation = try #require(try n.f.table(n.vpc.mainRouteTableId).mainAssociationId)
        let error = n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.disassociateRouteTable(RouteTableDisassociate(associationId: mainAssociation), &c)
        }
        #expect(error?.message.contains("main") == true)
    }

    // MARK: Subnet associations

    @Test("replacing a subnet's association moves the subnet to the new table under a new ID")
    func replaceSubnetAssociation() throws {
        var n = try Network()
        let association = try n.f.associate("public", "s1")
        let other = try n.f.routeTable("a", name: "private")
        _ = n.f.state.takeChanges()
        let replaced = try n.replaceAssociation(association.associationId, with: "private")
        #expect(replaced.newAssociationId != association.associationId)
        #expect(
            replaced.routeTable.associations == [
                RouteTableAssociation(associationId: replaced.newAssociationId, subnetId: n.subnet.subnetId)
            ])
        #expect(try n.f.table(n.table.routeTableId).associations.isEmpty)
        #expect(n.f.state.effectiveRouteTable(forSubnet: n.subnet.subnetId)?.routeTableId == other.routeTableId)
        let events = n.f.state.takeChanges().events
        #expect(events.map(\.action) == [.disassociate, .associate])
        #expect(events.map(\.resourceId) == [n.table.routeTableId, other.routeTableId])
        // Into the table it is already in: a new ID, one event.
        let again = try n.replaceAssociation(replaced.newAssociationId, with: "private")
        #expect(again.routeTable.associations.map(\.associationId) == [again.newAssociationId])
        #expect(n.f.state.takeChanges().events.map(\.action) == [.associate])
    }

    @Test("an unknown association, an unknown table and a table of another VPC are refused")
    func replaceAssociationRefusals() throws {
        var n = try Network()
        let association = try n.f.associate("public", "s1")
        try n.f.vpc("10.1.0.0/16", name: "b")
        try n.f.routeTable("b", name: "foreign")
        n.f.expectFailure(.associationNotFound) { s, c throws(NetctlError) in
            try s.replaceRouteTableAssociation(
                RouteTableReplaceAssociation(associationId: "rtbassoc-0123456789abcdef0", routeTable: "public"), &c)
        }
        n.f.expectFailure(.routeTableNotFound) { s, c throws(NetctlError) in
            try s.replaceRouteTableAssociation(
                RouteTableReplaceAssociation(
                    associationId: association.associationId, routeTable: "rtb-0123456789abcdef0"),
                &c)
        }
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.replaceRouteTableAssociation(
                RouteTableReplaceAssociation(associationId: association.associationId, routeTable: "foreign"), &c)
        }
        // Another account does not see the association at all.
        let mainAssociation = try #require(try n.f.table(n.vpc.mainRouteTableId).mainAssociationId)
        let theirs = try n.f.vpc("10.0.0.0/16", name: "theirs", as: otherAccountScope)
        n.f.expectFailure(as: otherAccountScope, .associationNotFound) { s, c throws(NetctlError) in
            try s.replaceRouteTableAssociation(
                RouteTableReplaceAssociation(associationId: mainAssociation, routeTable: theirs.mainRouteTableId), &c)
        }
    }
}
