import Foundation
import NetctlAPI
import Testing

/// CloudWatch metrics and alarms through the real AWS CLI and boto3 (JSON 1.0, awsQueryCompatible),
/// through the query protocol older SDKs speak, and the same metrics and alarms over the socket.
@Suite(.serialized) struct AWSCloudWatchTests {
    static var nowSeconds: Int { Int(Date().timeIntervalSince1970) }

    /// `--start-time`/`--end-time` around now, as epoch seconds the CLI accepts.
    static func window(before: Int = 600, after: Int = 300) -> [String] {
        ["--start-time", String(nowSeconds - before), "--end-time", String(nowSeconds + after)]
    }

    @Test func metricsRoundTripThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let data = """
            [{"MetricName": "Latency", "Dimensions": [{"Name": "Queue", "Value": "orders"}], "Unit": "Milliseconds",
              "Values": [10, 20, 30], "Counts": [1, 2, 7]},
             {"MetricName": "Depth", "Dimensions": [{"Name": "Queue", "Value": "orders"}, {"Name": "Shard", "Value": "1"}],
              "Value": 5, "Unit": "Count", "StorageResolution": 1},
             {"MetricName": "Batch", "StatisticValues": {"SampleCount": 4, "Sum": 20, "Minimum": 2, "Maximum": 8}}]
            """
        let put = try aws.aws(["cloudwatch", "put-metric-data", "--namespace", "Shop", "--metric-data", data])
        #expect(put.status == 0, "\(put)")

        let latency = try aws.aws(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Latency",
                "--dimensions", "Name=Queue,Value=orders", "--period", "60", "--statistics", "SampleCount", "Maximum",
            ] + Self.window())
        #expect(latency.status == 0, "\(latency)")
        #expect(latency.object["Label"] as? String == "Latency")
        let point = try #require((latency.object["Datapoints"] as? [[String: Any]])?.first, "\(latency)")
        #expect(point["SampleCount"] as? Double == 10)
        #expect(point["Maximum"] as? Double == 30)
        #expect(point["Unit"] as? String == "Milliseconds")
        #expect(point["Average"] == nil)

        // Percentiles from the raw values: the 5th of 10 sorted values is 30.
        let percentile = try aws.aws(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Latency",
                "--dimensions", "Name=Queue,Value=orders", "--period", "300", "--extended-statistics", "p50", "p10",
            ] + Self.window())
        let extended = (percentile.object["Datapoints"] as? [[String: Any]])?.first?["ExtendedStatistics"]
        #expect(extended as? [String: Double] == ["p50": 30, "p10": 10], "\(percentile)")

        // A statistic set keeps its exact sum, count and bounds.
        let batch = try aws.aws(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Batch", "--period", "60",
                "--statistics", "Average", "Sum", "SampleCount", "Minimum", "Maximum",
            ] + Self.window())
        let set = try #require((batch.object["Datapoints"] as? [[String: Any]])?.first, "\(batch)")
        #expect(set["Average"] as? Double == 5)
        #expect(set["Sum"] as? Double == 20)
        #expect(set["SampleCount"] as? Double == 4)
        #expect(set["Minimum"] as? Double == 2)
        #expect(set["Maximum"] as? Double == 8)
        #expect(set["Unit"] as? String == "None")

        // The unit filters: data stored in another unit is not returned.
        let seconds = try aws.aws(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Latency",
                "--dimensions", "Name=Queue,Value=orders", "--period", "60", "--statistics", "Sum", "--unit", "Seconds",
            ] + Self.window())
        #expect((seconds.object["Datapoints"] as? [Any])?.isEmpty == true, "\(seconds)")

        // A dimension filter matches metrics having that dimension, whatever others they have.
        let listed = try aws.aws(["cloudwatch", "list-metrics", "--namespace", "Shop", "--dimensions", "Name=Queue"])
        let names = (listed.object["Metrics"] as? [[String: Any]])?.compactMap { $0["MetricName"] as? String }
        #expect(names?.sorted() == ["Depth", "Latency"], "\(listed)")
        let byValue = try aws.aws(["cloudwatch", "list-metrics", "--dimensions", "Name=Shard,Value=1"])
        let depth = try #require((byValue.object["Metrics"] as? [[String: Any]])?.first, "\(byValue)")
        #expect(depth["Namespace"] as? String == "Shop")
        #expect((depth["Dimensions"] as? [[String: String]])?.count == 2)
        let recent = try aws.aws(["cloudwatch", "list-metrics", "--namespace", "Shop", "--recently-active", "PT3H"])
        #expect((recent.object["Metrics"] as? [Any])?.count == 3, "\(recent)")

        // The socket sees the same metrics and the same data.
        let overSocket = try await aws.daemon.client.send(MetricsList(namespace: "Shop"))
        #expect(overSocket.metrics.map(\.metricName).sorted() == ["Batch", "Depth", "Latency"])
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let sums = try await aws.daemon.client.send(
            MetricsGet(
                namespace: "Shop", metricName: "Latency", dimensions: [MetricDimension(name: "Queue", value: "orders")],
                startTime: now - 600_000, endTime: now + 300_000, period: 3600, statistics: ["Sum"]))
        #expect(sums.datapoints.map(\.sum) == [260])

        // Errors as the CLI reports them: the query codes, from x-amzn-query-error.
        let both = try aws.aws(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Latency", "--period", "60",
                "--statistics", "Sum", "--extended-statistics", "p99",
            ] + Self.window())
        #expect(both.errorCode == "InvalidParameterCombination", "\(both)")
        let neither = try aws.aws(
            ["cloudwatch", "get-metric-statistics", "--namespace", "Shop", "--metric-name", "Latency", "--period", "60"]
                + Self.window())
        #expect(neither.errorCode == "MissingParameter", "\(neither)")
        let reserved = try aws.aws([
            "cloudwatch", "put-metric-data", "--namespace", "AWS/EC2", "--metric-name", "CPUUtilization", "--value", "1",
        ])
        #expect(reserved.errorCode == "InvalidParameterValue", "\(reserved)")
        let badUnit = try aws.aws([
            "cloudwatch", "put-metric-data", "--namespace", "Shop", "--metric-name", "Depth", "--value", "1", "--unit",
            "Parsecs",
        ])
        #expect(badUnit.errorCode == "InvalidParameterValue", "\(badUnit)")
        let mixed = try aws.aws([
            "cloudwatch", "put-metric-data", "--namespace", "Shop", "--metric-data",
            #"[{"MetricName": "Depth", "Value": 1, "StatisticValues": {"SampleCount": 1, "Sum": 1, "Minimum": 1, "Maximum": 1}}]"#,
        ])
        #expect(mixed.errorCode == "InvalidParameterCombination", "\(mixed)")
        let recentlyWrong = try aws.aws(["cloudwatch", "list-metrics", "--recently-active", "P1D"])
        #expect(recentlyWrong.errorCode == "InvalidParameterValue", "\(recentlyWrong)")
        let unserved = try aws.aws(["cloudwatch", "list-dashboards"])
        #expect(unserved.errorCode == "UnknownOperationException", "\(unserved)")
    }

    @Test func theWatchersOwnMetricsAreReadable() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let created = try aws.aws(["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"])
        #expect(created.status == 0, "\(created)")
        _ = try aws.aws(["ec2", "create-vpc", "--cidr-block", "10.1.0.0/16"])

        // Gauges follow committed batches: the watcher records the second VPC shortly after.
        var maximum: Double?
        for _ in 0..<100 where maximum != 2 {
            let statistics = try aws.aws(
                [
                    "cloudwatch", "get-metric-statistics", "--namespace", "Netctl/VPC", "--metric-name", "VpcCount",
                    "--period", "60", "--statistics", "Maximum",
                ] + Self.window())
            maximum = (statistics.object["Datapoints"] as? [[String: Any]])?.compactMap { $0["Maximum"] as? Double }.max()
            if maximum != 2 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(maximum == 2)

        let listed = try aws.aws(["cloudwatch", "list-metrics", "--namespace", "Netctl/VPC"])
        let names = Set((listed.object["Metrics"] as? [[String: Any]])?.compactMap { $0["MetricName"] as? String } ?? [])
        #expect(names.contains("VpcCount"), "\(listed)")
        // The AWS calls themselves are netctl requests: counted per method in Netctl/RPC.
        let rpc = try aws.aws([
            "cloudwatch", "list-metrics", "--namespace", "Netctl/RPC", "--metric-name", "Requests", "--dimensions",
            "Name=Method,Value=vpc.create",
        ])
        #expect((rpc.object["Metrics"] as? [Any])?.count == 1, "\(rpc)")
        // Netctl/ belongs to netctld: nobody else writes there.
        let forged = try aws.aws([
            "cloudwatch", "put-metric-data", "--namespace", "Netctl/VPC", "--metric-name", "VpcCount", "--value", "9",
        ])
        #expect(forged.errorCode == "InvalidParameterValue", "\(forged)")
    }

    @Test func alarmsThroughTheCLIOnTheDaemonsClock() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let put = try aws.aws([
            "cloudwatch", "put-metric-alarm", "--alarm-name", "busy", "--alarm-description", "orders pile up",
            "--namespace", "Shop", "--metric-name", "Queue", "--dimensions", "Name=Queue,Value=orders", "--statistic",
            "Maximum", "--period", "60", "--evaluation-periods", "1", "--threshold", "10", "--comparison-operator",
            "GreaterThanThreshold", "--treat-missing-data", "missing",
        ])
        #expect(put.status == 0, "\(put)")
        let described = try aws.aws(["cloudwatch", "describe-alarms", "--alarm-names", "busy"])
        let alarm = try #require((described.object["MetricAlarms"] as? [[String: Any]])?.first, "\(described)")
        #expect(alarm["StateValue"] as? String == "INSUFFICIENT_DATA")
        #expect(alarm["AlarmArn"] as? String == "arn:aws:cloudwatch:us-east-1:000000000000:alarm:busy")
        #expect(alarm["AlarmDescription"] as? String == "orders pile up")
        #expect(alarm["Statistic"] as? String == "Maximum")
        #expect(alarm["Threshold"] as? Double == 10)
        #expect(alarm["DatapointsToAlarm"] as? Int == 1)
        #expect(alarm["Dimensions"] as? [[String: String]] == [["Name": "Queue", "Value": "orders"]])
        #expect(alarm["StateUpdatedTimestamp"] != nil && alarm["AlarmConfigurationUpdatedTimestamp"] != nil)

        // Data above the threshold; once its period is complete on the daemon's clock, ALARM.
        let data = try aws.aws([
            "cloudwatch", "put-metric-data", "--namespace", "Shop", "--metric-name", "Queue", "--dimensions",
            "Queue=orders", "--value", "50",
        ])
        #expect(data.status == 0, "\(data)")
        _ = try await client.send(DebugClockAdvance(seconds: 60))
        var state: String?
        for _ in 0..<100 where state != "ALARM" {
            let alarms = try aws.aws(["cloudwatch", "describe-alarms", "--state-value", "ALARM"])
            state = (alarms.object["MetricAlarms"] as? [[String: Any]])?.first?["StateValue"] as? String
            if state != "ALARM" { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(state == "ALARM")

        // SetAlarmState holds until the next evaluation, which the manual clock does not bring.
        let set = try aws.aws([
            "cloudwatch", "set-alarm-state", "--alarm-name", "busy", "--state-value", "OK", "--state-reason", "drill",
            "--state-reason-data", #"{"by": "hand"}"#,
        ])
        #expect(set.status == 0, "\(set)")
        let afterSet = try aws.aws(["cloudwatch", "describe-alarms", "--alarm-name-prefix", "bu"])
        let manual = try #require((afterSet.object["MetricAlarms"] as? [[String: Any]])?.first, "\(afterSet)")
        #expect(manual["StateValue"] as? String == "OK")
        #expect(manual["StateReason"] as? String == "drill")
        #expect(manual["StateReasonData"] as? String == #"{"by": "hand"}"#)
        let overSocket = try await client.send(AlarmList())
        #expect(overSocket.alarms.map(\.state) == ["OK"])
        let history = try await client.send(LogsGet(group: "/netctl/alarms", stream: "busy")).events
        #expect(history.contains { $0.message.contains(#""action":"setState""#) && $0.message.contains(#""status":"OK""#) })

        let unknown = try aws.aws([
            "cloudwatch", "set-alarm-state", "--alarm-name", "nope", "--state-value", "OK", "--state-reason", "x",
        ])
        #expect(unknown.errorCode == "ResourceNotFound", "\(unknown)")
        let notJSON = try aws.aws([
            "cloudwatch", "set-alarm-state", "--alarm-name", "busy", "--state-value", "OK", "--state-reason", "x",
            "--state-reason-data", "not json",
        ])
        #expect(notJSON.errorCode == "InvalidFormat", "\(notJSON)")
        let withActions = try aws.aws([
            "cloudwatch", "put-metric-alarm", "--alarm-name", "paging", "--namespace", "Shop", "--metric-name", "Queue",
            "--statistic", "Maximum", "--period", "60", "--evaluation-periods", "1", "--threshold", "1",
            "--comparison-operator", "GreaterThanThreshold", "--alarm-actions", "arn:aws:sns:us-east-1:000000000000:ops",
        ])
        #expect(withActions.errorCode == "InvalidParameterValue", "\(withActions)")
        let badOperator = try aws.aws([
            "cloudwatch", "put-metric-alarm", "--alarm-name", "odd", "--namespace", "Shop", "--metric-name", "Queue",
            "--statistic", "Maximum", "--period", "60", "--evaluation-periods", "1", "--threshold", "1",
            "--comparison-operator", "Sideways",
        ])
        #expect(badOperator.errorCode == "InvalidParameterValue", "\(badOperator)")

        // One unknown name deletes nothing; then the real one goes, on both doors.
        let partly = try aws.aws(["cloudwatch", "delete-alarms", "--alarm-names", "busy", "nope"])
        #expect(partly.errorCode == "ResourceNotFound", "\(partly)")
        #expect(try await client.send(AlarmList()).alarms.count == 1)
        let deleted = try aws.aws(["cloudwatch", "delete-alarms", "--alarm-names", "busy"])
        #expect(deleted.status == 0, "\(deleted)")
        #expect(try await client.send(AlarmList()).alarms.isEmpty)
        let none = try aws.aws(["cloudwatch", "describe-alarms"])
        #expect((none.object["MetricAlarms"] as? [Any])?.isEmpty == true, "\(none)")
    }

    @Test func boto3MetricDataPagingAndErrorShapes() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            from datetime import datetime, timedelta, timezone
            cw = boto3.client("cloudwatch", config=_config)
            out = {}
            now = datetime.now(timezone.utc).replace(second=30, microsecond=0)
            cw.put_metric_data(Namespace="App", MetricData=[
                {"MetricName": "Hits", "Value": float(i), "Timestamp": now - timedelta(minutes=i)} for i in range(5)])
            query = [{"Id": "hits", "MetricStat": {"Metric": {"Namespace": "App", "MetricName": "Hits"},
                                                    "Period": 60, "Stat": "Sum"}, "Label": "hits per minute"}]
            span = dict(StartTime=now - timedelta(minutes=10), EndTime=now + timedelta(minutes=1))
            first = cw.get_metric_data(MetricDataQueries=query, MaxDatapoints=3, **span)
            second = cw.get_metric_data(MetricDataQueries=query, MaxDatapoints=3, NextToken=first["NextToken"], **span)
            out["pages"] = [[r["Values"], r["StatusCode"], r["Label"]] for r in
                            first["MetricDataResults"] + second["MetricDataResults"]]
            out["secondToken"] = second.get("NextToken")
            ascending = cw.get_metric_data(MetricDataQueries=query, ScanBy="TimestampAscending", **span)
            result = ascending["MetricDataResults"][0]
            out["ascending"] = result["Values"]
            out["ordered"] = result["Timestamps"] == sorted(result["Timestamps"])
            stats = cw.get_metric_statistics(Namespace="App", MetricName="Hits", Period=600,
                                             Statistics=["Sum", "SampleCount"], **span)
            out["sum"] = sum(p["Sum"] for p in stats["Datapoints"])
            for name in ["a", "b", "c"]:
                cw.put_metric_alarm(AlarmName=name, Namespace="App", MetricName="Hits", Statistic="Sum", Period=60,
                                    EvaluationPeriods=2, DatapointsToAlarm=1, Threshold=100,
                                    ComparisonOperator="GreaterThanOrEqualToThreshold")
            pages = cw.get_paginator("describe_alarms").paginate(PaginationConfig={"PageSize": 2})
            out["alarmPages"] = [[a["AlarmName"] for a in p["MetricAlarms"]] for p in pages]
            out["composite"] = cw.describe_alarms(AlarmTypes=["CompositeAlarm"]).get("CompositeAlarms")
            cw.put_metric_alarm(AlarmName="p", Namespace="App", MetricName="Hits", ExtendedStatistic="p90", Period=60,
                                EvaluationPeriods=1, Threshold=1, ComparisonOperator="LessThanThreshold")
            alarm = cw.describe_alarms(AlarmNames=["p"])["MetricAlarms"][0]
            out["extended"] = [alarm.get("ExtendedStatistic"), alarm.get("Statistic")]
            def failure(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    e = error.response["Error"]
                    return [e["Code"], str(e.get("QueryErrorCode")),
                            str(error.response["ResponseMetadata"]["HTTPStatusCode"]), type(error).__name__]
            out["errors"] = {
                "unknownAlarm": failure(lambda: cw.set_alarm_state(AlarmName="nope", StateValue="OK", StateReason="x")),
                "badStatistic": failure(lambda: cw.get_metric_statistics(
                    Namespace="App", MetricName="Hits", Period=60, Statistics=["Median"], **span)),
                "badPeriod": failure(lambda: cw.get_metric_statistics(
                    Namespace="App", MetricName="Hits", Period=7, Statistics=["Sum"], **span)),
                "expression": failure(lambda: cw.get_metric_data(
                    MetricDataQueries=query + [{"Id": "rate", "Expression": "hits / 60"}], **span)),
                "badToken": failure(lambda: cw.describe_alarms(NextToken="zzz")),
                "bothKinds": failure(lambda: cw.put_metric_alarm(
                    AlarmName="x", Namespace="App", MetricName="Hits", Statistic="Sum", ExtendedStatistic="p90",
                    Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="LessThanThreshold")),
                "unsupported": failure(lambda: cw.list_metrics(IncludeLinkedAccounts=True)),
            }
            try:
                cw.set_alarm_state(AlarmName="nope", StateValue="OK", StateReason="x")
            except cw.exceptions.ResourceNotFound:
                out["modeledClass"] = True
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let pages = try #require(result.object["pages"] as? [[Any]], "\(result)")
        // Newest first: the first page holds the three most recent minutes.
        #expect(pages.map { $0[0] as? [Double] } == [[0, 1, 2], [3, 4]])
        #expect(pages.map { $0[1] as? String } == ["PartialData", "Complete"])
        #expect(pages.map { $0[2] as? String } == ["hits per minute", "hits per minute"])
        #expect(result.object["secondToken"] is NSNull || result.object["secondToken"] == nil)
        #expect(result.object["ascending"] as? [Double] == [4, 3, 2, 1, 0])
        #expect(result.object["ordered"] as? Bool == true)
        #expect(result.object["sum"] as? Double == 10)
        #expect(result.object["alarmPages"] as? [[String]] == [["a", "b"], ["c"]])
        #expect(result.object["composite"] as? [Any] != nil)
        #expect((result.object["extended"] as? [Any])?.first as? String == "p90")
        let errors = try #require(result.object["errors"] as? [String: [String]], "\(result)")
        func error(_ name: String) -> [String] { errors[name] ?? [] }
        #expect(error("unknownAlarm") == ["ResourceNotFound", "ResourceNotFound", "404", "ResourceNotFound"])
        #expect(
            error("badStatistic") == [
                "InvalidParameterValue", "InvalidParameterValueException", "400", "InvalidParameterValueException",
            ])
        #expect(error("badPeriod").first == "InvalidParameterValue")
        #expect(error("expression").first == "InvalidParameterValue")
        #expect(error("badToken") == ["InvalidNextToken", "InvalidNextToken", "400", "InvalidNextToken"])
        #expect(error("bothKinds").first == "InvalidParameterCombination")
        #expect(error("unsupported").first == "InvalidParameterValue")
        #expect(result.object["modeledClass"] as? Bool == true)
    }

    /// Debian's AWS CLI v2 (2.9) still speaks the query protocol to CloudWatch: a real client of it.
    @Test func theQueryProtocolThroughTheAWSCLIv2() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let put = try aws.awsV2([
            "cloudwatch", "put-metric-data", "--namespace", "Old", "--metric-name", "Jobs", "--dimensions", "Host=a",
            "--value", "4", "--unit", "Count",
        ])
        #expect(put.status == 0, "\(put)")
        let statistics = try aws.awsV2(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Old", "--metric-name", "Jobs", "--dimensions",
                "Name=Host,Value=a", "--period", "60", "--statistics", "Sum", "--extended-statistics", "p50",
            ] + Self.window())
        #expect(statistics.errorCode == "InvalidParameterCombination", "\(statistics)")
        let sums = try aws.awsV2(
            [
                "cloudwatch", "get-metric-statistics", "--namespace", "Old", "--metric-name", "Jobs", "--dimensions",
                "Name=Host,Value=a", "--period", "60", "--statistics", "Sum",
            ] + Self.window())
        #expect((sums.object["Datapoints"] as? [[String: Any]])?.first?["Sum"] as? Double == 4, "\(sums)")
        let alarm = try aws.awsV2([
            "cloudwatch", "put-metric-alarm", "--alarm-name", "jobs", "--namespace", "Old", "--metric-name", "Jobs",
            "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1", "--threshold", "1",
            "--comparison-operator", "GreaterThanThreshold",
        ])
        #expect(alarm.status == 0, "\(alarm)")
        let described = try aws.awsV2(["cloudwatch", "describe-alarms", "--alarm-names", "jobs"])
        #expect((described.object["MetricAlarms"] as? [[String: Any]])?.first?["AlarmName"] as? String == "jobs")
        let missing = try aws.awsV2([
            "cloudwatch", "set-alarm-state", "--alarm-name", "nope", "--state-value", "OK", "--state-reason", "x",
        ])
        #expect(missing.errorCode == "ResourceNotFound", "\(missing)")
        #expect(try await aws.daemon.client.send(AlarmList()).alarms.map(\.name) == ["jobs"])
    }

    /// Every answer checked against botocore's `cloudwatch` model (see `JSONConformance`).
    static let conformance: [JSONConformance.Scenario] = [
        .init(
            name: "metrics",
            python: """
                from datetime import datetime, timedelta, timezone
                now = datetime.now(timezone.utc)
                span = dict(StartTime=now - timedelta(minutes=10), EndTime=now + timedelta(minutes=5))
                client.put_metric_data(Namespace="Conf", MetricData=[
                    {"MetricName": "Hits", "Value": 1.5, "Unit": "Count", "Dimensions": [{"Name": "Host", "Value": "a"}]},
                    {"MetricName": "Hits", "Values": [1, 2], "Counts": [1, 3], "Unit": "Count",
                     "Dimensions": [{"Name": "Host", "Value": "a"}]},
                    {"MetricName": "Size", "StatisticValues": {"SampleCount": 2, "Sum": 4, "Minimum": 1, "Maximum": 3}}])
                dims = [{"Name": "Host", "Value": "a"}]
                client.get_metric_statistics(Namespace="Conf", MetricName="Hits", Dimensions=dims, Period=60,
                                             Statistics=["SampleCount", "Sum", "Average", "Minimum", "Maximum"], **span)
                client.get_metric_statistics(Namespace="Conf", MetricName="Hits", Dimensions=dims, Period=60,
                                             ExtendedStatistics=["p50", "p99.9"], **span)
                client.get_metric_data(MetricDataQueries=[
                    {"Id": "hits", "MetricStat": {"Metric": {"Namespace": "Conf", "MetricName": "Hits", "Dimensions": dims},
                                                  "Period": 60, "Stat": "p90"}}], MaxDatapoints=1, **span)
                client.list_metrics(Namespace="Conf")
                client.list_metrics(Dimensions=[{"Name": "Host"}], RecentlyActive="PT3H")
                error_code(lambda: client.get_metric_statistics(
                    Namespace="Conf", MetricName="Hits", Period=60, Statistics=["Sum"], ExtendedStatistics=["p9"], **span))
                error_code(lambda: client.put_metric_data(Namespace="AWS/Conf", MetricData=[{"MetricName": "x", "Value": 1}]))
                error_code(lambda: client.get_metric_data(
                    MetricDataQueries=[{"Id": "e", "Expression": "SUM(METRICS())"}], **span))
                """),
        .init(
            name: "alarms",
            python: """
                client.put_metric_alarm(AlarmName="conf", AlarmDescription="d", Namespace="Conf", MetricName="Hits",
                                        Statistic="Sum", Period=60, EvaluationPeriods=2, Threshold=5,
                                        ComparisonOperator="GreaterThanThreshold", Dimensions=[{"Name": "Host", "Value": "a"}])
                client.put_metric_alarm(AlarmName="conf-p", Namespace="Conf", MetricName="Hits", ExtendedStatistic="p99",
                                        Period=60, EvaluationPeriods=1, Threshold=5, ComparisonOperator="LessThanThreshold")
                client.describe_alarms()
                client.describe_alarms(AlarmNamePrefix="conf", MaxRecords=1)
                client.describe_alarms(AlarmTypes=["MetricAlarm", "CompositeAlarm"])
                client.set_alarm_state(AlarmName="conf", StateValue="ALARM", StateReason="drill")
                client.describe_alarms(AlarmNames=["conf"], StateValue="ALARM")
                error_code(lambda: client.set_alarm_state(AlarmName="none", StateValue="OK", StateReason="x"))
                error_code(lambda: client.describe_alarms(NextToken="x"))
                error_code(lambda: client.delete_alarms(AlarmNames=["conf", "none"]))
                client.delete_alarms(AlarmNames=["conf", "conf-p"])
                """),
    ]

    @Test func answersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let report = try JSONConformance.check(service: "cloudwatch", scenarios: Self.conformance, on: aws)
        #expect(
            report.served.sorted() == [
                "DeleteAlarms", "DescribeAlarms", "GetMetricData", "GetMetricStatistics", "ListMetrics",
                "PutMetricAlarm", "PutMetricData", "SetAlarmState",
            ], "\(report.served)")
    }

    /// The query protocol of older SDKs: raw form POSTs signed by botocore's SigV4Auth, each response
    /// parsed by botocore's own QueryParser against the model.
    @Test func theQueryProtocol() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            import http.client, os, urllib.parse
            from datetime import datetime, timedelta, timezone
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.parsers import QueryParser
            model = botocore.session.get_session().get_service_model("cloudwatch")
            credentials = boto3.session.Session().get_credentials()
            endpoint = urllib.parse.urlsplit(os.environ["AWS_ENDPOINT_URL"])
            connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port)
            raw = {}
            def call(action, **params):
                params = {"Action": action, "Version": "2010-08-01", **params}
                body = urllib.parse.urlencode(params).encode()
                request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
                SigV4Auth(credentials, "monitoring", os.environ["AWS_DEFAULT_REGION"]).add_auth(request)
                connection.request("POST", "/", body=body, headers=dict(request.headers.items()))
                response = connection.getresponse()
                content = response.read()
                raw.setdefault(action, content.decode())
                shape = model.operation_model(action).output_shape if action in model.operation_names else None
                parsed = QueryParser().parse(
                    {"body": content, "headers": dict(response.getheaders()), "status_code": response.status}, shape)
                return response.status, response.getheader("Content-Type"), parsed
            iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            now = datetime.now(timezone.utc)
            out = {}
            out["put"] = call("PutMetricData", **{"Namespace": "Legacy",
                "MetricData.member.1.MetricName": "Jobs", "MetricData.member.1.Value": "3",
                "MetricData.member.1.Unit": "Count",
                "MetricData.member.1.Dimensions.member.1.Name": "Host",
                "MetricData.member.1.Dimensions.member.1.Value": "a",
                "MetricData.member.2.MetricName": "Jobs", "MetricData.member.2.Values.member.1": "5",
                "MetricData.member.2.Values.member.2": "7", "MetricData.member.2.Counts.member.1": "1",
                "MetricData.member.2.Counts.member.2": "2", "MetricData.member.2.Unit": "Count",
                "MetricData.member.2.Dimensions.member.1.Name": "Host",
                "MetricData.member.2.Dimensions.member.1.Value": "a"})[0]
            window = {"StartTime": iso(now - timedelta(minutes=10)), "EndTime": iso(now + timedelta(minutes=5))}
            status, content_type, parsed = call("GetMetricStatistics", Namespace="Legacy", MetricName="Jobs",
                **{"Dimensions.member.1.Name": "Host", "Dimensions.member.1.Value": "a", "Period": "600",
                   "Statistics.member.1": "Sum", "Statistics.member.2": "SampleCount"}, **window)
            out["statistics"] = [status, content_type, parsed["Label"],
                                 [f'{p["Sum"]:g} {p["SampleCount"]:g} {p["Unit"]}' for p in parsed["Datapoints"]],
                                 parsed["ResponseMetadata"]["RequestId"] != ""]
            parsed = call("GetMetricStatistics", Namespace="Legacy", MetricName="Jobs",
                **{"Dimensions.member.1.Name": "Host", "Dimensions.member.1.Value": "a", "Period": "600",
                   "ExtendedStatistics.member.1": "p99"}, **window)[2]
            out["percentile"] = [p["ExtendedStatistics"] for p in parsed["Datapoints"]]
            parsed = call("ListMetrics", Namespace="Legacy")[2]
            out["metrics"] = parsed["Metrics"]
            parsed = call("GetMetricData", **{"MetricDataQueries.member.1.Id": "jobs",
                "MetricDataQueries.member.1.MetricStat.Metric.Namespace": "Legacy",
                "MetricDataQueries.member.1.MetricStat.Metric.MetricName": "Jobs",
                "MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name": "Host",
                "MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value": "a",
                "MetricDataQueries.member.1.MetricStat.Period": "600",
                "MetricDataQueries.member.1.MetricStat.Stat": "Maximum"}, **window)[2]
            out["data"] = [f'{r["Id"]} {r["Values"]} {r["StatusCode"]}' for r in parsed["MetricDataResults"]]
            out["alarm"] = call("PutMetricAlarm", AlarmName="jobs", Namespace="Legacy", MetricName="Jobs",
                Statistic="Sum", Period="60", EvaluationPeriods="3", DatapointsToAlarm="2", Threshold="100",
                ComparisonOperator="GreaterThanThreshold",
                **{"Dimensions.member.1.Name": "Host", "Dimensions.member.1.Value": "a"})[0]
            parsed = call("DescribeAlarms", **{"AlarmNames.member.1": "jobs"})[2]
            alarm = parsed["MetricAlarms"][0]
            out["described"] = [alarm["AlarmName"], alarm["StateValue"], alarm["EvaluationPeriods"],
                                alarm["DatapointsToAlarm"], alarm["Threshold"], alarm["Dimensions"]]
            status, _, parsed = call("SetAlarmState", AlarmName="nope", StateValue="OK", StateReason="x")
            out["notFound"] = [status, parsed["Error"]]
            status, _, parsed = call("GetMetricStatistics", Namespace="Legacy", MetricName="Jobs", Period="60",
                **{"Statistics.member.1": "Sum", "ExtendedStatistics.member.1": "p99"}, **window)
            out["combination"] = f'{status} {parsed["Error"]["Code"]}'
            status, _, parsed = call("ListMetrics", IncludeLinkedAccounts="true")
            out["unsupported"] = f'{status} {parsed["Error"]["Code"]}'
            status, _, parsed = call("ListDashboards")
            out["invalidAction"] = f'{status} {parsed["Error"]["Code"]}'
            out["deleted"] = call("DeleteAlarms", **{"AlarmNames.member.1": "jobs"})[0]
            print(json.dumps({"out": out, "raw": raw}))
            """)
        #expect(result.status == 0, "\(result)")
        let out = try #require(result.object["out"] as? [String: Any], "\(result)")
        let raw = try #require(result.object["raw"] as? [String: String])
        #expect(out["put"] as? Int == 200, "\(raw["PutMetricData"] ?? "")")
        let statistics = try #require(out["statistics"] as? [Any], "\(out)")
        #expect(statistics[0] as? Int == 200)
        #expect(statistics[1] as? String == "text/xml")
        #expect(statistics[2] as? String == "Jobs")
        #expect(statistics[3] as? [String] == ["22 4 Count"], "\(raw["GetMetricStatistics"] ?? "")")
        #expect(statistics[4] as? Bool == true)
        #expect(out["percentile"] as? [[String: Double]] == [["p99": 7]])
        let metrics = try #require(out["metrics"] as? [[String: Any]])
        #expect(metrics.count == 1)
        #expect(metrics.first?["Dimensions"] as? [[String: String]] == [["Name": "Host", "Value": "a"]])
        #expect(out["data"] as? [String] == ["jobs [7.0] Complete"], "\(raw["GetMetricData"] ?? "")")
        #expect(out["alarm"] as? Int == 200)
        let described = try #require(out["described"] as? [Any], "\(raw["DescribeAlarms"] ?? "")")
        #expect(described[0] as? String == "jobs")
        #expect(described[1] as? String == "INSUFFICIENT_DATA")
        #expect(described[2] as? Int == 3 && described[3] as? Int == 2 && described[4] as? Double == 100)
        #expect(described[5] as? [[String: String]] == [["Name": "Host", "Value": "a"]])
        let notFound = try #require(out["notFound"] as? [Any])
        #expect(notFound[0] as? Int == 404)
        let error = try #require(notFound[1] as? [String: String])
        #expect(error["Code"] == "ResourceNotFound" && error["Type"] == "Sender", "\(error)")
        #expect(out["combination"] as? String == "400 InvalidParameterCombination")
        #expect(out["unsupported"] as? String == "400 InvalidParameterValue")
        #expect(out["invalidAction"] as? String == "400 InvalidAction")
        #expect(out["deleted"] as? Int == 200)
        // The wire as the model has it: the namespace, the result wrapper, lists of members.
        let body = try #require(raw["GetMetricStatistics"])
        #expect(body.hasPrefix(#"<GetMetricStatisticsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">"#))
        #expect(body.contains("<GetMetricStatisticsResult><Label>Jobs</Label><Datapoints><member>"))
        #expect(raw["DeleteAlarms"]?.contains("<DeleteAlarmsResponse") == true)
        #expect(raw["DeleteAlarms"]?.contains("Result>") == false)
    }
}
