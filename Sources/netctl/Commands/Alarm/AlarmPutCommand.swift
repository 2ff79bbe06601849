import ArgumentParser
import NetctlAPI

struct AlarmPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Create or replace an alarm: M of N periods crossing the threshold set ALARM.",
        discussion: """
            Example: netctl alarm put many-peerings --namespace Netctl/VPC --metric-name ActivePeeringConnections \
            --dimension VpcId=vpc-… --statistic Maximum --period 60 --evaluation-periods 3 --datapoints-to-alarm 2 \
            --threshold 40 --comparison-operator GreaterThanOrEqualToThreshold
            """)
    @Argument(help: "Alarm name.")
    var name: String
    @Option(help: ArgumentHelp("Namespace of the metric.", valueName: "namespace"))
    var namespace: String
    @Option(name: .customLong("metric-name"), help: ArgumentHelp("Metric name.", valueName: "name"))
    var metricName: String
    @Option(name: .customLong("dimension"), help: ArgumentHelp("A dimension NAME=VALUE (repeatable).", valueName: "name=value"))
    var dimensions: [String] = []
    @Option(help: "SampleCount, Sum, Average, Minimum, Maximum or pNN.")
    var statistic = "Average"
    @Option(help: "Period in seconds (10, 20, 30 or a multiple of 60).")
    var period = 60
    @Option(name: .customLong("evaluation-periods"), help: "N: how many recent periods are looked at.")
    var evaluationPeriods = 1
    @Option(name: .customLong("datapoints-to-alarm"), help: "M: how many of them must cross the threshold (default N).")
    var datapointsToAlarm: Int?
    @Option(help: "The threshold.")
    var threshold: Double
    @Option(
        name: .customLong("comparison-operator"),
        help: ArgumentHelp(
            "GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold.",
            valueName: "operator"))
    var comparisonOperator = "GreaterThanOrEqualToThreshold"
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = AlarmPut(
            name: name, namespace: namespace, metricName: metricName, dimensions: try parseDimensions(dimensions),
            statistic: statistic, period: period, evaluationPeriods: evaluationPeriods, datapointsToAlarm: datapointsToAlarm,
            threshold: threshold, comparisonOperator: comparisonOperator)
        try await Runner(global: global).run(request) { "\($0.name): \($0.state) (\($0.stateReason))" }
    }
}
