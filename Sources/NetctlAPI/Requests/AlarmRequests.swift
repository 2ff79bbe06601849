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
    public var alarmDescription: String?
    /// The JSON given with the last `alarm.setState`, if that set the current state.
    public var stateReasonData: String?
    /// When the definition was last put, epoch milliseconds.
    public var configurationUpdatedAt: Int64?

    public init(
        name: String, namespace: String, metricName: String, dimensions: [MetricDimension], statistic: String,
        period: Int, evaluationPeriods: Int, datapointsToAlarm: Int, threshold: Double, comparisonOperator: String,
        state: String, stateReason: String, stateUpdatedAt: Int64, alarmDescription: String? = nil,
        stateReasonData: String? = nil, configurationUpdatedAt: Int64? = nil
    ) {
        self.alarmDescription = alarmDescription
        self.stateReasonData = stateReasonData
        self.configurationUpdatedAt = configurationUpdatedAt
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
    /// Up to 1,024 characters.
    public var alarmDescription: String?

    public init(
        name: String, namespace: String, metricName: String, dimensions: [MetricDimension]? = nil, statistic: String,
        period: Int, evaluationPeriods: Int, datapointsToAlarm: Int? = nil, threshold: Double, comparisonOperator: String,
        alarmDescription: String? = nil
    ) {
        self.alarmDescription = alarmDescription
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
    /// Only these alarms (names that do not exist are left out).
    public var names: [String]?
    /// Only alarms whose name starts with this; not together with `names`.
    public var namePrefix: String?
    /// Only alarms in this state: `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    public var stateValue: String?
    public init(names: [String]? = nil, namePrefix: String? = nil, stateValue: String? = nil) {
        self.names = names
        self.namePrefix = namePrefix
        self.stateValue = stateValue
    }
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

public struct AlarmSetState: RPCMethod {
    public typealias Response = Alarm
    public static let method = "alarm.setState"
    public static let summary =
        "SetAlarmState: set an alarm's state by hand, for testing; its next evaluation sets it back."
    public var name: String
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    public var stateValue: String
    /// Up to 1,023 characters.
    public var stateReason: String
    /// A JSON document, up to 4,000 characters.
    public var stateReasonData: String?
    public init(name: String, stateValue: String, stateReason: String, stateReasonData: String? = nil) {
        self.name = name
        self.stateValue = stateValue
        self.stateReason = stateReason
        self.stateReasonData = stateReasonData
    }
}
