import Foundation
import NetctlAPI
import NetctlClient

extension Workloads {
    /// `vpcs` VPCs (disjoint /16s of 10.0.0.0/8, one /24 subnet each) meshed with routes by one
    /// `peering.mesh`, then one timed `topology.migrate {deletePeerings: true}`: the hub, an attachment
    /// per VPC, every mesh route moved, reach compared before and after, every peering deleted, in one
    /// transaction. The latency runs from the request until the answer has arrived.
    func topologyMigrate(vpcs: Int) async throws {
        let client = NetctlClient(socketPath: socket)
        let names = (0..<vpcs).map { "t\($0)" }
        try await client.withConnection { connection in
            for (index, name) in names.enumerated() {
                _ = try await connection.send(VpcCreate(cidrBlock: "10.\(index).0.0/16", name: name))
                _ = try await connection.send(
                    SubnetCreate(vpc: name, cidrBlock: "10.\(index).1.0/24", name: "\(name)-a"))
            }
            _ = try await connection.send(PeeringMesh(vpcs: names, routes: true))
        }
        var latencies = Latencies()
        let started = ContinuousClock.now
        let report = try await client.withConnection { connection -> TopologyMigrateResponse in
            let begin = ContinuousClock.now
            let report = try await connection.send(TopologyMigrate(vpcs: names, deletePeerings: true))
            latencies.record(from: begin)
            return report
        }
        try output.emit(
            Measurement(
                workload: "topology.migrate of a mesh", clients: 1, requests: 1,
                elapsed: ContinuousClock.now - started, latencies: latencies, target: .topologyMigrate,
                note: "\(vpcs) VPCs: \(report.peeringsDeleted) of \(report.peerings.count) peerings deleted, "
                    + "\(report.routesReplaced) routes moved; \(report.reachableAfter) of \(report.pairsChecked) pairs "
                    + "reachable after, \(report.reachableBefore) before"))
    }
}
