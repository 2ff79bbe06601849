import Foundation
import NetctlAPI
import Testing

/// Elastic Load Balancing v2 (query protocol, 2015-12-01) through the AWS CLI and boto3: the same
/// load balancers, target groups, targets, listeners and rules the socket sees, target health on the
/// daemon clock, and AWS's error codes without the `Exception` suffix.
@Suite(.serialized) struct AWSLoadBalancingTests {
    @Test func loadBalancerThroughTheAWSCLIAndBoto3() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
        let a = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        let b = try await client.send(SubnetCreate(vpc: "app", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        _ = try await client.send(GatewayCreate(vpc: "app"))

        let created = try aws.aws(
            ["elbv2", "create-load-balancer", "--name", "front", "--subnets", a.subnetId, b.subnetId])
        #expect(created.status == 0, "\(created)")
        let balancer = try #require((created.object["LoadBalancers"] as? [[String: Any]])?.first)
        let balancerArn = try #require(balancer["LoadBalancerArn"] as? String)
        #expect((balancer["State"] as? [String: Any])?["Code"] as? String == "provisioning")
        #expect((balancer["DNSName"] as? String)?.hasSuffix(".us-east-1.elb.amazonaws.com") == true)
        #expect((balancer["AvailabilityZones"] as? [[String: Any]])?.count == 2)
        #expect(balancer["VpcId"] as? String == vpc.vpcId)

        let group = try aws.aws(
            ["elbv2", "create-target-group", "--name", "web", "--protocol", "HTTP", "--port", "8080", "--vpc-id",
             vpc.vpcId, "--target-type", "ip", "--health-check-path", "/health"])
        #expect(group.status == 0, "\(group)")
        let groupObject = try #require((group.object["TargetGroups"] as? [[String: Any]])?.first)
        let groupArn = try #require(groupObject["TargetGroupArn"] as? String)
        #expect(groupObject["HealthCheckIntervalSeconds"] as? Int == 30)
        #expect(groupObject["HealthyThresholdCount"] as? Int == 5)
        #expect((groupObject["Matcher"] as? [String: Any])?["HttpCode"] as? String == "200")

        let listener = try aws.aws(
            ["elbv2", "create-listener", "--load-balancer-arn", balancerArn, "--protocol", "HTTP", "--port", "80",
             "--default-actions", "Type=forward,TargetGroupArn=\(groupArn)"])
        #expect(listener.status == 0, "\(listener)")
        let listenerArn = try #require(((listener.object["Listeners"] as? [[String: Any]])?.first)?["ListenerArn"] as? String)
        let duplicate = try aws.aws(
            ["elbv2", "create-listener", "--load-balancer-arn", balancerArn, "--protocol", "HTTP", "--port", "80",
             "--default-actions", "Type=forward,TargetGroupArn=\(groupArn)"])
        #expect(duplicate.status != 0 && duplicate.errorCode == "DuplicateListener", "\(duplicate)")
        let registered = try aws.aws(
            ["elbv2", "register-targets", "--target-group-arn", groupArn, "--targets", "Id=10.0.1.20", "Id=10.0.2.20"])
        #expect(registered.status == 0, "\(registered)")
        let outside = try aws.aws(["elbv2", "register-targets", "--target-group-arn", groupArn, "--targets", "Id=8.8.8.8"])
        #expect(outside.errorCode == "InvalidTarget", "\(outside)")

        _ = try await client.send(DebugClockAdvance(seconds: 31))
        let health = try aws.aws(["elbv2", "describe-target-health", "--target-group-arn", groupArn])
        let descriptions = try #require(health.object["TargetHealthDescriptions"] as? [[String: Any]])
        #expect(descriptions.count == 2)
        #expect(descriptions.allSatisfy { ($0["TargetHealth"] as? [String: Any])?["State"] as? String == "healthy" }, "\(health)")

        // boto3: rules, their errors, and describing everything back.
        let result = try aws.boto3(
            """
            elb = boto3.client("elbv2", config=_config)
            out = {}
            rule = elb.create_rule(ListenerArn="\(listenerArn)", Priority=10,
                Conditions=[{"Field": "path-pattern", "Values": ["/api/*"]}],
                Actions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}])["Rules"][0]
            out["priority"] = rule["Priority"]
            out["inUse"] = error_code(lambda: elb.create_rule(ListenerArn="\(listenerArn)", Priority=10,
                Conditions=[{"Field": "host-header", "HostHeaderConfig": {"Values": ["a.example.com"]}}],
                Actions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]))
            out["rules"] = [r["Priority"] for r in elb.describe_rules(ListenerArn="\(listenerArn)")["Rules"]]
            out["tgInUse"] = error_code(lambda: elb.delete_target_group(TargetGroupArn="\(groupArn)"))
            out["missing"] = error_code(lambda: elb.describe_target_groups(Names=["nope"]))
            out["badName"] = error_code(lambda: elb.create_load_balancer(Name="internal-x", Subnets=["\(a.subnetId)", "\(b.subnetId)"]))
            out["state"] = elb.describe_load_balancers(Names=["front"])["LoadBalancers"][0]["State"]["Code"]
            out["listeners"] = [l["Port"] for l in elb.describe_listeners(LoadBalancerArn="\(balancerArn)")["Listeners"]]
            out["groupLbs"] = elb.describe_target_groups(TargetGroupArns=["\(groupArn)"])["TargetGroups"][0]["LoadBalancerArns"]
            elb.deregister_targets(TargetGroupArn="\(groupArn)", Targets=[{"Id": "10.0.1.20"}])
            states = {d["Target"]["Id"]: d["TargetHealth"]["State"] for d in elb.describe_target_health(TargetGroupArn="\(groupArn)")["TargetHealthDescriptions"]}
            out["draining"] = states["10.0.1.20"]
            elb.delete_rule(RuleArn=rule["RuleArn"])
            elb.delete_listener(ListenerArn="\(listenerArn)")
            elb.delete_load_balancer(LoadBalancerArn="\(balancerArn)")
            elb.delete_load_balancer(LoadBalancerArn="\(balancerArn)")
            elb.delete_target_group(TargetGroupArn="\(groupArn)")
            out["left"] = len(elb.describe_load_balancers()["LoadBalancers"]) + len(elb.describe_target_groups()["TargetGroups"])
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect(out["priority"] as? String == "10")
        #expect(out["inUse"] as? String == "PriorityInUse")
        #expect(out["rules"] as? [String] == ["10"])
        #expect(out["tgInUse"] as? String == "ResourceInUse")
        #expect(out["missing"] as? String == "TargetGroupNotFound")
        #expect(out["badName"] as? String == "ValidationError")
        #expect(out["state"] as? String == "active")
        #expect(out["listeners"] as? [Int] == [80])
        #expect(out["groupLbs"] as? [String] == [balancerArn])
        #expect(out["draining"] as? String == "draining")
        #expect(out["left"] as? Int == 0)
        // The socket saw the same state go.
        #expect(try await client.send(ElbLoadBalancerList()).loadBalancers.isEmpty)
    }
}
