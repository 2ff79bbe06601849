import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// EKS through the real socket and the CLI, on the manual clock.
@Suite("EKS through the socket")
struct EksTests {
    /// A VPC `k` with subnets `a`, `b`, `c` in three zones.
    func prepare(_ client: NetctlClient) async throws {
        _ = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "k"))
        for (name, index) in [("a", 1), ("b", 2), ("c", 3)] {
            _ = try await client.send(
                SubnetCreate(
                    vpc: "k", cidrBlock: "10.0.\(index).0/24",
                    availabilityZone: "us-east-1" + ["", "a", "b", "c"][index], name: name))
        }
    }

    func code(_ body: () async throws -> Any) async -> String? {
        do { _ = try await body() } catch ClientError.rpc(let error) { return error.domainCode } catch {
            return "\(error)"
        }
        return nil
    }

    func free(_ client: NetctlClient, _ subnet: String) async throws -> Int {
        try await client.send(SubnetGet(subnet: subnet)).availableIpAddressCount
    }

    func advance(_ client: NetctlClient, _ seconds: Double) async throws {
        _ = try await client.send(DebugClockAdvance(seconds: seconds))
    }

    /// The statuses logged in /netctl/eks for one stream, once the watcher has `count` of them.
    func logged(_ client: NetctlClient, stream: String, count: Int) async throws -> [String] {
        var statuses: [String] = []
        for _ in 0..<400 {
            let events = (try? await client.send(LogsGet(group: "/netctl/eks", stream: stream)).events) ?? []
            statuses = try events.map {
                try NetctlJSON.decoder.decode(JSONValue.self, from: Data($0.message.utf8))["status"]?.stringValue ?? "-"
            }
            if statuses.count >= count { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        return statuses
    }

    @Test(
        "a cluster is CREATING for 10 minutes, upgrades one minor version at a time, and gives its addresses back when deleted"
    )
    func clusterLifecycle() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        try await prepare(client)
        var cluster = try await client.send(
            EksClusterCreate(name: "prod", version: "1.33", subnets: ["a", "b"]),
            options: CallOptions(clientToken: "create-prod"))
        #expect(cluster.status == "CREATING" && cluster.controlPlaneInterfaces.count == 2)
        #expect(cluster.availabilityZones == ["us-east-1a", "us-east-1b", "us-east-1c"])
        #expect(try await free(client, "a") == 250)
        #expect(try await free(client, "b") == 250)
        #expect(try await free(client, "c") == 251)
        // The same client token replays the first answer instead of failing on the name.
        let replay = try await client.send(
            EksClusterCreate(name: "prod", version: "1.33", subnets: ["a", "b"]),
            options: CallOptions(clientToken: "create-prod"))
        #expect(replay.arn == cluster.arn && replay.endpoint == cluster.endpoint)
        #expect(
            await code { try await client.send(EksClusterCreate(name: "prod", version: "1.33", subnets: ["a", "b"])) }
                == "ResourceInUseException")
        #expect(
            await code { try await client.send(EksClusterCreate(name: "x", version: "1.33", subnets: ["a"])) }
                == "InvalidParameterException")
        #expect(
            await code { try await client.send(EksClusterUpdate(name: "prod", version: "1.34")) }
                == "ResourceInUseException")

        try await advance(client, 599)
        #expect(try await client.send(EksClusterGet(name: "prod")).status == "CREATING")
        try await advance(client, 1)
        #expect(try await client.send(EksClusterGet(name: "prod")).status == "ACTIVE")

        #expect(
            await code { try await client.send(EksClusterUpdate(name: "prod", version: "1.35")) }
                == "InvalidParameterException")
        cluster = try await client.send(EksClusterUpdate(name: "prod", version: "1.34"))
        #expect(cluster.status == "UPDATING" && cluster.version == "1.33")
        try await advance(client, 900)
        cluster = try await client.send(EksClusterGet(name: "prod"))
        #expect(cluster.status == "ACTIVE" && cluster.version == "1.34")

        cluster = try await client.send(EksClusterDelete(name: "prod"))
        #expect(cluster.status == "DELETING")
        #expect(
            await code { try await client.send(SubnetDelete(subnet: "a")) } == "DependencyViolation",
            "the control plane still holds an address")
        try await advance(client, 300)
        #expect(await code { try await client.send(EksClusterGet(name: "prod")) } == "ResourceNotFoundException")
        #expect(try await client.send(EksClusterList()).clusters.isEmpty)
        #expect(try await free(client, "a") == 251)
        #expect(try await free(client, "b") == 251)
        _ = try await client.send(SubnetDelete(subnet: "a"))

        // Every step is logged in /netctl/eks under the cluster's ARN.
        let statuses = try await logged(client, stream: cluster.arn, count: 6)
        #expect(statuses == ["CREATING", "ACTIVE", "UPDATING", "ACTIVE", "DELETING", "DELETING"])
        await daemon.terminate()
    }

    @Test(
        "node groups take addresses across AZs when ACTIVE, scale, are measured, survive a restart and release everything"
    )
    func nodegroupLifecycle() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        var client = daemon.client
        try await prepare(client)
        let cluster = try await client.send(EksClusterCreate(name: "prod", version: "1.33", subnets: ["a", "b", "c"]))
        try await advance(client, 600)
        var nodegroup = try await client.send(
            EksNodegroupCreate(
                cluster: "prod", name: "web", subnets: ["a", "b", "c"],
                scalingConfig: EksScalingConfig(minSize: 1, desiredSize: 3, maxSize: 6), instanceTypes: ["m5.large"]))
        #expect(nodegroup.status == "CREATING" && nodegroup.nodes.isEmpty)
        #expect(try await client.send(EksNodegroupList(cluster: "prod")).nodegroups == ["web"])
        #expect(
            await code {
                try await client.send(
                    EksNodegroupCreate(
                        cluster: "prod", name: "big", subnets: ["a"],
                        scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 5, maxSize: 451)))
            } == "InvalidParameterException")
        try await advance(client, 240)
        nodegroup = try await client.send(EksNodegroupGet(cluster: "prod", name: "web"))
        #expect(nodegroup.status == "ACTIVE" && nodegroup.nodes.count == 3)
        #expect(Set(nodegroup.nodes.map(\.availabilityZone)) == ["us-east-1a", "us-east-1b", "us-east-1c"])
        #expect(nodegroup.nodes.allSatisfy { $0.instanceType == "m5.large" && $0.privateIpAddress.hasPrefix("10.0.") })
        for subnet in ["a", "b", "c"] { #expect(try await free(client, subnet) == 249) }

        nodegroup = try await client.send(
            EksNodegroupUpdate(cluster: "prod", name: "web", scalingConfig: EksScalingConfigUpdate(desiredSize: 5)))
        #expect(nodegroup.status == "UPDATING" && nodegroup.nodes.count == 3)
        try await advance(client, 120)
        nodegroup = try await client.send(EksNodegroupGet(cluster: "prod", name: "web"))
        #expect(nodegroup.status == "ACTIVE" && nodegroup.nodes.count == 5)
        #expect(
            Dictionary(grouping: nodegroup.nodes, by: \.availabilityZone).values.map(\.count).sorted() == [1, 2, 2])
        let shown = try await client.send(EksClusterGet(name: "prod"))
        #expect(shown.nodegroupCount == 1 && shown.readyNodeCount == 5 && shown.desiredNodeCount == 5)

        // A node reaches the control plane's interface in another zone.
        let node = nodegroup.nodes[0]
        let target = try #require(cluster.controlPlaneInterfaces.first { $0.availabilityZone != node.availabilityZone })
        let analysis = try await client.send(
            ReachAnalyze(source: node.instanceId, destination: target.privateIpAddress))
        #expect(analysis.reachable && analysis.source.address == node.privateIpAddress)

        // The watcher counts the nodes in Netctl/EKS.
        let dimensions = [
            MetricDimension(name: "ClusterName", value: "prod"), MetricDimension(name: "NodegroupName", value: "web"),
        ]
        var metrics: [MetricIdentity] = []
        for _ in 0..<400 where metrics.count < 2 {
            metrics = try await client.send(MetricsList(namespace: "Netctl/EKS")).metrics
            if metrics.count < 2 { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(Set(metrics.map(\.metricName)) == ["DesiredNodeCount", "ReadyNodeCount"])
        #expect(metrics.allSatisfy { $0.dimensions == dimensions })

        // Everything, nodes and deadlines included, survives a restart.
        await daemon.terminate()
        try await daemon.start()
        client = daemon.client
        nodegroup = try await client.send(EksNodegroupGet(cluster: "prod", name: "web"))
        #expect(nodegroup.nodes.count == 5 && nodegroup.status == "ACTIVE")
        _ = try await client.send(
            EksNodegroupUpdate(cluster: "prod", name: "web", scalingConfig: EksScalingConfigUpdate(desiredSize: 1)))
        await daemon.terminate()
        try await daemon.start()
        client = daemon.client
        try await advance(client, 120)
        nodegroup = try await client.send(EksNodegroupGet(cluster: "prod", name: "web"))
        #expect(nodegroup.nodes.count == 1 && nodegroup.status == "ACTIVE")
        #expect(await code { try await client.send(EksClusterDelete(name: "prod")) } == "ResourceInUseException")

        nodegroup = try await client.send(EksNodegroupDelete(cluster: "prod", name: "web"))
        #expect(nodegroup.status == "DELETING")
        try await advance(client, 300)
        #expect(try await client.send(EksNodegroupList(cluster: "prod")).nodegroups.isEmpty)
        for subnet in ["a", "b", "c"] {
            #expect(try await free(client, subnet) == 250, "only the control plane's address is left")
        }
        let statuses = try await logged(client, stream: nodegroup.nodegroupArn, count: 8)
        #expect(statuses == ["CREATING", "ACTIVE", "UPDATING", "ACTIVE", "UPDATING", "ACTIVE", "DELETING", "DELETING"])
        await daemon.terminate()
    }

    @Test(
        "Fargate profiles and the cluster through netctl: public subnets refused, deletion blocks creation and the cluster"
    )
    func fargateThroughTheCLI() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let socket = daemon.socketPath
        let client = daemon.client
        try await prepare(client)
        func cli(_ arguments: [String]) throws -> CLIResult {
            let result = try runCLI(arguments, socket: socket)
            #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        let igw = try await client.send(GatewayCreate(vpc: "k"))
        _ = try await client.send(RouteTableCreate(vpc: "k", name: "public"))
        _ = try await client.send(
            RouteCreate(routeTable: "public", destinationCidrBlock: "0.0.0.0/0", gateway: igw.internetGatewayId))
        _ = try await client.send(RouteTableAssociate(routeTable: "public", subnet: "c"))

        _ = try cli([
            "eks", "cluster", "create", "prod", "--kubernetes-version", "1.33", "--subnet", "a", "--subnet", "b",
            "--subnet", "c",
        ])
        var shown = try cli(["eks", "cluster", "get", "prod"]).stdout
        #expect(
            shown.contains("CREATING") && shown.contains("Control-plane network interfaces")
                && shown.contains("10.0.3.4"))
        let early = try runCLI(
            [
                "eks", "fargate-profile", "create", "apps", "--cluster", "prod", "--subnet", "a", "--selector",
                "default",
            ], socket: socket)
        #expect(early.status == 1 && early.stderr.contains("InvalidRequestException"))
        try await advance(client, 600)
        shown = try cli(["eks", "cluster", "get", "prod"]).stdout
        #expect(
            shown.contains("ACTIVE") && shown.contains("us-east-1a, us-east-1b, us-east-1c")
                && shown.contains(".eks.amazonaws.com"))

        let publicSubnet = try await client.send(SubnetGet(subnet: "c")).subnetId
        let refused = try runCLI(
            [
                "eks", "fargate-profile", "create", "apps", "--cluster", "prod", "--subnet", "c", "--selector",
                "default",
            ], socket: socket)
        #expect(
            refused.status == 1 && refused.stderr.contains("InvalidParameterException")
                && refused.stderr.contains(publicSubnet))
        #expect(refused.stderr.contains(igw.internetGatewayId))
        let created = try cli([
            "eks", "fargate-profile", "create", "apps", "--cluster", "prod", "--subnet", "a", "--subnet", "b",
            "--selector", "default", "--selector", "prod,app=web,tier=front",
        ]).stdout
        #expect(created.contains("CREATING") && created.contains("namespace prod, labels app=web, tier=front"))
        try await advance(client, 120)
        let profile = try await client.send(EksFargateProfileGet(cluster: "prod", name: "apps"))
        #expect(profile.status == "ACTIVE" && profile.selectors[1].labels == ["app": "web", "tier": "front"])
        #expect(try cli(["eks", "fargate-profile", "list", "--cluster", "prod"]).stdout.contains("apps"))

        let blocked = try runCLI(["eks", "cluster", "delete", "prod"], socket: socket)
        #expect(
            blocked.status == 1 && blocked.stderr.contains("ResourceInUseException") && blocked.stderr.contains("apps"))
        _ = try cli(["eks", "fargate-profile", "delete", "apps", "--cluster", "prod"])
        let busy = try runCLI(
            ["eks", "fargate-profile", "create", "next", "--cluster", "prod", "--subnet", "a", "--selector", "x"],
            socket: socket)
        #expect(busy.status == 1 && busy.stderr.contains("ResourceInUseException") && busy.stderr.contains("DELETING"))
        try await advance(client, 120)
        _ = try cli([
            "eks", "nodegroup", "create", "web", "--cluster", "prod", "--subnet", "a", "--min-size", "0",
            "--desired-size", "1", "--max-size", "2",
        ])
        try await advance(client, 240)
        let nodes = try cli(["eks", "nodegroup", "get", "web", "--cluster", "prod"]).stdout
        #expect(nodes.contains("ACTIVE") && nodes.contains("10.0.1.5") && nodes.contains("us-east-1a"))
        let json = try cli(["eks", "nodegroup", "list", "--cluster", "prod", "--output", "json"]).stdout
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(listed["nodegroups"] as? [String] == ["web"])
        _ = try cli(["eks", "nodegroup", "update", "web", "--cluster", "prod", "--desired-size", "0"])
        try await advance(client, 120)
        _ = try cli(["eks", "nodegroup", "delete", "web", "--cluster", "prod"])
        try await advance(client, 300)
        #expect(try cli(["eks", "cluster", "delete", "prod"]).stdout.contains("DELETING"))
        try await advance(client, 300)
        #expect(try cli(["eks", "cluster", "list"]).stdout.contains("prod") == false)
        await daemon.terminate()
    }
}
