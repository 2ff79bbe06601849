import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Replacing a hub's static route")
struct TransitGatewayRouteReplaceTests {
    func replace(_ f: inout Fixture, _ table: String, _ cidr: String, attachment: String? = nil, blackhole: Bool? = nil)
        throws(NetctlError) -> TransitGatewayRouteTable
    {
        try f.run { s, c throws(NetctlError) in
            try s.replaceTransitGatewayRoute(
                TransitGatewayRouteReplace(
                    routeTable: table, destinationCidrBlock: cidr, attachment: attachment, blackhole: blackhole), &c)
        }
    }

    @Test("a static route is pointed elsewhere in one change, and reach follows it")
    func replaceRetargets() throws {
        let w = try HubWorld()
        var f = w.f
        let table = w.defaultTable
        try f.hubRoute(table, "10.2.0.0/16", blackhole: true)
        #expect(try !f.reach("a1", "b1").reachable)
        _ = f.state.takeChanges()
        let replaced = try replace(&f, table, "10.2.0.0/16", attachment: w.b.attachmentId)
        #expect(replaced.staticRoutes == [
            TransitGatewayStaticRoute(destinationCidrBlock: "10.2.0.0/16", attachmentId: w.b.attachmentId, blackhole: false)
        ])
        #expect(f.state.takeChanges().events.count == 1, "one change event for the one change")
        #expect(try f.reach("a1", "b1").reachable)
        _ = try replace(&f, table, "10.2.0.0/16", blackhole: true)
        let route = try #require(try f.hubRoutes(table).first { $0.destinationCidrBlock == "10.2.0.0/16" })
        #expect(route.state == TransitGatewayRoute.blackhole && route.type == TransitGatewayRoute.staticType)
    }

    @Test("only an existing static route is replaced, with one target, of the table's own hub")
    func replaceRefuses() throws {
        let w = try HubWorld()
        var f = w.f
        let table = w.defaultTable
        let before = f.state
        f.expectFailure(.routeNotFound, "the propagated /16 is not a static route") { s, c throws(NetctlError) in
            try s.replaceTransitGatewayRoute(
                TransitGatewayRouteReplace(routeTable: table, destinationCidrBlock: "10.2.0.0/16", blackhole: true), &c)
        }
        try f.hubRoute(table, "10.9.0.0/16", attachment: w.a.attachmentId)
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.replaceTransitGatewayRoute(
                TransitGatewayRouteReplace(
                    routeTable: table, destinationCidrBlock: "10.9.0.0/16", attachment: w.b.attachmentId, blackhole: true),
                &c)
        }
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.replaceTransitGatewayRoute(TransitGatewayRouteReplace(routeTable: table, destinationCidrBlock: "10.9.0.0/16"), &c)
        }
        f.expectFailure(.transitGatewayAttachmentNotFound) { s, c throws(NetctlError) in
            try s.replaceTransitGatewayRoute(
                TransitGatewayRouteReplace(
                    routeTable: table, destinationCidrBlock: "10.9.0.0/16", attachment: "tgw-attach-0123456789abcdef0"),
                &c)
        }
        let route = try #require(try f.hubRoutes(table).first { $0.destinationCidrBlock == "10.9.0.0/16" })
        #expect(route.attachments.map(\.attachmentId) == [w.a.attachmentId], "a refused replace changes nothing")
        #expect(before.transitGatewayRouteTables[table]?.staticRoutes == [])
    }
}
