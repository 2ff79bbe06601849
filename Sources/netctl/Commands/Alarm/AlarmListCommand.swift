import ArgumentParser
import NetctlAPI

struct AlarmListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Alarms and their states.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(AlarmList()) { response in
            Output.table(
                ["ALARM", "STATE", "METRIC", "CONDITION", "SINCE"],
                response.alarms.map { alarm in
                    [
                        alarm.name, alarm.state, "\(alarm.namespace) \(alarm.metricName)",
                        "\(alarm.statistic) \(alarm.comparisonOperator) \(alarm.threshold), \(alarm.datapointsToAlarm) of \(alarm.evaluationPeriods) × \(alarm.period)s",
                        LogView.time(alarm.stateUpdatedAt),
                    ]
                })
        }
    }
}
