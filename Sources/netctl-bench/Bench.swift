import ArgumentParser
import Foundation
import Histogram
import NetctlAPI
import NetctlClient

/// Measures a running netctld from the outside: N clients, each on its own connection, sending
/// mutations back to back. Reports throughput and latency percentiles.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netctl-bench", abstract: "Load a running netctld and report throughput and latency.")

    @Option(help: "netctld's socket.")
    var socket: String

    @Option(help: "Concurrent clients, each with its own connection.")
    var clients = 1

    @Option(name: .customLong("requests"), help: "Requests per client.")
    var requestsPerClient = 500

    @Option(help: "What to send: vpc.create, vpc.get, or reach-scale (load VPCs and peerings, then time reach.analyze).")
    var method = "vpc.create"

    @Option(help: "reach-scale: how many VPCs to load.")
    var vpcs = 2000

    @Option(help: "reach-scale: VPCs per full mesh; neighbouring meshes share one VPC.")
    var meshSize = 11

    @Flag(help: "Print each workload as one JSON object per line instead of text.")
    var json = false

    func run() async throws {
        if method == "reach-scale" { return try await reachScale() }
        let client = NetctlClient(socketPath: socket)
        if method == "vpc.get" {
            _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "bench-target"))
        }
        let started = ContinuousClock.now
        let histograms = try await withThrowingTaskGroup(of: Histogram<UInt64>.self) { group in
            for _ in 0..<clients {
                group.addTask { [method, requestsPerClient] in
                    var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
                    try await client.withConnection { connection in
                        for _ in 0..<requestsPerClient {
                            let begin = ContinuousClock.now
                            if method == "vpc.get" {
                                _ = try await connection.send(VpcGet(vpc: "bench-target"))
                            } else {
                                _ = try await connection.send(VpcCreate(cidrBlock: "10.0.0.0/16"))
                            }
                            histogram.record(UInt64(max(1, (ContinuousClock.now - begin) / .microseconds(1))))
                        }
                    }
                    return histogram
                }
            }
            var all: [Histogram<UInt64>] = []
            for try await histogram in group { all.append(histogram) }
            return all
        }
        report(method, histograms: histograms, clients: clients, total: clients * requestsPerClient, since: started)
    }

    private func report(_ label: String, histograms: [Histogram<UInt64>], clients: Int, total: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        var merged = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for histogram in histograms { merged.add(histogram) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func milliseconds(_ percentile: Double) -> Double { Double(merged.valueAtPercentile(percentile)) / 1000 }
        if json {
            let fields: [(String, String)] = [
                ("workload", "\"\(label)\""), ("clients", "\(clients)"), ("requests", "\(total)"),
                ("seconds", String(format: "%.3f", seconds)), ("throughput", String(format: "%.0f", Double(total) / seconds)),
                ("p50Ms", String(format: "%.3f", milliseconds(50))), ("p90Ms", String(format: "%.3f", milliseconds(90))),
                ("p99Ms", String(format: "%.3f", milliseconds(99))), ("maxMs", String(format: "%.3f", Double(merged.max) / 1000)),
            ]
            print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            return
        }
        print(
            String(
                format: "%@ clients=%d requests=%d elapsed=%.2fs throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
                label, clients, total, seconds, Double(total) / seconds, milliseconds(50), milliseconds(90),
                milliseconds(99), Double(merged.max) / 1000))
    }

    /// Loads `vpcs` VPCs in overlapping full meshes (every peering active and routed), then times
    /// reach.analyze between random pairs and peering.list {vpc} from one connection.
    private func reachScale() async throws {
        let client = NetctlClient(socketPath: socket)
        let loadStart = ContinuousClock.now
        let names = (0..<vpcs).map { "s\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask { [vpcs] in
                    try await client.withConnection { connection in
                        for index in Swift.stride(from: worker, to: vpcs, by: 16) {
                            // Disjoint /20s: 4,096 of them fit in 10.0.0.0/8.
                            let cidr = "10.\(index / 16).\((index % 16) * 16).0/20"
                            _ = try await connection.send(VpcCreate(cidrBlock: cidr, name: "s\(index)"))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let stride = meshSize - 1
        let groups = Swift.stride(from: 0, to: vpcs - 1, by: stride).map { Array(names[$0..<min($0 + meshSize, vpcs)]) }
        let peerings = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    try await client.withConnection { connection in
                        var created = 0
                        // Neighbouring meshes share a VPC: give each worker every 8th mesh, in order.
                        for index in Swift.stride(from: worker, to: groups.count, by: 8) {
                            created += try await connection.send(PeeringMesh(vpcs: groups[index], routes: true)).created
                        }
                        return created
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let loaded = ContinuousClock.now - loadStart
        let loadSeconds = Double(loaded.components.seconds) + Double(loaded.components.attoseconds) / 1e18
        print(
            json
                ? #"{"workload":"load","vpcs":\#(vpcs),"peerings":\#(peerings),"seconds":\#(String(format: "%.3f", loadSeconds))}"#
                : "loaded \(vpcs) VPCs and \(peerings) active, routed peerings in \(String(format: "%.2f", loadSeconds)) s")

        var reach = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var list = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var reachable = 0
        let samples = requestsPerClient * 4
        var generator = SystemRandomNumberGenerator()
        let started = ContinuousClock.now
        try await client.withConnection { connection in
            for sample in 0..<samples {
                let source: String
                let destination: String
                if sample % 2 == 0, let mesh = groups.randomElement(using: &generator), mesh.count > 1 {
                    let pair = mesh.shuffled(using: &generator).prefix(2)
                    (source, destination) = (pair.first!, pair.last!)
                } else {
                    (source, destination) = (names.randomElement(using: &generator)!, names.randomElement(using: &generator)!)
                }
                let begin = ContinuousClock.now
                let analysis = try await connection.send(ReachAnalyze(source: source, destination: destination))
                reach.record(UInt64(max(1, (ContinuousClock.now - begin) / .microseconds(1))))
                if analysis.reachable { reachable += 1 }
                let listBegin = ContinuousClock.now
                _ = try await connection.send(PeeringList(vpc: names.randomElement(using: &generator)!))
                list.record(UInt64(max(1, (ContinuousClock.now - listBegin) / .microseconds(1))))
            }
        }
        report("reach.analyze (round trip)", histograms: [reach], clients: 1, total: samples, since: started)
        if !json { print("  \(reachable) of \(samples) pairs reachable") }
        report("peering.list {vpc} (round trip)", histograms: [list], clients: 1, total: samples, since: started)
    }
}
