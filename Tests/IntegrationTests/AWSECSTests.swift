import Foundation
import NetctlAPI
import Testing

/// ECS through the real AWS CLI and boto3: the same clusters, services and tasks `netctl ecs` shows,
/// run by the same scheduler. The manual clock lets each test watch tasks go PENDING → RUNNING.
@Suite(.serialized) struct AWSECSTests {
    /// `aws ARGS`, expected to succeed; its JSON output.
    func ok(_ aws: AWSDaemon, _ arguments: [String]) throws -> [String: Any] {
        let result = try aws.aws(arguments)
        #expect(result.status == 0, "aws \(arguments.joined(separator: " ")): \(result)")
        return result.object
    }

    /// A VPC with two subnets in two zones, made with `aws ec2` against the same endpoint.
    func network(_ aws: AWSDaemon) throws -> (vpc: String, subnets: [String]) {
        let vpc = try #require(
            (try ok(aws, ["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"])["Vpc"] as? [String: Any])?["VpcId"]
                as? String)
        var subnets: [String] = []
        for (index, zone) in ["us-east-1a", "us-east-1b"].enumerated() {
            let subnet = try ok(
                aws,
                [
                    "ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.0.\(index + 1).0/24",
                    "--availability-zone", zone,
                ])
            subnets.append(try #require((subnet["Subnet"] as? [String: Any])?["SubnetId"] as? String))
        }
        // Tasks pull from Docker Hub as on AWS: the two subnets route 0.0.0.0/0 to a NAT gateway in a
        // public subnet whose table leads to an internet gateway.
        let egress = try aws.boto3(
            """
            vpc = "\(vpc)"
            gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
            ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
            public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.100.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
            table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
            ec2.associate_route_table(RouteTableId=table, SubnetId=public)
            address = ec2.allocate_address(Domain="vpc")["AllocationId"]
            nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=address)["NatGateway"]["NatGatewayId"]
            main = ec2.describe_route_tables(
                Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}]
            )["RouteTables"][0]["RouteTableId"]
            ec2.create_route(RouteTableId=main, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
            print(json.dumps({"nat": nat}))
            """)
        #expect(egress.status == 0, "\(egress)")
        return (vpc, subnets)
    }

    @Test func clustersRoundTripThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let created = try ok(
            aws,
            [
                "ecs", "create-cluster", "--cluster-name", "forum", "--tags", "key=team,value=web",
                "--settings", "name=containerInsights,value=enabled",
            ])
        let cluster = try #require(created["cluster"] as? [String: Any])
        #expect(cluster["clusterArn"] as? String == "arn:aws:ecs:us-east-1:000000000000:cluster/forum")
        #expect(cluster["status"] as? String == "ACTIVE")
        #expect((cluster["settings"] as? [[String: Any]])?.first?["value"] as? String == "enabled")

        let listed = try ok(aws, ["ecs", "list-clusters"])
        #expect(listed["clusterArns"] as? [String] == ["arn:aws:ecs:us-east-1:000000000000:cluster/forum"])

        let described = try ok(aws, ["ecs", "describe-clusters", "--clusters", "forum", "nope", "--include", "TAGS"])
        let clusters = try #require(described["clusters"] as? [[String: Any]])
        #expect(clusters.count == 1)
        #expect((clusters[0]["tags"] as? [[String: Any]])?.first?["value"] as? String == "web")
        let failures = try #require(described["failures"] as? [[String: Any]])
        #expect(failures.first?["reason"] as? String == "MISSING")
        #expect(failures.first?["arn"] as? String == "arn:aws:ecs:us-east-1:000000000000:cluster/nope")

        let updated = try ok(
            aws,
            [
                "ecs", "update-cluster", "--cluster", "forum", "--settings", "name=containerInsights,value=disabled",
            ])
        #expect(
            ((updated["cluster"] as? [String: Any])?["settings"] as? [[String: Any]])?.first?["value"] as? String
                == "disabled")

        // The socket sees the cluster the CLI made, with its tag and setting.
        let overSocket = try await aws.daemon.client.send(EcsClusterGet(name: "forum"))
        #expect(overSocket.tags["team"] == "web" && overSocket.containerInsights == "disabled")

        let missing = try aws.aws(["ecs", "delete-cluster", "--cluster", "nope"])
        #expect(missing.errorCode == "ClusterNotFoundException", "\(missing)")
        let deleted = try ok(aws, ["ecs", "delete-cluster", "--cluster", "forum"])
        #expect((deleted["cluster"] as? [String: Any])?["status"] as? String == "INACTIVE")
        #expect((try ok(aws, ["ecs", "list-clusters"])["clusterArns"] as? [String])?.isEmpty == true)
    }

    @Test func serviceRollsOutThroughTheCLI() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let client = aws.daemon.client
        let (vpc, subnets) = try network(aws)
        let group = try #require(
            try ok(aws, ["ec2", "create-security-group", "--vpc-id", vpc, "--group-name", "web", "--description", "web"])[
                "GroupId"] as? String)
        _ = try ok(aws, ["ecs", "create-cluster", "--cluster-name", "forum"])

        // The file a user keeps next to their code, registered as `aws ecs register-task-definition` takes it.
        let file = aws.daemon.directory.path + "/taskdef.json"
        try """
        {
          "family": "web",
          "networkMode": "awsvpc",
          "requiresCompatibilities": ["FARGATE"],
          "cpu": "256",
          "memory": "512",
          "executionRoleArn": "arn:aws:iam::000000000000:role/ecsTaskExecutionRole",
          "taskRoleArn": "arn:aws:iam::000000000000:role/web",
          "containerDefinitions": [{
            "name": "web",
            "image": "nginx:1.27",
            "cpu": 256,
            "memory": 512,
            "essential": true,
            "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http"}],
            "environment": [{"name": "MODE", "value": "production"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
          }],
          "tags": [{"key": "team", "value": "web"}]
        }
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let registered = try ok(aws, ["ecs", "register-task-definition", "--cli-input-json", "file://" + file])
        let definition = try #require(registered["taskDefinition"] as? [String: Any])
        #expect(
            definition["taskDefinitionArn"] as? String == "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1")
        #expect(definition["cpu"] as? String == "256" && definition["memory"] as? String == "512")
        #expect(definition["executionRoleArn"] as? String == "arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
        #expect((registered["tags"] as? [[String: Any]])?.first?["key"] as? String == "team")

        let describedDefinition = try ok(aws, ["ecs", "describe-task-definition", "--task-definition", "web"])
        let container = try #require(
            ((describedDefinition["taskDefinition"] as? [String: Any])?["containerDefinitions"] as? [[String: Any]])?
                .first)
        #expect((container["environment"] as? [[String: Any]])?.first?["value"] as? String == "production")
        #expect((container["logConfiguration"] as? [String: Any])?["logDriver"] as? String == "awslogs")
        #expect((container["portMappings"] as? [[String: Any]])?.first?["appProtocol"] as? String == "http")
        #expect(
            try ok(aws, ["ecs", "list-task-definition-families"])["families"] as? [String] == ["web"])

        // awslogs writes to a group that exists: a task whose group is missing fails to start.
        #expect(try aws.aws(["logs", "create-log-group", "--log-group-name", "/ecs/web"]).status == 0)
        let created = try ok(
            aws,
            [
                "ecs", "create-service", "--cluster", "forum", "--service-name", "web", "--task-definition", "web",
                "--desired-count", "3", "--launch-type", "FARGATE",
                "--network-configuration",
                "awsvpcConfiguration={subnets=[\(subnets.joined(separator: ","))],securityGroups=[\(group)],assignPublicIp=ENABLED}",
                "--deployment-configuration", "maximumPercent=200,minimumHealthyPercent=100",
            ])
        let service = try #require(created["service"] as? [String: Any])
        #expect(service["pendingCount"] as? Int == 3)
        let awsvpc = (service["networkConfiguration"] as? [String: Any])?["awsvpcConfiguration"] as? [String: Any]
        #expect(awsvpc?["securityGroups"] as? [String] == [group])
        #expect(awsvpc?["assignPublicIp"] as? String == "ENABLED")

        _ = try await client.send(DebugClockAdvance(seconds: 10))
        func describe() throws -> [String: Any] {
            let described = try ok(aws, ["ecs", "describe-services", "--cluster", "forum", "--services", "web"])
            return try #require((described["services"] as? [[String: Any]])?.first)
        }
        var steady = try describe()
        #expect(steady["runningCount"] as? Int == 3 && steady["desiredCount"] as? Int == 3)
        let firstDeployments = try #require(steady["deployments"] as? [[String: Any]])
        #expect(firstDeployments.count == 1 && firstDeployments[0]["rolloutState"] as? String == "COMPLETED")
        #expect(
            (steady["events"] as? [[String: Any]])?.first?["message"] as? String
                == "(service web) has reached a steady state.")
        func runningTasks() throws -> Set<String> {
            Set(
                try ok(aws, ["ecs", "list-tasks", "--cluster", "forum", "--service-name", "web"])["taskArns"]
                    as? [String] ?? [])
        }
        let before = try runningTasks()
        #expect(before.count == 3)

        // Socket and AWS see one service.
        let overSocket = try await client.send(EcsServiceGet(cluster: "forum", service: "web"))
        #expect(overSocket.runningCount == 3 && overSocket.securityGroups == [group])

        // A forced deployment replaces every task with new ones of the same definition.
        let forced = try ok(
            aws,
            [
                "ecs", "update-service", "--cluster", "forum", "--service", "web", "--force-new-deployment",
            ])
        let rolling = try #require((forced["service"] as? [String: Any])?["deployments"] as? [[String: Any]])
        #expect(rolling.count == 2, "the new PRIMARY and the old ACTIVE deployment: \(rolling)")
        #expect(rolling.first?["status"] as? String == "PRIMARY")
        #expect(rolling.first?["rolloutState"] as? String == "IN_PROGRESS")
        for _ in 0..<6 { _ = try await client.send(DebugClockAdvance(seconds: 10)) }
        steady = try describe()
        let after = try runningTasks()
        #expect(after.count == 3 && after.isDisjoint(with: before), "every task was replaced")
        let deployments = try #require(steady["deployments"] as? [[String: Any]])
        #expect(deployments.count == 1 && deployments[0]["rolloutState"] as? String == "COMPLETED")
        #expect(deployments[0]["id"] as? String == rolling.first?["id"] as? String)
        let messages = (steady["events"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.contains("has started a deployment") })
        #expect(messages.contains { $0.contains("has stopped") })
        #expect(messages.contains { $0.contains("deployment completed") })

        // A new revision rolls out the same way, and the service names it.
        _ = try ok(aws, ["ecs", "register-task-definition", "--cli-input-json", "file://" + file])
        _ = try ok(
            aws, ["ecs", "update-service", "--cluster", "forum", "--service", "web", "--task-definition", "web:2"])
        for _ in 0..<6 { _ = try await client.send(DebugClockAdvance(seconds: 10)) }
        steady = try describe()
        #expect(steady["taskDefinition"] as? String == "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2")
        #expect(steady["runningCount"] as? Int == 3)
        let described = try ok(
            aws,
            [
                "ecs", "describe-tasks", "--cluster", "forum", "--tasks", try #require(try runningTasks().first),
            ])
        let task = try #require((described["tasks"] as? [[String: Any]])?.first)
        #expect(task["taskDefinitionArn"] as? String == "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2")
        #expect(task["lastStatus"] as? String == "RUNNING" && task["group"] as? String == "service:web")
        let containers = task["containers"] as? [[String: Any]] ?? []
        #expect(containers.map { $0["name"] as? String } == ["web"])
        #expect(containers.first?["lastStatus"] as? String == "RUNNING")
        let details = ((task["attachments"] as? [[String: Any]])?.first?["details"] as? [[String: Any]]) ?? []
        #expect(details.contains { $0["name"] as? String == "privateIPv4Address" })

        // A new network configuration is a deployment too: the tasks move to the one subnet left.
        let moved = try ok(
            aws,
            [
                "ecs", "update-service", "--cluster", "forum", "--service", "web", "--network-configuration",
                "awsvpcConfiguration={subnets=[\(subnets[1])]}",
            ])
        let movedNetwork =
            ((moved["service"] as? [String: Any])?["networkConfiguration"] as? [String: Any])?[
                "awsvpcConfiguration"] as? [String: Any]
        #expect(movedNetwork?["subnets"] as? [String] == [subnets[1]])
        #expect(movedNetwork?["assignPublicIp"] as? String == "DISABLED")
        for _ in 0..<6 { _ = try await client.send(DebugClockAdvance(seconds: 10)) }
        let placed = try await client.send(EcsTaskList(cluster: "forum", service: "web")).tasks
        #expect(placed.count == 3 && placed.allSatisfy { $0.subnetId == subnets[1] }, "\(placed)")

        // Deleting with force drains: the service cannot be updated meanwhile, then it goes.
        let notEmpty = try aws.aws(["ecs", "delete-cluster", "--cluster", "forum"])
        #expect(notEmpty.errorCode == "ClusterContainsServicesException", "\(notEmpty)")
        _ = try ok(aws, ["ecs", "delete-service", "--cluster", "forum", "--service", "web", "--force"])
        let draining = try aws.aws([
            "ecs", "update-service", "--cluster", "forum", "--service", "web", "--desired-count", "1",
        ])
        #expect(draining.errorCode == "ServiceNotActiveException", "\(draining)")
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        #expect(
            (try ok(aws, ["ecs", "list-services", "--cluster", "forum"])["serviceArns"] as? [String])?.isEmpty == true)
    }

    @Test func tasksTagsAndErrorsThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(
            ["--manual-clock"],
            configuration: """
                aws:
                  credentials:
                    - "AKIAREADER:reader-secret:000000000000:readOnly"
                    - "test:test:000000000000"
                """)
        defer { Task { await aws.terminate() } }
        let (_, subnets) = try network(aws)
        let result = try aws.boto3(
            """
            ecs = boto3.client("ecs", config=_config)
            out = {}
            ecs.create_cluster(clusterName="jobs")
            definition = ecs.register_task_definition(
                family="batch", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="0.25 vCPU", memory="0.5 GB",
                containerDefinitions=[{"name": "batch", "image": "busybox", "essential": True,
                                       "command": ["sh", "-c", "sleep 60"]}])["taskDefinition"]
            out["cpu"], out["memory"] = definition["cpu"], definition["memory"]
            out["command"] = definition["containerDefinitions"][0]["command"]
            run = ecs.run_task(
                cluster="jobs", taskDefinition="batch", count=2, launchType="FARGATE", startedBy="nightly",
                networkConfiguration={"awsvpcConfiguration": {"subnets": [\(subnets.map { "\"\($0)\"" }.joined(separator: ","))]}},
                tags=[{"key": "job", "value": "nightly"}])
            arns = [t["taskArn"] for t in run["tasks"]]
            out["runStatus"] = [t["lastStatus"] for t in run["tasks"]]
            out["listed"] = sorted(ecs.list_tasks(cluster="jobs", startedBy="nightly")["taskArns"]) == sorted(arns)
            out["byFamily"] = len(ecs.list_tasks(cluster="jobs", family="batch")["taskArns"])
            out["otherFamily"] = len(ecs.list_tasks(cluster="jobs", family="other")["taskArns"])
            stopped = ecs.stop_task(cluster="jobs", task=arns[0], reason="done for today")["task"]
            out["stopDesired"] = stopped["desiredStatus"]
            described = ecs.describe_tasks(cluster="jobs", tasks=[arns[1], "0123456789abcdef0123456789abcdef"], include=["TAGS"])
            out["describedTags"] = described["tasks"][0]["tags"]
            out["describedFailures"] = [f["reason"] for f in described["failures"]]
            out["containers"] = [c["name"] for c in described["tasks"][0]["containers"]]

            cluster_arn = ecs.describe_clusters(clusters=["jobs"])["clusters"][0]["clusterArn"]
            ecs.tag_resource(resourceArn=cluster_arn, tags=[{"key": "env", "value": "dev"}, {"key": "owner", "value": "ana"}])
            ecs.untag_resource(resourceArn=cluster_arn, tagKeys=["owner"])
            out["clusterTags"] = ecs.list_tags_for_resource(resourceArn=cluster_arn)["tags"]
            ecs.tag_resource(resourceArn=definition["taskDefinitionArn"], tags=[{"key": "tier", "value": "batch"}])
            out["definitionTags"] = ecs.describe_task_definition(taskDefinition="batch:1", include=["TAGS"])["tags"]
            out["taskTags"] = ecs.list_tags_for_resource(resourceArn=arns[1])["tags"]

            codes = {}
            codes["reserved"] = error_code(lambda: ecs.tag_resource(resourceArn=cluster_arn, tags=[{"key": "aws:x", "value": "y"}]))
            codes["tooMany"] = error_code(lambda: ecs.tag_resource(
                resourceArn=cluster_arn, tags=[{"key": f"k{i}", "value": "v"} for i in range(50)]))
            codes["unknownResource"] = error_code(lambda: ecs.list_tags_for_resource(
                resourceArn="arn:aws:ecs:us-east-1:000000000000:service/jobs/nope"))
            codes["noCluster"] = error_code(lambda: ecs.describe_services(cluster="nope", services=["x"]))
            codes["noDefinition"] = error_code(lambda: ecs.run_task(cluster="jobs", taskDefinition="missing"))
            codes["noService"] = error_code(lambda: ecs.update_service(cluster="jobs", service="nope", desiredCount=1))
            codes["noSubnets"] = error_code(lambda: ecs.create_service(
                cluster="jobs", serviceName="s", taskDefinition="batch", desiredCount=1))
            codes["unknownSubnet"] = error_code(lambda: ecs.create_service(
                cluster="jobs", serviceName="s", taskDefinition="batch", desiredCount=1,
                networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}))
            codes["unsupported"] = error_code(lambda: ecs.run_task(
                cluster="jobs", taskDefinition="batch", overrides={"containerOverrides": []}))
            codes["badFargate"] = error_code(lambda: ecs.register_task_definition(
                family="bad", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256", memory="4096",
                containerDefinitions=[{"name": "x", "image": "busybox"}]))
            reader = boto3.client("ecs", config=_config, aws_access_key_id="AKIAREADER", aws_secret_access_key="reader-secret")
            codes["readOnly"] = error_code(lambda: reader.create_cluster(clusterName="x"))
            out["readerLists"] = len(reader.list_clusters()["clusterArns"])
            codes["unknownOperation"] = error_code(lambda: ecs.list_attributes(cluster="jobs", targetType="container-instance"))
            out["codes"] = codes
            print(json.dumps(out, default=str))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        #expect(out["cpu"] as? String == "256" && out["memory"] as? String == "512")
        #expect(out["command"] as? [String] == ["sh", "-c", "sleep 60"])
        #expect(out["runStatus"] as? [String] == ["PROVISIONING", "PROVISIONING"])
        #expect(out["listed"] as? Bool == true)
        #expect(out["byFamily"] as? Int == 2 && out["otherFamily"] as? Int == 0)
        #expect(out["stopDesired"] as? String == "STOPPED")
        #expect((out["describedTags"] as? [[String: String]]) == [["key": "job", "value": "nightly"]])
        #expect(out["describedFailures"] as? [String] == ["MISSING"])
        #expect(out["containers"] as? [String] == ["batch"])
        #expect((out["clusterTags"] as? [[String: String]]) == [["key": "env", "value": "dev"]])
        #expect((out["definitionTags"] as? [[String: String]]) == [["key": "tier", "value": "batch"]])
        #expect((out["taskTags"] as? [[String: String]]) == [["key": "job", "value": "nightly"]])
        #expect(out["readerLists"] as? Int == 1)
        let codes = try #require(out["codes"] as? [String: String], "\(result)")
        #expect(codes["reserved"] == "InvalidParameterException")
        #expect(codes["tooMany"] == "InvalidParameterException", "50 more on top of one is over the limit")
        #expect(codes["unknownResource"] == "ResourceNotFoundException")
        #expect(codes["noCluster"] == "ClusterNotFoundException")
        #expect(codes["noDefinition"] == "ClientException")
        #expect(codes["noService"] == "ServiceNotFoundException")
        #expect(codes["noSubnets"] == "InvalidParameterException")
        #expect(codes["unknownSubnet"] == "InvalidParameterException")
        #expect(codes["unsupported"] == "InvalidParameterException")
        #expect(codes["badFargate"] == "ClientException")
        #expect(codes["readOnly"] == "AccessDeniedException")
        #expect(codes["unknownOperation"] == "UnknownOperationException")

        // The tasks RunTask started are the socket's too, and move on the daemon's clock.
        _ = try await aws.daemon.client.send(DebugClockAdvance(seconds: 10))
        let running = try await aws.daemon.client.send(EcsTaskList(cluster: "jobs")).tasks
        #expect(running.count == 1 && running[0].lastStatus == "RUNNING" && running[0].tags == ["job": "nightly"])
    }

    /// On the system clock, the CLI's own waiters see the scheduler reach a steady state and a task stop.
    @Test func theCLIWaitersSeeTheSchedulerWork() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let (_, subnets) = try network(aws)
        _ = try ok(aws, ["ecs", "create-cluster"])
        _ = try ok(
            aws,
            [
                "ecs", "register-task-definition", "--family", "api", "--network-mode", "awsvpc",
                "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512",
                "--container-definitions", #"[{"name":"api","image":"nginx:1.27"}]"#,
            ])
        _ = try ok(
            aws,
            [
                "ecs", "create-service", "--service-name", "api", "--task-definition", "api", "--desired-count", "2",
                "--network-configuration", "awsvpcConfiguration={subnets=[\(subnets[0])]}",
            ])
        let stable = try aws.aws(["ecs", "wait", "services-stable", "--services", "api"])
        #expect(stable.status == 0, "\(stable)")
        let tasks = try #require(try ok(aws, ["ecs", "list-tasks", "--service-name", "api"])["taskArns"] as? [String])
        #expect(tasks.count == 2)
        _ = try ok(aws, ["ecs", "stop-task", "--task", tasks[0]])
        let stopped = try aws.aws(["ecs", "wait", "tasks-stopped", "--tasks", tasks[0]])
        #expect(stopped.status == 0, "\(stopped)")
        let described = try ok(aws, ["ecs", "describe-tasks", "--tasks", tasks[0]])
        #expect((described["tasks"] as? [[String: Any]])?.first?["stopCode"] as? String == "UserInitiated")
    }

    @Test func containerInstancesPlaceEC2Tasks() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let (_, subnets) = try network(aws)
        _ = try ok(aws, ["ecs", "create-cluster", "--cluster-name", "fleet"])
        let registered = try ok(
            aws,
            [
                "ecs", "register-container-instance", "--cluster", "fleet",
                "--total-resources", "name=CPU,type=INTEGER,integerValue=2048",
                "name=MEMORY,type=INTEGER,integerValue=4096",
                "--attributes", "name=ecs.subnet-id,value=\(subnets[0])",
            ])
        let instance = try #require(registered["containerInstance"] as? [String: Any])
        let arn = try #require(instance["containerInstanceArn"] as? String)
        #expect(arn.hasPrefix("arn:aws:ecs:us-east-1:000000000000:container-instance/fleet/"))
        #expect(
            (instance["attributes"] as? [[String: Any]])?.contains { $0["value"] as? String == subnets[0] } == true)
        _ = try ok(
            aws,
            [
                "ecs", "register-task-definition", "--family", "worker", "--network-mode", "bridge",
                "--requires-compatibilities", "EC2",
                "--container-definitions", #"[{"name":"worker","image":"busybox","cpu":512,"memory":1024}]"#,
            ])
        let run = try ok(
            aws,
            [
                "ecs", "run-task", "--cluster", "fleet", "--task-definition", "worker", "--launch-type", "EC2",
                "--count", "2",
            ])
        #expect((run["tasks"] as? [[String: Any]])?.count == 2)
        let described = try ok(
            aws,
            [
                "ecs", "describe-container-instances", "--cluster", "fleet", "--container-instances", arn,
            ])
        let remaining =
            ((described["containerInstances"] as? [[String: Any]])?.first?["remainingResources"]
                as? [[String: Any]]) ?? []
        #expect(remaining.first { $0["name"] as? String == "CPU" }?["integerValue"] as? Int == 1024)
        #expect(remaining.first { $0["name"] as? String == "MEMORY" }?["integerValue"] as? Int == 2048)
        let onInstance = try ok(aws, ["ecs", "list-tasks", "--cluster", "fleet", "--container-instance", arn])
        #expect((onInstance["taskArns"] as? [String])?.count == 2)
        #expect(
            (try ok(aws, ["ecs", "list-container-instances", "--cluster", "fleet"])["containerInstanceArns"]
                as? [String])
                == [arn])

        let busy = try aws.aws([
            "ecs", "deregister-container-instance", "--cluster", "fleet", "--container-instance", arn,
        ])
        #expect(busy.errorCode == "InvalidParameterException", "\(busy)")
        _ = try ok(
            aws,
            [
                "ecs", "deregister-container-instance", "--cluster", "fleet", "--container-instance", arn, "--force",
            ])
        let instances = try await aws.daemon.client.send(EcsInstanceList(cluster: "fleet")).instances
        #expect(instances.isEmpty)
    }
}

/// ECS's answers checked against botocore's `ecs` model (see `JSONConformance`): every operation
/// netctld serves answers at least once, errors included.
@Suite struct AWSECSConformanceTests {
    static let scenarios: [JSONConformance.Scenario] = [
        .init(
            name: "fargate",
            python: """
                ec2 = clients("ec2")
                vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
                group = ec2.create_security_group(VpcId=vpc, GroupName="conf", Description="conf")["GroupId"]
                network = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group],
                                                   "assignPublicIp": "DISABLED"}}
                client.create_cluster(clusterName="conf", tags=[{"key": "a", "value": "b"}],
                                      settings=[{"name": "containerInsights", "value": "enabled"}])
                client.update_cluster(cluster="conf", settings=[{"name": "containerInsights", "value": "disabled"}])
                client.describe_clusters(clusters=["conf", "missing"], include=["TAGS"])
                client.list_clusters()
                client.register_task_definition(
                    family="web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                    executionRoleArn="arn:aws:iam::000000000000:role/exec", taskRoleArn="arn:aws:iam::000000000000:role/web",
                    containerDefinitions=[{"name": "web", "image": "nginx", "essential": True,
                                           "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
                                           "environment": [{"name": "A", "value": "1"}],
                                           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}}],
                    volumes=[{"name": "scratch"}], tags=[{"key": "t", "value": "v"}])
                client.describe_task_definition(taskDefinition="web", include=["TAGS"])
                client.list_task_definitions(sort="DESC")
                client.list_task_definition_families()
                service = client.create_service(
                    cluster="conf", serviceName="web", taskDefinition="web", desiredCount=2, launchType="FARGATE",
                    networkConfiguration=network, tags=[{"key": "s", "value": "1"}])["service"]
                client.update_service(cluster="conf", service="web", forceNewDeployment=True)
                client.describe_services(cluster="conf", services=["web", "missing"], include=["TAGS"])
                client.list_services(cluster="conf")
                tasks = client.list_tasks(cluster="conf")["taskArns"]
                client.describe_tasks(cluster="conf", tasks=tasks + ["0123456789abcdef0123456789abcdef"], include=["TAGS"])
                run = client.run_task(cluster="conf", taskDefinition="web", launchType="FARGATE", networkConfiguration=network)
                client.stop_task(cluster="conf", task=run["tasks"][0]["taskArn"], reason="conformance")
                client.tag_resource(resourceArn=service["serviceArn"], tags=[{"key": "k", "value": "v"}])
                client.list_tags_for_resource(resourceArn=service["serviceArn"])
                client.untag_resource(resourceArn=service["serviceArn"], tagKeys=["k"])
                client.delete_service(cluster="conf", service="web", force=True)
                client.deregister_task_definition(taskDefinition="web:1")
                error_code(lambda: client.describe_services(cluster="missing", services=["x"]))
                error_code(lambda: client.run_task(cluster="conf", taskDefinition="missing"))
                """),
        .init(
            name: "ec2",
            python: """
                ec2 = clients("ec2")
                vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.1.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
                client.create_cluster(clusterName="fleet")
                instance = client.register_container_instance(
                    cluster="fleet", attributes=[{"name": "ecs.subnet-id", "value": subnet}],
                    totalResources=[{"name": "CPU", "type": "INTEGER", "integerValue": 1024},
                                    {"name": "MEMORY", "type": "INTEGER", "integerValue": 2048}])["containerInstance"]
                client.list_container_instances(cluster="fleet")
                client.describe_container_instances(cluster="fleet", containerInstances=[instance["containerInstanceArn"]])
                client.deregister_container_instance(cluster="fleet", containerInstance=instance["containerInstanceArn"])
                client.delete_cluster(cluster="fleet")
                """),
    ]

    @Test func ecsAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let report = try JSONConformance.check(service: "ecs", scenarios: Self.scenarios, on: aws)
        #expect(report.served.count == 26, "\(report.served)")
    }
}
