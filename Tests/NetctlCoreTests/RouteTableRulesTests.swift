import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Route tables and routes")
struct RouteTableRulesTests {
    /// A VPC `a` (10.0.0.0/16) with an internet gateway and a custom table.
    struct Network {
        var f = Fixture()
        var vpc: Vpc
        var igw: InternetGateway
        var table: RouteTable
        var igwId: String { igw.internetGatewayId }

        init(quotas: Quotas = Quotas()) throws {
            f = Fixture(quotas: quotas)
            vpc = try f.vpc("10.0.0.0/16", name: "a")
            igw = try f.internetGateway("a")
            table = try f.routeTable("a", name: "public")
        }
    }

    // MARK: Creating routes

    @Test("a route to the VPC's internet gateway is added active with origin CreateRoute")
    func createsRoute() throws {
        var n = try Network()
        let table = try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
        let route = try #require(table.routes.first { $0.destinationCidrBlock == "0.0.0.0/0" })
        #expect(route.target == RouteTarget(type: RouteTarget.internetGateway, id: n.igw.internetGatewayId))
        #expect(route.state == .active)
        #expect(route.origin == "CreateRoute")
        #expect(try n.f.table(n.table.routeTableId).routes == table.routes)
        #expect(table.routes.count == 2)
    }

    @Test("a custom table starts with the VPC's local routes only, and is not main")
    func customTableStartsWithLocalRoutes() throws {
        let n = try Network()
        #expect(!n.table.main)
        #expect(n.table.name == "public")
        #expect(n.table.associations.isEmpty)
        #expect(n.table.routes.map(\.destination) == ["10.0.0.0/16"])
        #expect(n.table.routes.allSatisfy { $0.target == .local && $0.state == .active })
    }

    @Test("a destination already in the table is RouteAlreadyExists")
    func duplicateDestination() throws {
        var n = try Network()
        try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
        let error = n.f.expectRouteFailure(.routeAlreadyExists, "public", "0.0.0.0/0", gateway: n.igwId)
        #expect(error?.message.contains("0.0.0.0/0") == true)
        // The same block written non-canonically is the same destination.
        n.f.expectRouteFailure(.routeAlreadyExists, "public", "1.2.3.4/0", gateway: n.igwId)
    }

    @Test(
        "a destination equal to a VPC block is RouteAlreadyExists (it is the local route)",
        arguments: [
            "10.0.0.0/16", "10.0.9.9/16", "10.1.0.0/16",
        ])
    func destinationEqualToVpcBlock(destination: String) throws {
        var n = try Network()
        try n.f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
        }
        n.f.expectRouteFailure(.routeAlreadyExists, "public", destination, gateway: n.igwId)
    }

    @Test("routes more specific than a VPC block must be a subnet's CIDR through a NAT gateway")
    func moreSpecificThanLocal() throws {
        var n = try Network()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        let nat = try n.f.natGateway(subnet.subnetId)
        n.f.expectRouteFailure(.invalidParameterValue, "public", "10.0.1.0/24", gateway: n.igwId)
        n.f.expectRouteFailure(
            .invalidParameterValue, "public", "10.0.2.0/24", natGateway: nat.natGatewayId, "not exactly a subnet")
        let table = try n.f.route("public", "10.0.1.0/24", natGateway: nat.natGatewayId)
        #expect(table.routes.contains { $0.destinationCidrBlock == "10.0.1.0/24" && $0.target.id == nat.natGatewayId })
    }

    @Test("routesPerRouteTable gives RouteLimitExceeded; local routes do not count")
    func routeQuota() throws {
        var n = try Network(quotas: Quotas([.routesPerRouteTable: 2]))
        try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
        try n.f.route("public", "100.64.0.0/16", gateway: n.igwId)
        let error = n.f.expectRouteFailure(.routeLimitExceeded, "public", "54.0.0.0/8", gateway: n.igwId)
        #expect(error?.message.contains("routesPerRouteTable") == true)
        #expect(try n.f.table(n.table.routeTableId).routes.count == 3)
        // The quota is per table: the main table still has room.
        try n.f.route(n.vpc.mainRouteTableId, "54.0.0.0/8", gateway: n.igwId)
        // Deleting a route frees a slot.
        try n.f.run { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: "public", destinationCidrBlock: "0.0.0.0/0"), &c)
        }
        try n.f.route("public", "54.0.0.0/8", gateway: n.igwId)
    }

    @Test(
        "destinations in 169.254.168.0/22 are refused",
        arguments: [
            "169.254.168.0/22", "169.254.169.254/32", "169.254.170.0/24", "169.254.171.0/24",
        ])
    func reservedDestination(destination: String) throws {
        var n = try Network()
        n.f.expectRouteFailure(.invalidParameterValue, "public", destination, gateway: n.igwId)
    }

    @Test("a route needs a destination and exactly one target")
    func destinationAndTarget() throws {
        var n = try Network()
        let igw = n.igw.internetGatewayId
        n.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createRoute(RouteCreate(routeTable: "public", gateway: igw), &c)
        }
        n.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createRoute(RouteCreate(routeTable: "public", destinationCidrBlock: "0.0.0.0/0"), &c)
        }
        n.f.expectRouteFailure(
            .invalidParameterCombination, "public", "0.0.0.0/0", gateway: igw, natGateway: "nat-0123456789abcdef0")
        n.f.expectRouteFailure(.invalidParameterValue, "public", "0.0.0.0/33", gateway: igw)
        n.f.expectRouteFailure(.gatewayNotFound, "public", "0.0.0.0/0", gateway: "igw-0123456789abcdef0")
        n.f.expectRouteFailure(.routeTableNotFound, "nope", "0.0.0.0/0", gateway: igw)
    }

    // MARK: Blackholes

    @Test("a route to a detached internet gateway is refused")
    func detachedGatewayRefused() throws {
        var n = try Network()
        try n.f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: n.igw.internetGatewayId), &c)
        }
        let error = n.f.expectRouteFailure(.invalidParameterValue, "public", "0.0.0.0/0", gateway: n.igwId)
        #expect(error?.message.contains(n.igw.internetGatewayId) == true)
    }

    @Test("a route to another VPC's internet gateway is refused")
    func otherVpcsGatewayRefused() throws {
        var n = try Network()
        try n.f.vpc("10.1.0.0/16", name: "b")
        let other = try n.f.internetGateway("b")
        n.f.expectRouteFailure(.invalidParameterValue, "public", "0.0.0.0/0", gateway: other.internetGatewayId)
    }

    @Test("detaching the internet gateway blackholes routes to it in every table; re-attaching revives them")
    func detachBlackholesAttachRevives() throws {
        var n = try Network()
        let igw = n.igw.internetGatewayId
        let main = n.vpc.mainRouteTableId
        try n.f.route("public", "0.0.0.0/0", gateway: igw)
        try n.f.route(main, "54.0.0.0/8", gateway: igw)
        _ = n.f.state.takeChanges()

        let detached = try n.f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw), &c)
        }
        #expect(detached.state == .detached)
        #expect(detached.vpcId == nil)
        #expect(try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0").state == .blackhole)
        #expect(try n.f.route(in: main, to: "54.0.0.0/8").state == .blackhole)
        #expect(try n.f.route(in: main, to: "10.0.0.0/16").state == .active, "local routes are unaffected")
        let events = n.f.state.takeChanges().events
        #expect(events.contains { $0.action == .detach && $0.resourceId == igw })
        let changedTables = Set(events.filter { $0.action == .routeStateChange }.map(\.resourceId))
        #expect(changedTables == [n.table.routeTableId, main])

        let attached = try n.f.run { s, c throws(NetctlError) in
            try s.attachInternetGateway(GatewayAttach(gateway: igw, vpc: "a"), &c)
        }
        #expect(attached.state == .attached)
        #expect(attached.vpcId == n.vpc.vpcId)
        #expect(try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0").state == .active)
        #expect(try n.f.route(in: main, to: "54.0.0.0/8").state == .active)
    }

    @Test("attaching the gateway to another VPC leaves the old VPC's routes blackholed")
    func reattachElsewhere() throws {
        var n = try Network()
        let igw = n.igw.internetGatewayId
        try n.f.route("public", "0.0.0.0/0", gateway: igw)
        try n.f.vpc("10.1.0.0/16", name: "b")
        try n.f.run { s, c throws(NetctlError) in try s.detachInternetGateway(GatewayDetach(gateway: igw), &c) }
        try n.f.run { s, c throws(NetctlError) in
            try s.attachInternetGateway(GatewayAttach(gateway: igw, vpc: "b"), &c)
        }
        #expect(try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0").state == .blackhole)
    }

    @Test("deleting a NAT gateway blackholes routes to it")
    func natDeleteBlackholes() throws {
        var n = try Network()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        let nat = try n.f.natGateway(subnet.subnetId)
        try n.f.route("public", "0.0.0.0/0", natGateway: nat.natGatewayId)
        #expect(try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0").state == .active)
        try n.f.run { s, c throws(NetctlError) in
            try s.deleteNatGateway(NatGatewayDelete(natGateway: nat.natGatewayId), &c)
        }
        let route = try n.f.route(in: n.table.routeTableId, to: "0.0.0.0/0")
        #expect(route.state == .blackhole)
        #expect(route.target.id == nat.natGatewayId, "the route stays until edited or deleted")
        // A blackholed route can be deleted and replaced.
        try n.f.run { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: "public", destinationCidrBlock: "0.0.0.0/0"), &c)
        }
        try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
    }

    // MARK: Deleting routes

    @Test("deleting a route removes exactly that route")
    func deleteRoute() throws {
        var n = try Network()
        try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
        try n.f.route("public", "54.0.0.0/8", gateway: n.igwId)
        let table = try n.f.run { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: "public", destinationCidrBlock: "54.1.2.3/8"), &c)
        }
        #expect(table.routes.map(\.destination) == ["10.0.0.0/16", "0.0.0.0/0"])
        #expect(try n.f.table(n.table.routeTableId).routes == table.routes)
    }

    @Test("the local route cannot be deleted")
    func localRouteUndeletable() throws {
        var n = try Network()
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: "public", destinationCidrBlock: "10.0.0.0/16"), &c)
        }
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: n.vpc.mainRouteTableId, destinationCidrBlock: "10.0.0.0/16"), &c)
        }
    }

    @Test("deleting a missing route is InvalidRoute.NotFound")
    func missingRoute() throws {
        var n = try Network()
        try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
        for destination in ["54.0.0.0/8", "0.0.0.0/1", "10.0.0.0/24"] {
            n.f.expectFailure(.routeNotFound, "\(destination)") { s, c throws(NetctlError) in
                try s.deleteRoute(RouteDelete(routeTable: "public", destinationCidrBlock: destination), &c)
            }
        }
    }

    // MARK: Deleting tables

    @Test("the main route table cannot be deleted")
    func mainTableUndeletable() throws {
        var n = try Network()
        n.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteRouteTable(RouteTableDelete(routeTable: n.vpc.mainRouteTableId), &c)
        }
    }

    @Test("a table with associations cannot be deleted until they are removed")
    func associatedTableUndeletable() throws {
        var n = try Network()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        try n.f.run { s, c throws(NetctlError) in
            try s.associateRouteTable(RouteTableAssociate(routeTable: "public", subnet: subnet.subnetId), &c)
        }
        let error = n.f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteRouteTable(RouteTableDelete(routeTable: "public"), &c)
        }
        #expect(error?.message.contains(subnet.subnetId) == true)
        try n.f.run { s, c throws(NetctlError) in
            try s.disassociateRouteTable(RouteTableDisassociate(subnet: subnet.subnetId), &c)
        }
        let deleted = try n.f.run { s, c throws(NetctlError) in
            try s.deleteRouteTable(RouteTableDelete(routeTable: "public"), &c)
        }
        #expect(deleted.routeTableId == n.table.routeTableId)
        #expect(n.f.state.routeTables[n.table.routeTableId] == nil)
    }

    @Test("routeTablesPerVpc counts the main table")
    func routeTableQuota() throws {
        var f = Fixture(quotas: Quotas([.routeTablesPerVpc: 2]))
        try f.vpc("10.0.0.0/16", name: "a")
        try f.routeTable("a")
        let error = f.expectFailure(.routeTableLimitExceeded) { s, c throws(NetctlError) in
            try s.createRouteTable(RouteTableCreate(vpc: "a"), &c)
        }
        #expect(error?.message.contains("routeTablesPerVpc") == true)
    }

    // MARK: Associations

    @Test("a subnet uses the main table until explicitly associated, and again after disassociation")
    func effectiveTable() throws {
        var n = try Network()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        #expect(n.f.state.effectiveRouteTable(forSubnet: subnet.subnetId)?.routeTableId == n.vpc.mainRouteTableId)

        let association = try n.f.run { s, c throws(NetctlError) in
            try s.associateRouteTable(RouteTableAssociate(routeTable: "public", subnet: subnet.subnetId), &c)
        }
        #expect(association.subnetId == subnet.subnetId)
        #expect(association.associationId.wholeMatch(of: /rtbassoc-[0-9a-f]{17}/) != nil)
        #expect(try n.f.table(n.table.routeTableId).associations == [association])
        #expect(n.f.state.effectiveRouteTable(forSubnet: subnet.subnetId)?.routeTableId == n.table.routeTableId)
        #expect(try n.f.table(n.vpc.mainRouteTableId).associations.isEmpty, "implicit associations are not listed")

        let table = try n.f.run { s, c throws(NetctlError) in
            try s.disassociateRouteTable(RouteTableDisassociate(associationId: association.associationId), &c)
        }
        #expect(table.associations.isEmpty)
        #expect(n.f.state.effectiveRouteTable(forSubnet: subnet.subnetId)?.routeTableId == n.vpc.mainRouteTableId)
        n.f.expectFailure(.associationNotFound) { s, c throws(NetctlError) in
            try s.disassociateRouteTable(RouteTableDisassociate(associationId: association.associationId), &c)
        }
        n.f.expectFailure(.associationNotFound) { s, c throws(NetctlError) in
            try s.disassociateRouteTable(RouteTableDisassociate(subnet: subnet.subnetId), &c)
        }
    }

    @Test("associating an already associated subnet is Resource.AlreadyAssociated")
    func associateTwice() throws {
        var n = try Network()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        let other = try n.f.routeTable("a", name: "private")
        try n.f.run { s, c throws(NetctlError) in
            try s.associateRouteTable(RouteTableAssociate(routeTable: "public", subnet: subnet.subnetId), &c)
        }
        for table in ["public", other.routeTableId] {
            n.f.expectFailure(.resourceAlreadyAssociated, "\(table)") { s, c throws(NetctlError) in
                try s.associateRouteTable(RouteTableAssociate(routeTable: table, subnet: subnet.subnetId), &c)
            }
        }
        #expect(try n.f.table(other.routeTableId).associations.isEmpty)
        #expect(try n.f.table(n.table.routeTableId).associations.count == 1)
    }

    @Test("a subnet cannot be associated with another VPC's table")
    func associateAcrossVpcs() throws {
        var n = try Network()
        try n.f.vpc("10.1.0.0/16", name: "b")
        let foreign = try n.f.subnet("b", "10.1.1.0/24")
        n.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.associateRouteTable(RouteTableAssociate(routeTable: "public", subnet: foreign.subnetId), &c)
        }
    }

    // MARK: Longest-prefix match

    @Test(
        "longest prefix wins: /24 over /16 over 0.0.0.0/0",
        arguments: [
            ("10.1.2.3", "10.1.2.0/24"),
            ("10.1.2.255", "10.1.2.0/24"),
            ("10.1.3.1", "10.1.0.0/16"),
            ("10.1.255.255", "10.1.0.0/16"),
            ("10.2.0.1", "0.0.0.0/0"),
            ("8.8.8.8", "0.0.0.0/0"),
        ])
    func longestPrefixMatch(address: String, expected: String) throws {
        let routes = ["0.0.0.0/0", "10.1.2.0/24", "10.1.0.0/16"].enumerated().map { index, destination in
            Route(
                destinationCidrBlock: destination,
                target: RouteTarget(type: RouteTarget.internetGateway, id: "igw-\(index)"), state: .active,
                origin: "CreateRoute")
        }
        // The order of the routes in the table must not matter.
        for order in [routes, routes.reversed(), [routes[1], routes[0], routes[2]]] {
            let table = RouteTable(
                routeTableId: "rtb-1", vpcId: "vpc-1", name: nil, accountId: testScope.accountId,
                region: testScope.region, main: false, routes: order, tags: [:], createdAt: testEpoch)
            let match = table.route(to: try #require(IPv4Address(address)))
            #expect(match?.destinationCidrBlock == expected)
        }
    }

    @Test("no matching route gives nil; a CIDR route beats a prefix-list route of the same length")
    func prefixListsAndMisses() throws {
        let cidrRoute = Route(
            destinationCidrBlock: "52.0.0.0/16", target: RouteTarget(type: "igw", id: "igw-1"), state: .active,
            origin: "CreateRoute")
        let listRoute = Route(
            destinationPrefixListId: "pl-1", target: RouteTarget(type: "vpce", id: "vpce-1"), state: .active,
            origin: "CreateRoute")
        let lists: (String) -> [IPv4CIDR] = { id in
            id == "pl-1" ? [IPv4CIDR("52.0.0.0/16")!, IPv4CIDR("52.1.2.0/24")!] : []
        }
        for routes in [[cidrRoute, listRoute], [listRoute, cidrRoute]] {
            let table = RouteTable(
                routeTableId: "rtb-1", vpcId: "vpc-1", name: nil, accountId: "1", region: "r", main: false,
                routes: routes, tags: [:], createdAt: testEpoch)
            #expect(table.route(to: IPv4Address("52.0.9.9")!, prefixListCidrs: lists) == cidrRoute)
            #expect(
                table.route(to: IPv4Address("52.1.2.3")!, prefixListCidrs: lists) == listRoute, "longer prefix wins")
            #expect(table.route(to: IPv4Address("53.0.0.1")!, prefixListCidrs: lists) == nil)
        }
    }

    @Test("the VPC's own tables route local traffic locally and the rest by longest prefix")
    func matchOnRealTable() throws {
        var n = try Network()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        let nat = try n.f.natGateway(subnet.subnetId)
        try n.f.route("public", "0.0.0.0/0", gateway: n.igwId)
        try n.f.route("public", "10.0.1.0/24", natGateway: nat.natGatewayId)
        let table = try n.f.table(n.table.routeTableId)
        #expect(table.route(to: IPv4Address("10.0.9.9")!)?.target == .local)
        #expect(table.route(to: IPv4Address("10.0.1.9")!)?.target.id == nat.natGatewayId)
        #expect(table.route(to: IPv4Address("1.1.1.1")!)?.target.id == n.igw.internetGatewayId)
    }
}
