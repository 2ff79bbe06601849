import Foundation
import Testing

/// The README's "seed's two instances" tour, run line by line (`READMETour`).
@Suite struct READMEInstancesTourTests {
    @Test func theTourRunsAsWrittenAndEachReachSaysWhy() async throws {
        let answers = try await READMETour.run(marker: "instances tour")

        // Each verdict for the reason the README gives, not merely the exit status.
        let publicS3 = try #require(answers["netctl reach public-host s3"]?.first)
        #expect(publicS3.contains("igw-"), "the public host goes out through the internet gateway: \(publicS3)")
        let privateS3 = try #require(answers["netctl reach private-host s3"])
        #expect(privateS3.count == 2)
        #expect(privateS3.first?.contains("NO_ENDPOINT_OR_GATEWAY") == true, "\(privateS3)")
        #expect(privateS3.last?.contains("vpce-") == true, "then through the gateway endpoint: \(privateS3)")
        #expect(privateS3.last?.contains("igw-") == false, "not through the internet gateway: \(privateS3)")
        let dynamodb = try #require(answers["netctl reach private-host dynamodb"]?.first)
        #expect(dynamodb.contains("vpce-"), "\(dynamodb)")
        let ssm = try #require(answers["netctl reach private-host ssm"])
        #expect(ssm.count == 2)
        #expect(ssm.first?.contains("SECURITY_GROUP_DENIES_INGRESS") == true, "\(ssm)")
        #expect(ssm.last?.contains("SECURITY_GROUP_DENIES") == false, "\(ssm)")
    }
}
