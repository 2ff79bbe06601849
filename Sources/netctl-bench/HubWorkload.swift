import Foundation
import NetctlAPI
import NetctlClient

extension Workloads {
    /// Issue 19's hub at scale: one transit gateway, `vpcs` VPCs attached to it (two /24s each, both
    /// propagated into the hub's default table: 2 × `vpcs` propagated routes) and a route to the hub in
    /// each VPC's main table; then `samples` reach.analyze calls between random VPCs, each walking VPC
    /// route → attachment → hub table → attachment → VPC route table, and back.
    func hubReach(vpcs: Int, samples: Int) async throws {
        guard vpcs <= 32_768 else { throw BenchError("at most 32,768 VPCs: two disjoint /24s of 10.0.0.0/8 each") }
        let hub = try await client.send(TransitGatewayCreate(name: "bench-hub"))
        try await waitUntil("\(hub.transitGatewayId) available") {
            try await client.send(TransitGatewayGet(tgw: hub.transitGatewayId)).state == TransitGateway.available
        }
        let progress = Progress(label: "VPCs on the hub", total: vpcs)
        let vpcIds = try await phase("hub load: VPC, second CIDR, subnet, attachment, route", count: vpcs) {
            connection, index in
            let vpc = try await connection.send(VpcCreate(cidrBlock: Self.disjointCIDR(index), name: "h\(index)"))
            _ = try await connection.send(VpcAssociateCidr(vpc: vpc.vpcId, cidrBlock: Self.disjointCIDR(index + 32_768)))
            let subnet = try await connection.send(SubnetCreate(vpc: vpc.vpcId, cidrBlock: Self.disjointCIDR(index)))
            _ = try await connection.send(
                TransitGatewayAttachVpc(tgw: hub.transitGatewayId, vpc: vpc.vpcId, subnets: [subnet.subnetId]))
            _ = try await connection.send(
                RouteCreate(
                    routeTable: vpc.mainRouteTableId, destinationCidrBlock: "10.0.0.0/8",
                    transitGateway: hub.transitGatewayId))
            progress.advance()
            return vpc.vpcId
        }
        let table = hub.defaultRouteTableId ?? ""
        var routeCount = 0
        try await waitUntil("every attachment available and propagated") {
            routeCount = try await client.send(TransitGatewayRouteSearch(routeTable: table)).routes.count
            return routeCount == 2 * vpcs
        }
        try await waitForWatcher()

        var latencies = Latencies()
        var reachable = 0
        let started = ContinuousClock.now
        try await client.withConnection { connection in
            for _ in 0..<samples {
                let (source, destination) = (vpcIds.randomElement()!, vpcIds.randomElement()!)
                let begin = ContinuousClock.now
                let analysis = try await connection.send(ReachAnalyze(source: source, destination: destination))
                latencies.record(from: begin)
                if analysis.reachable { reachable += 1 }
            }
        }
        try output.emit(
            Measurement(
                workload: "reach.analyze between VPCs through one hub", clients: 1, requests: samples,
                elapsed: ContinuousClock.now - started, latencies: latencies, target: .reachThroughHub,
                note: "\(vpcs) VPCs attached, \(routeCount) propagated routes in \(table); "
                    + "\(reachable) of \(samples) pairs reachable"))
        guard reachable == samples else {
            throw BenchError("only \(reachable) of \(samples) pairs were reachable through the hub")
        }
    }

    /// Polls `condition` every 100 ms for up to 10 minutes: hubs and attachments move on the daemon's clock.
    private func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let started = ContinuousClock.now
        while try await !condition() {
            guard ContinuousClock.now - started < .seconds(600) else { throw BenchError("not \(what) after 10 minutes") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
