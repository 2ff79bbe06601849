import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension Fixture {
    /// Lets the daemon clock run `seconds` and does the work that fell due.
    mutating func advance(_ seconds: TimeInterval = 10) throws(NetctlError) {
        context.now += seconds
        try run { s, c throws(NetctlError) in s.runDueWork(&c) }
    }

    @discardableResult
    mutating func hub(
        _ name: String = "hub", association: Bool? = nil, propagation: Bool? = nil, available: Bool = true
    ) throws(NetctlError) -> TransitGateway {
        let created = try run { s, c throws(NetctlError) in
            try s.createTransitGateway(
                TransitGatewayCreate(
                    name: name, defaultRouteTableAssociation: association, defaultRouteTablePropagation: propagation),
                &c)
        }
        if available { try advance() }
        return state.transitGateways[created.transitGatewayId] ?? created
    }

    @discardableResult
    mutating func attach(_ hub: String, _ vpc: String, _ subnets: [String], available: Bool = true) throws(NetctlError)
        -> TransitGatewayAttachment
    {
        let created = try run { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: hub, vpc: vpc, subnets: subnets), &c)
        }
        if available { try advance() }
        return state.transitGatewayAttachments[created.attachmentId] ?? created
    }

    @discardableResult
    mutating func hubRoute(_ table: String, _ cidr: String, attachment: String? = nil, blackhole: Bool? = nil)
        throws(NetctlError) -> TransitGatewayRouteTable
    {
        try run { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(
                    routeTable: table, destinationCidrBlock: cidr, attachment: attachment, blackhole: blackhole), &c)
        }
    }

    @discardableResult
    mutating func tgwRoute(_ table: String, _ cidr: String, hub: String) throws(NetctlError) -> RouteTable {
        try run { s, c throws(NetctlError) in
            try s.createRoute(RouteCreate(routeTable: table, destinationCidrBlock: cidr, transitGateway: hub), &c)
        }
    }

    func hubRoutes(_ table: String) throws -> [TransitGatewayRoute] {
        try state.searchTransitGatewayRoutes(TransitGatewayRouteSearch(routeTable: table), query()).routes
    }
}

/// a (10.1/16: a1 in us-east-1a, a2 in us-east-1b) and b (10.2/16: b1 in us-east-1a, b2 in
/// us-east-1b) attached to one hub through their us-east-1a subnets, routed to each other over it.
struct HubWorld {
    var f = Fixture()
    var hub: TransitGateway
    var a: TransitGatewayAttachment
    var b: TransitGatewayAttachment
    var defaultTable: String

    init(routes: Bool = true) throws {
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        try f.subnet("a", "10.1.2.0/24", zone: "us-east-1b", name: "a2")
        try f.subnet("b", "10.2.1.0/24", zone: "us-east-1a", name: "b1")
        try f.subnet("b", "10.2.2.0/24", zone: "us-east-1b", name: "b2")
        hub = try f.hub()
        defaultTable = try #require(hub.defaultRouteTableId)
        a = try f.attach("hub", "a", ["a1"])
        b = try f.attach("hub", "b", ["b1"])
        if routes {
            try f.tgwRoute(f.state.vpc("a", in: f.scope).mainRouteTableId, "10.2.0.0/16", hub: "hub")
            try f.tgwRoute(f.state.vpc("b", in: f.scope).mainRouteTableId, "10.1.0.0/16", hub: "hub")
        }
    }
}

@Suite("Transit gateways")
struct TransitGatewayTests {
    @Test("a hub is pending, then available on the clock, with AWS's defaults and a default route table")
    func lifecycle() throws {
        var f = Fixture()
        let created = try f.hub(available: false)
        #expect(created.state == TransitGateway.pending)
        #expect(created.amazonSideAsn == 64512)
        #expect(created.options.defaultRouteTableAssociation == "enable")
        #expect(created.options.defaultRouteTablePropagation == "enable")
        let tableId = try #require(created.defaultRouteTableId)
        #expect(created.options.associationDefaultRouteTableId == tableId)
        let table = try #require(f.state.transitGatewayRouteTables[tableId])
        #expect(table.defaultAssociationRouteTable && table.defaultPropagationRouteTable)
        #expect(f.state.nextDeadline() == created.createdAt.addingTimeInterval(TransitGatewayTiming.pending))
        try f.advance(2)
        #expect(f.state.transitGateways[created.transitGatewayId]?.state == TransitGateway.pending)
        try f.advance(5)
        #expect(f.state.transitGateways[created.transitGatewayId]?.state == TransitGateway.available)
    }

    @Test("with both defaults off there is no default table; an out-of-range ASN is refused")
    func optionsOff() throws {
        var f = Fixture()
        let hub = try f.hub(association: false, propagation: false)
        #expect(hub.defaultRouteTableId == nil)
        #expect(f.state.transitGatewayRouteTables.children(of: hub.transitGatewayId).isEmpty)
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createTransitGateway(TransitGatewayCreate(amazonSideAsn: 65535), &c)
        }
    }

    @Test("attaching needs an available hub, subnets of the VPC, one per zone, and one attachment per VPC")
    func attachRules() throws {
        var f = Fixture()
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        try f.subnet("a", "10.1.2.0/24", zone: "us-east-1a", name: "a1bis")
        try f.subnet("b", "10.2.1.0/24", zone: "us-east-1a", name: "b1")
        try f.hub("slow", available: false)
        f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "slow", vpc: "a", subnets: ["a1"]), &c)
        }
        try f.advance()
        f.expectFailure(.duplicateSubnetsInSameZone) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "slow", vpc: "a", subnets: ["a1", "a1bis"]), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "slow", vpc: "a", subnets: ["b1"]), &c)
        }
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "slow", vpc: "a", subnets: []), &c)
        }
        f.expectFailure(.transitGatewayNotFound) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "tgw-00000000000000000", vpc: "a", subnets: ["a1"]), &c)
        }
        let before = try f.state.subnet("a1", in: f.scope).availableIpAddressCount
        let attachment = try f.attach("slow", "a", ["a1"], available: false)
        #expect(attachment.state == TransitGateway.pending)
        let interface = try #require(f.state.networkInterfaces[attachment.networkInterfaces[0].networkInterfaceId])
        #expect(interface.interfaceType == "transit_gateway")
        #expect(interface.attachedTo == attachment.attachmentId)
        #expect(interface.privateIpAddress == "10.1.1.4")
        #expect(try f.state.subnet("a1", in: f.scope).availableIpAddressCount == before - 1)
        f.expectFailure(.duplicateTransitGatewayAttachment) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "slow", vpc: "a", subnets: ["a1"]), &c)
        }
        try f.advance()
        #expect(f.state.transitGatewayAttachments[attachment.attachmentId]?.state == TransitGateway.available)
    }

    @Test("deleting an attachment frees its addresses at once, leaves its tables and is gone after the clock")
    func attachmentDeletion() throws {
        let w = try HubWorld()
        var f = w.f
        let interfaceId = w.a.networkInterfaces[0].networkInterfaceId
        let before = try f.state.subnet("a1", in: f.scope).availableIpAddressCount
        let deleting = try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: w.a.attachmentId), &c)
        }
        #expect(deleting.state == TransitGateway.deleting)
        #expect(f.state.networkInterfaces[interfaceId] == nil)
        #expect(try f.state.subnet("a1", in: f.scope).availableIpAddressCount == before + 1)
        let table = try #require(f.state.transitGatewayRouteTables[w.defaultTable])
        #expect(!table.associations.contains(w.a.attachmentId) && !table.propagations.contains(w.a.attachmentId))
        f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: w.a.attachmentId), &c)
        }
        try f.advance()
        #expect(f.state.transitGatewayAttachments[w.a.attachmentId] == nil)
    }

    @Test("a hub with attachments cannot be deleted; without them it goes, its tables with it")
    func hubDeletion() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        let failure = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteTransitGateway(TransitGatewayDelete(tgw: "hub"), &c)
        }
        #expect(failure?.message.contains(w.a.attachmentId) == true)
        for attachment in [w.a, w.b] {
            try f.run { s, c throws(NetctlError) in
                try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: attachment.attachmentId), &c)
            }
        }
        f.expectFailure(.dependencyViolation, "attachments still deleting") { s, c throws(NetctlError) in
            try s.deleteTransitGateway(TransitGatewayDelete(tgw: "hub"), &c)
        }
        try f.advance()
        let deleting = try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGateway(TransitGatewayDelete(tgw: "hub"), &c)
        }
        #expect(deleting.state == TransitGateway.deleting)
        #expect(f.state.transitGatewayRouteTables[w.defaultTable] == nil)
        f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.deleteTransitGateway(TransitGatewayDelete(tgw: "hub"), &c)
        }
        try f.advance()
        #expect(f.state.transitGateways[w.hub.transitGatewayId] == nil)
    }

    @Test("new attachments associate with and propagate into the default table; routes come and go with them")
    func propagationFollowsAttachments() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        let table = try #require(f.state.transitGatewayRouteTables[w.defaultTable])
        #expect(table.associations == [w.a.attachmentId, w.b.attachmentId])
        #expect(table.propagations == [w.a.attachmentId, w.b.attachmentId])
        #expect(f.state.transitGatewayAttachments[w.a.attachmentId]?.associatedRouteTableId == w.defaultTable)
        var routes = try f.hubRoutes(w.defaultTable)
        #expect(routes.map(\.destinationCidrBlock) == ["10.1.0.0/16", "10.2.0.0/16"])
        #expect(routes.allSatisfy { $0.type == TransitGatewayRoute.propagatedType && $0.state == TransitGatewayRoute.active })
        #expect(routes[1].attachments.map(\.attachmentId) == [w.b.attachmentId])
        #expect(routes[1].attachments.map(\.resourceId) == [w.b.resourceId])

        // A third VPC: its CIDR arrives only once its attachment is available.
        try f.vpc("10.3.0.0/16", name: "c")
        try f.subnet("c", "10.3.1.0/24", zone: "us-east-1a", name: "c1")
        let c = try f.attach("hub", "c", ["c1"], available: false)
        #expect(try f.hubRoutes(w.defaultTable).count == 2)
        try f.advance()
        #expect(try f.hubRoutes(w.defaultTable).map(\.destinationCidrBlock).contains("10.3.0.0/16"))

        // A static route to c turns blackhole when c goes; c's propagated route leaves.
        try f.hubRoute(w.defaultTable, "10.30.0.0/16", attachment: c.attachmentId)
        try f.run { s, c2 throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: c.attachmentId), &c2)
        }
        try f.advance()
        routes = try f.hubRoutes(w.defaultTable)
        #expect(!routes.contains { $0.destinationCidrBlock == "10.3.0.0/16" })
        let orphan = try #require(routes.first { $0.destinationCidrBlock == "10.30.0.0/16" })
        #expect(orphan.state == TransitGatewayRoute.blackhole && orphan.type == TransitGatewayRoute.staticType)

        // Disabling b's propagation takes its route away; enabling it again brings it back.
        try f.run { s, c2 throws(NetctlError) in
            try s.disableTransitGatewayPropagation(
                TransitGatewayRouteTableDisablePropagation(routeTable: w.defaultTable, attachment: w.b.attachmentId), &c2)
        }
        #expect(!(try f.hubRoutes(w.defaultTable)).contains { $0.destinationCidrBlock == "10.2.0.0/16" })
        f.expectFailure(.transitGatewayPropagationNotFound) { s, c2 throws(NetctlError) in
            try s.disableTransitGatewayPropagation(
                TransitGatewayRouteTableDisablePropagation(routeTable: w.defaultTable, attachment: w.b.attachmentId), &c2)
        }
        try f.run { s, c2 throws(NetctlError) in
            try s.enableTransitGatewayPropagation(
                TransitGatewayRouteTableEnablePropagation(routeTable: w.defaultTable, attachment: w.b.attachmentId), &c2)
        }
        #expect(try f.hubRoutes(w.defaultTable).contains { $0.destinationCidrBlock == "10.2.0.0/16" })
        f.expectFailure(.transitGatewayPropagationDuplicate) { s, c2 throws(NetctlError) in
            try s.enableTransitGatewayPropagation(
                TransitGatewayRouteTableEnablePropagation(routeTable: w.defaultTable, attachment: w.b.attachmentId), &c2)
        }
    }

    @Test("lists: a hub's attachments and tables, EC2 filters, other accounts see nothing")
    func lists() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        try f.hub("second")
        let query = f.query()
        let all = try f.state.listTransitGatewayRouteTables(TransitGatewayRouteTableList(), query).routeTables
        #expect(all.count == 2)
        let ofHub = try f.state.listTransitGatewayRouteTables(TransitGatewayRouteTableList(tgw: "hub"), query)
        #expect(ofHub.routeTables.map(\.routeTableId) == [w.defaultTable])
        let toB = try f.state.listTransitGatewayAttachments(
            TransitGatewayAttachmentList(filters: [Filter(name: "resource-id", values: [w.b.resourceId])]), query)
        #expect(toB.attachments.map(\.attachmentId) == [w.b.attachmentId])
        #expect(try f.state.listTransitGatewayAttachments(TransitGatewayAttachmentList(tgw: "second"), query).attachments.isEmpty)
        let available = try f.state.listTransitGateways(
            TransitGatewayList(filters: [Filter(name: "state", values: ["available"])]), query)
        #expect(available.transitGateways.map(\.name) == ["hub", "second"])
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.state.listTransitGateways(TransitGatewayList(filters: [Filter(name: "vpc-id", values: ["x"])]), query)
        }
        let stranger = f.query(as: otherAccountScope)
        #expect(try f.state.listTransitGateways(TransitGatewayList(), stranger).transitGateways.isEmpty)
        expectError(.transitGatewayNotFound) { () throws(NetctlError) in
            try f.state.transitGateway(w.hub.transitGatewayId, in: otherAccountScope)
        }
        expectError(.transitGatewayAttachmentNotFound) { () throws(NetctlError) in
            try f.state.transitGatewayAttachment("tgw-attach-00000000000000000", in: testScope)
        }
    }

    @Test("a VPC whose CIDR is identical to one already propagated is attached but not propagated")
    func identicalCidrNotPropagated() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        try f.vpc("10.2.0.0/16", name: "twin")
        try f.subnet("twin", "10.2.1.0/24", zone: "us-east-1a", name: "t1")
        let twin = try f.attach("hub", "twin", ["t1"])
        let table = try #require(f.state.transitGatewayRouteTables[w.defaultTable])
        #expect(table.associations.contains(twin.attachmentId))
        #expect(!table.propagations.contains(twin.attachmentId))
    }

    @Test("however propagation is enabled, a CIDR another attachment already propagates keeps its first attachment")
    func identicalCidrEnabledByHand() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        try f.vpc("10.2.0.0/16", name: "twin")
        try f.subnet("twin", "10.2.1.0/24", zone: "us-east-1a", name: "t1")
        let twin = try f.attach("hub", "twin", ["t1"])
        try f.run { s, c throws(NetctlError) in
            try s.enableTransitGatewayPropagation(
                TransitGatewayRouteTableEnablePropagation(routeTable: w.defaultTable, attachment: twin.attachmentId), &c)
        }
        let routes = try f.hubRoutes(w.defaultTable).filter { $0.destinationCidrBlock == "10.2.0.0/16" }
        #expect(routes.count == 1)
        #expect(routes.first?.attachments.map(\.attachmentId) == [w.b.attachmentId])
    }

    @Test("a static route cannot target an attachment that is being deleted")
    func routeToDeletingAttachment() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: w.b.attachmentId), &c)
        }
        f.expectFailure(.incorrectState) { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(
                    routeTable: w.defaultTable, destinationCidrBlock: "10.9.0.0/16", attachment: w.b.attachmentId), &c)
        }
        #expect(try f.hubRoutes(w.defaultTable).allSatisfy { $0.destinationCidrBlock != "10.9.0.0/16" })
    }

    @Test("route selection: longest prefix first, then static over propagated; blackholes are routes too")
    func routeSelection() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        let table = w.defaultTable
        func pick(_ address: String) throws -> TransitGatewayRoute? {
            let current = try #require(f.state.transitGatewayRouteTables[table])
            return f.state.transitGatewayRoute(in: current, to: try #require(IPv4Address(address)))
        }
        #expect(try pick("10.2.1.9")?.destinationCidrBlock == "10.2.0.0/16")
        #expect(try pick("10.9.0.1") == nil)
        // A longer static prefix wins over the propagated /16.
        try f.hubRoute(table, "10.2.1.0/24", attachment: w.a.attachmentId)
        #expect(try pick("10.2.1.9")?.destinationCidrBlock == "10.2.1.0/24")
        #expect(try pick("10.2.1.9")?.attachments.first?.attachmentId == w.a.attachmentId)
        #expect(try pick("10.2.2.9")?.type == TransitGatewayRoute.propagatedType)
        // The same prefix as static hides the propagated route.
        try f.hubRoute(table, "10.2.0.0/16", attachment: w.a.attachmentId)
        let same = try #require(try f.hubRoutes(table).first { $0.destinationCidrBlock == "10.2.0.0/16" })
        #expect(same.type == TransitGatewayRoute.staticType)
        #expect(try f.hubRoutes(table).filter { $0.destinationCidrBlock == "10.2.0.0/16" }.count == 1)
        // A blackhole is picked like any route, and says so.
        try f.hubRoute(table, "10.2.2.128/25", blackhole: true)
        #expect(try pick("10.2.2.200")?.state == TransitGatewayRoute.blackhole)
        #expect(try pick("10.2.2.200")?.attachments == [])
        // Deleting the static /16 brings the propagated one back.
        try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayRoute(TransitGatewayRouteDelete(routeTable: table, destinationCidrBlock: "10.2.0.0/16"), &c)
        }
        #expect(try pick("10.2.2.9")?.type == TransitGatewayRoute.propagatedType)
        f.expectFailure(.routeNotFound, "a propagated route is not deleted by tgw.route.delete") { s, c throws(NetctlError) in
            try s.deleteTransitGatewayRoute(TransitGatewayRouteDelete(routeTable: table, destinationCidrBlock: "10.1.0.0/16"), &c)
        }
        f.expectFailure(.routeAlreadyExists) { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(routeTable: table, destinationCidrBlock: "10.2.1.0/24", blackhole: true), &c)
        }
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(
                    routeTable: table, destinationCidrBlock: "10.8.0.0/16", attachment: w.a.attachmentId, blackhole: true),
                &c)
        }
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(TransitGatewayRouteCreate(routeTable: table, destinationCidrBlock: "10.8.0.0/16"), &c)
        }
    }

    @Test("route.search filters by type, state, attachment and longest-prefix match")
    func searchFilters() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        try f.hubRoute(w.defaultTable, "10.2.1.0/24", attachment: w.b.attachmentId)
        try f.hubRoute(w.defaultTable, "192.168.0.0/16", blackhole: true)
        func search(_ name: String, _ values: [String]) throws -> [String] {
            try f.state.searchTransitGatewayRoutes(
                TransitGatewayRouteSearch(routeTable: w.defaultTable, filters: [Filter(name: name, values: values)]),
                f.query()
            ).routes.map(\.destinationCidrBlock)
        }
        #expect(try search("type", ["static"]) == ["10.2.1.0/24", "192.168.0.0/16"])
        #expect(try search("state", ["blackhole"]) == ["192.168.0.0/16"])
        #expect(try search("attachment.transit-gateway-attachment-id", [w.b.attachmentId]) == ["10.2.1.0/24", "10.2.0.0/16"])
        #expect(try search("route-search.longest-prefix-match", ["10.2.1.7/32"]) == ["10.2.1.0/24"])
        #expect(try search("route-search.exact-match", ["10.1.0.0/16"]) == ["10.1.0.0/16"])
        #expect(try search("route-search.subnet-of-match", ["10.2.0.0/16"]) == ["10.2.1.0/24", "10.2.0.0/16"])
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.state.searchTransitGatewayRoutes(
                TransitGatewayRouteSearch(routeTable: w.defaultTable, filters: [Filter(name: "nope", values: ["x"])]),
                f.query())
        }
    }

    @Test("an attachment has one associated table; associate, disassociate and delete follow AWS's rules")
    func associations() throws {
        let w = try HubWorld(routes: false)
        var f = w.f
        let isolated = try f.run { s, c throws(NetctlError) in
            try s.createTransitGatewayRouteTable(TransitGatewayRouteTableCreate(tgw: "hub", name: "isolated"), &c)
        }
        let error = f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.associateTransitGatewayRouteTable(
                TransitGatewayRouteTableAssociate(routeTable: "isolated", attachment: w.a.attachmentId), &c)
        }
        #expect(error?.message.contains("already associated") == true)
        f.expectFailure(.transitGatewayAssociationNotFound) { s, c throws(NetctlError) in
            try s.disassociateTransitGatewayRouteTable(
                TransitGatewayRouteTableDisassociate(routeTable: "isolated", attachment: w.a.attachmentId), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.disassociateTransitGatewayRouteTable(
                TransitGatewayRouteTableDisassociate(routeTable: w.defaultTable, attachment: w.a.attachmentId), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.associateTransitGatewayRouteTable(
                TransitGatewayRouteTableAssociate(routeTable: "isolated", attachment: w.a.attachmentId), &c)
        }
        #expect(f.state.transitGatewayAttachments[w.a.attachmentId]?.associatedRouteTableId == isolated.routeTableId)
        f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteTransitGatewayRouteTable(TransitGatewayRouteTableDelete(routeTable: "isolated"), &c)
        }
        f.expectFailure(.invalidParameterValue, "the default table goes with the hub") { s, c throws(NetctlError) in
            try s.deleteTransitGatewayRouteTable(TransitGatewayRouteTableDelete(routeTable: w.defaultTable), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.disassociateTransitGatewayRouteTable(
                TransitGatewayRouteTableDisassociate(routeTable: "isolated", attachment: w.a.attachmentId), &c)
        }
        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayRouteTable(TransitGatewayRouteTableDelete(routeTable: "isolated"), &c)
        }
        #expect(deleted.state == TransitGateway.deleted)
        #expect(f.state.transitGatewayRouteTables[isolated.routeTableId] == nil)
        // A table of another hub cannot take this hub's attachment.
        try f.hub("other")
        let foreign = try f.run { s, c throws(NetctlError) in
            try s.createTransitGatewayRouteTable(TransitGatewayRouteTableCreate(tgw: "other"), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.associateTransitGatewayRouteTable(
                TransitGatewayRouteTableAssociate(routeTable: foreign.routeTableId, attachment: w.a.attachmentId), &c)
        }
    }

    @Test("quotas: hubs per region, attachments per hub, route tables per hub, routes per hub")
    func quotas() throws {
        var f = Fixture(
            quotas: Quotas([
                .transitGatewaysPerRegion: 1, .attachmentsPerTransitGateway: 1, .routeTablesPerTransitGateway: 2,
                .routesPerTransitGateway: 3,
            ]))
        try f.vpc("10.1.0.0/16", name: "a")
        try f.vpc("10.2.0.0/16", name: "b")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        try f.subnet("b", "10.2.1.0/24", zone: "us-east-1a", name: "b1")
        let hub = try f.hub()
        let tooMany = f.expectFailure(.transitGatewayLimitExceeded) { s, c throws(NetctlError) in
            try s.createTransitGateway(TransitGatewayCreate(name: "second"), &c)
        }
        #expect(tooMany?.message.contains("transitGatewaysPerRegion") == true)
        let a = try f.attach("hub", "a", ["a1"])
        f.expectFailure(.transitGatewayAttachmentLimitExceeded) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "hub", vpc: "b", subnets: ["b1"]), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.createTransitGatewayRouteTable(TransitGatewayRouteTableCreate(tgw: "hub"), &c)
        }
        let tables = f.expectFailure(.transitGatewayRouteTableLimitExceeded) { s, c throws(NetctlError) in
            try s.createTransitGatewayRouteTable(TransitGatewayRouteTableCreate(tgw: "hub"), &c)
        }
        #expect(tables?.message.contains("routeTablesPerTransitGateway") == true)
        // One propagated route (a's CIDR) and two static ones fill routesPerTransitGateway = 3.
        let table = try #require(hub.defaultRouteTableId)
        try f.hubRoute(table, "10.8.0.0/16", attachment: a.attachmentId)
        try f.hubRoute(table, "10.9.0.0/16", blackhole: true)
        let routes = f.expectFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(routeTable: table, destinationCidrBlock: "10.7.0.0/16", blackhole: true), &c)
        }
        #expect(routes?.message.contains("routesPerTransitGateway") == true)
    }

    @Test("a VPC is attached to at most transitGatewaysPerVpc hubs")
    func hubsPerVpc() throws {
        var f = Fixture(quotas: Quotas([.transitGatewaysPerVpc: 1]))
        try f.vpc("10.1.0.0/16", name: "a")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        try f.hub("one")
        try f.hub("two")
        try f.attach("one", "a", ["a1"])
        let refused = f.expectFailure(.transitGatewayAttachmentLimitExceeded) { s, c throws(NetctlError) in
            try s.attachVpc(TransitGatewayAttachVpc(tgw: "two", vpc: "a", subnets: ["a1"]), &c)
        }
        #expect(refused?.message.contains("transitGatewaysPerVpc") == true)
        #expect(f.state.transitGatewayAttachments.children(of: try f.state.vpc("a", in: f.scope).vpcId).count == 1)
    }

    @Test("a VPC route to a hub needs an attachment of the VPC, and is active only while it is available")
    func vpcRouteTarget() throws {
        var f = Fixture()
        try f.vpc("10.1.0.0/16", name: "a")
        try f.subnet("a", "10.1.1.0/24", zone: "us-east-1a", name: "a1")
        try f.hub()
        let main = try f.state.vpc("a", in: f.scope).mainRouteTableId
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createRoute(RouteCreate(routeTable: main, destinationCidrBlock: "10.0.0.0/8", transitGateway: "hub"), &c)
        }
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createRoute(
                RouteCreate(routeTable: main, destinationCidrBlock: "10.0.0.0/8", gateway: "igw-x", transitGateway: "hub"),
                &c)
        }
        let attachment = try f.attach("hub", "a", ["a1"], available: false)
        try f.tgwRoute(main, "10.0.0.0/8", hub: "hub")
        #expect(try f.route(in: main, to: "10.0.0.0/8").state == .blackhole)
        #expect(try f.route(in: main, to: "10.0.0.0/8").target == RouteTarget(type: "tgw", id: attachment.transitGatewayId))
        try f.advance()
        #expect(try f.route(in: main, to: "10.0.0.0/8").state == .active)
        try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayAttachment(TransitGatewayAttachmentDelete(attachment: attachment.attachmentId), &c)
        }
        #expect(try f.route(in: main, to: "10.0.0.0/8").state == .blackhole)
    }
}

@Suite("Reachability through a transit gateway")
struct TransitGatewayReachTests {
    @Test("a1 reaches b1 over the hub and back; each hop names the hub table and route")
    func success() throws {
        let w = try HubWorld()
        let there = try w.f.reach("a1", "b1")
        #expect(there.reachable, "\(there.explanations)")
        #expect(there.path.contains { $0.component == "transitGatewayRouteTable" && $0.id == w.defaultTable
            && $0.detail.contains("10.2.0.0/16 → \(w.b.attachmentId) (propagated, active)") })
        #expect(there.returnPath.contains { $0.component == "transitGatewayRouteTable" && $0.id == w.defaultTable
            && $0.detail.contains("10.1.0.0/16 → \(w.a.attachmentId)") })
        #expect(there.destination.subnetId == (try w.f.state.subnet("b1", in: w.f.scope)).subnetId)
        let back = try w.f.reach("b1", "a1")
        #expect(back.reachable, "\(back.explanations)")
    }

    @Test("a subnet in a zone the attachment does not cover cannot enter the hub")
    func zoneNotCovered() throws {
        let w = try HubWorld()
        let analysis = try w.f.reach("a2", "b1")
        #expect(!analysis.reachable)
        #expect(analysis.codes == [ReachExplanation.tgwNoAttachmentInAz])
        let finding = try #require(analysis.explanation(ReachExplanation.tgwNoAttachmentInAz))
        #expect(finding.message.contains("us-east-1b"))
        #expect(finding.component == w.a.attachmentId)
        // The way back: b2 (us-east-1b) receives, but its replies cannot enter the hub.
        let toB2 = try w.f.reach("a1", "b2")
        #expect(!toB2.reachable)
        #expect(toB2.codes == [ReachExplanation.tgwNoAttachmentInAz])
        #expect(toB2.explanations[0].message.contains("Replies"))
    }

    @Test("an ingress attachment with no associated table is dropped, forward or back")
    func noAssociation() throws {
        let w = try HubWorld()
        var f = w.f
        try f.run { s, c throws(NetctlError) in
            try s.disassociateTransitGatewayRouteTable(
                TransitGatewayRouteTableDisassociate(routeTable: w.defaultTable, attachment: w.b.attachmentId), &c)
        }
        let back = try f.reach("a1", "b1")
        #expect(!back.reachable)
        #expect(back.codes == [ReachExplanation.tgwAttachmentNotAssociated])
        #expect(back.explanations[0].component == w.b.attachmentId)
        let forward = try f.reach("b1", "a1")
        #expect(forward.codes == [ReachExplanation.tgwAttachmentNotAssociated])
        #expect(!forward.path.contains { $0.component == "transitGatewayRouteTable" })
    }

    @Test("no route in the ingress table, or a blackhole, drops the packet")
    func noRouteAndBlackhole() throws {
        let w = try HubWorld()
        var f = w.f
        try f.hubRoute(w.defaultTable, "10.2.1.0/24", blackhole: true)
        let blackholed = try f.reach("a1", "b1")
        #expect(blackholed.codes == [ReachExplanation.tgwRouteBlackhole])
        #expect(blackholed.explanations[0].component == w.defaultTable)
        #expect(blackholed.path.contains { $0.detail.contains("10.2.1.0/24 → blackhole (static, blackhole)") })
        try f.run { s, c throws(NetctlError) in
            try s.deleteTransitGatewayRoute(
                TransitGatewayRouteDelete(routeTable: w.defaultTable, destinationCidrBlock: "10.2.1.0/24"), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.disableTransitGatewayPropagation(
                TransitGatewayRouteTableDisablePropagation(routeTable: w.defaultTable, attachment: w.b.attachmentId), &c)
        }
        let unrouted = try f.reach("a1", "b1")
        #expect(unrouted.codes == [ReachExplanation.tgwNoRoute])
        #expect(unrouted.explanations[0].message.contains(w.defaultTable))
        // A static route to b puts it back.
        try f.hubRoute(w.defaultTable, "10.2.0.0/16", attachment: w.b.attachmentId)
        #expect(try f.reach("a1", "b1").reachable)
    }

    @Test("hubs are transitive: c reaches a through the same hub, as the tables allow")
    func transitive() throws {
        let w = try HubWorld()
        var f = w.f
        try f.vpc("10.3.0.0/16", name: "c")
        try f.subnet("c", "10.3.1.0/24", zone: "us-east-1a", name: "c1")
        try f.attach("hub", "c", ["c1"])
        try f.tgwRoute(f.state.vpc("c", in: f.scope).mainRouteTableId, "10.0.0.0/8", hub: "hub")
        let aMain = try f.state.vpc("a", in: f.scope).mainRouteTableId
        try f.run { s, c throws(NetctlError) in
            try s.replaceRoute(
                RouteReplace(routeTable: aMain, destinationCidrBlock: "10.2.0.0/16", transitGateway: "hub"), &c)
        }
        try f.tgwRoute(aMain, "10.3.0.0/16", hub: "hub")
        #expect(try f.reach("c1", "a1").reachable)
        #expect(try f.reach("a1", "c1").reachable)
        #expect(try f.reach("c1", "b1").codes == [ReachExplanation.noReturnRoute])
    }

    @Test("groups apply on both VPC ends; a rule that references a group does not match across the hub")
    func securityGroupsAcrossTheHub() throws {
        let w = try HubWorld()
        var f = w.f
        let client = try f.securityGroup("a", "client").groupId
        let server = try f.securityGroup("b", "server").groupId
        for (subnet, name, group) in [("a1", "web", client), ("b1", "db", server)] {
            try f.run { s, c throws(NetctlError) in
                try s.runInstances(InstanceRun(subnet: subnet, name: name, securityGroups: [group]), &c)
            }
        }
        let by = { (f: Fixture) throws(NetctlError) -> ReachAnalysis in
            try f.state.analyzeReach(ReachAnalyze(source: "web", destination: "db", port: 5432, protocol: "tcp"), f.query())
        }
        let denied = try by(f)
        #expect(denied.codes == [ReachExplanation.securityGroupDeniesIngress])
        // The advice names the address only: a rule naming the client's group would not match here.
        #expect(denied.explanations.first?.message.contains("--cidr") == true)
        #expect(denied.explanations.first?.message.contains("--source-group") == false)
        // A peering lets the server's group name the client's, but the routes still lead over the hub.
        try f.activePeering("a", "b")
        try f.authorize(server, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, referencedGroupId: client)])
        let referenced = try by(f)
        #expect(referenced.codes == [ReachExplanation.securityGroupDeniesIngress], "no group references across a hub")
        #expect(referenced.path.contains { $0.component == "transitGatewayRouteTable" })
        try f.authorize(server, .ingress, [SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.1.0.0/16")])
        let allowed = try by(f)
        #expect(allowed.reachable, "\(allowed.explanations)")
        #expect(allowed.path.contains { $0.component == "securityGroup" && $0.id == server })
        let matrix = try f.state.reachMatrix(ReachMatrix(instances: ["web", "db"], protocol: "tcp", port: 5432), f.query())
        #expect(matrix.pairs.first { $0.source == matrix.endpoints[0] }?.reachable == true)
    }

    @Test("reach.matrix agrees with reach.analyze through a hub, zones included")
    func matrixAgrees() throws {
        let w = try HubWorld()
        let names = ["a1", "a2", "b1", "b2"]
        let matrix = try w.f.state.reachMatrix(ReachMatrix(subnets: names), w.f.query())
        for pair in matrix.pairs {
            let single = try w.f.state.analyzeReach(
                ReachAnalyze(source: pair.source, destination: pair.destination), w.f.query())
            #expect(pair.reachable == single.reachable, "\(pair.source) → \(pair.destination)")
            #expect(pair.explanation == single.explanations.first, "\(pair.source) → \(pair.destination)")
        }
        #expect(matrix.pairs.contains { $0.reachable })
        #expect(matrix.pairs.contains { $0.explanation?.code == ReachExplanation.tgwNoAttachmentInAz })
    }
}
