import Foundation
import NetctlAPI
import Testing

/// CloudWatch Logs through the real AWS CLI and boto3: groups, streams, retention, PutLogEvents,
/// GetLogEvents' tokens, FilterLogEvents over the watcher's own groups, and the polling loop that
/// `aws logs tail --follow` runs.
@Suite(.serialized) struct AWSLogsTests {
    @Test func groupsStreamsAndRetentionThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        #expect(try aws.aws(["logs", "create-log-group", "--log-group-name", "app"]).status == 0)
        let again = try aws.aws(["logs", "create-log-group", "--log-group-name", "app"])
        #expect(again.errorCode == "ResourceAlreadyExistsException", "\(again)")
        for stream in ["web-1", "web-2", "worker"] {
            let created = try aws.aws(["logs", "create-log-stream", "--log-group-name", "app", "--log-stream-name", stream])
            #expect(created.status == 0, "\(created)")
        }
        let dup = try aws.aws(["logs", "create-log-stream", "--log-group-name", "app", "--log-stream-name", "worker"])
        #expect(dup.errorCode == "ResourceAlreadyExistsException", "\(dup)")
        let noGroup = try aws.aws(["logs", "create-log-stream", "--log-group-name", "nope", "--log-stream-name", "x"])
        #expect(noGroup.errorCode == "ResourceNotFoundException", "\(noGroup)")

        // web-2 gets the newest event, worker an older one, web-1 none.
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await aws.daemon.client.send(
            LogsPut(group: "app", stream: "worker", events: [LogEventInput(timestamp: now - 1000, message: "w")]))
        _ = try await aws.daemon.client.send(
            LogsPut(group: "app", stream: "web-2", events: [LogEventInput(timestamp: now, message: "x")]))

        func names(_ result: AWSResult) -> [String] {
            (result.object["logStreams"] as? [[String: Any]] ?? []).compactMap { $0["logStreamName"] as? String }
        }
        let byPrefix = try aws.aws([
            "logs", "describe-log-streams", "--log-group-name", "app", "--log-stream-name-prefix", "web",
        ])
        #expect(names(byPrefix) == ["web-1", "web-2"], "\(byPrefix)")
        let newest = try aws.aws([
            "logs", "describe-log-streams", "--log-group-name", "app", "--order-by", "LastEventTime", "--descending",
        ])
        #expect(names(newest) == ["web-2", "worker", "web-1"], "\(newest)")
        let stream = (newest.object["logStreams"] as? [[String: Any]])?.first
        #expect(stream?["arn"] as? String == "arn:aws:logs:us-east-1:000000000000:log-group:app:log-stream:web-2")
        #expect(stream?["lastEventTimestamp"] as? Int == Int(now))
        let conflicting = try aws.aws([
            "logs", "describe-log-streams", "--log-group-name", "app", "--order-by", "LastEventTime",
            "--log-stream-name-prefix", "web",
        ])
        #expect(conflicting.errorCode == "InvalidParameterException", "\(conflicting)")
        let firstPage = try aws.aws(["logs", "describe-log-streams", "--log-group-name", "app", "--limit", "2", "--no-paginate"])
        #expect(names(firstPage) == ["web-1", "web-2"])
        let token = try #require(firstPage.object["nextToken"] as? String)
        let secondPage = try aws.aws([
            "logs", "describe-log-streams", "--log-group-name", "app", "--limit", "2", "--next-token", token,
            "--no-paginate",
        ])
        #expect(names(secondPage) == ["worker"])
        #expect(secondPage.object["nextToken"] == nil)

        #expect(try aws.aws(["logs", "put-retention-policy", "--log-group-name", "app", "--retention-in-days", "7"]).status == 0)
        let invalid = try aws.aws(["logs", "put-retention-policy", "--log-group-name", "app", "--retention-in-days", "8"])
        #expect(invalid.errorCode == "InvalidParameterException", "\(invalid)")
        func retention() throws -> Any? {
            let groups = try aws.aws(["logs", "describe-log-groups", "--log-group-name-prefix", "app"])
            return (groups.object["logGroups"] as? [[String: Any]])?.first?["retentionInDays"]
        }
        #expect(try retention() as? Int == 7)
        #expect(try await aws.daemon.client.send(LogsGroups(prefix: "app")).logGroups.first?.retentionInDays == 7)
        #expect(try aws.aws(["logs", "delete-retention-policy", "--log-group-name", "app"]).status == 0)
        #expect(try retention() == nil)

        #expect(
            try aws.aws(["logs", "delete-log-stream", "--log-group-name", "app", "--log-stream-name", "worker"]).status == 0)
        let deletedAgain = try aws.aws([
            "logs", "delete-log-stream", "--log-group-name", "app", "--log-stream-name", "worker",
        ])
        #expect(deletedAgain.errorCode == "ResourceNotFoundException", "\(deletedAgain)")
        #expect(try await aws.daemon.client.send(LogsStreams(group: "app")).logStreams.map(\.logStreamName) == ["web-1", "web-2"])
        #expect(try aws.aws(["logs", "delete-log-group", "--log-group-name", "app"]).status == 0)
        let deletedGroup = try aws.aws(["logs", "delete-log-group", "--log-group-name", "app"])
        #expect(deletedGroup.errorCode == "ResourceNotFoundException", "\(deletedGroup)")
        #expect(try await aws.daemon.client.send(LogsGroups(prefix: "app")).logGroups.isEmpty)
    }

    @Test func eventsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            import time
            logs = boto3.client("logs", config=_config)
            out = {}
            logs.create_log_group(logGroupName="app")
            logs.create_log_stream(logGroupName="app", logStreamName="web")
            logs.create_log_stream(logGroupName="app", logStreamName="db")
            now = int(time.time() * 1000)
            messages = ["GET /a 200", "GET /b 500", '{"status": 503, "path": "/c"}', "POST /d 201", "GET /e 404"]
            put = logs.put_log_events(logGroupName="app", logStreamName="web", sequenceToken="anything",
                logEvents=[{"timestamp": now - 5 + i, "message": m} for i, m in enumerate(messages)])
            out["rejected"] = logs.put_log_events(logGroupName="app", logStreamName="db", logEvents=[
                {"timestamp": now - 20 * 86400000, "message": "too old"},
                {"timestamp": now, "message": "db ok"}]).get("rejectedLogEventsInfo")
            out["noStream"] = error_code(lambda: logs.put_log_events(logGroupName="app", logStreamName="nope",
                logEvents=[{"timestamp": now, "message": "x"}]))
            out["unordered"] = error_code(lambda: logs.put_log_events(logGroupName="app", logStreamName="web",
                logEvents=[{"timestamp": now, "message": "x"}, {"timestamp": now - 1, "message": "y"}]))

            tail = logs.get_log_events(logGroupName="app", logStreamName="web", limit=2)
            out["tail"] = [e["message"] for e in tail["events"]]
            back = logs.get_log_events(logGroupName="app", logStreamName="web", limit=2,
                nextToken=tail["nextBackwardToken"])
            out["back"] = [e["message"] for e in back["events"]]
            head = logs.get_log_events(logGroupName="app", logStreamName="web", limit=2, startFromHead=True)
            out["head"] = [e["message"] for e in head["events"]]
            out["headFields"] = sorted(head["events"][0].keys())
            forward, token, seen = [], None, 0
            while seen < 10:
                kwargs = {"nextToken": token} if token else {"startFromHead": True}
                page = logs.get_log_events(logGroupName="app", logStreamName="web", limit=2, **kwargs)
                forward += [e["message"] for e in page["events"]]
                if page["nextForwardToken"] == token:
                    break
                token = page["nextForwardToken"]
                seen += 1
            out["forward"] = forward
            out["badToken"] = error_code(lambda: logs.get_log_events(logGroupName="app", logStreamName="web",
                nextToken="garbage"))
            out["window"] = [e["message"] for e in logs.get_log_events(logGroupName="app", logStreamName="web",
                startTime=now - 4, endTime=now - 3, startFromHead=True)["events"]]

            def messages_of(**kwargs):
                return [e["message"] for e in logs.filter_log_events(logGroupName="app", **kwargs)["events"]]
            out["errors"] = messages_of(filterPattern='?"500" ?"404"')
            out["json"] = messages_of(filterPattern="{ $.status >= 500 }")
            out["spaced"] = messages_of(filterPattern='[method = "POST", path, code]')
            out["excluded"] = messages_of(filterPattern='GET -"200"', logStreamNames=["web"])
            out["byStream"] = messages_of(logStreamNames=["db"])
            out["byPrefix"] = messages_of(logStreamNamePrefix="d")
            out["both"] = error_code(lambda: logs.filter_log_events(logGroupName="app", logStreamNames=["db"],
                logStreamNamePrefix="d"))
            out["badPattern"] = error_code(lambda: logs.filter_log_events(logGroupName="app", filterPattern="{ $.x = "))
            out["noGroup"] = error_code(lambda: logs.filter_log_events(logGroupName="nope"))
            event = logs.filter_log_events(logGroupName="app", logStreamNames=["db"])["events"][0]
            out["eventFields"] = sorted(event.keys())
            pages = list(logs.get_paginator("filter_log_events").paginate(logGroupName="app", interleaved=True,
                PaginationConfig={"PageSize": 2}))
            out["pageSizes"] = [len(p["events"]) for p in pages]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect((out["rejected"] as? [String: Any])?["tooOldLogEventEndIndex"] as? Int == 1, "\(out)")
        #expect(out["noStream"] as? String == "ResourceNotFoundException")
        #expect(out["unordered"] as? String == "InvalidParameterException")
        #expect(out["tail"] as? [String] == ["POST /d 201", "GET /e 404"])
        #expect(out["back"] as? [String] == ["GET /b 500", #"{"status": 503, "path": "/c"}"#])
        #expect(out["head"] as? [String] == ["GET /a 200", "GET /b 500"])
        #expect(out["headFields"] as? [String] == ["ingestionTime", "message", "timestamp"])
        #expect((out["forward"] as? [String])?.count == 5, "\(out)")
        #expect(out["badToken"] as? String == "InvalidParameterException")
        #expect(out["window"] as? [String] == ["GET /b 500", #"{"status": 503, "path": "/c"}"#])
        #expect(out["errors"] as? [String] == ["GET /b 500", "GET /e 404"])
        #expect(out["json"] as? [String] == [#"{"status": 503, "path": "/c"}"#])
        #expect(out["spaced"] as? [String] == ["POST /d 201"])
        #expect(out["excluded"] as? [String] == ["GET /b 500", "GET /e 404"])
        #expect(out["byStream"] as? [String] == ["db ok"])
        #expect(out["byPrefix"] as? [String] == ["db ok"])
        #expect(out["both"] as? String == "InvalidParameterException")
        #expect(out["badPattern"] as? String == "InvalidParameterException")
        #expect(out["noGroup"] as? String == "ResourceNotFoundException")
        #expect(out["eventFields"] as? [String] == ["eventId", "ingestionTime", "logStreamName", "message", "timestamp"])
        // Pages of 2 until all 6 are read (a full last page may be followed by an empty one, as in AWS).
        let pageSizes = out["pageSizes"] as? [Int] ?? []
        #expect(pageSizes.reduce(0, +) == 6 && pageSizes.allSatisfy { $0 <= 2 }, "\(pageSizes)")

        // The events boto3 put are the socket's too.
        let overSocket = try await aws.daemon.client.send(LogsGet(group: "app", stream: "db"))
        #expect(overSocket.events.map(\.message) == ["db ok"])
    }

    /// The watcher's groups through the AWS wire, and the loop `aws logs tail --follow` runs (CLI v2's
    /// tail.py): FilterLogEvents with interleaved, startTime and nextToken, then again from the newest
    /// timestamp seen, skipping event IDs already printed.
    @Test func watcherEventsAndTheTailFollowLoop() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            import time
            logs = boto3.client("logs", config=_config)
            out = {}
            def follow(kwargs, seen, rounds):
                printed = []
                for _ in range(rounds):
                    response = logs.filter_log_events(**kwargs)
                    for event in response["events"]:
                        if event["eventId"] not in seen.setdefault(event["timestamp"], set()):
                            seen[event["timestamp"]].add(event["eventId"])
                            printed.append(event)
                    if seen:
                        newest = max(seen)
                        seen = {newest: seen[newest]}
                    if "nextToken" in response:
                        kwargs["nextToken"] = response["nextToken"]
                    else:
                        if seen:
                            kwargs["startTime"] = max(seen)
                        kwargs.pop("nextToken", None)
                        time.sleep(0.5)
                return printed, seen
            start = int(time.time() * 1000) - 600000
            first = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
            time.sleep(1)
            out["groups"] = [g["logGroupName"] for g in logs.describe_log_groups(logGroupNamePrefix="/netctl/")["logGroups"]]
            kwargs = {"logGroupName": "/netctl/vpc", "interleaved": True, "startTime": start, "limit": 1,
                "filterPattern": '{ $.resourceType = "vpc" }'}
            printed, seen = follow(kwargs, {}, 4)
            out["before"] = [(e["logStreamName"], json.loads(e["message"])["action"]) for e in printed]
            second = ec2.create_vpc(CidrBlock="10.2.0.0/16")["Vpc"]["VpcId"]
            ec2.delete_vpc(VpcId=first)
            time.sleep(1)
            printed, seen = follow(kwargs, seen, 4)
            out["after"] = [(e["logStreamName"], json.loads(e["message"])["action"]) for e in printed]
            out["first"], out["second"] = first, second
            out["stream"] = [json.loads(e["message"])["resourceId"] for e in logs.get_log_events(
                logGroupName="/netctl/vpc", logStreamName=second, startFromHead=True)["events"]]
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let first = try #require(out["first"] as? String)
        let second = try #require(out["second"] as? String)
        #expect((out["groups"] as? [String])?.contains("/netctl/vpc") == true, "\(out)")
        #expect((out["before"] as? [[String]]) == [[first, "create"]], "\(out)")
        #expect((out["after"] as? [[String]]) == [[second, "create"], [first, "delete"]], "\(out)")
        #expect((out["stream"] as? [String]) == [second])
    }

    /// `aws logs tail GROUP --follow` itself, with the AWS CLI v2 Debian ships (`make test` installs
    /// it); the CLI v1 from PyPI has no `logs tail`.
    @Test func awsLogsTailFollowWithCLIv2() async throws {
        let cli = AWSClients.awsCLIv2
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        _ = try await aws.daemon.client.send(LogsCreateGroup(group: "app"))
        _ = try await aws.daemon.client.send(LogsCreateStream(group: "app", stream: "web"))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await aws.daemon.client.send(
            LogsPut(group: "app", stream: "web", events: [LogEventInput(timestamp: now, message: "before the tail")]))
        // The CLI polls every 5 seconds; the event put while it runs must show up once.
        let result = try aws.boto3(
            """
            import os, signal, subprocess, time
            logs = boto3.client("logs", config=_config)
            def interruptible():
                # The test runner may block or ignore these, and a child inherits that: undo it, as a shell would.
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
            tail = subprocess.Popen([\(Self.quoted(cli)), "--endpoint-url", \(Self.quoted(aws.endpoint)), "logs", "tail",
                "app", "--follow", "--format", "short", "--since", "1h"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                env=dict(os.environ, PYTHONUNBUFFERED="1"), preexec_fn=interruptible)
            time.sleep(3)
            logs.put_log_events(logGroupName="app", logStreamName="web",
                logEvents=[{"timestamp": int(time.time() * 1000), "message": "while following"}])
            time.sleep(9)
            alive = tail.poll() is None
            # Ctrl-C: how a user stops `--follow`. Its output is unbuffered, so nothing printed is lost
            # should it need killing.
            tail.send_signal(signal.SIGINT)
            try:
                stdout, stderr = tail.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                tail.kill()
                stdout, stderr = tail.communicate(timeout=10)
            print(json.dumps({"alive": alive, "stdout": stdout.decode(), "stderr": stderr.decode()}))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect(out["alive"] as? Bool == true, "\(out)")
        let lines = (out["stdout"] as? String ?? "").split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
        #expect(lines == ["before the tail", "while following"], "\(out)")
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
