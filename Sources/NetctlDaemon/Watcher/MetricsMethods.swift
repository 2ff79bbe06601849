import Foundation
import NetctlAPI
import NetctlCore

/// The CloudWatch metrics methods over the watcher's store.
enum MetricsMethods {
    /// ListMetrics shows metrics with data in the last two weeks.
    static let listWindow: Int64 = 14 * 86_400_000
}

extension AlarmDelete: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.deleteAlarm(call.caller.scope, name)
        return EmptyResponse()
    }
}

extension AlarmList: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        AlarmListResponse(alarms: try call.watcher.streams.alarms(call.caller.scope).map(\.alarm))
    }
}

extension AlarmPut: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try AlarmRules.validate(self)
        let alarm = Alarm(
            name: name, namespace: namespace, metricName: metricName,
            dimensions: (dimensions ?? []).sorted(), statistic: statistic, period: period,
            evaluationPeriods: evaluationPeriods,
            datapointsToAlarm: datapointsToAlarm ?? evaluationPeriods, threshold: threshold,
            comparisonOperator: comparisonOperator, state: AlarmRules.insufficientData,
            stateReason: "Unchecked: initial alarm creation", stateUpdatedAt: Timestamp.epochMilliseconds(call.now))
        try call.watcher.streams.putAlarm(call.caller.scope, alarm)
        call.watcher.wake()
        return alarm
    }
}

extension MetricsGet: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try MetricRules.checkQuery(
            start: startTime, end: endTime, period: period, statistics: statistics)
        let samples = try call.watcher.streams.metricSamples(
            call.caller.scope, namespace: namespace, name: metricName,
            dimensions: dimensions ?? [], start: startTime, end: endTime)
        // Data with different units is aggregated separately, as in CloudWatch.
        var datapoints: [MetricDatapoint] = []
        for unit in Set(samples.map(\.unit)).sorted() {
            datapoints += MetricRules.datapoints(
                samples.filter { $0.unit == unit }.map(\.observation), period: period,
                statistics: statistics, unit: unit)
        }
        return MetricsGetResponse(datapoints: datapoints.sorted { $0.timestamp < $1.timestamp })
    }
}

extension MetricsList: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        MetricsListResponse(
            metrics: try call.watcher.streams.listMetrics(
                call.caller.scope, namespace: namespace, name: metricName,
                since: Timestamp.epochMilliseconds(call.now) - MetricsMethods.listWindow))
    }
}

extension MetricsPut: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let samples = try MetricRules.samples(
            namespace: namespace, data: metricData, now: Timestamp.epochMilliseconds(call.now))
        let entries = samples.map { StreamStore.MetricEntry(scope: call.caller.scope, namespace: namespace, sample: $0) }
        do { try call.watcher.streams.appendMetrics(entries) } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
        call.watcher.emf?.write(entries)
        return EmptyResponse()
    }
}
