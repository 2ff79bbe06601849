import Foundation
import NetctlAPI
import Testing

/// ECS `loadBalancers` and `healthCheckGracePeriodSeconds` through boto3: CreateService,
/// UpdateService and DescribeServices carry them as botocore's model has them, refusals come back as
/// InvalidParameterException, and the tasks register in the target group the socket shows.
@Suite struct AWSECSLoadBalancerTests {
    @Test func servicesBehindTargetGroupsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "shop"))
        let a = try await client.send(
            SubnetCreate(vpc: "shop", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        let b = try await client.send(
            SubnetCreate(vpc: "shop", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        try await TaskEgress.natGateway(client, vpc: "shop", publicCidr: "10.0.100.0/24")
        _ = try await client.send(ElbLoadBalancerCreate(name: "front", scheme: "internal", subnets: ["a", "b"]))
        let group = try await client.send(
            ElbTargetGroupCreate(name: "web", protocol: "HTTP", port: 80, vpc: "shop", targetType: "ip"))
        _ = try await client.send(
            ElbListenerCreate(
                loadBalancer: "front", protocol: "HTTP", port: 80,
                defaultAction: LoadBalancerActionInput(type: "forward", targetGroup: "web")))
        let result = try aws.boto3(
            """
            ecs = boto3.client("ecs", config=_config)
            out = {}
            tg = "\(group.targetGroupArn)"
            network = {"awsvpcConfiguration": {"subnets": ["\(a.subnetId)", "\(b.subnetId)"]}}
            ecs.create_cluster(clusterName="shop")
            ecs.register_task_definition(
                family="web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                containerDefinitions=[{"name": "web", "image": "nginx:1.27", "portMappings": [{"containerPort": 80}]}])
            created = ecs.create_service(
                cluster="shop", serviceName="web", taskDefinition="web", desiredCount=1, networkConfiguration=network,
                loadBalancers=[{"targetGroupArn": tg, "containerName": "web", "containerPort": 80}],
                healthCheckGracePeriodSeconds=45)["service"]
            out["created"] = created["loadBalancers"]
            out["createdGrace"] = created["healthCheckGracePeriodSeconds"]
            out["updatedGrace"] = ecs.update_service(
                cluster="shop", service="web", healthCheckGracePeriodSeconds=90)["service"]["healthCheckGracePeriodSeconds"]
            described = ecs.describe_services(cluster="shop", services=["web"])["services"][0]
            out["described"] = described["loadBalancers"]
            out["describedGrace"] = described["healthCheckGracePeriodSeconds"]
            codes = {}
            codes["wrongPort"] = error_code(lambda: ecs.create_service(
                cluster="shop", serviceName="other", taskDefinition="web", desiredCount=1, networkConfiguration=network,
                loadBalancers=[{"targetGroupArn": tg, "containerName": "web", "containerPort": 81}]))
            codes["classic"] = error_code(lambda: ecs.create_service(
                cluster="shop", serviceName="other", taskDefinition="web", desiredCount=1, networkConfiguration=network,
                loadBalancers=[{"loadBalancerName": "classic", "containerName": "web", "containerPort": 80}]))
            codes["graceAlone"] = error_code(lambda: ecs.create_service(
                cluster="shop", serviceName="other", taskDefinition="web", desiredCount=1, networkConfiguration=network,
                healthCheckGracePeriodSeconds=30))
            out["codes"] = codes
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        let expected = [
            ["targetGroupArn": group.targetGroupArn, "containerName": "web", "containerPort": 80] as NSDictionary
        ]
        #expect((out["created"] as? [NSDictionary]) == expected, "\(out)")
        #expect((out["described"] as? [NSDictionary]) == expected, "\(out)")
        #expect(
            out["createdGrace"] as? Int == 45 && out["updatedGrace"] as? Int == 90
                && out["describedGrace"] as? Int == 90)
        let codes = try #require(out["codes"] as? [String: String], "\(result)")
        #expect(codes["wrongPort"] == "InvalidParameterException")
        #expect(codes["classic"] == "InvalidParameterException")
        #expect(codes["graceAlone"] == "InvalidParameterException")

        // The service's task registers in the group once RUNNING, as the socket shows.
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let task = try #require(try await client.send(EcsTaskList(cluster: "shop", service: "web")).tasks.first)
        let targets = try await client.send(ElbTargetsHealth(targetGroup: "web")).targets
        #expect(targets.map(\.id) == [task.privateIpAddress ?? ""] && targets.first?.port == 80)
    }
}
