import Foundation
import NetctlAPI
import Testing

/// Cloud Map (servicediscovery, JSON 1.1) through the real AWS CLI and boto3: namespaces, services,
/// instances registered by hand and by ECS, the same state the socket sees.
@Suite(.serialized) struct AWSServiceDiscoveryTests {
    /// A VPC `app` with two subnets; its ID.
    func prepare(_ aws: AWSDaemon) async throws -> String {
        let client = aws.daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "app"))
        _ = try await client.send(
            SubnetCreate(vpc: "app", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"))
        _ = try await client.send(
            SubnetCreate(vpc: "app", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"))
        try await TaskEgress.natGateway(client, vpc: "app", publicCidr: "10.0.100.0/24")
        return vpc.vpcId
    }

    @Test func namespaceServiceInstanceAndDiscoveryThroughBoto3() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let vpcId = try await prepare(aws)
        let result = try aws.boto3(
            """
            sd = boto3.client("servicediscovery", config=_config)
            def failure(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    return {"code": error.response["Error"]["Code"],
                            "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
                return None
            out = {}
            operation = sd.create_private_dns_namespace(Name="app.local", Vpc="\(vpcId)", Description="the app")
            op = sd.get_operation(OperationId=operation["OperationId"])["Operation"]
            out["operation"] = {"status": op["Status"], "type": op["Type"], "targets": op["Targets"]}
            ns = op["Targets"]["NAMESPACE"]
            namespace = sd.get_namespace(Id=ns)["Namespace"]
            out["namespace"] = {"name": namespace["Name"], "type": namespace["Type"],
                                "description": namespace["Description"], "arn": namespace["Arn"]}
            out["duplicateNamespace"] = failure(lambda: sd.create_private_dns_namespace(Name="app.local", Vpc="\(vpcId)"))
            service = sd.create_service(Name="web", NamespaceId=ns,
                DnsConfig={"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": 30}]})["Service"]
            sid = service["Id"]
            out["service"] = {"name": service["Name"], "namespace": service["NamespaceId"],
                              "records": service["DnsConfig"]["DnsRecords"]}
            out["duplicateService"] = failure(lambda: sd.create_service(Name="web", NamespaceId=ns))
            registered = sd.register_instance(ServiceId=sid, InstanceId="web-1",
                Attributes={"AWS_INSTANCE_IPV4": "10.0.1.10", "color": "blue"})
            out["registerOperation"] = sd.get_operation(OperationId=registered["OperationId"])["Operation"]["Targets"]
            sd.register_instance(ServiceId=sid, InstanceId="web-2",
                Attributes={"AWS_INSTANCE_IPV4": "10.0.2.10", "color": "green"})
            out["noAddress"] = failure(lambda: sd.register_instance(ServiceId=sid, InstanceId="web-3",
                Attributes={"color": "red"}))
            out["instance"] = sd.get_instance(ServiceId=sid, InstanceId="web-1")["Instance"]
            out["listed"] = [i["Id"] for i in sd.list_instances(ServiceId=sid)["Instances"]]
            out["services"] = [s["Name"] for s in sd.list_services(
                Filters=[{"Name": "NAMESPACE_ID", "Values": [ns], "Condition": "EQ"}])["Services"]]
            out["instanceCount"] = sd.get_service(Id=sid)["Service"]["InstanceCount"]
            out["namespaces"] = [(n["Name"], n["ServiceCount"]) for n in sd.list_namespaces()["Namespaces"]]
            found = sd.discover_instances(NamespaceName="app.local", ServiceName="web")["Instances"]
            out["discovered"] = sorted([(i["InstanceId"], i["Attributes"]["AWS_INSTANCE_IPV4"], i["HealthStatus"])
                                        for i in found])
            blue = sd.discover_instances(NamespaceName="app.local", ServiceName="web", QueryParameters={"color": "blue"})
            out["blue"] = [i["InstanceId"] for i in blue["Instances"]]
            out["inUse"] = failure(lambda: sd.delete_service(Id=sid))
            out["namespaceInUse"] = failure(lambda: sd.delete_namespace(Id=ns))
            out["unknownService"] = failure(lambda: sd.get_service(Id="srv-0123456789abcdef"))
            out["unknownNamespace"] = failure(lambda: sd.get_namespace(Id="ns-0123456789abcdef"))
            out["unknownInstance"] = failure(lambda: sd.get_instance(ServiceId=sid, InstanceId="nope"))
            out["unknownOperation"] = failure(lambda: sd.get_operation(OperationId="nope"))
            out["undiscoverable"] = failure(lambda: sd.discover_instances(NamespaceName="app.local", ServiceName="db"))
            out["badInput"] = failure(lambda: sd.list_namespaces(MaxResults=1000))
            deregistered = sd.deregister_instance(ServiceId=sid, InstanceId="web-2")
            out["deregisterType"] = sd.get_operation(OperationId=deregistered["OperationId"])["Operation"]["Type"]
            out["unknownDeregister"] = failure(lambda: sd.deregister_instance(ServiceId=sid, InstanceId="web-2"))
            print(json.dumps(out))
            """, environment: ["AWS_DISABLE_HOST_PREFIX_INJECTION": "true"])
        #expect(result.status == 0, "\(result)")
        let out = result.object
        func failure(_ key: String) -> String? { (out[key] as? [String: Any])?["code"] as? String }
        let operation = try #require(out["operation"] as? [String: Any], "\(result)")
        #expect(operation["status"] as? String == "SUCCESS" && operation["type"] as? String == "CREATE_NAMESPACE")
        let namespaceId = try #require((operation["targets"] as? [String: String])?["NAMESPACE"])
        let namespace = try #require(out["namespace"] as? [String: String])
        #expect(namespace["name"] == "app.local" && namespace["type"] == "DNS_PRIVATE")
        #expect(namespace["description"] == "the app")
        #expect(namespace["arn"] == "arn:aws:servicediscovery:us-east-1:000000000000:namespace/\(namespaceId)")
        #expect(failure("duplicateNamespace") == "NamespaceAlreadyExists")
        #expect((out["service"] as? [String: Any])?["namespace"] as? String == namespaceId)
        let records = try #require((out["service"] as? [String: Any])?["records"] as? [[String: Any]])
        #expect(records.count == 1 && records[0]["Type"] as? String == "A" && records[0]["TTL"] as? Int == 30)
        #expect(failure("duplicateService") == "ServiceAlreadyExists")
        #expect((out["registerOperation"] as? [String: String])?["INSTANCE"] == "web-1")
        #expect(failure("noAddress") == "InvalidInput")
        #expect(
            (out["instance"] as? [String: Any])?["Attributes"] as? [String: String] == [
                "AWS_INSTANCE_IPV4": "10.0.1.10", "color": "blue",
            ])
        #expect(out["listed"] as? [String] == ["web-1", "web-2"])
        #expect(out["services"] as? [String] == ["web"])
        #expect(out["instanceCount"] as? Int == 2)
        #expect((out["namespaces"] as? [[Any]])?.first?.last as? Int == 1)
        #expect(
            (out["discovered"] as? [[String]]) == [
                ["web-1", "10.0.1.10", "UNKNOWN"], ["web-2", "10.0.2.10", "UNKNOWN"],
            ],
            "\(result)")
        #expect(out["blue"] as? [String] == ["web-1"])
        #expect(failure("inUse") == "ResourceInUse")
        #expect(failure("namespaceInUse") == "ResourceInUse")
        #expect(failure("unknownService") == "ServiceNotFound")
        #expect(failure("unknownNamespace") == "NamespaceNotFound")
        #expect(failure("unknownInstance") == "InstanceNotFound")
        #expect(failure("unknownOperation") == "OperationNotFound")
        #expect(failure("undiscoverable") == "ServiceNotFound")
        #expect(failure("badInput") == "InvalidInput")
        #expect(out["deregisterType"] as? String == "DEREGISTER_INSTANCE")
        #expect(failure("unknownDeregister") == "InstanceNotFound")

        // The socket sees the same namespace, service and instance; sd.resolve finds the hand-registered one.
        let services = try await aws.daemon.client.send(SdServiceList(namespace: "app.local")).services
        #expect(services.map(\.name) == ["web"] && services.first?.instanceCount == 1)
        #expect(try await aws.daemon.client.send(SdResolve(name: "web.app.local")).addresses == ["10.0.1.10"])
    }

    @Test func tasksOfAnECSServiceRegisteredInCloudMapAreDiscovered() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let vpcId = try await prepare(aws)
        let client = aws.daemon.client
        let namespace = try aws.aws([
            "servicediscovery", "create-private-dns-namespace", "--name", "forum.local", "--vpc", vpcId,
        ])
        #expect(namespace.status == 0, "\(namespace)")
        let namespaceId = try await client.send(SdNamespaceGet(name: "forum.local")).id
        let service = try aws.aws([
            "servicediscovery", "create-service", "--name", "users", "--namespace-id", namespaceId,
            "--dns-config", "DnsRecords=[{Type=A,TTL=10}]", "--health-check-custom-config", "FailureThreshold=1",
        ])
        let serviceId = try #require((service.object["Service"] as? [String: Any])?["Id"] as? String, "\(service)")

        // ECS registers the service's RUNNING tasks under the Cloud Map service of the same name.
        _ = try await client.send(EcsClusterCreate(name: "forum"))
        _ = try await client.send(
            EcsTaskDefinitionRegister(
                family: "users", containerDefinitions: [ContainerDefinition(name: "users", image: "nginx:1.27")],
                networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"),
                memory: .string("512")))
        _ = try await client.send(
            EcsServiceCreate(
                cluster: "forum", name: "users", taskDefinition: "users", desiredCount: 2, subnets: ["a", "b"],
                serviceRegistry: ServiceRegistry(namespace: "forum.local", name: "users")))
        let none = try aws.aws(
            [
                "servicediscovery", "discover-instances", "--namespace-name", "forum.local", "--service-name", "users",
            ], environment: ["AWS_DISABLE_HOST_PREFIX_INJECTION": "true"])
        #expect(
            none.object["Instances"] as? [Any] != nil && (none.object["Instances"] as? [Any])?.isEmpty == true,
            "\(none)")
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        let tasks = try await client.send(EcsTaskList(cluster: "forum", service: "users")).tasks
        #expect(tasks.count == 2)

        let discovered = try aws.aws(
            [
                "servicediscovery", "discover-instances", "--namespace-name", "forum.local", "--service-name", "users",
                "--health-status", "HEALTHY",
            ], environment: ["AWS_DISABLE_HOST_PREFIX_INJECTION": "true"])
        let instances = try #require(discovered.object["Instances"] as? [[String: Any]], "\(discovered)")
        #expect(Set(instances.compactMap { $0["InstanceId"] as? String }) == Set(tasks.map(\.taskId)))
        #expect(
            Set(instances.compactMap { ($0["Attributes"] as? [String: String])?["AWS_INSTANCE_IPV4"] })
                == Set(tasks.compactMap(\.privateIpAddress)))
        #expect(instances.allSatisfy { $0["HealthStatus"] as? String == "HEALTHY" })
        #expect(
            instances.allSatisfy { ($0["Attributes"] as? [String: String])?["ECS_SERVICE_NAME"] == "users" })
        let listed = try aws.aws(["servicediscovery", "list-instances", "--service-id", serviceId])
        #expect((listed.object["Instances"] as? [Any])?.count == 2, "\(listed)")
        // ECS owns its instances: Cloud Map cannot deregister them, nor delete the service under them.
        let deregister = try aws.aws([
            "servicediscovery", "deregister-instance", "--service-id", serviceId, "--instance-id", tasks[0].taskId,
        ])
        #expect(deregister.errorCode == "ResourceInUse", "\(deregister)")
        let delete = try aws.aws(["servicediscovery", "delete-service", "--id", serviceId])
        #expect(delete.errorCode == "ResourceInUse", "\(delete)")

        // A stopped task leaves discovery at once.
        _ = try await client.send(EcsTaskStop(cluster: "forum", task: tasks[0].taskId))
        let after = try aws.boto3(
            """
            sd = boto3.client("servicediscovery", config=_config)
            found = sd.discover_instances(NamespaceName="forum.local", ServiceName="users")["Instances"]
            print(json.dumps([i["InstanceId"] for i in found]))
            """, environment: ["AWS_DISABLE_HOST_PREFIX_INJECTION": "true"])
        #expect((after.json as? [String])?.contains(tasks[0].taskId) == false, "\(after)")
        #expect((after.json as? [String])?.contains(tasks[1].taskId) == true, "\(after)")
    }

    @Test func netctlShowsWhatCloudMapsCallersMade() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let vpcId = try await prepare(aws)
        func cli(_ arguments: [String]) throws -> CLIResult {
            let result = try runCLI(arguments, socket: aws.daemon.socketPath)
            #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        let created = try aws.aws([
            "servicediscovery", "create-private-dns-namespace", "--name", "app.local", "--vpc", vpcId,
        ])
        #expect(created.status == 0, "\(created)")
        let service = try cli(["sd", "service", "create", "web", "--namespace", "app.local", "--ttl", "30"]).stdout
        #expect(service.contains("A 30s"), "\(service)")
        let serviceId = try #require(try await aws.daemon.client.send(SdServiceList()).services.first?.id)
        _ = try cli([
            "sd", "instance", "register", "web-1", "--service", serviceId, "--ipv4", "10.0.1.7", "--attribute", "v=1",
        ])
        let listed = try aws.aws(["servicediscovery", "list-instances", "--service-id", serviceId])
        #expect((listed.object["Instances"] as? [[String: Any]])?.first?["Id"] as? String == "web-1", "\(listed)")
        #expect(try cli(["sd", "instance", "list", "--service", serviceId]).stdout.contains("v=1"))
        #expect(
            try cli(["sd", "instance", "discover", "--namespace", "app.local", "--service", "web"]).stdout.contains(
                "10.0.1.7"))
        #expect(try cli(["sd", "resolve", "web.app.local"]).stdout == "10.0.1.7\n")
        _ = try cli(["sd", "instance", "deregister", "web-1", "--service", serviceId])
        _ = try cli(["sd", "service", "delete", serviceId])
        let gone = try aws.aws(["servicediscovery", "get-service", "--id", serviceId])
        #expect(gone.errorCode == "ServiceNotFound", "\(gone)")
    }

    @Test func discoverInstancesIsAcceptedOnTheDataHostAsBoto3SendsIt() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let vpcId = try await prepare(aws)
        // boto3 sends DiscoverInstances to data-servicediscovery's host (the model's hostPrefix "data-"),
        // signed for that Host. data-127.0.0.1 does not resolve, so the request goes to the listener's
        // address while keeping the Host it was signed for: the listener answers whatever the Host says.
        let result = try aws.boto3(
            """
            sd = boto3.client("servicediscovery", config=_config)
            ns = sd.get_operation(OperationId=sd.create_private_dns_namespace(Name="app.local", Vpc="\(vpcId)")
                                  ["OperationId"])["Operation"]["Targets"]["NAMESPACE"]
            sid = sd.create_service(Name="web", NamespaceId=ns)["Service"]["Id"]
            sd.register_instance(ServiceId=sid, InstanceId="web-1", Attributes={"AWS_INSTANCE_IPV4": "10.0.1.10"})
            seen = {}
            def to_listener(request, **kwargs):
                from urllib.parse import urlsplit, urlunsplit
                parts = urlsplit(request.url)
                seen["host"] = parts.netloc
                request.headers["Host"] = parts.netloc
                request.url = urlunsplit((parts.scheme, "127.0.0.1:\(aws.port)", parts.path, parts.query, ""))
            sd.meta.events.register("before-send.servicediscovery.DiscoverInstances", to_listener)
            found = sd.discover_instances(NamespaceName="app.local", ServiceName="web")["Instances"]
            print(json.dumps({"host": seen["host"], "found": [i["InstanceId"] for i in found]}))
            """)
        #expect(result.status == 0, "\(result)")
        #expect(result.object["host"] as? String == "data-127.0.0.1:\(aws.port)")
        #expect(result.object["found"] as? [String] == ["web-1"])
    }
}

/// Cloud Map's answers checked against botocore's `servicediscovery` model (see `JSONConformance`).
@Suite struct AWSServiceDiscoveryConformanceTests {
    static let scenarios: [JSONConformance.Scenario] = [
        .init(
            name: "cloudmap",
            python: """
                vpc = clients("ec2").create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
                operation = client.create_private_dns_namespace(Name="app.local", Vpc=vpc, Description="d")
                ns = client.get_operation(OperationId=operation["OperationId"])["Operation"]["Targets"]["NAMESPACE"]
                client.get_namespace(Id=ns)
                client.list_namespaces(MaxResults=1)
                error_code(lambda: client.get_namespace(Id="ns-0000000000000000"))
                error_code(lambda: client.create_private_dns_namespace(Name="app.local", Vpc=vpc))
                sid = client.create_service(Name="web", NamespaceId=ns,
                    DnsConfig={"DnsRecords": [{"Type": "A", "TTL": 60}, {"Type": "SRV", "TTL": 60}]},
                    HealthCheckCustomConfig={"FailureThreshold": 1})["Service"]["Id"]
                client.get_service(Id=sid)
                client.list_services(Filters=[{"Name": "NAMESPACE_ID", "Values": [ns], "Condition": "EQ"}])
                error_code(lambda: client.create_service(Name="web", NamespaceId=ns))
                op = client.register_instance(ServiceId=sid, InstanceId="i-1", Attributes={
                    "AWS_INSTANCE_IPV4": "10.0.1.5", "AWS_INSTANCE_PORT": "80", "AWS_INIT_HEALTH_STATUS": "HEALTHY"})
                client.get_operation(OperationId=op["OperationId"])
                client.get_instance(ServiceId=sid, InstanceId="i-1")
                client.list_instances(ServiceId=sid)
                error_code(lambda: client.register_instance(ServiceId=sid, InstanceId="i-2", Attributes={}))
                error_code(lambda: client.get_instance(ServiceId=sid, InstanceId="nope"))
                # DiscoverInstances goes to the data- host, which 127.0.0.1 cannot be prefixed with.
                client.meta.config.inject_host_prefix = False
                client.discover_instances(NamespaceName="app.local", ServiceName="web", HealthStatus="ALL")
                client.deregister_instance(ServiceId=sid, InstanceId="i-1")
                client.delete_service(Id=sid)
                client.delete_namespace(Id=ns)
                error_code(lambda: client.get_operation(OperationId="nope"))
                """)
    ]

    @Test func cloudMapAnswersAsBotocoresModelSays() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let report = try JSONConformance.check(service: "servicediscovery", scenarios: Self.scenarios, on: aws)
        #expect(
            Set(report.served) == [
                "CreatePrivateDnsNamespace", "GetNamespace", "ListNamespaces", "DeleteNamespace", "GetOperation",
                "CreateService", "GetService", "ListServices", "DeleteService", "RegisterInstance",
                "DeregisterInstance", "GetInstance", "ListInstances", "DiscoverInstances",
            ], "\(report.served)")
    }
}
