import Foundation
import NetctlAPI

/// The CloudWatch operations netctld serves: each becomes netctl's own `metrics.*` and `alarm.*`
/// requests, so the watcher's metrics (Netctl/VPC, Netctl/ECS, Netctl/RPC, …), a user's own and
/// their alarms are one set whichever door they are read through.
enum CloudWatchActions {
    static let definitions: [CloudWatchAction] = metrics + alarms
    static let all: [JSONAction] = definitions.map(\.json)
    static let byName: [String: CloudWatchAction] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })

    /// A rule's refusal under CloudWatch's own error shapes (their query codes go in
    /// `x-amzn-query-error` and in query responses).
    static let translate: @Sendable (NetctlError) -> AWSError? = { error in
        let code: String? =
            switch error.code {
            case .resourceNotFoundException: "ResourceNotFound"
            case "InvalidFormat": "InvalidFormatFault"
            case .invalidParameterValue, .invalidParameterException: "InvalidParameterValueException"
            case .missingParameter: "MissingRequiredParameterException"
            case .invalidParameterCombination: "InvalidParameterCombinationException"
            case .invalidNextToken: "InvalidNextToken"
            case .limitExceededException: "LimitExceededFault"
            default: nil
            }
        guard let code else { return nil }
        return AWSError(code: code, message: error.message, status: CloudWatch.errorStatuses[code] ?? 400)
    }
}

// MARK: Metrics

extension CloudWatchActions {
    static let metrics: [CloudWatchAction] = [
        .makeEmpty("PutMetricData", mutating: true, supported: ["Namespace", "MetricData"]) {
            (input: CloudWatch.PutMetricDataInput, context) throws(AWSError) in
            guard let data = input.metricData else { throw CloudWatchAction.missing("MetricData", of: "PutMetricData") }
            var datums: [MetricDatum] = []
            for (index, datum) in data.enumerated() {
                datums.append(
                    MetricDatum(
                        metricName: datum.metricName,
                        dimensions: try dimensions(datum.dimensions, "MetricData.member.\(index + 1).Dimensions"),
                        value: datum.value, values: datum.values, counts: datum.counts,
                        timestamp: datum.timestamp.map(CloudWatchAction.milliseconds), unit: datum.unit,
                        storageResolution: datum.storageResolution,
                        statisticValues: datum.statisticValues.map {
                            MetricStatisticSet(
                                sampleCount: $0.sampleCount, sum: $0.sum, minimum: $0.minimum, maximum: $0.maximum)
                        }))
            }
            _ = try await context.run(MetricsPut(namespace: input.namespace, metricData: datums))
        },
        .make(
            "GetMetricStatistics", mutating: false,
            supported: [
                "Namespace", "MetricName", "Dimensions", "StartTime", "EndTime", "Period", "Statistics",
                "ExtendedStatistics", "Unit",
            ]
        ) { (input: CloudWatch.GetMetricStatisticsInput, context) throws(AWSError) in
            let response = try await context.run(
                MetricsGet(
                    namespace: input.namespace, metricName: input.metricName,
                    dimensions: try dimensions(input.dimensions, "Dimensions"),
                    startTime: CloudWatchAction.milliseconds(input.startTime),
                    endTime: CloudWatchAction.milliseconds(input.endTime), period: input.period,
                    statistics: input.statistics ?? [], extendedStatistics: input.extendedStatistics ?? [],
                    unit: input.unit))
            return CloudWatch.GetMetricStatisticsOutput(
                label: input.metricName,
                datapoints: response.datapoints.map { point in
                    CloudWatch.Datapoint(
                        timestamp: CloudWatchAction.date(point.timestamp), sampleCount: point.sampleCount,
                        average: point.average, sum: point.sum, minimum: point.minimum, maximum: point.maximum,
                        unit: point.unit, extendedStatistics: point.extendedStatistics)
                })
        },
        .make(
            "GetMetricData", mutating: false,
            supported: ["MetricDataQueries", "StartTime", "EndTime", "NextToken", "ScanBy", "MaxDatapoints"]
        ) { (input: CloudWatch.GetMetricDataInput, context) throws(AWSError) in
            try await MetricDataQuerying.run(input, context)
        },
        .make(
            "ListMetrics", mutating: false,
            supported: ["Namespace", "MetricName", "Dimensions", "NextToken", "RecentlyActive"]
        ) { (input: CloudWatch.ListMetricsInput, context) throws(AWSError) in
            let metrics = try await context.run(
                MetricsList(
                    namespace: input.namespace, metricName: input.metricName,
                    dimensions: input.dimensions?.map { MetricDimensionFilter(name: $0.name, value: $0.value) },
                    recentlyActive: input.recentlyActive)
            ).metrics
            // 500 a page, as CloudWatch answers.
            let page = try CloudWatchAction.page(
                metrics, size: 500, nextToken: input.nextToken, badTokenCode: "InvalidParameterValueException")
            return CloudWatch.ListMetricsOutput(
                metrics: page.items.map { metric in
                    CloudWatch.Metric(
                        namespace: metric.namespace, metricName: metric.metricName,
                        dimensions: metric.dimensions.map { CloudWatch.Dimension(name: $0.name, value: $0.value) })
                },
                nextToken: page.nextToken)
        },
    ]

    /// Dimensions as netctl names them; the model requires both members of each.
    static func dimensions(_ dimensions: [CloudWatch.Dimension]?, _ label: String) throws(AWSError)
        -> [MetricDimension]?
    {
        guard let dimensions else { return nil }
        var result: [MetricDimension] = []
        for (index, dimension) in dimensions.enumerated() {
            guard let name = dimension.name, let value = dimension.value else {
                throw CloudWatchAction.missing("\(label).member.\(index + 1).Name and .Value", of: "the call")
            }
            result.append(MetricDimension(name: name, value: value))
        }
        return result
    }
}

// MARK: Alarms

extension CloudWatchActions {
    static let alarms: [CloudWatchAction] = [
        .makeEmpty(
            "PutMetricAlarm", mutating: true,
            supported: [
                "AlarmName", "AlarmDescription", "MetricName", "Namespace", "Statistic", "ExtendedStatistic",
                "Dimensions", "Period", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator",
                "TreatMissingData", "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions",
            ]
        ) { (input: CloudWatch.PutMetricAlarmInput, context) throws(AWSError) in
            _ = try await context.run(try alarmPut(input, accountId: context.accountId))
        },
        .make(
            "DescribeAlarms", mutating: false,
            supported: ["AlarmNames", "AlarmNamePrefix", "AlarmTypes", "StateValue", "ActionPrefix", "MaxRecords", "NextToken"]
        ) { (input: CloudWatch.DescribeAlarmsInput, context) throws(AWSError) in
            let size = input.maxRecords ?? 50
            guard (1...100).contains(size) else {
                throw CloudWatchAction.invalid("MaxRecords must be from 1 to 100; got \(size).")
            }
            let types = Set(input.alarmTypes ?? ["MetricAlarm"])
            if let unknown = types.subtracting(["MetricAlarm", "CompositeAlarm"]).sorted().first {
                throw CloudWatchAction.invalid("AlarmTypes takes MetricAlarm and CompositeAlarm; got '\(unknown)'.")
            }
            var alarms = try await context.run(
                AlarmList(names: input.alarmNames, namePrefix: input.alarmNamePrefix, stateValue: input.stateValue)
            ).alarms
            // netctld's alarms have no actions, so none has an action with any prefix.
            if input.actionPrefix != nil || !types.contains("MetricAlarm") { alarms = [] }
            let page = try CloudWatchAction.page(
                alarms, size: size, nextToken: input.nextToken, badTokenCode: "InvalidNextToken")
            return CloudWatch.DescribeAlarmsOutput(
                compositeAlarms: types.contains("CompositeAlarm") ? [] : nil,
                metricAlarms: types.contains("MetricAlarm")
                    ? page.items.map { metricAlarm($0, context: context) } : nil,
                nextToken: page.nextToken)
        },
        .makeEmpty("DeleteAlarms", mutating: true, supported: ["AlarmNames"]) {
            (input: CloudWatch.DeleteAlarmsInput, context) throws(AWSError) in
            guard input.alarmNames.count <= 100 else {
                throw CloudWatchAction.invalid("DeleteAlarms takes at most 100 alarm names; got \(input.alarmNames.count).")
            }
            // All or nothing: an unknown name deletes none, so a retry after fixing it is safe.
            let found = Set(try await context.run(AlarmList(names: input.alarmNames)).alarms.map(\.name))
            let missing = input.alarmNames.filter { !found.contains($0) }
            guard missing.isEmpty else {
                throw AWSError(
                    code: "ResourceNotFound",
                    message: "\(missing.count) alarm(s) not found: \(missing.joined(separator: ", ")). No alarm was "
                        + "deleted; DescribeAlarms lists the alarms of the region.",
                    status: 404)
            }
            for name in Set(input.alarmNames).sorted() { _ = try await context.run(AlarmDelete(name: name)) }
        },
        .makeEmpty(
            "SetAlarmState", mutating: true, supported: ["AlarmName", "StateValue", "StateReason", "StateReasonData"]
        ) { (input: CloudWatch.SetAlarmStateInput, context) throws(AWSError) in
            _ = try await context.run(
                AlarmSetState(
                    name: input.alarmName, stateValue: input.stateValue, stateReason: input.stateReason,
                    stateReasonData: input.stateReasonData))
        },
    ]

    /// PutMetricAlarm for a static threshold on one metric, the alarms netctld evaluates. What it
    /// accepts beyond netctl's own members is only what changes nothing here: no actions (netctld
    /// has no SNS or Auto Scaling to call), actions enabled, and missing data treated as missing.
    static func alarmPut(_ input: CloudWatch.PutMetricAlarmInput, accountId: String) throws(AWSError) -> AlarmPut {
        for (member, actions) in [
            ("OKActions", input.okActions), ("AlarmActions", input.alarmActions),
            ("InsufficientDataActions", input.insufficientDataActions),
        ] where !(actions ?? []).isEmpty {
            throw CloudWatchAction.invalid(
                "netctld runs no alarm actions (it has no SNS, Auto Scaling or EC2 actions to call): leave \(member) "
                    + "empty, and watch the alarm's state with DescribeAlarms or its history in /netctl/alarms.")
        }
        if input.actionsEnabled == false {
            throw CloudWatchAction.invalid(
                "netctld runs no alarm actions, so ActionsEnabled is always true; leave it out.")
        }
        if let treatment = input.treatMissingData, treatment != "missing" {
            throw CloudWatchAction.invalid(
                "netctld treats missing data as 'missing' only (no data at all is INSUFFICIENT_DATA, else only the "
                    + "periods with data count); got TreatMissingData '\(treatment)'.")
        }
        let statistic: String
        switch (input.statistic, input.extendedStatistic) {
        case (let basic?, nil): statistic = basic
        case (nil, let extended?): statistic = extended
        case (.some, .some):
            throw AWSError(
                code: "InvalidParameterCombinationException", message: "Give Statistic or ExtendedStatistic, not both.")
        case (nil, nil): throw CloudWatchAction.missing("Statistic or ExtendedStatistic", of: "PutMetricAlarm")
        }
        guard let namespace = input.namespace else { throw CloudWatchAction.missing("Namespace", of: "PutMetricAlarm") }
        guard let metricName = input.metricName else {
            throw CloudWatchAction.missing("MetricName", of: "PutMetricAlarm")
        }
        guard let period = input.period else { throw CloudWatchAction.missing("Period", of: "PutMetricAlarm") }
        guard let evaluationPeriods = input.evaluationPeriods else {
            throw CloudWatchAction.missing("EvaluationPeriods", of: "PutMetricAlarm")
        }
        guard let threshold = input.threshold else { throw CloudWatchAction.missing("Threshold", of: "PutMetricAlarm") }
        guard let comparison = input.comparisonOperator else {
            throw CloudWatchAction.missing("ComparisonOperator", of: "PutMetricAlarm")
        }
        return AlarmPut(
            name: input.alarmName, namespace: namespace, metricName: metricName,
            dimensions: try dimensions(input.dimensions, "Dimensions"), statistic: statistic, period: period,
            evaluationPeriods: evaluationPeriods, datapointsToAlarm: input.datapointsToAlarm, threshold: threshold,
            comparisonOperator: comparison, alarmDescription: input.alarmDescription)
    }

    static func metricAlarm(_ alarm: Alarm, context: ActionContext) -> CloudWatch.MetricAlarm {
        let basic = ["SampleCount", "Sum", "Average", "Minimum", "Maximum"].contains(alarm.statistic)
        let stateUpdated = CloudWatchAction.date(alarm.stateUpdatedAt)
        return CloudWatch.MetricAlarm(
            alarmName: alarm.name,
            alarmArn: "arn:aws:cloudwatch:\(context.region):\(context.accountId):alarm:\(alarm.name)",
            alarmDescription: alarm.alarmDescription,
            alarmConfigurationUpdatedTimestamp: CloudWatchAction.date(alarm.configurationUpdatedAt ?? alarm.stateUpdatedAt),
            actionsEnabled: true, okActions: [], alarmActions: [], insufficientDataActions: [],
            stateValue: alarm.state, stateReason: alarm.stateReason, stateReasonData: alarm.stateReasonData,
            stateUpdatedTimestamp: stateUpdated, metricName: alarm.metricName, namespace: alarm.namespace,
            statistic: basic ? alarm.statistic : nil, extendedStatistic: basic ? nil : alarm.statistic,
            dimensions: alarm.dimensions.map { CloudWatch.Dimension(name: $0.name, value: $0.value) },
            period: alarm.period, evaluationPeriods: alarm.evaluationPeriods,
            datapointsToAlarm: alarm.datapointsToAlarm, threshold: alarm.threshold,
            comparisonOperator: alarm.comparisonOperator, stateTransitionedTimestamp: stateUpdated)
    }
}
