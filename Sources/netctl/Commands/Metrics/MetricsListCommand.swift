import ArgumentParser
import NetctlAPI

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

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
