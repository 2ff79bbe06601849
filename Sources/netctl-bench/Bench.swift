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

    @Option(help: "What to send: vpc.create or vpc.get.")
    var method = "vpc.create"

    func run() async throws {
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
        let elapsed = ContinuousClock.now - started
        var merged = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for histogram in histograms { merged.add(histogram) }
        let total = clients * requestsPerClient
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            String(
                format: "%@ clients=%d requests=%d elapsed=%.2fs throughput=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms",
                method, clients, total, seconds, Double(total) / seconds,
                Double(merged.valueAtPercentile(50)) / 1000, Double(merged.valueAtPercentile(99)) / 1000,
                Double(merged.max) / 1000))
    }
}
