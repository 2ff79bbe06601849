import Foundation
import NetctlAPI
import NetctlCore

// The CloudWatch metrics and alarm methods over the watcher's store.

extension AlarmDelete: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try call.watcher.streams.deleteAlarm(call.caller.scope, name)
        return EmptyResponse()
    }
}

extension AlarmList: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        AlarmListResponse(alarms: try AlarmRules.filter(call.watcher.streams.alarms(call.caller.scope).map(\.alarm), self))
    }
}

extension AlarmSetState: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let scope = call.caller.scope
        guard let old = try call.watcher.streams.alarms(scope).first(where: { $0.alarm.name == name })?.alarm else {
            throw NetctlError(
                .resourceNotFoundException, "No alarm named '\(name)' exists. List them with `netctl alarm list`.")
        }
        let now = Timestamp.epochMilliseconds(call.now)
        let alarm = try AlarmRules.setState(old, self, now: now)
        try call.watcher.streams.putAlarm(scope, alarm)
        // Kept in the alarm's history (/netctl/alarms) like any other change of state.
        let message: JSONValue = [
            "action": "setState", "resourceType": "alarm", "resourceId": .string(name),
            "accountId": .string(scope.accountId), "region": .string(scope.region),
            "oldState": .string(old.state), "status": .string(alarm.state), "reason": .string(stateReason),
        ]
        let text = (try? NetctlJSON.encoder.encode(message)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let entry = StreamStore.Entry(scope: scope, group: "/netctl/alarms", stream: name, timestamp: now, message: text)
        do {
            let stored = try call.watcher.streams.append([entry], now: now)
            call.watcher.hub.publish(logs: zip([entry], stored).map { ($0.scope, $1) }, changes: [])
        } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
        return alarm
    }
}

extension AlarmPut: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        try AlarmRules.validate(self)
        let now = Timestamp.epochMilliseconds(call.now)
        // Putting an existing alarm replaces its definition and leaves its state, as PutMetricAlarm does.
        let existing = try call.watcher.streams.alarms(call.caller.scope).first { $0.alarm.name == name }?.alarm
        let alarm = Alarm(
            name: name, namespace: namespace, metricName: metricName,
            dimensions: (dimensions ?? []).sorted(), statistic: statistic, period: period,
            evaluationPeriods: evaluationPeriods,
            datapointsToAlarm: datapointsToAlarm ?? evaluationPeriods, threshold: threshold,
            comparisonOperator: comparisonOperator, state: existing?.state ?? AlarmRules.insufficientData,
            stateReason: existing?.stateReason ?? "Unchecked: initial alarm creation",
            stateUpdatedAt: existing?.stateUpdatedAt ?? now, alarmDescription: alarmDescription,
            stateReasonData: existing?.stateReasonData, configurationUpdatedAt: now)
        try call.watcher.streams.putAlarm(call.caller.scope, alarm)
        call.watcher.wake()
        return alarm
    }
}

extension MetricsGet: StreamsQuery {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let statistics = try MetricRules.statistics(basic: statistics, extended: extendedStatistics)
        try MetricRules.checkUnit(unit)
        try MetricRules.checkQuery(
            start: startTime, end: endTime, period: period, statistics: statistics)
        let samples = try call.watcher.streams.metricSamples(
            call.caller.scope, namespace: namespace, name: metricName,
            dimensions: dimensions ?? [], start: startTime, end: endTime
        ).filter { unit == nil || $0.unit == unit }
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
        let window = try MetricRules.listWindow(recentlyActive: recentlyActive)
        try MetricRules.checkDimensionFilters(dimensions)
        return MetricsListResponse(
            metrics: try call.watcher.streams.listMetrics(
                call.caller.scope, namespace: namespace, name: metricName,
                since: Timestamp.epochMilliseconds(call.now) - window
            ).filter { MetricRules.matches($0, dimensions ?? []) })
    }
}

extension MetricsPut: StreamsCommand {
    func run(_ call: WatcherCall) throws(NetctlError) -> Response {
        let samples = try MetricRules.samples(
            namespace: namespace, data: metricData, now: Timestamp.epochMilliseconds(call.now))
        let entries = samples.map { sample in
            StreamStore.MetricEntry(
                scope: call.caller.scope, namespace: namespace, sample: sample,
                statistics: sample.statistics.map {
                    StreamStore.Statistics(sampleCount: $0.sampleCount, sum: $0.sum, minimum: $0.minimum, maximum: $0.maximum)
                })
        }
        do { try call.watcher.streams.appendMetrics(entries) } catch {
            throw NetctlError(.internalError, "streams.db: \(error)")
        }
        call.watcher.emf?.write(entries)
        return EmptyResponse()
    }
}
