import Foundation
import NIOCore
import Testing

@testable import netctl_bench

/// How AWS-endpoint rows read in the summary when a run failed or could not run.
struct MeasurementTests {
    @Test func aRunWithErrorsDoesNotMeetItsTarget() {
        var measurement = netctl_bench.Measurement(workload: "CreateVpc over the AWS endpoint")
        measurement.throughput = 5_000
        measurement.errors = 1
        #expect(!Target.awsCreates.isMet(by: measurement))
        measurement.errors = 0
        #expect(Target.awsCreates.isMet(by: measurement))
    }

    @Test func anUnavailableWorkloadSaysWhy() throws {
        var measurement = netctl_bench.Measurement(
            workload: "DescribeVpcPeeringConnections by ID over the AWS endpoint")
        measurement.clients = 1
        measurement.unavailable = "netctld answers HTTP 400 InvalidAction: no"
        #expect(measurement.result == "not available: netctld answers HTTP 400 InvalidAction: no")
        let line = try JSONEncoder().encode(measurement)
        let decoded = try JSONDecoder().decode(netctl_bench.Measurement.self, from: line)
        #expect(decoded.unavailable == measurement.unavailable)
        #expect(decoded.label == "DescribeVpcPeeringConnections by ID over the AWS endpoint, 1 client")
    }

    @Test func cidrsOfCreateVpcAreDistinctSlashTwentyEights() {
        #expect(AWSWorkloads.cidr28(0) == "10.0.0.0/28")
        #expect(AWSWorkloads.cidr28(1) == "10.0.0.16/28")
        #expect(AWSWorkloads.cidr28(16) == "10.0.1.0/28")
        #expect(AWSWorkloads.cidr28(AWSWorkloads.cidrSpace - 1) == "10.255.255.240/28")
        let sample = (0..<70_000).map(AWSWorkloads.cidr28)
        #expect(Set(sample).count == sample.count)
    }

    /// The check that a DescribeVpcPeeringConnections answer names the peering asked for.
    @Test func findsTextInAnAnswer() {
        let answer = ByteBuffer(string: "<item><vpcPeeringConnectionId>pcx-0a1</vpcPeeringConnectionId></item>")
        #expect(AWSWorkloads.occurs(Array("pcx-0a1".utf8), in: answer))
        #expect(AWSWorkloads.occurs(Array("<item>".utf8), in: answer))
        #expect(AWSWorkloads.occurs(Array("</item>".utf8), in: answer))
        #expect(!AWSWorkloads.occurs(Array("pcx-0a2".utf8), in: answer))
        #expect(!AWSWorkloads.occurs(Array("pcx-0a1".utf8), in: ByteBuffer(string: "pcx-0a")))
    }
}
