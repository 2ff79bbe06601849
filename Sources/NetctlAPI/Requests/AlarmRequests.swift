public struct Alarm: Codable, Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var metricName: String
    public var dimensions: [MetricDimension]
    public var statistic: String
    public var period: Int
    public var evaluationPeriods: Int
    public var datapointsToAlarm: Int
    public var threshold: Double
    public var comparisonOperator: String
    /// `INSUFFICIENT_DATA`, `OK` or `ALARM`.
    public var state: String
    public var stateReason: String
    /// Epoch milliseconds.
    public var stateUpdatedAt: Int64

    public init(
        name: String, namespace: String, metricName: String, dimensions: [MetricDimension], statistic: String,
        period: Int, evaluationPeriods: Int, datapointsToAlarm: Int, threshold: Double, comparisonOperator: String,
        state: String, stateReason: String, stateUpdatedAt: Int64
    ) {
        self.name = name
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.statistic = statistic
        self.period = period
        self.evaluationPeriods = evaluationPeriods
        self.datapointsToAlarm = datapointsToAlarm
        self.threshold = threshold
        self.comparisonOperator = comparisonOperator
        self.state = state
        self.stateReason = stateReason
        self.stateUpdatedAt = stateUpdatedAt
    }
}

public struct AlarmPut: RPCMethod {
    public typealias Response = Alarm
    public static let method = "alarm.put"
    public static let summary =
        "Create or replace a metric alarm: M out of N periods breaching the threshold set it to ALARM."
    public var name: String
    public var namespace: String
    public var metricName: String
    public var dimensions: [MetricDimension]?
    public var statistic: String
    public var period: Int
    public var evaluationPeriods: Int
    public var datapointsToAlarm: Int?
    public var threshold: Double
    public var comparisonOperator: String

    public init(
        name: String, namespace: String, metricName: String, dimensions: [MetricDimension]? = nil, statistic: String,
        period: Int, evaluationPeriods: Int, datapointsToAlarm: Int? = nil, threshold: Double, comparisonOperator: String
    ) {
        self.name = name
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.statistic = statistic
        self.period = period
        self.evaluationPeriods = evaluationPeriods
        self.datapointsToAlarm = datapointsToAlarm
        self.threshold = threshold
        self.comparisonOperator = comparisonOperator
    }
}

public struct AlarmList: RPCMethod {
    public typealias Response = AlarmListResponse
    public static let method = "alarm.list"
    public static let summary = "The alarms with their states."
    public init() {}
}

public struct AlarmListResponse: Codable, Sendable, Hashable {
    public var alarms: [Alarm]
    public init(alarms: [Alarm]) { self.alarms = alarms }
}

public struct AlarmDelete: RPCMethod {
    public typealias Response = EmptyResponse
    public static let method = "alarm.delete"
    public static let summary = "Delete an alarm."
    public var name: String
    public init(name: String) { self.name = name }
}
