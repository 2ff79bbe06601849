import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// The rules the AWS endpoint's ECS operations needed from the core: tags by ARN, cluster settings,
/// task definition families, and awsvpc security groups and public IPs.
@Suite("ECS tags, settings, families and awsvpc options")
struct EcsTagAndNetworkRulesTests {
    @Test("tags by ARN on every ECS kind: merged, removed, 50 at most, aws: reserved, unknown ARNs refused")
    func tagsByArn() throws {
        var world = try EcsWorld()
        let service = try world.service("api", desired: 1)
        let cluster = EcsArn.cluster("main", testScope)
        let definition = EcsArn.taskDefinition("web", 1, testScope)
        let task = try #require(world.activeTasks("api").first).taskArn
        for arn in [cluster, service.serviceArn, definition, task] {
            try world.f.run { s, c throws(NetctlError) in
                _ = try EcsTagsAdd(resourceArn: arn, tags: ["env": "dev", "team": "web"]).apply(to: &s, &c)
                _ = try EcsTagsRemove(resourceArn: arn, tagKeys: ["team"]).apply(to: &s, &c)
            }
            let tags = try EcsTagsList(resourceArn: arn).answer(from: world.f.state, world.f.query()).tags
            #expect(tags == ["env": "dev"], "\(arn)")
        }
        func refusal(_ arn: String, _ tags: Tags) -> ErrorCode? {
            do throws(NetctlError) {
                try world.f.run { s, c throws(NetctlError) in
                    _ = try EcsTagsAdd(resourceArn: arn, tags: tags).apply(to: &s, &c)
                }
                return nil
            } catch { return error.code }
        }
        let fifty = Dictionary(uniqueKeysWithValues: (0..<50).map { ("k\($0)", "v") })
        #expect(refusal(cluster, fifty) == .invalidParameterException, "one tag already, 51 in all")
        #expect(refusal(cluster, ["aws:owner": "me"]) == .invalidParameterException)
        #expect(refusal(EcsArn.service("main", "nope", testScope), ["a": "b"]) == .resourceNotFoundException)
        #expect(refusal(EcsArn.cluster("nope", testScope), ["a": "b"]) == .clusterNotFoundException)
        #expect(refusal("arn:aws:ec2:us-east-1:000000000000:vpc/vpc-1", ["a": "b"]) == .invalidParameterException)
        // Nothing half-applied: the refused calls left the cluster's one tag alone.
        #expect(
            try EcsTagsList(resourceArn: cluster).answer(from: world.f.state, world.f.query()).tags == ["env": "dev"])
    }

    @Test("containerInsights is stored and validated; families list by status")
    func settingsAndFamilies() throws {
        var world = try EcsWorld()
        let updated = try world.f.run { s, c throws(NetctlError) in
            try s.updateEcsCluster(EcsClusterUpdate(name: "main", containerInsights: "enhanced"), &c)
        }
        #expect(updated.containerInsights == "enhanced")
        #expect(throws: NetctlError.self) {
            try world.f.run { s, c throws(NetctlError) in
                try s.updateEcsCluster(EcsClusterUpdate(name: "main", containerInsights: "on"), &c)
            }
        }
        try world.register("worker", image: "busybox")
        try world.f.run { s, c throws(NetctlError) in
            _ = try s.deregisterTaskDefinition(EcsTaskDefinitionDeregister(taskDefinition: "worker:1"), &c)
        }
        func families(_ status: String?) throws -> [String] {
            try world.f.state.taskDefinitionFamilies(EcsTaskDefinitionFamilies(status: status), world.f.query())
                .families
        }
        #expect(try families(nil) == ["web"])
        #expect(try families("INACTIVE") == ["worker"])
        #expect(try families("ALL") == ["web", "worker"])
        let first = try world.f.state.taskDefinitionFamilies(
            EcsTaskDefinitionFamilies(status: "ALL", maxResults: 1), world.f.query())
        #expect(first.families == ["web"] && first.nextToken == "web")
        let second = try world.f.state.taskDefinitionFamilies(
            EcsTaskDefinitionFamilies(status: "ALL", maxResults: 1, nextToken: first.nextToken), world.f.query())
        #expect(second.families == ["worker"] && second.nextToken == nil)
    }

    @Test("awsvpc security groups and public IPs reach the tasks; bad ones are refused before anything starts")
    func awsvpcOptions() throws {
        var world = try EcsWorld()
        let group = try world.f.securityGroup("app", "web").groupId
        let run = try world.f.run { s, c throws(NetctlError) in
            try s.runTasks(
                EcsTaskRun(
                    cluster: "main", taskDefinition: "web", subnets: ["a"], securityGroups: [group],
                    assignPublicIp: "ENABLED", tags: ["job": "once"]), &c)
        }
        #expect(run.tasks.first?.securityGroups == [group])
        #expect(run.tasks.first?.assignPublicIp == "ENABLED" && run.tasks.first?.tags == ["job": "once"])
        let before = world.f.state.ecsTasks.count
        let refused: [([String], String?)] = [
            (["sg-x"], nil), (Array(repeating: group, count: 6), nil), ([], "YES"),
        ]
        for (groups, publicIp) in refused {
            #expect(throws: NetctlError.self) {
                try world.f.run { s, c throws(NetctlError) in
                    try s.runTasks(
                        EcsTaskRun(
                            cluster: "main", taskDefinition: "web", subnets: ["a"], securityGroups: groups,
                            assignPublicIp: publicIp), &c)
                }
            }
        }
        #expect(world.f.state.ecsTasks.count == before)

        // A new network for a service is a deployment onto it.
        _ = try world.service("api", desired: 2)
        try world.advance(10)
        let updated = try world.f.run { s, c throws(NetctlError) in
            try s.updateEcsService(EcsServiceUpdate(cluster: "main", service: "api", subnets: ["b"]), &c)
        }
        #expect(updated.deployments.count == 2 && updated.subnets.count == 1)
        for _ in 0..<6 { try world.advance(10) }
        let placed = world.activeTasks("api")
        #expect(placed.count == 2 && placed.allSatisfy { $0.availabilityZone == "us-east-1b" })
    }
}
