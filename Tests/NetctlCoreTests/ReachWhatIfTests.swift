import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Reachability: what if something were gone")
struct ReachWhatIfTests {
    private func reach(_ f: Fixture, _ source: String, _ destination: String, without: [String]) throws(NetctlError)
        -> ReachAnalysis
    {
        try f.state.analyzeReach(ReachAnalyze(source: source, destination: destination, without: without), f.query())
    }

    @Test("without the peering, its routes are blackholes; the real state still has both")
    func withoutPeering() throws {
        let chain = try ReachabilityTests.Chain()
        #expect(try chain.f.reach("a", "b").reachable)
        let analysis = try reach(chain.f, "a", "b", without: [chain.ab.peeringId])
        #expect(!analysis.reachable)
        #expect(analysis.codes.contains(ReachExplanation.routeBlackhole))
        #expect(analysis.explanation(ReachExplanation.peeringNotActive)?.message.contains("deleted") == true)
        #expect(analysis.path.contains { $0.component == "route" && $0.detail.contains("blackhole") })
        // Nothing changed.
        #expect(chain.f.state.peerings[chain.ab.peeringId] != nil)
        #expect(try chain.f.reach("a", "b").reachable)
        #expect(try chain.f.state.routeTable(chain.f.mainTable("a"), in: chain.f.scope).routes.allSatisfy { $0.state == .active })
        // The other peering is untouched.
        #expect(try reach(chain.f, "b", "c", without: [chain.ab.peeringId]).reachable)
    }

    @Test("without a route, the table has no route to the destination")
    func withoutRoute() throws {
        let chain = try ReachabilityTests.Chain()
        let table = try chain.f.mainTable("a")
        let analysis = try reach(chain.f, "a", "b", without: ["\(table):10.2.0.0/16"])
        #expect(analysis.codes.first == ReachExplanation.noRouteToDestination)
        #expect(try chain.f.reach("a", "b").reachable)
        // The return path is its own table's: removing a's route leaves b → a alone.
        #expect(try reach(chain.f, "b", "a", without: ["\(table):10.2.0.0/16"]).codes == [ReachExplanation.noReturnRoute])
    }

    @Test("without the internet gateway, the public subnet's default route is a blackhole; without the NAT gateway, the private one's")
    func withoutGateways() throws {
        let n = try ReachabilityTests.Internet()
        #expect(try n.f.reach(n.pub.subnetId, "8.8.8.8").reachable)
        #expect(try n.f.reach(n.priv.subnetId, "8.8.8.8").reachable)
        let noIgw = try reach(n.f, n.pub.subnetId, "8.8.8.8", without: [n.igw.internetGatewayId])
        #expect(noIgw.codes == [ReachExplanation.routeBlackhole])
        let noNat = try reach(n.f, n.priv.subnetId, "8.8.8.8", without: [n.nat.natGatewayId])
        #expect(noNat.codes == [ReachExplanation.routeBlackhole])
        // The private subnet also loses the internet when only the gateway behind its NAT goes.
        #expect(!(try reach(n.f, n.priv.subnetId, "8.8.8.8", without: [n.igw.internetGatewayId]).reachable))
        #expect(try n.f.reach(n.pub.subnetId, "8.8.8.8").reachable)
    }

    @Test("what cannot be removed, or does not exist, is refused with its code")
    func refusals() throws {
        let chain = try ReachabilityTests.Chain()
        let table = try chain.f.mainTable("a")
        for (without, code) in [
            ("vpc-0123456789abcdef0", ErrorCode.invalidParameterValue), ("pcx-0123456789abcdef0", .peeringNotFound),
            ("\(table):10.9.0.0/16", .invalidParameterValue), ("\(table):10.1.0.0/16", .invalidParameterValue),
            ("igw-0123456789abcdef0", .internetGatewayNotFound),
        ] {
            #expect(throws: NetctlError.self) { try reach(chain.f, "a", "b", without: [without]) }
            do {
                _ = try reach(chain.f, "a", "b", without: [without])
            } catch {
                #expect(error.code == code, "\(without)")
            }
        }
    }
}
