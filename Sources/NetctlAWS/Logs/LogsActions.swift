import NetctlAPI

/// The CloudWatch Logs operations netctld serves: each becomes netctl's own `logs.*` requests, so
/// the watcher's groups (`/netctl/…`) and a user's own are one set.
enum LogsActions {
    static let all: [JSONAction] = groups
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
