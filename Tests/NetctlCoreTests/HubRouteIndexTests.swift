import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// `transitGatewayRoute(in:to:)` answers from an index kept per table and state revision: it must pick
/// what a scan of `transitGatewayRoutes(of:)` picks, and never answer from a revision the state has left.
@Suite("Hub route look-ups")
struct HubRouteIndexTests {
    @Test("the index picks the longest matching prefix, as a scan of the ordered routes does, on random tables")
    func agreesWithTheScan() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var byDestination: [String: TransitGatewayRoute] = [:]
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let length = Int.random(in: 0...32, using: &generator)
                // Few distinct high octets, so prefixes nest and compete.
                let network = IPv4Address(UInt32.random(in: 0...3, using: &generator) << 30
                    | UInt32.random(in: 0...UInt32.max, using: &generator) >> 2)
                let cidr = IPv4CIDR(network: network, prefixLength: length)
                byDestination[cidr.description] = TransitGatewayRoute(
                    destinationCidrBlock: cidr.description, type: TransitGatewayRoute.staticType,
                    state: TransitGatewayRoute.active, attachments: [])
            }
            // Ordered as `transitGatewayRoutes(of:)` orders them: longest prefix first.
            let routes = byDestination.values.sorted {
                (IPv4CIDR($0.destinationCidrBlock)!.prefixLength, $0.destinationCidrBlock)
                    > (IPv4CIDR($1.destinationCidrBlock)!.prefixLength, $1.destinationCidrBlock)
            }
            let index = HubRouteIndex(routes)
            for _ in 0..<200 {
                let address = IPv4Address(UInt32.random(in: 0...UInt32.max, using: &generator))
                let scanned = routes.first { IPv4CIDR($0.destinationCidrBlock)!.contains(address) }
                #expect(index.route(to: address) == scanned, "\(address) in \(routes.map(\.destinationCidrBlock))")
            }
        }
    }

    @Test("a change to the table is seen at once; an older snapshot and a rolled-back command keep their own answers")
    func changesAreSeen() throws {
        var w = try HubWorld()
        #expect(try w.f.reach("a1", "b1").reachable)
        let before = w.f.state
        try w.f.hubRoute(w.defaultTable, "10.2.1.0/24", blackhole: true)
        #expect(try w.f.reach("a1", "b1").codes == [ReachExplanation.tgwRouteBlackhole])
        // The older copy shares the cache with the newer one, and still routes by its own table.
        let old = try #require(before.transitGatewayRouteTables[w.defaultTable])
        let route = before.transitGatewayRoute(in: old, to: IPv4Address("10.2.1.10")!)
        #expect(route?.destinationCidrBlock == "10.2.0.0/16" && route?.state == TransitGatewayRoute.active)
        // A command that fails leaves the state as it was, and the answers with it, even when it
        // looked a route up (and so indexed the table) between its change and its failure.
        let table = w.defaultTable
        w.f.expectFailure(.routeAlreadyExists) { s, c throws(NetctlError) in
            _ = try s.deleteTransitGatewayRoute(
                TransitGatewayRouteDelete(routeTable: table, destinationCidrBlock: "10.2.1.0/24"), &c)
            _ = try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(routeTable: table, destinationCidrBlock: "10.99.0.0/16", blackhole: true), &c)
            // Indexed after the command's last change: the failure below must not leave this index in use.
            let midway = s.transitGatewayRouteTables[table].flatMap {
                s.transitGatewayRoute(in: $0, to: IPv4Address("10.2.1.10")!)
            }
            #expect(midway?.destinationCidrBlock == "10.2.0.0/16")
            _ = try s.createTransitGatewayRoute(
                TransitGatewayRouteCreate(routeTable: table, destinationCidrBlock: "10.99.0.0/16", blackhole: true), &c)
        }
        #expect(try w.f.reach("a1", "b1").codes == [ReachExplanation.tgwRouteBlackhole])
    }
}
