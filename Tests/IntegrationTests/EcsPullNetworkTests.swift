import Foundation
import NetctlAPI
import NetctlClient
import Testing

/// A task's image pull follows the network, through the real socket, on the manual clock.
@Suite("ECS image pulls through the network, through the socket")
struct EcsPullNetworkTests {
    static let image = "000000000000.dkr.ecr.us-east-1.amazonaws.com/forum/users:v1"

    /// Runs one task in the private subnet and lets it get as far as it can.
    func start(_ client: NetctlClient, securityGroups: [String]? = nil) async throws -> EcsTask {
        let run = try await client.send(
            EcsTaskRun(cluster: "forum", taskDefinition: "users", subnets: ["private"], securityGroups: securityGroups))
        let arn = try #require(run.tasks.first).taskArn
        _ = try await client.send(DebugClockAdvance(seconds: 10))
        return try await client.send(EcsTaskGet(cluster: "forum", task: arn))
    }

    @Test("a private subnet pulls from ECR once ecr.api, ecr.dkr and the S3 gateway endpoint exist, and not when 443 is dropped")
    func privateSubnet() async throws {
        let daemon = try await DaemonProcess.start(["--manual-clock"])
        let client = daemon.client
        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "forum"))
        _ = try await client.send(VpcModifyAttribute(vpc: "forum", enableDnsHostnames: true))
        _ = try await client.send(
            SubnetCreate(vpc: "forum", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "private"))
        _ = try await client.send(EcsClusterCreate(name: "forum"))
        _ = try await client.send(EcrRepositoryCreate(name: "forum/users"))
        let manifest =
            #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}"#
        _ = try await client.send(EcrImagePut(repository: "forum/users", manifest: manifest, tag: "v1"))
        _ = try await client.send(
            EcsTaskDefinitionRegister(
                family: "users", containerDefinitions: [ContainerDefinition(name: "users", image: Self.image)],
                networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: .string("256"),
                memory: .string("512"), executionRoleArn: "arn:aws:iam::000000000000:role/ecsTaskExecutionRole"))

        // No internet, no endpoints: ECS's error, then what is missing.
        let isolated = try await start(client)
        #expect(isolated.lastStatus == "STOPPED" && isolated.stopCode == "TaskFailedToStart")
        let reason = try #require(isolated.stoppedReason)
        #expect(reason.hasPrefix("CannotPullContainerError: pull image manifest has been retried 1 time(s): "), "\(reason)")
        #expect(reason.contains("ecr.api on tcp/443: NO_ENDPOINT_OR_GATEWAY"), "\(reason)")

        // The three endpoints: the task runs without any route to the internet.
        let groups = try await client.send(SecurityGroupCreate(vpc: "forum", name: "endpoints"))
        let tasks = try await client.send(SecurityGroupCreate(vpc: "forum", name: "tasks"))
        let https = SecurityGroupPermission(protocol: "tcp", fromPort: 443, toPort: 443, referencedGroupId: tasks.groupId)
        _ = try await client.send(SecurityGroupAuthorizeIngress(group: groups.groupId, rules: [https]))
        for service in ["ecr.api", "ecr.dkr"] {
            _ = try await client.send(
                EndpointCreate(
                    vpc: "forum", service: service, type: "interface", subnets: ["private"],
                    securityGroups: [groups.groupId], privateDnsEnabled: true))
        }
        _ = try await client.send(
            EndpointCreate(vpc: "forum", service: "s3", type: "gateway", routeTables: [vpc.mainRouteTableId]))
        let running = try await start(client, securityGroups: [tasks.groupId])
        #expect(running.lastStatus == "RUNNING" && running.stoppedReason == nil, "\(running.stoppedReason ?? "")")

        // The endpoints' group stops admitting 443: pulls time out again, and netctl says where.
        _ = try await client.send(SecurityGroupRevokeIngress(group: groups.groupId, rules: [https]))
        let blocked = try await start(client, securityGroups: [tasks.groupId])
        let denied = try #require(blocked.stoppedReason)
        #expect(denied.hasPrefix("CannotPullContainerError: "), "\(denied)")
        #expect(denied.contains("SECURITY_GROUP_DENIES_INGRESS") && denied.contains(groups.groupId), "\(denied)")
        await daemon.terminate()
    }
}
