import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// The metric and alarm rules CloudWatch's AWS actions rely on: statistic sets, the split of
/// statistics and percentiles, dimension filters, alarm filters and SetAlarmState.
struct CloudWatchRulesTests {
    static let now: Int64 = 1_767_225_600_000

    @Test func aStatisticSetIsOneSampleKeepingItsStatistics() throws {
        let set = MetricStatisticSet(sampleCount: 4, sum: 20, minimum: 2, maximum: 8)
        let samples = try MetricRules.samples(
            namespace: "Shop", data: [MetricDatum(metricName: "Batch", statisticValues: set)], now: Self.now)
        #expect(samples.count == 1)
        #expect(samples.first?.value == 5)
        #expect(samples.first?.statistics == set)
        let observation = MetricRules.Observation(timestamp: Self.now, count: 4, sum: 20, minimum: 2, maximum: 8)
        let point = try #require(
            MetricRules.datapoints([observation], period: 60, statistics: ["Average", "SampleCount", "p50"], unit: "None")
                .first)
        #expect(point.average == 5 && point.sampleCount == 4)
        #expect(point.extendedStatistics == nil, "a set of four values has no percentiles")
    }

    @Test func statisticSetsAreChecked() {
        func put(_ datum: MetricDatum) throws(NetctlError) {
            _ = try MetricRules.samples(namespace: "Shop", data: [datum], now: Self.now)
        }
        let good = MetricStatisticSet(sampleCount: 1, sum: 1, minimum: 1, maximum: 1)
        #expect(throws: NetctlError.self) { try put(MetricDatum(metricName: "m", value: 1, statisticValues: good)) }
        let combination = #expect(throws: NetctlError.self) {
            try put(MetricDatum(metricName: "m", values: [1], statisticValues: good))
        }
        #expect(combination?.code == .invalidParameterCombinationException)
        for bad in [
            MetricStatisticSet(sampleCount: 0, sum: 1, minimum: 1, maximum: 1),
            MetricStatisticSet(sampleCount: 2, sum: 1, minimum: 3, maximum: 1),
            MetricStatisticSet(sampleCount: 2, sum: .nan, minimum: 1, maximum: 1),
        ] {
            let error = #expect(throws: NetctlError.self) { try put(MetricDatum(metricName: "m", statisticValues: bad)) }
            #expect(error?.code == .invalidParameterValueException)
        }
    }

    @Test func statisticsAndPercentilesAskedApart() throws {
        #expect(try MetricRules.statistics(basic: ["Sum", "p99"], extended: nil) == ["Sum", "p99"])
        #expect(try MetricRules.statistics(basic: [], extended: ["p99.9"]) == ["p99.9"])
        #expect(try MetricRules.statistics(basic: ["Sum"], extended: []) == ["Sum"])
        #expect(throws: NetctlError.self) { try MetricRules.statistics(basic: ["Sum"], extended: ["p99"]) }
        #expect(throws: NetctlError.self) { try MetricRules.statistics(basic: ["p99"], extended: []) }
        #expect(throws: NetctlError.self) { try MetricRules.statistics(basic: [], extended: ["tm90"]) }
        #expect(throws: NetctlError.self) { try MetricRules.checkUnit("Parsecs") }
        try MetricRules.checkUnit("Count/Second")
        try MetricRules.checkUnit(nil)
    }

    @Test func dimensionFiltersMatchSupersets() throws {
        let metric = MetricIdentity(
            namespace: "Shop", metricName: "Depth",
            dimensions: [MetricDimension(name: "Queue", value: "orders"), MetricDimension(name: "Shard", value: "1")])
        #expect(MetricRules.matches(metric, []))
        #expect(MetricRules.matches(metric, [MetricDimensionFilter(name: "Queue")]))
        #expect(MetricRules.matches(metric, [MetricDimensionFilter(name: "Shard", value: "1"), .init(name: "Queue")]))
        #expect(!MetricRules.matches(metric, [MetricDimensionFilter(name: "Shard", value: "2")]))
        #expect(!MetricRules.matches(metric, [MetricDimensionFilter(name: "Host")]))
        #expect(throws: NetctlError.self) {
            try MetricRules.checkDimensionFilters(Array(repeating: MetricDimensionFilter(name: "a"), count: 11))
        }
        #expect(try MetricRules.listWindow(recentlyActive: "PT3H") == 3 * 3_600_000)
        #expect(throws: NetctlError.self) { try MetricRules.listWindow(recentlyActive: "PT1H") }
    }

    static func alarm(_ name: String, state: String) -> Alarm {
        Alarm(
            name: name, namespace: "Shop", metricName: "Queue", dimensions: [], statistic: "Maximum", period: 60,
            evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 10, comparisonOperator: "GreaterThanThreshold",
            state: state, stateReason: "", stateUpdatedAt: 0)
    }

    @Test func alarmFilters() throws {
        let alarms = [Self.alarm("web-b", state: "OK"), Self.alarm("db", state: "ALARM"), Self.alarm("web-a", state: "ALARM")]
        #expect(try AlarmRules.filter(alarms, AlarmList()).map(\.name) == ["db", "web-a", "web-b"])
        #expect(try AlarmRules.filter(alarms, AlarmList(namePrefix: "web")).map(\.name) == ["web-a", "web-b"])
        #expect(try AlarmRules.filter(alarms, AlarmList(names: ["db", "none"])).map(\.name) == ["db"])
        #expect(try AlarmRules.filter(alarms, AlarmList(stateValue: "ALARM")).map(\.name) == ["db", "web-a"])
        let both = #expect(throws: NetctlError.self) {
            try AlarmRules.filter(alarms, AlarmList(names: ["db"], namePrefix: "d"))
        }
        #expect(both?.code == .invalidParameterCombinationException)
        #expect(throws: NetctlError.self) { try AlarmRules.filter(alarms, AlarmList(stateValue: "RED")) }
    }

    @Test func setAlarmState() throws {
        let alarm = Self.alarm("busy", state: "INSUFFICIENT_DATA")
        let set = try AlarmRules.setState(
            alarm, AlarmSetState(name: "busy", stateValue: "ALARM", stateReason: "drill", stateReasonData: "{\"a\":1}"),
            now: Self.now)
        #expect(set.state == "ALARM" && set.stateReason == "drill" && set.stateReasonData == "{\"a\":1}")
        #expect(set.stateUpdatedAt == Self.now)
        let notJSON = #expect(throws: NetctlError.self) {
            try AlarmRules.setState(
                alarm, AlarmSetState(name: "busy", stateValue: "OK", stateReason: "x", stateReasonData: "{"), now: Self.now)
        }
        #expect(notJSON?.code == "InvalidFormat")
        #expect(throws: NetctlError.self) {
            try AlarmRules.setState(alarm, AlarmSetState(name: "busy", stateValue: "RED", stateReason: "x"), now: Self.now)
        }
        #expect(throws: NetctlError.self) {
            try AlarmRules.setState(
                alarm, AlarmSetState(name: "busy", stateValue: "OK", stateReason: String(repeating: "x", count: 1024)),
                now: Self.now)
        }
    }
}
