import Foundation
import NetctlAPI

/// CloudWatch's metric rules and statistics (SEMANTICS.md 9.1–9.3), pure.
public enum MetricRules {
    public static let units: Set<String> = [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits",
        "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
        "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
        "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    ]
    public static let highResolutionPeriods: Set<Int> = [1, 5, 10, 20, 30]
    public static let maximumDatums = 1000
    public static let maximumDimensions = 30
    public static let maximumDatapoints = 1440

    /// One value ready to store.
    public struct Sample: Sendable, Hashable {
        public var metricName: String
        public var dimensions: [MetricDimension]
        public var timestamp: Int64
        public var value: Double
        public var unit: String
        public var storageResolution: Int
        /// A statistic set stored as one sample (`value` is then its average).
        public var statistics: MetricStatisticSet?

        public init(
            metricName: String, dimensions: [MetricDimension], timestamp: Int64, value: Double, unit: String,
            storageResolution: Int, statistics: MetricStatisticSet? = nil
        ) {
            self.statistics = statistics
            self.metricName = metricName
            self.dimensions = dimensions
            self.timestamp = timestamp
            self.value = value
            self.unit = unit
            self.storageResolution = storageResolution
        }
    }

    /// Validates a PutMetricData call and expands it into samples (Values × Counts become repeated values).
    public static func samples(namespace: String, data: [MetricDatum], now: Int64, allowReserved: Bool = false)
        throws(NetctlError) -> [Sample]
    {
        guard (1...255).contains(namespace.count), namespace.allSatisfy({ $0.isASCII && !$0.isNewline }),
            !namespace.hasPrefix(":"), namespace.contains(where: { !$0.isWhitespace })
        else {
            throw NetctlError(.invalidParameterValueException, "Namespace '\(namespace)' is invalid: 1 to 255 ASCII characters.")
        }
        guard allowReserved || (!namespace.hasPrefix("AWS/") && !namespace.hasPrefix("Netctl/")) else {
            throw NetctlError(
                .invalidParameterValueException,
                "Namespace '\(namespace)' is reserved (AWS/ and Netctl/ belong to the services). Use your own.")
        }
        guard !data.isEmpty, data.count <= maximumDatums else {
            throw NetctlError(.invalidParameterValueException, "metricData must hold 1 to 1,000 datums; got \(data.count).")
        }
        var samples: [Sample] = []
        for (index, datum) in data.enumerated() {
            let label = "metricData[\(index)]"
            guard (1...255).contains(datum.metricName.count) else {
                throw NetctlError(.invalidParameterValueException, "\(label).metricName must be 1 to 255 characters.")
            }
            let dimensions = (datum.dimensions ?? []).sorted()
            guard dimensions.count <= maximumDimensions else {
                throw NetctlError(.invalidParameterValueException, "\(label) has \(dimensions.count) dimensions; the limit is 30.")
            }
            for dimension in dimensions {
                guard (1...255).contains(dimension.name.count), (1...1024).contains(dimension.value.count),
                    !dimension.name.hasPrefix(":")
                else {
                    throw NetctlError(
                        .invalidParameterValueException,
                        "\(label) dimension '\(dimension.name)' is invalid: names 1 to 255 characters, values 1 to 1,024.")
                }
            }
            if Set(dimensions.map(\.name)).count != dimensions.count {
                throw NetctlError(.invalidParameterValueException, "\(label) names a dimension twice.")
            }
            let unit = datum.unit ?? "None"
            guard units.contains(unit) else {
                throw NetctlError(.invalidParameterValueException, "\(label).unit '\(unit)' is not a CloudWatch unit.")
            }
            let resolution = datum.storageResolution ?? 60
            guard resolution == 1 || resolution == 60 else {
                throw NetctlError(.invalidParameterValueException, "\(label).storageResolution must be 1 or 60.")
            }
            let timestamp = datum.timestamp ?? now
            guard timestamp >= now - 14 * 86_400_000, timestamp <= now + 2 * 3_600_000 else {
                throw NetctlError(
                    .invalidParameterValueException,
                    "\(label).timestamp must be within the last two weeks and at most two hours ahead.")
            }
            if let set = datum.statisticValues {
                guard datum.value == nil, datum.values == nil, datum.counts == nil else {
                    throw NetctlError(
                        .invalidParameterCombinationException,
                        "\(label) takes one of value, values or statisticValues.")
                }
                try checkStatisticSet(set, label: label)
                samples.append(
                    Sample(
                        metricName: datum.metricName, dimensions: dimensions, timestamp: timestamp,
                        value: set.sum / set.sampleCount, unit: unit, storageResolution: resolution, statistics: set))
                continue
            }
            var values: [Double] = []
            switch (datum.value, datum.values) {
            case (let value?, nil): values = [value]
            case (nil, let list?):
                guard list.count <= 150 else {
                    throw NetctlError(.invalidParameterValueException, "\(label).values holds at most 150 values.")
                }
                let counts = datum.counts ?? Array(repeating: 1, count: list.count)
                guard counts.count == list.count else {
                    throw NetctlError(.invalidParameterValueException, "\(label).counts must be as long as values.")
                }
                for (value, count) in zip(list, counts) {
                    guard count >= 0, count <= 10_000, count.rounded() == count else {
                        throw NetctlError(.invalidParameterValueException, "\(label).counts must be whole numbers up to 10,000.")
                    }
                    values += Array(repeating: value, count: Int(count))
                }
            case (nil, nil):
                throw NetctlError(.missingRequiredParameterException, "\(label) needs value or values.")
            case (.some, .some):
                throw NetctlError(.invalidParameterCombinationException, "\(label) takes value or values, not both.")
            }
            for value in values {
                guard value.isFinite, abs(value) <= 1e108 else {
                    throw NetctlError(.invalidParameterValueException, "\(label) holds \(value); values must be finite.")
                }
                samples.append(
                    Sample(
                        metricName: datum.metricName, dimensions: dimensions, timestamp: timestamp, value: value, unit: unit,
                        storageResolution: resolution))
            }
        }
        return samples
    }

    /// A statistic set describes at least one value, and its minimum and maximum bound its average.
    static func checkStatisticSet(_ set: MetricStatisticSet, label: String) throws(NetctlError) {
        let numbers = [set.sampleCount, set.sum, set.minimum, set.maximum]
        guard numbers.allSatisfy({ $0.isFinite && abs($0) <= 1e108 }) else {
            throw NetctlError(.invalidParameterValueException, "\(label).statisticValues must hold finite numbers.")
        }
        guard set.sampleCount > 0 else {
            throw NetctlError(
                .invalidParameterValueException, "\(label).statisticValues.sampleCount must be greater than 0.")
        }
        guard set.minimum <= set.maximum else {
            throw NetctlError(
                .invalidParameterValueException,
                "\(label).statisticValues.minimum (\(set.minimum)) is greater than its maximum (\(set.maximum)).")
        }
    }

    public static let basicStatistics: Set<String> = ["SampleCount", "Sum", "Average", "Minimum", "Maximum"]

    /// GetMetricStatistics' split: basic statistics in one list, percentiles in the other, and only
    /// one of the two lists given. Returns every statistic asked, basic ones first.
    public static func statistics(basic: [String], extended: [String]?) throws(NetctlError) -> [String] {
        guard let extended else { return basic }
        guard basic.isEmpty || extended.isEmpty else {
            throw NetctlError(
                .invalidParameterCombinationException,
                "Give statistics or extendedStatistics, not both: ask for percentiles in a call of their own.")
        }
        for statistic in basic where !basicStatistics.contains(statistic) {
            throw NetctlError(
                .invalidParameterValueException,
                "'\(statistic)' is not a statistic: use SampleCount, Sum, Average, Minimum or Maximum, and percentiles "
                    + "like p99 as extended statistics.")
        }
        for statistic in extended where percentile(statistic) == nil {
            throw NetctlError(
                .invalidParameterValueException,
                "'\(statistic)' is not an extended statistic netctld computes: use a percentile from p0 to p100, "
                    + "e.g. p99 or p99.9.")
        }
        return basic + extended
    }

    public static func checkUnit(_ unit: String?) throws(NetctlError) {
        guard let unit, !units.contains(unit) else { return }
        throw NetctlError(
            .invalidParameterValueException,
            "'\(unit)' is not a CloudWatch unit; use one of \(units.sorted().joined(separator: ", ")).")
    }

    /// How far back ListMetrics looks: two weeks, or three hours with `recentlyActive: "PT3H"`.
    public static func listWindow(recentlyActive: String?) throws(NetctlError) -> Int64 {
        switch recentlyActive {
        case nil: return 14 * 86_400_000
        case "PT3H": return 3 * 3_600_000
        case let other?:
            throw NetctlError(
                .invalidParameterValueException, "recentlyActive takes only the value PT3H; got '\(other)'.")
        }
    }

    public static func checkDimensionFilters(_ filters: [MetricDimensionFilter]?) throws(NetctlError) {
        guard let filters else { return }
        guard filters.count <= 10 else {
            throw NetctlError(
                .invalidParameterValueException, "ListMetrics takes at most 10 dimension filters; got \(filters.count).")
        }
        for filter in filters {
            guard (1...255).contains(filter.name.count), (filter.value?.count ?? 1) <= 1024, filter.value != "" else {
                throw NetctlError(
                    .invalidParameterValueException,
                    "The dimension filter '\(filter.name)' is invalid: names 1 to 255 characters, values 1 to 1,024.")
            }
        }
    }

    /// A metric has every filtered dimension (and its value, where the filter gives one); it may
    /// have others besides.
    public static func matches(_ metric: MetricIdentity, _ filters: [MetricDimensionFilter]) -> Bool {
        filters.allSatisfy { filter in
            metric.dimensions.contains { $0.name == filter.name && (filter.value == nil || $0.value == filter.value) }
        }
    }

    /// Checks the period and statistics of a GetMetricStatistics call.
    public static func checkQuery(start: Int64, end: Int64, period: Int, statistics: [String]) throws(NetctlError) {
        // No longer than the data kept, which also keeps a period in milliseconds far from overflowing.
        guard period > 0, period <= retention / 1000, period % 60 == 0 || highResolutionPeriods.contains(period) else {
            throw NetctlError(
                .invalidParameterValueException,
                "period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, at most 455 days; got \(period).")
        }
        guard end > start else {
            throw NetctlError(.invalidParameterValueException, "endTime must be after startTime.")
        }
        // A span too long for Int64 holds far more than 1,440 of any period.
        let (span, overflow) = end.subtractingReportingOverflow(start)
        guard !overflow, span / (Int64(period) * 1000) <= Int64(maximumDatapoints) else {
            throw NetctlError(
                .invalidParameterCombinationException,
                "The query would return more than 1,440 datapoints; use a longer period or a shorter time range.")
        }
        guard !statistics.isEmpty else {
            throw NetctlError(.missingRequiredParameterException, "Pass at least one statistic (e.g. Average, p99).")
        }
        for statistic in statistics where !basicStatistics.contains(statistic) && percentile(statistic) == nil {
            throw NetctlError(
                .invalidParameterValueException,
                "Unknown statistic '\(statistic)'. Use SampleCount, Sum, Average, Minimum, Maximum or a percentile like p99.")
        }
    }

    static func percentile(_ statistic: String) -> Double? {
        guard statistic.hasPrefix("p"), let value = Double(statistic.dropFirst()), (0...100).contains(value) else { return nil }
        return value
    }

    /// What is stored for a metric at one time: a raw value, or (after a rollup) the statistics of
    /// many values, from which SampleCount, Sum, Average, Minimum and Maximum still follow exactly.
    public struct Observation: Sendable, Hashable {
        public var timestamp: Int64
        public var count: Double
        public var sum: Double
        public var minimum: Double
        public var maximum: Double
        /// Present for raw values only: percentiles need them.
        public var raw: Double?

        public init(timestamp: Int64, value: Double) {
            self.timestamp = timestamp
            count = 1
            sum = value
            minimum = value
            maximum = value
            raw = value
        }

        public init(timestamp: Int64, count: Double, sum: Double, minimum: Double, maximum: Double) {
            self.timestamp = timestamp
            self.count = count
            self.sum = sum
            self.minimum = minimum
            self.maximum = maximum
            raw = count == 1 ? sum : nil
        }
    }

    /// CloudWatch's retention tiers: data older than `age` is kept at `period` seconds at most; past
    /// the last tier it is gone.
    public static let tiers: [(age: Int64, period: Int64)] = [
        (3 * 3_600_000, 60), (15 * 86_400_000, 300), (63 * 86_400_000, 3600),
    ]
    public static let retention: Int64 = 455 * 86_400_000

    /// Aggregates observations into datapoints per period, stamped with the period start (periods are
    /// aligned to the epoch). Percentiles come from raw values; a period holding only rolled-up data
    /// has none, as in CloudWatch.
    public static func datapoints(
        _ observations: [Observation], period: Int, statistics: [String], unit: String
    ) -> [MetricDatapoint] {
        let length = Int64(period) * 1000
        var buckets: [Int64: [Observation]] = [:]
        for observation in observations {
            let bucket = observation.timestamp - ((observation.timestamp % length) + length) % length
            buckets[bucket, default: []].append(observation)
        }
        let wanted = Set(statistics)
        return buckets.keys.sorted().map { bucket in
            let group = buckets[bucket]!
            let count = group.reduce(0) { $0 + $1.count }
            let sum = group.reduce(0) { $0 + $1.sum }
            let raw = group.compactMap(\.raw).sorted()
            var extended: [String: Double] = [:]
            if raw.count == group.count, !raw.isEmpty {
                for statistic in statistics {
                    guard let p = percentile(statistic) else { continue }
                    // Nearest rank, as CloudWatch computes percentiles over raw values.
                    let rank = max(Int((p / 100 * Double(raw.count)).rounded(.up)), 1)
                    extended[statistic] = raw[min(rank, raw.count) - 1]
                }
            }
            return MetricDatapoint(
                timestamp: bucket, sampleCount: wanted.contains("SampleCount") ? count : nil,
                sum: wanted.contains("Sum") ? sum : nil,
                average: wanted.contains("Average") ? sum / count : nil,
                minimum: wanted.contains("Minimum") ? group.map(\.minimum).min() : nil,
                maximum: wanted.contains("Maximum") ? group.map(\.maximum).max() : nil, unit: unit,
                extendedStatistics: extended.isEmpty ? nil : extended)
        }
    }
}
