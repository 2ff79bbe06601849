import ArgumentParser
import Foundation
import NetctlAPI

struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "CloudWatch-style metrics: netctl's (Netctl/VPC, Netctl/RPC) and yours.",
        subcommands: [MetricsListCommand.self, MetricsGetCommand.self, MetricsPutCommand.self])
}

/// Parses `Name=Value` dimensions.
func parseDimensions(_ texts: [String]) throws -> [MetricDimension]? {
    guard !texts.isEmpty else { return nil }
    return try texts.map { text in
        guard let equals = text.firstIndex(of: "=") else { throw ValidationError("--dimension '\(text)' must be NAME=VALUE") }
        return MetricDimension(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }
}

struct MetricsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Metrics with data in the last two weeks.")
    @Option(help: ArgumentHelp("Only this namespace, e.g. Netctl/VPC.", valueName: "namespace"))
    var namespace: String?
    @Option(name: .customLong("metric-name"), help: ArgumentHelp("Only this metric.", valueName: "name"))
    var metricName: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(MetricsList(namespace: namespace, metricName: metricName)) { response in
            Output.table(
                ["NAMESPACE", "METRIC", "DIMENSIONS"],
                response.metrics.map {
                    [$0.namespace, $0.metricName, $0.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",").nonEmpty ?? "-"]
                })
        }
    }
}

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

struct MetricsPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Record a datapoint of your own metric (PutMetricData).",
        discussion: "Example: netctl metrics put MyApp Latency 12.5 --unit Milliseconds --dimension Service=web")
    @Argument(help: "Namespace (not AWS/ or Netctl/).")
    var namespace: String
    @Argument(help: "Metric name.")
    var metricName: String
    @Argument(help: "Value.")
    var value: Double
    @Option(help: ArgumentHelp("Unit, e.g. Count, Milliseconds, Bytes (default None).", valueName: "unit"))
    var unit: String?
    @Option(name: .customLong("dimension"), help: ArgumentHelp("A dimension NAME=VALUE (repeatable).", valueName: "name=value"))
    var dimensions: [String] = []
    @Flag(name: .customLong("high-resolution"), help: "Store at 1-second resolution.")
    var highResolution = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard value.isFinite else { throw ValidationError("the value must be a finite number, not \(value)") }
    }

    func run() async throws {
        let datum = MetricDatum(
            metricName: metricName, dimensions: try parseDimensions(dimensions), value: value, unit: unit,
            storageResolution: highResolution ? 1 : nil)
        try await Runner(global: global).run(MetricsPut(namespace: namespace, metricData: [datum])) { _ in
            "recorded \(namespace) \(metricName) = \(value)"
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
