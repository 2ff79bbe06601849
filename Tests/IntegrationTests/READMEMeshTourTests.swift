import Foundation
import Testing

/// The README's "When the mesh gets too big", run line by line (`READMETour`) against a netctld
/// started as the section says (six more VPCs need a raised quota), its `sleep`s included.
@Suite struct READMEMeshTourTests {
    @Test func theMeshMovesOntoAHubAndTheOfficeFollowsItsTunnels() async throws {
        let answers = try await READMETour.run(marker: "mesh tour", daemonArguments: ["--quota", "vpcsPerRegion=20"])

        // Before: over the m1–m6 peering; after: over the hub, its table named, peerings all deleted.
        let m1ToM6 = try #require(answers["netctl reach m1-a m6-a"])
        #expect(m1ToM6.count == 2)
        #expect(m1ToM6.first?.contains("peering pcx-") == true, "\(m1ToM6)")
        let overHub = try #require(m1ToM6.last)
        for hop in ["transitGatewayAttachment", "transitGatewayRouteTable", "return path"] {
            #expect(overHub.contains(hop), "\(hop) in \(overHub)")
        }
        #expect(!overHub.contains("pcx-"), "\(overHub)")
        let migration = try #require(answers["netctl topology migrate m1 m2 m3 m4 m5 m6 --tgw core --delete-peerings"]?.first)
        #expect(migration.contains("30 of 30 pairs reachable before, 30 after"), "\(migration)")
        #expect(migration.components(separatedBy: "deletePeering").count - 1 == 15, "\(migration)")
        let peerings = try #require(answers["netctl peer list"]?.first)
        #expect(peerings.components(separatedBy: " deleted ").count - 1 == 15, "\(peerings)")
        #expect(!peerings.contains(" active "), "\(peerings)")

        // The office: open with both tunnels, with one, withdrawn with neither (and why), open over Direct Connect.
        let office = try #require(answers["netctl reach m1-a onprem:192.168.10.0/24"])
        #expect(office.count == 4)
        #expect(office[0].contains("tunnel 0") && office[0].contains("can reach"), "\(office[0])")
        #expect(office[1].contains("tunnel 1") && office[1].contains("can reach"), "\(office[1])")
        #expect(office[2].contains("VPN_TUNNELS_DOWN") && office[2].contains("tgw-rtb-"), "\(office[2])")
        #expect(
            office[3].contains("can reach") && office[3].contains("directConnectGateway")
                && office[3].contains("allowed prefix 10.64.0.0/10"), "\(office[3])")
        let m2 = try #require(answers["netctl reach m2-a onprem:192.168.10.0/24"]?.first)
        #expect(m2.contains("NO_ROUTE_TO_DESTINATION"), "\(m2)")
    }
}
