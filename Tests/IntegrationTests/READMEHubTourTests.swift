import Foundation
import Testing

/// The README's transit gateway tour, run line by line (`READMETour`), its `sleep`s included: the hub
/// and its attachments are pending on the daemon's clock.
@Suite struct READMEHubTourTests {
    @Test func theHubTourRunsAsWrittenAndEachReachSaysWhy() async throws {
        let answers = try await READMETour.run(marker: "hub tour")

        // Each verdict for the reason the README gives, not merely the exit status.
        let eastToWest = try #require(answers["netctl reach east-a west-a --protocol tcp --port 22"])
        #expect(eastToWest.count == 2)
        #expect(eastToWest.first?.contains("SECURITY_GROUP_DENIES_INGRESS") == true, "\(eastToWest)")
        let open = try #require(eastToWest.last)
        for hop in ["transitGatewayAttachment", "transitGatewayRouteTable", "return path"] {
            #expect(open.contains(hop), "\(hop) in \(open)")
        }
        let otherZone = try #require(answers["netctl reach east-b west-a --protocol tcp --port 22"]?.first)
        #expect(otherZone.contains("TGW_NO_ATTACHMENT_IN_AZ"), "\(otherZone)")
        #expect(otherZone.contains("us-east-1b"), "\(otherZone)")
    }
}
