import Foundation
import GRDB
import NetctlAPI
import NetctlCore
import Testing

@testable import NetctlDaemon

/// A VPC with two subnets, an ACTIVE cluster, an ACTIVE node group of two nodes and a Fargate profile
/// still CREATING, built the way the writer would.
private func eksState() throws -> (State, CommandContext) {
    var state = State()
    var ctx = context()
    try state.transact { s throws(NetctlError) in
        _ = try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "k"), &ctx)
        _ = try s.createSubnet(
            SubnetCreate(vpc: "k", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", name: "a"), &ctx)
        _ = try s.createSubnet(
            SubnetCreate(vpc: "k", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", name: "b"), &ctx)
        _ = try s.createEksCluster(EksClusterCreate(name: "prod", version: "1.33", subnets: ["a", "b"]), &ctx)
    }
    func advance(_ seconds: TimeInterval) throws {
        ctx.now += seconds
        try state.transact { s throws(NetctlError) in s.runDueWork(&ctx) }
    }
    try advance(600)
    try state.transact { s throws(NetctlError) in
        _ = try s.createEksNodegroup(
            EksNodegroupCreate(
                cluster: "prod", name: "web", subnets: ["a", "b"],
                scalingConfig: EksScalingConfig(minSize: 1, desiredSize: 2, maxSize: 3)), &ctx)
    }
    try advance(240)
    try state.transact { s throws(NetctlError) in
        _ = try s.createFargateProfile(
            EksFargateProfileCreate(
                cluster: "prod", name: "apps", subnets: ["a"], selectors: [FargateSelector(namespace: "default")]),
            &ctx)
    }
    return (state, ctx)
}

@Suite("EKS in the daemon")
struct EksDaemonTests {
    @Test("clusters, node groups and profiles load back from the v6 tables with their indexes and deadlines")
    func storeRoundTrip() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        var (state, _) = try eksState()
        try await store.commit(state.takeChanges(), from: state)
        let loaded = try store.loadState()
        #expect(loaded.eksClusters.all == state.eksClusters.all && loaded.eksClusters.count == 1)
        #expect(loaded.eksNodegroups.all == state.eksNodegroups.all && loaded.eksNodegroups.count == 1)
        #expect(loaded.fargateProfiles.all == state.fargateProfiles.all && loaded.fargateProfiles.count == 1)
        #expect(
            loaded.nextDeadline() == state.nextDeadline() && loaded.nextDeadline() != nil,
            "the CREATING profile's deadline")
        let node = try #require(state.eksNodegroups.all.first?.nodes.first)
        #expect(
            loaded.eksNode(node.instanceId, in: Scope(accountId: "000000000000", region: "us-east-1"))?.node == node)
        #expect(loaded.resourceCounts["eksClusters"] == 1 && loaded.resourceCounts["eksNodegroups"] == 1)
        #expect(loaded.resourceCounts["eksFargateProfiles"] == 1 && loaded.networkInterfaces.count == 4)
        let migrations = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v6: EKS clusters, node groups and Fargate profiles"))
        let parents = try await store.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT parent_id FROM eks_nodegroups UNION ALL SELECT parent_id FROM eks_fargate_profiles")
        }
        #expect(parents == Array(repeating: "arn:aws:eks:us-east-1:000000000000:cluster/prod", count: 2))
        try store.close()
    }

    @Test("EKS changes are logged to /netctl/eks under their ARNs and counted in Netctl/EKS, deleted node groups as 0")
    func watcher() throws {
        var (state, ctx) = try eksState()
        let events = state.takeChanges().events
        let nodegroupArn = try #require(state.eksNodegroups.all.first?.nodegroupArn)
        for type: ResourceKind in [.eksCluster, .eksNodegroup, .eksFargateProfile] {
            let event = try #require(events.last { $0.resourceType == type })
            let entry = Watcher.entry(for: event)
            #expect(
                entry.group == "/netctl/eks" && entry.stream == event.resourceId
                    && event.resourceId.hasPrefix("arn:aws:eks:"))
        }
        func gauges(_ state: State) -> [String: Double] {
            let event = ChangeEvent(
                at: ctx.now, accountId: "000000000000", region: "us-east-1", resourceType: .eksNodegroup,
                resourceId: nodegroupArn, action: .transition, status: nil, detail: "{}")
            let samples = NetctlGauges.samples(for: [event], in: state, now: 0).filter { $0.namespace == "Netctl/EKS" }
            #expect(
                samples.allSatisfy {
                    $0.sample.dimensions == [
                        MetricDimension(name: "ClusterName", value: "prod"),
                        MetricDimension(name: "NodegroupName", value: "web"),
                    ]
                })
            return Dictionary(uniqueKeysWithValues: samples.map { ($0.sample.metricName, $0.sample.value) })
        }
        #expect(gauges(state) == ["DesiredNodeCount": 2, "ReadyNodeCount": 2])
        try state.transact { s throws(NetctlError) in
            _ = try s.deleteEksNodegroup(EksNodegroupDelete(cluster: "prod", name: "web"), &ctx)
        }
        ctx.now += 300
        try state.transact { s throws(NetctlError) in s.runDueWork(&ctx) }
        #expect(state.eksNodegroups.count == 0)
        #expect(gauges(state) == ["DesiredNodeCount": 0, "ReadyNodeCount": 0])
    }
}
