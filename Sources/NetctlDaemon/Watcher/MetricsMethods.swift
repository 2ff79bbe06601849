import Foundation
import NetctlAPI
import NetctlCore

/// The CloudWatch metrics methods over the watcher's store.
enum MetricsMethods {
    /// ListMetrics shows metrics with data in the last two weeks.
    static let listWindow: Int64 = 14 * 86_400_000

    static let entries: [MethodEntry] = [
        .watcher(AlarmDelete.self) { request, call throws(NetctlError) in
            try call.watcher.streams.deleteAlarm(call.caller.scope, request.name)
            return EmptyResponse()
        },
        .watcher(AlarmList.self) { _, call throws(NetctlError) in
            AlarmListResponse(alarms: try call.watcher.streams.alarms(call.caller.scope).map(\.alarm))
        },
        .watcher(AlarmPut.self) { request, call throws(NetctlError) in
            try AlarmRules.validate(request)
            let alarm = Alarm(
                name: request.name, namespace: request.namespace, metricName: request.metricName,
                dimensions: (request.dimensions ?? []).sorted(), statistic: request.statistic, period: request.period,
                evaluationPeriods: request.evaluationPeriods,
                datapointsToAlarm: request.datapointsToAlarm ?? request.evaluationPeriods, threshold: request.threshold,
                comparisonOperator: request.comparisonOperator, state: AlarmRules.insufficientData,
                stateReason: "Unchecked: initial alarm creation", stateUpdatedAt: Timestamp.epochMilliseconds(call.now))
            try call.watcher.streams.putAlarm(call.caller.scope, alarm)
            call.watcher.wake()
            return alarm
        },
        .watcher(MetricsGet.self) { request, call throws(NetctlError) in
            try MetricRules.checkQuery(
                start: request.startTime, end: request.endTime, period: request.period, statistics: request.statistics)
            let samples = try call.watcher.streams.metricSamples(
                call.caller.scope, namespace: request.namespace, name: request.metricName,
                dimensions: request.dimensions ?? [], start: request.startTime, end: request.endTime)
            // Data with different units is aggregated separately, as in CloudWatch.
            var datapoints: [MetricDatapoint] = []
            for unit in Set(samples.map(\.unit)).sorted() {
                datapoints += MetricRules.datapoints(
                    samples.filter { $0.unit == unit }.map(\.observation), period: request.period,
                    statistics: request.statistics, unit: unit)
            }
            return MetricsGetResponse(datapoints: datapoints.sorted { $0.timestamp < $1.timestamp })
        },
        .watcher(MetricsList.self) { request, call throws(NetctlError) in
            MetricsListResponse(
                metrics: try call.watcher.streams.listMetrics(
                    call.caller.scope, namespace: request.namespace, name: request.metricName,
                    since: Timestamp.epochMilliseconds(call.now) - listWindow))
        },
        .watcher(MetricsPut.self) { request, call throws(NetctlError) in
            let samples = try MetricRules.samples(
                namespace: request.namespace, data: request.metricData, now: Timestamp.epochMilliseconds(call.now))
            let entries = samples.map { StreamStore.MetricEntry(scope: call.caller.scope, namespace: request.namespace, sample: $0) }
            do { try call.watcher.streams.appendMetrics(entries) } catch {
                throw NetctlError(.internalError, "streams.db: \(error)")
            }
            call.watcher.emf?.write(entries)
            return EmptyResponse()
        },
    ]
}
