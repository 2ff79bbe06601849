import Foundation
import NetctlAPI
import Testing

/// What netctld's ELBv2 endpoint sends, walked against botocore's elbv2 model element by element by
/// `scripts/check-query-response.py`: every served action answers successfully at least once, and
/// every answer, refusals included, has the query protocol's shape and the model's members and codes.
@Suite(.serialized) struct AWSLoadBalancingConformanceTests {
    static let checker = AWSModelConformanceTests.repository.appendingPathComponent("scripts/check-query-response.py").path

    @Test func elbv2AnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
        let a = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        let b = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        _ = try await client.send(GatewayCreate(vpc: "app"))
        let result = try aws.boto3(
            """
            import importlib.util
            spec = importlib.util.spec_from_file_location("check_query_response", \(try AWSModelConformanceTests.pythonString(Self.checker)))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            checker = module.Checker()
            elb = boto3.client("elbv2", config=_config)
            captures = []
            def capture(http_response, model, **kwargs):
                captures.append({"action": model.name, "status": http_response.status_code,
                                 "body": http_response.content.decode()})
            elb.meta.events.register("after-call", capture)
            vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
            lb = elb.create_load_balancer(Name="front", Subnets=["\(a.subnetId)", "\(b.subnetId)"])["LoadBalancers"][0]
            elb.create_load_balancer(Name="inner", Subnets=["\(a.subnetId)"], Type="network", Scheme="internal")
            elb.describe_load_balancers()
            elb.describe_load_balancers(Names=["front"], PageSize=1)
            tg = elb.create_target_group(Name="web", Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="ip",
                Matcher={"HttpCode": "200-299"})["TargetGroups"][0]
            elb.create_target_group(Name="tcp", Protocol="TCP", Port=9000, VpcId=vpc, TargetType="ip")
            elb.describe_target_groups()
            elb.describe_target_groups(TargetGroupArns=[tg["TargetGroupArn"]])
            listener = elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])["Listeners"][0]
            other = elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=81,
                DefaultActions=[{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "StatusCode": "HTTP_301"}}])["Listeners"][0]
            elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])
            elb.describe_listeners(ListenerArns=[listener["ListenerArn"]])
            elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "10.0.1.20", "Port": 8080}])
            elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])
            elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "10.0.2.9"}])
            rule = elb.create_rule(ListenerArn=listener["ListenerArn"], Priority=5,
                Conditions=[{"Field": "host-header", "Values": ["api.example.com"]},
                            {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/v1/*"]}}],
                Actions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "503", "ContentType": "text/plain", "MessageBody": "down"}}])["Rules"][0]
            elb.describe_rules(ListenerArn=listener["ListenerArn"])
            elb.describe_rules(RuleArns=[rule["RuleArn"]])
            for call in [
                lambda: elb.create_rule(ListenerArn=listener["ListenerArn"], Priority=5,
                    Conditions=[{"Field": "path-pattern", "Values": ["/x"]}],
                    Actions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]),
                lambda: elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}]),
                lambda: elb.describe_load_balancers(Names=["nope"]),
                lambda: elb.create_target_group(Name="bad", Protocol="HTTP", Port=80, VpcId=vpc, HealthCheckIntervalSeconds=10, HealthCheckTimeoutSeconds=10),
                lambda: elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "8.8.8.8"}]),
                lambda: elb.delete_target_group(TargetGroupArn=tg["TargetGroupArn"]),
                lambda: elb.create_load_balancer(Name="one", Subnets=["\(a.subnetId)"]),
                lambda: elb.delete_listener(ListenerArn=listener["ListenerArn"] + "0"),
            ]:
                error_code(call)
            elb.deregister_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "10.0.1.20", "Port": 8080}])
            elb.delete_rule(RuleArn=rule["RuleArn"])
            elb.delete_listener(ListenerArn=other["ListenerArn"])
            elb.delete_listener(ListenerArn=listener["ListenerArn"])
            elb.delete_load_balancer(LoadBalancerArn=lb["LoadBalancerArn"])
            elb.delete_target_group(TargetGroupArn=tg["TargetGroupArn"])
            succeeded = sorted({c["action"] for c in captures if c["status"] < 300})
            failed = sorted({c["action"] for c in captures if c["status"] >= 300})
            problems = []
            for c in captures:
                problems += checker.check(c["action"], c["status"], c["body"])
            print(json.dumps({"succeeded": succeeded, "failed": failed, "problems": problems, "checked": len(captures)}))
            """)
        #expect(result.status == 0, "\(result)")
        let succeeded = Set(result.object["succeeded"] as? [String] ?? [])
        let served = [
            "CreateLoadBalancer", "DescribeLoadBalancers", "DeleteLoadBalancer", "CreateTargetGroup",
            "DescribeTargetGroups", "DeleteTargetGroup", "RegisterTargets", "DeregisterTargets", "DescribeTargetHealth",
            "CreateListener", "DescribeListeners", "DeleteListener", "CreateRule", "DescribeRules", "DeleteRule",
        ]
        #expect(served.filter { !succeeded.contains($0) } == [], "\(result)")
        #expect((result.object["failed"] as? [String] ?? []).count >= 6, "the refusals were captured too: \(result)")
        let problems = result.object["problems"] as? [String] ?? ["no problem list in \(result)"]
        #expect(problems == [], "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func theCheckerCatchesWhatBotocoreLetsThrough() throws {
        let namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"
        let good = """
            <DescribeListenersResponse xmlns="\(namespace)"><DescribeListenersResult><Listeners><member>\
            <Port>80</Port><Protocol>HTTP</Protocol></member></Listeners></DescribeListenersResult>\
            <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeListenersResponse>
            """
        let error = """
            <ErrorResponse xmlns="\(namespace)"><Error><Type>Sender</Type><Code>ListenerNotFound</Code>\
            <Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>
            """
        let captures: [[String: Any]] = [
            ["action": "DescribeListeners", "status": 200, "body": good],
            ["action": "DescribeListeners", "status": 400, "body": error],
            ["action": "DescribeListeners", "status": 200, "body": good.replacingOccurrences(of: "member>", with: "item>")],
            ["action": "DescribeListeners", "status": 200, "body": good.replacingOccurrences(of: "<Port>80", with: "<Port>eighty")],
            ["action": "DescribeListeners", "status": 200, "body": good.replacingOccurrences(of: "DescribeListenersResult>", with: "Result>")],
            ["action": "DescribeListeners", "status": 400, "body": error.replacingOccurrences(of: "ListenerNotFound<", with: "ListenerNotFoundException<")],
        ]
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("elbv2-captures-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: captures).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try runProcess(
            AWSClients.python, [Self.checker, "--batch"], environment: ProcessInfo.processInfo.environment,
            stdin: input.path)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let problems: [String] = report?["problems"] as? [String] ?? []
        #expect(report?["checked"] as? Int == 6, "\(result)")
        for broken in ["item", "eighty", "Result", "ListenerNotFoundException"] {
            let found = problems.contains { problem in problem.contains(broken) }
            #expect(found, "\(broken): \(problems)")
        }
        #expect(problems.count == 4, "the two good answers pass: \(problems)")
    }
}
