import NetctlAPI

/// The CloudWatch Logs operations netctld serves: each becomes netctl's own `logs.*` requests, so
/// the watcher's groups (`/netctl/…`) and a user's own are one set.
enum LogsActions {
    static let all: [JSONAction] = groups + streams + events

    /// The group a request names, by `logGroupName` or by `logGroupIdentifier` (its name or ARN), one
    /// of the two.
    static func groupName(_ name: String?, identifier: String?) throws(AWSError) -> String {
        switch (name, identifier) {
        case (let name?, nil): return name
        case (nil, let identifier?):
            guard identifier.hasPrefix("arn:") else { return identifier }
            guard let range = identifier.range(of: ":log-group:") else {
                throw AWSError(
                    code: "InvalidParameterException",
                    message: "logGroupIdentifier '\(identifier)' is not a log group ARN "
                        + "(arn:aws:logs:REGION:ACCOUNT:log-group:NAME).")
            }
            let rest = identifier[range.upperBound...]
            return String(rest.hasSuffix(":*") ? rest.dropLast(2) : rest)
        case (.some, .some):
            throw AWSError(
                code: "InvalidParameterException",
                message: "logGroupName and logGroupIdentifier cannot both be given; pass one of them.")
        case (nil, nil):
            throw AWSError(
                code: "InvalidParameterException", message: "Name the log group with logGroupName or logGroupIdentifier.")
        }
    }
}

extension LogsActions {
    static let groups: [JSONAction] = [
        .make("CreateLogGroup", mutating: true, supported: ["logGroupName"]) {
            (input: Logs.CreateLogGroupRequest, context) throws(AWSError) in
            _ = try await context.run(LogsCreateGroup(group: input.logGroupName))
            return JSONEmptyOutput()
        },
        .make("DescribeLogGroups", mutating: false, supported: ["logGroupNamePrefix", "nextToken", "limit"]) {
            (input: Logs.DescribeLogGroupsRequest, context) throws(AWSError) in
            let groups = try await context.run(LogsGroups(prefix: input.logGroupNamePrefix)).logGroups
            let page = try Paging.page(groups, limit: input.limit, maximum: 50, nextToken: input.nextToken)
            return Logs.DescribeLogGroupsResponse(
                logGroups: page.items.map(Logs.LogGroup.init), nextToken: page.nextToken)
        },
        .make("DeleteLogGroup", mutating: true, supported: ["logGroupName"]) {
            (input: Logs.DeleteLogGroupRequest, context) throws(AWSError) in
            _ = try await context.run(LogsDeleteGroup(group: input.logGroupName))
            return JSONEmptyOutput()
        },
        .make("PutRetentionPolicy", mutating: true, supported: ["logGroupName", "retentionInDays"]) {
            (input: Logs.PutRetentionPolicyRequest, context) throws(AWSError) in
            _ = try await context.run(LogsSetRetention(group: input.logGroupName, days: input.retentionInDays))
            return JSONEmptyOutput()
        },
        .make("DeleteRetentionPolicy", mutating: true, supported: ["logGroupName"]) {
            (input: Logs.DeleteRetentionPolicyRequest, context) throws(AWSError) in
            _ = try await context.run(LogsDeleteRetention(group: input.logGroupName))
            return JSONEmptyOutput()
        },
    ]
}

extension Logs.LogGroup {
    init(_ group: LogGroup) {
        self.init(
            logGroupName: group.logGroupName, creationTime: Int(group.createdAt),
            retentionInDays: group.retentionInDays,
            metricFilterCount: 0, arn: group.arn, storedBytes: Int(group.storedBytes), logGroupClass: "STANDARD",
            logGroupArn: group.arn.hasSuffix(":*") ? String(group.arn.dropLast(2)) : group.arn)
    }
}

extension LogsActions {
    static let streams: [JSONAction] = [
        .make("CreateLogStream", mutating: true, supported: ["logGroupName", "logStreamName"]) {
            (input: Logs.CreateLogStreamRequest, context) throws(AWSError) in
            _ = try await context.run(LogsCreateStream(group: input.logGroupName, stream: input.logStreamName))
            return JSONEmptyOutput()
        },
        .make("DeleteLogStream", mutating: true, supported: ["logGroupName", "logStreamName"]) {
            (input: Logs.DeleteLogStreamRequest, context) throws(AWSError) in
            _ = try await context.run(LogsDeleteStream(group: input.logGroupName, stream: input.logStreamName))
            return JSONEmptyOutput()
        },
        .make(
            "DescribeLogStreams", mutating: false,
            supported: [
                "logGroupName", "logGroupIdentifier", "logStreamNamePrefix", "orderBy", "descending", "nextToken", "limit",
            ]
        ) { (input: Logs.DescribeLogStreamsRequest, context) throws(AWSError) in
            let group = try groupName(input.logGroupName, identifier: input.logGroupIdentifier)
            let streams = try await context.run(
                LogsStreams(
                    group: group, prefix: input.logStreamNamePrefix, orderBy: input.orderBy,
                    descending: input.descending)
            ).logStreams
            let page = try Paging.page(streams, limit: input.limit, maximum: 50, nextToken: input.nextToken)
            return Logs.DescribeLogStreamsResponse(
                logStreams: page.items.map(Logs.LogStream.init), nextToken: page.nextToken)
        },
    ]
}

extension Logs.LogStream {
    init(_ stream: LogStream) {
        self.init(
            logStreamName: stream.logStreamName, creationTime: Int(stream.createdAt),
            firstEventTimestamp: stream.firstEventTimestamp.map { Int($0) },
            lastEventTimestamp: stream.lastEventTimestamp.map { Int($0) }, arn: stream.arn,
            storedBytes: Int(stream.storedBytes))
    }
}

extension LogsActions {
    static let events: [JSONAction] = [
        // Sequence tokens have been ignored by CloudWatch Logs since January 2023: any value, or none, is
        // accepted, and parallel writers to one stream are fine.
        .make("PutLogEvents", mutating: true, supported: ["logGroupName", "logStreamName", "logEvents", "sequenceToken"])
        { (input: Logs.PutLogEventsRequest, context) throws(AWSError) in
            let result = try await context.run(
                LogsPut(
                    group: input.logGroupName, stream: input.logStreamName,
                    events: input.logEvents.map { LogEventInput(timestamp: Int64($0.timestamp), message: $0.message) }))
            return Logs.PutLogEventsResponse(
                nextSequenceToken: result.nextSequenceToken,
                rejectedLogEventsInfo: result.rejectedLogEventsInfo.map {
                    Logs.RejectedLogEventsInfo(
                        tooNewLogEventStartIndex: $0.tooNewLogEventStartIndex,
                        tooOldLogEventEndIndex: $0.tooOldLogEventEndIndex,
                        expiredLogEventEndIndex: $0.expiredLogEventEndIndex)
                })
        },
        .make(
            "GetLogEvents", mutating: false,
            supported: [
                "logGroupName", "logGroupIdentifier", "logStreamName", "startTime", "endTime", "nextToken", "limit",
                "startFromHead",
            ]
        ) { (input: Logs.GetLogEventsRequest, context) throws(AWSError) in
            let group = try groupName(input.logGroupName, identifier: input.logGroupIdentifier)
            let page = try await context.run(
                LogsGet(
                    group: group, stream: input.logStreamName, startTime: input.startTime.map(Int64.init),
                    endTime: input.endTime.map(Int64.init), limit: input.limit, nextToken: input.nextToken,
                    // AWS reads from the newest events unless told to start from the head.
                    startFromHead: input.startFromHead ?? false))
            return Logs.GetLogEventsResponse(
                events: page.events.map {
                    Logs.OutputLogEvent(
                        timestamp: Int($0.timestamp), message: $0.message, ingestionTime: Int($0.ingestionTime))
                },
                nextForwardToken: page.nextForwardToken, nextBackwardToken: page.nextBackwardToken)
        },
        // `interleaved` is deprecated: results are always interleaved across streams, as here.
        .make(
            "FilterLogEvents", mutating: false,
            supported: [
                "logGroupName", "logGroupIdentifier", "logStreamNames", "logStreamNamePrefix", "startTime", "endTime",
                "filterPattern", "nextToken", "limit", "interleaved",
            ]
        ) { (input: Logs.FilterLogEventsRequest, context) throws(AWSError) in
            let group = try groupName(input.logGroupName, identifier: input.logGroupIdentifier)
            let page = try await context.run(
                LogsFilter(
                    group: group, pattern: input.filterPattern, startTime: input.startTime.map(Int64.init),
                    endTime: input.endTime.map(Int64.init), limit: input.limit, nextToken: input.nextToken,
                    streams: input.logStreamNames, streamPrefix: input.logStreamNamePrefix))
            return Logs.FilterLogEventsResponse(
                events: page.events.map {
                    Logs.FilteredLogEvent(
                        logStreamName: $0.logStreamName, timestamp: Int($0.timestamp), message: $0.message,
                        ingestionTime: Int($0.ingestionTime), eventId: $0.eventId)
                },
                nextToken: page.nextToken)
        },
    ]
}
