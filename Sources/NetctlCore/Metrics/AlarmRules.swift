import Foundation
import NetctlAPI

/// CloudWatch alarm rules (SEMANTICS.md 9.4): validation, and evaluation of M out of N periods.
public enum AlarmRules {
    public static let operators = [
        "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
    ]
    public static let insufficientData = "INSUFFICIENT_DATA"
    public static let ok = "OK"
    public static let alarm = "ALARM"

    public static func validate(_ request: AlarmPut) throws(NetctlError) {
        guard (1...255).contains(request.name.count) else {
            throw NetctlError(.invalidParameterValueException, "Alarm names are 1 to 255 characters.")
        }
        guard operators.contains(request.comparisonOperator) else {
            throw NetctlError(
                .invalidParameterValueException,
                "comparisonOperator must be one of \(operators.joined(separator: ", ")); got '\(request.comparisonOperator)'.")
        }
        try MetricRules.checkQuery(start: 0, end: Int64(request.period) * 1000, period: request.period, statistics: [request.statistic])
        guard request.period >= 10 else {
            throw NetctlError(.invalidParameterValueException, "An alarm's period is 10, 20, 30 or a multiple of 60 seconds.")
        }
        guard request.evaluationPeriods >= 1, Int64(request.evaluationPeriods) * Int64(request.period) <= 86_400 * 7 else {
            throw NetctlError(
                .invalidParameterValueException, "evaluationPeriods × period must be at least one period and at most 7 days.")
        }
        let m = request.datapointsToAlarm ?? request.evaluationPeriods
        guard (1...request.evaluationPeriods).contains(m) else {
            throw NetctlError(
                .invalidParameterValueException, "datapointsToAlarm must be between 1 and evaluationPeriods (\(request.evaluationPeriods)).")
        }
        guard request.threshold.isFinite else {
            throw NetctlError(.invalidParameterValueException, "threshold must be a finite number.")
        }
        guard (request.alarmDescription?.count ?? 0) <= 1024 else {
            throw NetctlError(.invalidParameterValueException, "An alarm's description is at most 1,024 characters.")
        }
    }

    public static let states = [ok, alarm, insufficientData]

    /// The alarms DescribeAlarms returns: by name, by name prefix (not both), by state; in name order.
    public static func filter(_ alarms: [Alarm], _ request: AlarmList) throws(NetctlError) -> [Alarm] {
        if request.names != nil && request.namePrefix != nil {
            throw NetctlError(
                .invalidParameterCombinationException, "Give alarm names or a name prefix, not both.")
        }
        if let names = request.names, names.count > 100 {
            throw NetctlError(.invalidParameterValueException, "At most 100 alarm names at once; got \(names.count).")
        }
        if let state = request.stateValue, !states.contains(state) {
            throw NetctlError(
                .invalidParameterValueException,
                "stateValue must be one of \(states.joined(separator: ", ")); got '\(state)'.")
        }
        let names = request.names.map(Set.init)
        return alarms.filter { alarm in
            (names?.contains(alarm.name) ?? true) && (request.namePrefix.map { alarm.name.hasPrefix($0) } ?? true)
                && (request.stateValue.map { $0 == alarm.state } ?? true)
        }.sorted { $0.name < $1.name }
    }

    /// SetAlarmState: the state as given, until the alarm's next evaluation.
    public static func setState(_ alarm: Alarm, _ request: AlarmSetState, now: Int64) throws(NetctlError) -> Alarm {
        guard states.contains(request.stateValue) else {
            throw NetctlError(
                .invalidParameterValueException,
                "stateValue must be one of \(states.joined(separator: ", ")); got '\(request.stateValue)'.")
        }
        guard request.stateReason.count <= 1023 else {
            throw NetctlError(.invalidParameterValueException, "stateReason is at most 1,023 characters.")
        }
        if let data = request.stateReasonData {
            guard data.count <= 4000,
                (try? JSONSerialization.jsonObject(with: Data(data.utf8), options: [.fragmentsAllowed])) != nil
            else {
                throw NetctlError(
                    "InvalidFormat", "stateReasonData must be a JSON document of at most 4,000 characters.")
            }
        }
        var alarm = alarm
        alarm.state = request.stateValue
        alarm.stateReason = request.stateReason
        alarm.stateReasonData = request.stateReasonData
        alarm.stateUpdatedAt = now
        return alarm
    }

    public static func breaches(_ value: Double, _ alarm: Alarm) -> Bool {
        switch alarm.comparisonOperator {
        case "GreaterThanOrEqualToThreshold": value >= alarm.threshold
        case "GreaterThanThreshold": value > alarm.threshold
        case "LessThanThreshold": value < alarm.threshold
        default: value <= alarm.threshold
        }
    }

    /// The state the alarm should be in, given the statistic's value for each of the last N complete
    /// periods (nil where a period has no data; missing data is not breaching, and no data at all is
    /// INSUFFICIENT_DATA).
    public static func evaluate(_ alarm: Alarm, values: [Double?]) -> (state: String, reason: String) {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else {
            return (insufficientData, "No datapoints in the last \(alarm.evaluationPeriods) periods of \(alarm.period) s.")
        }
        let breaching = present.filter { breaches($0, alarm) }.count
        let shown = present.map { $0.rounded() == $0 ? String(Int64($0)) : String($0) }.joined(separator: ", ")
        if breaching >= alarm.datapointsToAlarm {
            return (
                Self.alarm,
                "Threshold Crossed: \(breaching) of the last \(alarm.evaluationPeriods) datapoints [\(shown)] were "
                    + "\(alarm.comparisonOperator) \(alarm.threshold) (needs \(alarm.datapointsToAlarm))."
            )
        }
        return (
            ok,
            "\(breaching) of the last \(alarm.evaluationPeriods) datapoints [\(shown)] crossed the threshold \(alarm.threshold); "
                + "\(alarm.datapointsToAlarm) are needed."
        )
    }
}
