import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// Cloud Map services, instances, discovery and operations, and what EKS's AWS operations added to
/// the core (update history, tags by ARN, roles and defaults).
struct CloudMapRulesTests {
    /// A VPC `app` with namespace `app.local` and service `web` (one A record).
    func world(customHealth: Bool = false) throws -> (Fixture, SdService) {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "app")
        try f.run { s, c throws(NetctlError) in
            try s.createNamespace(SdNamespaceCreate(name: "app.local", vpc: "app"), &c)
        }
        let service = try f.run { s, c throws(NetctlError) in
            try s.createSdService(
                SdServiceCreate(name: "web", namespace: "app.local", customHealthChecks: customHealth), &c)
        }
        return (f, service)
    }

    func register(_ f: inout Fixture, _ service: SdService, _ id: String, _ attributes: [String: String]) throws {
        try f.run { s, c throws(NetctlError) in
            try s.registerSdInstance(
                SdInstanceRegister(service: service.id, instanceId: id, attributes: attributes), &c)
        }
    }

    @Test("services are unique per namespace, named as DNS labels, and hold their namespace")
    func services() throws {
        var (f, service) = try world()
        #expect(service.id.hasPrefix("srv-") && service.dnsRecords == [SdDnsRecord(type: "A", ttl: 60)])
        f.expectFailure(.serviceAlreadyExists) { s, c throws(NetctlError) in
            try s.createSdService(SdServiceCreate(name: "WEB", namespace: "app.local"), &c)
        }
        f.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createSdService(SdServiceCreate(name: "no dots.here", namespace: "app.local"), &c)
        }
        f.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createSdService(
                SdServiceCreate(name: "api", namespace: "app.local", dnsRecords: [SdDnsRecord(type: "MX", ttl: 1)]), &c)
        }
        f.expectFailure(.namespaceNotFound) { s, c throws(NetctlError) in
            try s.createSdService(SdServiceCreate(name: "api", namespace: "nope.local"), &c)
        }
        f.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.deleteNamespace(SdNamespaceDelete(name: "app.local"), &c)
        }
        try f.run { s, c throws(NetctlError) in try s.deleteSdService(SdServiceDelete(service: service.arn), &c) }
        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteNamespace(SdNamespaceDelete(name: "app.local"), &c)
        }
        let operation = try f.state.getSdOperation(SdOperationGet(operationId: deleted.operationId ?? ""), f.query())
        #expect(operation.type == "DELETE_NAMESPACE" && operation.targets == ["NAMESPACE": deleted.id])
        #expect(operation.status == "SUCCESS")
    }

    @Test("instances need the attributes their service's records need; registering again replaces them")
    func instances() throws {
        var (f, service) = try world()
        f.expectFailure(.invalidParameterException, "an A record needs AWS_INSTANCE_IPV4") { s, c throws(NetctlError) in
            try s.registerSdInstance(SdInstanceRegister(service: service.id, instanceId: "a", attributes: [:]), &c)
        }
        f.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.registerSdInstance(
                SdInstanceRegister(
                    service: service.id, instanceId: "a", attributes: ["AWS_INSTANCE_IPV4": "10.0.0.300"]),
                &c)
        }
        f.expectFailure(.invalidParameterException, "health needs custom health checks") { s, c throws(NetctlError) in
            try s.registerSdInstance(
                SdInstanceRegister(
                    service: service.id, instanceId: "a",
                    attributes: ["AWS_INSTANCE_IPV4": "10.0.0.1", "AWS_INIT_HEALTH_STATUS": "HEALTHY"]), &c)
        }
        try register(&f, service, "a", ["AWS_INSTANCE_IPV4": "10.0.0.1"])
        try register(&f, service, "a", ["AWS_INSTANCE_IPV4": "10.0.0.2", "v": "2"])
        let listed = try f.state.listSdInstances(SdInstanceList(service: service.id), f.query()).instances
        #expect(listed.map(\.attributes) == [["AWS_INSTANCE_IPV4": "10.0.0.2", "v": "2"]])
        #expect(try f.state.getSdService(SdServiceGet(service: service.id), f.query()).instanceCount == 1)
        #expect(try f.state.resolve(SdResolve(name: "web.app.local"), f.query()).addresses == ["10.0.0.2"])
        f.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.deleteSdService(SdServiceDelete(service: service.id), &c)
        }
        let gone = try f.run { s, c throws(NetctlError) in
            try s.deregisterSdInstance(SdInstanceDeregister(service: service.id, instanceId: "a"), &c)
        }
        #expect(f.state.sdOperations[gone.operationId ?? ""]?.type == "DEREGISTER_INSTANCE")
        f.expectFailure(.instanceNotFound) { s, c throws(NetctlError) in
            try s.deregisterSdInstance(SdInstanceDeregister(service: service.id, instanceId: "a"), &c)
        }
    }

    @Test("discovery filters by health only with custom health checks, then by required and preferred attributes")
    func discovery() throws {
        var (f, service) = try world(customHealth: true)
        try register(&f, service, "a", ["AWS_INSTANCE_IPV4": "10.0.0.1", "zone": "a"])
        try register(
            &f, service, "b", ["AWS_INSTANCE_IPV4": "10.0.0.2", "zone": "b", "AWS_INIT_HEALTH_STATUS": "UNHEALTHY"])
        try register(&f, service, "c", ["AWS_INSTANCE_IPV4": "10.0.0.3", "zone": "b"])
        func ids(_ request: SdInstanceDiscover) throws -> [String] {
            try f.state.discoverSdInstances(request, f.query()).instances.map(\.instanceId)
        }
        #expect(try ids(SdInstanceDiscover(namespace: "app.local", service: "web")) == ["a", "c"])
        #expect(
            try ids(SdInstanceDiscover(namespace: "app.local", service: "web", healthStatus: "ALL")) == ["a", "b", "c"])
        #expect(try ids(SdInstanceDiscover(namespace: "app.local", service: "web", healthStatus: "UNHEALTHY")) == ["b"])
        #expect(
            try ids(SdInstanceDiscover(namespace: "app.local", service: "web", queryParameters: ["zone": "b"])) == ["c"]
        )
        #expect(
            try ids(
                SdInstanceDiscover(
                    namespace: "app.local", service: "web", healthStatus: "ALL", optionalParameters: ["zone": "b"]))
                == ["b", "c"])
        #expect(
            try ids(
                SdInstanceDiscover(
                    namespace: "app.local", service: "web", healthStatus: "ALL", optionalParameters: ["zone": "z"]))
                == ["a", "b", "c"], "preferences no instance meets are dropped")
        #expect(try ids(SdInstanceDiscover(namespace: "app.local", service: "web", maxResults: 1)) == ["a"])
        expectError(.serviceNotFound) { () throws(NetctlError) in
            _ = try f.state.discoverSdInstances(SdInstanceDiscover(namespace: "app.local", service: "db"), f.query())
        }
        expectError(.namespaceNotFound) { () throws(NetctlError) in
            _ = try f.state.discoverSdInstances(SdInstanceDiscover(namespace: "x.local", service: "web"), f.query())
        }
    }
}

struct EksAwsRulesTests {
    @Test("updates are kept with their final status, per cluster and per node group")
    func updateHistory() throws {
        var world = try EksWorld()
        try world.activeCluster(version: "1.33")
        try world.nodegroup("ng", desired: 1)
        try world.advance(EksRules.Timing.nodegroupCreating)
        let scaled = try world.scale("ng", desired: 2)
        let upgrade = try world.f.run { s, c throws(NetctlError) in
            try s.updateEksCluster(EksClusterUpdate(name: "prod", endpointPrivateAccess: true), &c)
        }
        let query = world.f.query()
        var update = try world.f.state.getEksUpdate(
            EksUpdateGet(cluster: "prod", updateId: upgrade.update?.id ?? ""), query)
        #expect(update.status == "InProgress" && update.type == "EndpointAccessUpdate")
        try world.advance(EksRules.Timing.clusterConfigUpdate)
        update = try world.f.state.getEksUpdate(
            EksUpdateGet(cluster: "prod", updateId: upgrade.update?.id ?? ""), world.f.query())
        #expect(update.status == "Successful")
        let nodegroupUpdates = try world.f.state.listEksUpdates(
            EksUpdateList(cluster: "prod", nodegroup: "ng"), world.f.query())
        #expect(nodegroupUpdates.updateIds == [scaled.update?.id ?? ""])
        #expect(
            try world.f.state.getEksUpdate(
                EksUpdateGet(cluster: "prod", nodegroup: "ng", updateId: scaled.update?.id ?? ""), world.f.query()
            ).status == "Successful")
        expectError(.resourceNotFoundException) { () throws(NetctlError) in
            _ = try world.f.state.getEksUpdate(
                EksUpdateGet(cluster: "prod", updateId: scaled.update?.id ?? ""), world.f.query())
        }
        let paged = try world.f.state.listEksUpdates(EksUpdateList(cluster: "prod", maxResults: 1), world.f.query())
        #expect(paged.updateIds == [upgrade.update?.id ?? ""] && paged.nextToken == nil)
    }

    @Test("tags by ARN on clusters, node groups and profiles; unknown and foreign ARNs refused")
    func tagsByArn() throws {
        var world = try EksWorld()
        let cluster = try world.activeCluster()
        let nodegroup = try world.nodegroup("ng", desired: 0)
        _ = try world.f.run { s, c throws(NetctlError) in
            try s.addEksTags(EksTagsAdd(resourceArn: nodegroup.nodegroupArn, tags: ["team": "a", "env": "dev"]), &c)
        }
        let left = try world.f.run { s, c throws(NetctlError) in
            try s.removeEksTags(EksTagsRemove(resourceArn: nodegroup.nodegroupArn, tagKeys: ["env"]), &c)
        }
        #expect(left.tags == ["team": "a"])
        #expect(try world.nodegroupNow("ng").tags == ["team": "a"])
        world.expectFailure(.notFoundException) { s, c throws(NetctlError) in
            try s.addEksTags(EksTagsAdd(resourceArn: cluster.arn + "x", tags: ["a": "b"]), &c)
        }
        world.expectFailure(.badRequestException) { s, c throws(NetctlError) in
            try s.addEksTags(
                EksTagsAdd(resourceArn: "arn:aws:ecs:us-east-1:000000000000:cluster/prod", tags: ["a": "b"]), &c)
        }
        let many = Dictionary(uniqueKeysWithValues: (0..<51).map { ("k\($0)", "v") })
        world.expectFailure(.badRequestException) { s, c throws(NetctlError) in
            try s.addEksTags(EksTagsAdd(resourceArn: cluster.arn, tags: many), &c)
        }
    }

    @Test("roles must be IAM role ARNs; version and scaling have AWS's defaults")
    func rolesAndDefaults() throws {
        var world = try EksWorld()
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEksCluster(EksClusterCreate(name: "x", subnets: ["a", "b"], roleArn: "eks-role"), &c)
        }
        let cluster = try world.f.run { s, c throws(NetctlError) in
            try s.createEksCluster(
                EksClusterCreate(name: "prod", subnets: ["a", "b"], roleArn: "arn:aws:iam::000000000000:role/eks"), &c)
        }
        #expect(
            cluster.version == EksVersions.defaultVersion && cluster.roleArn == "arn:aws:iam::000000000000:role/eks")
        try world.advance(EksRules.Timing.clusterCreating)
        let nodegroup = try world.f.run { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "ng", subnets: ["a"], nodeRole: "arn:aws:iam::000000000000:role/nodes"), &c)
        }
        #expect(nodegroup.scalingConfig == EksScalingConfig(minSize: 1, desiredSize: 2, maxSize: 2))
        #expect(nodegroup.nodeRole == "arn:aws:iam::000000000000:role/nodes")
    }
}
