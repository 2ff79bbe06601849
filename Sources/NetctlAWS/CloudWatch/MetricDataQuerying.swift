import Foundation
import NetctlAPI

/// GetMetricData over netctl's `metrics.get`: each MetricStat query is one metric and one
/// statistic; metric math and Metrics Insights expressions are not evaluated, and say so.
enum MetricDataQuerying {
    /// CloudWatch's default and largest page.
    static let maximumDatapoints = 100_800

    static func run(_ input: CloudWatch.GetMetricDataInput, _ context: ActionContext) async throws(AWSError)
        -> CloudWatch.GetMetricDataOutput
    {
        guard (1...500).contains(input.metricDataQueries.count) else {
            throw CloudWatchAction.invalid(
                "GetMetricData takes 1 to 500 MetricDataQueries; got \(input.metricDataQueries.count).")
        }
        let descending: Bool
        switch input.scanBy ?? "TimestampDescending" {
        case "TimestampDescending": descending = true
        case "TimestampAscending": descending = false
        case let other: throw CloudWatchAction.invalid("ScanBy takes TimestampDescending or TimestampAscending; got '\(other)'.")
        }
        let limit = input.maxDatapoints ?? maximumDatapoints
        guard limit >= 1 else { throw CloudWatchAction.invalid("MaxDatapoints must be at least 1; got \(limit).") }
        var seen = Set<String>()
        var series: [(id: String, label: String, points: [(Date, Double)])] = []
        for query in input.metricDataQueries {
            let id = try check(query, seen: &seen, accountId: context.accountId)
            guard let stat = query.metricStat else { continue }
            let points = try await values(stat, id: id, start: input.startTime, end: input.endTime, context: context)
            // ReturnData false asks for a metric only as an input to math, which netctld does not evaluate.
            guard query.returnData ?? true else { continue }
            series.append(
                (id, query.label ?? stat.metric?.metricName ?? id, descending ? Array(points.reversed()) : points))
        }
        // The token counts the datapoints already returned, across the queries in their order.
        let total = series.reduce(0) { $0 + $1.points.count }
        var skip = 0
        if let token = input.nextToken {
            guard let value = Int(token), (0...total).contains(value) else {
                throw AWSError(
                    code: "InvalidNextToken",
                    message: "The NextToken '\(token)' was not returned by this query; start again without one.")
            }
            skip = value
        }
        var budget = limit
        var results: [CloudWatch.MetricDataResult] = []
        for entry in series {
            let start = min(skip, entry.points.count)
            skip -= start
            let taken = entry.points[start...].prefix(budget)
            budget -= taken.count
            results.append(
                CloudWatch.MetricDataResult(
                    id: entry.id, label: entry.label, timestamps: taken.map { $0.0 }, values: taken.map { $0.1 },
                    statusCode: start + taken.count < entry.points.count ? "PartialData" : "Complete", messages: []))
        }
        let returned = (input.nextToken.flatMap { Int($0) } ?? 0) + (limit - budget)
        return CloudWatch.GetMetricDataOutput(
            metricDataResults: results, nextToken: returned < total ? String(returned) : nil, messages: [])
    }

    /// The query's ID (unique, starting with a lower-case letter), and what netctld cannot answer.
    private static func check(_ query: CloudWatch.MetricDataQuery, seen: inout Set<String>, accountId: String)
        throws(AWSError) -> String
    {
        guard let id = query.id else { throw CloudWatchAction.missing("MetricDataQueries.member.N.Id", of: "GetMetricData") }
        guard let first = id.first, first.isLowercase, first.isASCII,
            id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), id.count <= 255
        else {
            throw CloudWatchAction.invalid(
                "The query Id '\(id)' is invalid: it starts with a lower-case letter and holds letters, digits and _.")
        }
        guard seen.insert(id).inserted else {
            throw CloudWatchAction.invalid("The query Id '\(id)' is used twice; each query needs its own.")
        }
        if query.expression != nil {
            throw CloudWatchAction.invalid(
                "netctld does not evaluate metric math or Metrics Insights expressions (query '\(id)'): ask for each "
                    + "metric with MetricStat and compute over the values yourself.")
        }
        if let account = query.accountId, account != accountId {
            throw CloudWatchAction.invalid(
                "Query '\(id)' asks for account \(account): netctld answers for the caller's own account only.")
        }
        if query.period != nil {
            throw CloudWatchAction.invalid(
                "Query '\(id)': Period at the query's level is for expressions; give it in MetricStat.")
        }
        if query.metricStat == nil {
            throw CloudWatchAction.missing("MetricStat (query '\(id)')", of: "GetMetricData")
        }
        return id
    }

    /// One metric's statistic per period, oldest first. netctl answers at most 1,440 periods a call,
    /// GetMetricData many more: the range is read in spans of 1,440 periods aligned to the periods.
    private static func values(
        _ stat: CloudWatch.MetricStat, id: String, start: Date, end: Date, context: ActionContext
    ) async throws(AWSError) -> [(Date, Double)] {
        guard let metric = stat.metric, let namespace = metric.namespace, let name = metric.metricName else {
            throw CloudWatchAction.missing("MetricStat.Metric with Namespace and MetricName (query '\(id)')", of: "GetMetricData")
        }
        guard let period = stat.period, let statistic = stat.stat else {
            throw CloudWatchAction.missing("MetricStat.Period and MetricStat.Stat (query '\(id)')", of: "GetMetricData")
        }
        let basic = ["SampleCount", "Sum", "Average", "Minimum", "Maximum"].contains(statistic)
        let dimensions = try CloudWatchActions.dimensions(metric.dimensions, "MetricStat.Metric.Dimensions")
        let from = CloudWatchAction.milliseconds(start)
        let to = CloudWatchAction.milliseconds(end)
        guard period > 0 else { throw CloudWatchAction.invalid("Query '\(id)': Period must be positive; got \(period).") }
        let length = Int64(period) * 1000
        var points: [(Date, Double)] = []
        var spanStart = from
        repeat {
            let aligned = spanStart - ((spanStart % length) + length) % length
            let spanEnd = min(to, aligned + 1440 * length)
            let response = try await context.run(
                MetricsGet(
                    namespace: namespace, metricName: name, dimensions: dimensions, startTime: spanStart,
                    endTime: spanEnd, period: period, statistics: basic ? [statistic] : [],
                    extendedStatistics: basic ? [] : [statistic], unit: stat.unit))
            for point in response.datapoints {
                if let value = point.value(of: statistic) { points.append((CloudWatchAction.date(point.timestamp), value)) }
            }
            spanStart = spanEnd
        } while spanStart < to
        return points
    }
}
