import Foundation

public struct MetricDimension: Codable, Sendable, Hashable, Comparable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
    public static func < (lhs: MetricDimension, rhs: MetricDimension) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
    }
}

public struct MetricDatum: Codable, Sendable, Hashable {
    public var metricName: String
    public var dimensions: [MetricDimension]?
    public var value: Double?
    /// Several values at once (with `counts`), as PutMetricData allows.
    public var values: [Double]?
    public var counts: [Double]?
    /// Epoch milliseconds; default: when received.
    public var timestamp: Int64?
    public var unit: String?
    /// 1 (high resolution) or 60 (default).
    public var storageResolution: Int?
    /// Many values summarised as one (PutMetricData's StatisticValues), instead of `value` or `values`.
    public var statisticValues: MetricStatisticSet?

    public init(
        metricName: String, dimensions: [MetricDimension]? = nil, value: Double? = nil, values: [Double]? = nil,
        counts: [Double]? = nil, timestamp: Int64? = nil, unit: String? = nil, storageResolution: Int? = nil,
        statisticValues: MetricStatisticSet? = nil
    ) {
        self.statisticValues = statisticValues
        self.metricName = metricName
        self.dimensions = dimensions
        self.value = value
        self.values = values
        self.counts = counts
        self.timestamp = timestamp
        self.unit = unit
        self.storageResolution = storageResolution
    }
}

/// The statistics of many values at once: percentiles cannot be computed from them unless they
/// describe one value (a count of 1, or a minimum equal to the maximum).
public struct MetricStatisticSet: Codable, Sendable, Hashable {
    public var sampleCount: Double
    public var sum: Double
    public var minimum: Double
    public var maximum: Double
    public init(sampleCount: Double, sum: Double, minimum: Double, maximum: Double) {
        self.sampleCount = sampleCount
        self.sum = sum
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// ListMetrics' dimension filter: a metric matches when it has a dimension of this name (with this
/// value, when given), whatever other dimensions it has.
public struct MetricDimensionFilter: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

public struct MetricsPut: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "metrics.put"
    public static let summary = "PutMetricData: record datapoints of your own metrics."
    public var namespace: String
    public var metricData: [MetricDatum]
    public init(namespace: String, metricData: [MetricDatum]) {
        self.namespace = namespace
        self.metricData = metricData
    }
}

public struct MetricIdentity: Codable, Sendable, Hashable {
    public var namespace: String
    public var metricName: String
    public var dimensions: [MetricDimension]
    public init(namespace: String, metricName: String, dimensions: [MetricDimension]) {
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
    }
}

public struct MetricsList: RPCMethod {
    public typealias Response = MetricsListResponse
    public static let method = "metrics.list"
    public static let summary = "The metrics with data: netctl's (Netctl/VPC, Netctl/RPC) and yours."
    public var namespace: String?
    public var metricName: String?
    /// Up to 10 filters; a metric must match every one.
    public var dimensions: [MetricDimensionFilter]?
    /// `PT3H`: only metrics with data in the last three hours (default: two weeks).
    public var recentlyActive: String?
    public init(
        namespace: String? = nil, metricName: String? = nil, dimensions: [MetricDimensionFilter]? = nil,
        recentlyActive: String? = nil
    ) {
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.recentlyActive = recentlyActive
    }
}

public struct MetricsListResponse: Codable, Sendable, Hashable {
    public var metrics: [MetricIdentity]
    public init(metrics: [MetricIdentity]) { self.metrics = metrics }
}

public struct MetricsGet: RPCMethod {
    public typealias Response = MetricsGetResponse
    public static let method = "metrics.get"
    public static let summary =
        "Statistics of one metric per period: SampleCount, Sum, Average, Minimum, Maximum and percentiles like p99."
    public var namespace: String
    public var metricName: String
    public var dimensions: [MetricDimension]?
    /// Epoch milliseconds.
    public var startTime: Int64
    public var endTime: Int64
    /// Seconds: a multiple of 60, or 1, 5, 10, 20, 30 for high-resolution data.
    public var period: Int
    public var statistics: [String]
    /// Percentiles (`p99`) asked apart, as GetMetricStatistics does: then `statistics` holds only
    /// SampleCount, Sum, Average, Minimum and Maximum, and only one of the two lists may be non-empty.
    public var extendedStatistics: [String]?
    /// Only data stored with this unit (default: every unit, each aggregated apart).
    public var unit: String?
    public init(
        namespace: String, metricName: String, dimensions: [MetricDimension]? = nil, startTime: Int64, endTime: Int64,
        period: Int, statistics: [String], extendedStatistics: [String]? = nil, unit: String? = nil
    ) {
        self.extendedStatistics = extendedStatistics
        self.unit = unit
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.startTime = startTime
        self.endTime = endTime
        self.period = period
        self.statistics = statistics
    }
}

public struct MetricDatapoint: Codable, Sendable, Hashable {
    /// The period's start, epoch milliseconds.
    public var timestamp: Int64
    public var sampleCount: Double?
    public var sum: Double?
    public var average: Double?
    public var minimum: Double?
    public var maximum: Double?
    public var unit: String
    public var extendedStatistics: [String: Double]?

    public init(
        timestamp: Int64, sampleCount: Double?, sum: Double?, average: Double?, minimum: Double?, maximum: Double?,
        unit: String, extendedStatistics: [String: Double]?
    ) {
        self.timestamp = timestamp
        self.sampleCount = sampleCount
        self.sum = sum
        self.average = average
        self.minimum = minimum
        self.maximum = maximum
        self.unit = unit
        self.extendedStatistics = extendedStatistics
    }
}

extension MetricDatapoint {
    /// The value of one statistic by its name (SampleCount, Sum, Average, Minimum, Maximum or pNN).
    public func value(of statistic: String) -> Double? {
        switch statistic {
        case "SampleCount": sampleCount
        case "Sum": sum
        case "Average": average
        case "Minimum": minimum
        case "Maximum": maximum
        default: extendedStatistics?[statistic]
        }
    }
}

public struct MetricsGetResponse: Codable, Sendable, Hashable {
    public var datapoints: [MetricDatapoint]
    public init(datapoints: [MetricDatapoint]) { self.datapoints = datapoints }
}
