import ArgumentParser
import Foundation
import NetctlAPI

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
