import ArgumentParser
import Foundation
import NetctlAPI

struct MetricsGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Statistics of a metric per period, with a sparkline.",
        discussion: """
            Example: netctl metrics get Netctl/VPC ActivePeeringConnections --dimension VpcId=vpc-… --since 1h
            """)
    @Argument(help: "Namespace, e.g. Netctl/VPC.")
    var namespace: String
    @Argument(help: "Metric name, e.g. ActivePeeringConnections.")
    var metricName: String
    @Option(name: .customLong("dimension"), help: ArgumentHelp("A dimension NAME=VALUE (repeatable).", valueName: "name=value"))
    var dimensions: [String] = []
    @Option(help: ArgumentHelp("How far back: 30m, 3h, 2d (default 1h).", valueName: "duration"))
    var since = "1h"
    @Option(help: "Period in seconds (a multiple of 60, or 1, 5, 10, 20, 30).")
    var period = 60
    @Option(name: .customLong("statistic"), help: ArgumentHelp("SampleCount, Sum, Average, Minimum, Maximum or pNN (repeatable).", valueName: "statistic"))
    var statistics: [String] = []
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let now = Timestamp.epochMilliseconds(Date())
        let window = try Self.duration(since)
        let wanted = statistics.isEmpty ? ["Average", "Minimum", "Maximum", "SampleCount"] : statistics
        let request = MetricsGet(
            namespace: namespace, metricName: metricName, dimensions: try parseDimensions(dimensions),
            startTime: now - window, endTime: now + 1, period: period, statistics: wanted)
        try await Runner(global: global).run(request) { response in
            let rows = response.datapoints.map { point in
                [Timestamp.format(Date(timeIntervalSince1970: Double(point.timestamp) / 1000))]
                    + wanted.map { statistic in point.value(of: statistic).map { Self.number($0) } ?? "-" } + [point.unit]
            }
            let primary = response.datapoints.compactMap { $0.value(of: wanted[0]) }
            let spark = primary.isEmpty ? "no datapoints in the last \(since)" : "\(wanted[0]): \(Self.sparkline(primary))"
            return Output.table(["TIMESTAMP"] + wanted.map { $0.uppercased() } + ["UNIT"], rows) + "\n" + spark
        }
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }

    /// ▁▂▃▄▅▆▇█ scaled between the smallest and the largest value.
    static func sparkline(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let low = values.min(), let high = values.max() else { return "" }
        let range = high - low
        return String(values.map { value in
            range == 0 ? blocks[blocks.count / 2] : blocks[min(Int((value - low) / range * Double(blocks.count - 1)), blocks.count - 1)]
        })
    }

    static func duration(_ text: String) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0 else {
            throw ValidationError("--since '\(text)' must be a number and s, m, h or d, e.g. 30m")
        }
        return count * unit
    }
}
