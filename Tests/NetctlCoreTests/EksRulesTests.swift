import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// A VPC `k` (10.0.0.0/16) with subnets `a`, `b`, `c` in us-east-1a, 1b and 1c, and helpers to drive
/// EKS commands and the clock.
struct EksWorld {
    var f = Fixture()

    init() throws {
        try f.vpc("10.0.0.0/16", name: "k")
        try f.subnet("k", "10.0.1.0/24", zone: "us-east-1a", name: "a")
        try f.subnet("k", "10.0.2.0/24", zone: "us-east-1b", name: "b")
        try f.subnet("k", "10.0.3.0/24", zone: "us-east-1c", name: "c")
    }

    @discardableResult
    mutating func cluster(_ name: String, subnets: [String] = ["a", "b", "c"], version: String = "1.33")
        throws(NetctlError)
        -> EksCluster
    {
        try f.run { s, c throws(NetctlError) in
            try s.createEksCluster(EksClusterCreate(name: name, version: version, subnets: subnets), &c)
        }
    }

    /// A cluster that has finished CREATING.
    @discardableResult
    mutating func activeCluster(_ name: String = "prod", subnets: [String] = ["a", "b", "c"], version: String = "1.33")
        throws(NetctlError) -> EksCluster
    {
        try cluster(name, subnets: subnets, version: version)
        try advance(EksRules.Timing.clusterCreating)
        return try clusterNow(name)
    }

    @discardableResult
    mutating func nodegroup(
        _ name: String, cluster: String = "prod", subnets: [String] = ["a", "b", "c"], min: Int = 0, desired: Int,
        max: Int = 10
    ) throws(NetctlError) -> EksNodegroup {
        try f.run { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: cluster, name: name, subnets: subnets,
                    scalingConfig: EksScalingConfig(minSize: min, desiredSize: desired, maxSize: max)), &c)
        }
    }

    @discardableResult
    mutating func scale(_ name: String, cluster: String = "prod", min: Int? = nil, desired: Int? = nil, max: Int? = nil)
        throws(NetctlError) -> EksNodegroup
    {
        try f.run { s, c throws(NetctlError) in
            try s.updateEksNodegroup(
                EksNodegroupUpdate(
                    cluster: cluster, name: name,
                    scalingConfig: EksScalingConfigUpdate(minSize: min, desiredSize: desired, maxSize: max)), &c)
        }
    }

    @discardableResult
    mutating func profile(
        _ name: String, cluster: String = "prod", subnets: [String] = ["a"],
        selectors: [FargateSelector] = [FargateSelector(namespace: "default")]
    ) throws(NetctlError) -> FargateProfile {
        try f.run { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(cluster: cluster, name: name, subnets: subnets, selectors: selectors), &c)
        }
    }

    /// Moves the clock and runs what fell due, as the daemon's scheduler does.
    mutating func advance(_ seconds: TimeInterval) throws(NetctlError) {
        // `run` moves the clock one more second.
        f.context.now += seconds - 1
        try f.run { s, c throws(NetctlError) in s.runDueWork(&c) }
    }

    func clusterNow(_ name: String = "prod") throws(NetctlError) -> EksCluster {
        f.state.eksClusterView(try f.state.eksCluster(name, in: testScope))
    }

    func nodegroupNow(_ name: String, cluster: String = "prod") throws(NetctlError) -> EksNodegroup {
        try f.state.eksNodegroup(name, cluster: try f.state.eksCluster(cluster, in: testScope))
    }

    func subnet(_ name: String) -> Subnet { f.state.subnets.named(name, in: testScope)[0] }

    /// `expectFailure`, also checking that no EKS resource and no interface changed.
    @discardableResult
    mutating func expectFailure<T>(
        _ code: ErrorCode, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (inout State, inout CommandContext) throws(NetctlError) -> T
    ) -> NetctlError? {
        let before = EksSnapshot(f.state)
        let error = f.expectFailure(code, comment, sourceLocation: sourceLocation, body)
        #expect(
            EksSnapshot(f.state) == before, "a failed command must change no EKS resource",
            sourceLocation: sourceLocation)
        return error
    }
}

/// Every EKS resource and its indexes, for "nothing changed" checks.
struct EksSnapshot: Equatable {
    var clusters: [String: EksCluster]
    var nodegroups: [String: EksNodegroup]
    var profiles: [String: FargateProfile]
    var timed: [String]

    init(_ state: State) {
        clusters = Dictionary(uniqueKeysWithValues: state.eksClusters.all.map { ($0.id, $0) })
        nodegroups = Dictionary(uniqueKeysWithValues: state.eksNodegroups.all.map { ($0.id, $0) })
        profiles = Dictionary(uniqueKeysWithValues: state.fargateProfiles.all.map { ($0.id, $0) })
        timed =
            state.eksClusters.children(of: EksArn.timedKey).map(\.id)
            + state.eksNodegroups.children(of: EksArn.timedKey).map(\.id)
            + state.fargateProfiles.children(of: EksArn.timedKey).map(\.id)
    }
}

@Suite("EKS rules")
struct EksRulesTests {
    @Test("cluster names are 1 to 100 letters, digits, - and _ starting alphanumeric, unique per account and region")
    func clusterNames() throws {
        var world = try EksWorld()
        for good in ["a", "9", "A-b_9", String(repeating: "x", count: 100)] {
            #expect(throws: Never.self) { try EksRules.validateName(good, "cluster", maximum: 100) }
        }
        for bad in ["", "-a", "_a", "a b", "a.b", "é", String(repeating: "x", count: 101)] {
            expectError(.invalidParameterException, "\(bad)") { () throws(NetctlError) in
                try EksRules.validateName(bad, "cluster", maximum: 100)
            }
        }
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEksCluster(EksClusterCreate(name: "has space", version: "1.33", subnets: ["a", "b"]), &c)
        }
        try world.cluster("prod")
        let duplicate = world.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.createEksCluster(EksClusterCreate(name: "prod", version: "1.33", subnets: ["a", "b"]), &c)
        }
        #expect(duplicate?.message.contains("Cluster already exists with name: prod") == true)
        // Another account may use the name in its own VPC.
        try world.f.vpc("10.0.0.0/16", name: "k", as: otherAccountScope)
        for (name, zone) in [("x", "us-east-1a"), ("y", "us-east-1b")] {
            try world.f.run(as: otherAccountScope) { s, c throws(NetctlError) in
                try s.createSubnet(
                    SubnetCreate(
                        vpc: "k", cidrBlock: zone.hasSuffix("a") ? "10.0.1.0/24" : "10.0.2.0/24",
                        availabilityZone: zone, name: name), &c)
            }
        }
        let theirs = try world.f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createEksCluster(EksClusterCreate(name: "prod", version: "1.33", subnets: ["x", "y"]), &c)
        }
        #expect(theirs.arn == "arn:aws:eks:us-east-1:444455556666:cluster/prod")
        // Node group and Fargate profile names stop at 63 characters.
        try EksRules.validateName(String(repeating: "n", count: 63), "node group", maximum: 63)
        expectError(.invalidParameterException) { () throws(NetctlError) in
            try EksRules.validateName(String(repeating: "n", count: 64), "node group", maximum: 63)
        }
    }

    @Test(
        "subnets: one VPC, at least two AZs, 6 free addresses each; at most 5 security groups; a supported version; some endpoint"
    )
    func clusterParameters() throws {
        var world = try EksWorld()
        try world.f.subnet("k", "10.0.4.0/24", zone: "us-east-1a", name: "a2")
        try world.f.vpc("10.1.0.0/16", name: "other")
        try world.f.subnet("other", "10.1.1.0/24", zone: "us-east-1b", name: "o")
        func create(_ request: EksClusterCreate) -> (inout State, inout CommandContext) throws(NetctlError) ->
            EksCluster
        {
            { s, c throws(NetctlError) in try s.createEksCluster(request, &c) }
        }
        let oneZone = world.expectFailure(
            .invalidParameterException, nil, create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a", "a2"])))
        #expect(oneZone?.message.contains("at least two different AZs") == true)
        world.expectFailure(
            .invalidParameterException, nil, create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a"])))
        world.expectFailure(
            .invalidParameterException, nil, create(EksClusterCreate(name: "x", version: "1.33", subnets: [])))
        let twoVpcs = world.expectFailure(
            .invalidParameterException, nil, create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a", "o"])))
        #expect(twoVpcs?.message.contains("same VPC") == true)
        world.expectFailure(
            .invalidParameterException, nil,
            create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a", "nope"])))
        var groups: [String] = []
        for index in 1...6 { groups.append(try world.f.securityGroup("k", "group-\(index)").groupId) }
        world.expectFailure(
            .invalidParameterException, nil,
            create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a", "b"], securityGroups: groups)))
        world.expectFailure(
            .invalidParameterException, nil,
            create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a", "b"], securityGroups: ["sg-bad"])))
        world.expectFailure(
            .invalidParameterException, nil,
            create(EksClusterCreate(name: "x", version: "1.33", subnets: ["a", "b"], endpointPublicAccess: false)))
        let old = world.expectFailure(
            .invalidParameterException, nil, create(EksClusterCreate(name: "x", version: "1.20", subnets: ["a", "b"])))
        #expect(old?.message.contains(EksVersions.supported.joined(separator: ", ")) == true)
        let five = try world.f.run(
            create(
                EksClusterCreate(
                    name: "five", version: "1.33", subnets: ["a", "b"], securityGroups: Array(groups.prefix(5)),
                    endpointPublicAccess: false, endpointPrivateAccess: true)))
        #expect(
            five.resourcesVpcConfig.securityGroupIds.count == 5 && five.resourcesVpcConfig.publicAccessCidrs.isEmpty)

        // A /28 has 11 free addresses; six clusters take one each, leaving 5: too few for a seventh.
        try world.f.subnet("k", "10.0.5.0/28", zone: "us-east-1d", name: "tiny")
        for index in 0..<6 { try world.cluster("t\(index)", subnets: ["tiny", "a"]) }
        #expect(world.subnet("tiny").availableIpAddressCount == 5)
        let full = world.expectFailure(
            .invalidParameterException, nil,
            create(EksClusterCreate(name: "t6", version: "1.33", subnets: ["b", "tiny"])))
        #expect(full?.message.contains("\(world.subnet("tiny").subnetId) has 5 free IP addresses") == true)
    }

    @Test(
        "CREATING becomes ACTIVE after 10 minutes; the control plane takes one address per zone of its subnets, 2 to 4")
    func creation() throws {
        var world = try EksWorld()
        let created = try world.cluster("prod")
        #expect(created.status == EksStatus.creating && created.version == "1.33")
        #expect(created.arn == "arn:aws:eks:us-east-1:111122223333:cluster/prod")
        #expect(created.subnets == ["a", "b", "c"].map { world.subnet($0).subnetId })
        #expect(created.availabilityZones == ["us-east-1a", "us-east-1b", "us-east-1c"])
        let endpoint = try Regex(#"https://[0-9A-F]{32}\.[a-z]{2}[0-9]\.us-east-1\.eks\.amazonaws\.com"#)
        #expect(created.endpoint.wholeMatch(of: endpoint) != nil, "\(created.endpoint)")
        #expect(created.serviceIpv4Cidr == "172.20.0.0/16", "the VPC is in 10.0.0.0/8")
        #expect(created.controlPlaneInterfaces.map(\.privateIpAddress) == ["10.0.1.4", "10.0.2.4", "10.0.3.4"])
        for interface in created.controlPlaneInterfaces {
            let stored = try #require(world.f.state.networkInterfaces[interface.networkInterfaceId])
            #expect(
                stored.description == "Amazon EKS prod" && stored.attachedTo == created.arn
                    && stored.interfaceType == "eks_control_plane")
        }
        #expect(["a", "b", "c"].allSatisfy { world.subnet($0).availableIpAddressCount == 250 })
        #expect(world.f.state.nextDeadline() == created.createdAt.addingTimeInterval(600))

        try world.advance(599)
        #expect(try world.clusterNow().status == EksStatus.creating)
        _ = world.f.state.takeChanges()
        try world.advance(1)
        #expect(try world.clusterNow().status == EksStatus.active && world.clusterNow().nextTransitionAt == nil)
        let events = world.f.state.takeChanges().events.filter { $0.resourceId == created.arn }
        #expect(
            events.map(\.status) == [EksStatus.active] && events.first?.at == created.createdAt.addingTimeInterval(600))

        // Five zones: four interfaces, and the control plane in the first three zones.
        try world.f.subnet("k", "10.0.4.0/24", zone: "us-east-1d", name: "d")
        try world.f.subnet("k", "10.0.5.0/24", zone: "us-east-1e", name: "e")
        let wide = try world.cluster("wide", subnets: ["e", "d", "c", "b", "a"])
        #expect(
            wide.controlPlaneInterfaces.map(\.availabilityZone) == [
                "us-east-1e", "us-east-1d", "us-east-1c", "us-east-1b",
            ])
        #expect(
            wide.availabilityZones == ["us-east-1a", "us-east-1b", "us-east-1c"], "the first three zones of its subnets"
        )
        // Two zones: two interfaces, and a third zone of the region for the control plane.
        let narrow = try world.cluster("narrow", subnets: ["c", "b", "b"])
        #expect(narrow.controlPlaneInterfaces.count == 2 && narrow.subnets.count == 2)
        #expect(narrow.availabilityZones == ["us-east-1a", "us-east-1b", "us-east-1c"])
    }

    @Test("upgrades go one minor version at a time, from ACTIVE, with every node group at the cluster's version first")
    func upgrades() throws {
        var world = try EksWorld()
        try world.activeCluster()
        func update(_ version: String?, publicAccess: Bool? = nil) -> (inout State, inout CommandContext)
            throws(NetctlError) -> EksCluster
        {
            { s, c throws(NetctlError) in
                try s.updateEksCluster(
                    EksClusterUpdate(name: "prod", version: version, endpointPublicAccess: publicAccess), &c)
            }
        }
        let skip = world.expectFailure(.invalidParameterException, nil, update("1.35"))
        #expect(skip?.message.contains("from 1.33 to 1.35") == true && skip?.message.contains("1.34") == true)
        world.expectFailure(.invalidParameterException, nil, update("1.33"))
        world.expectFailure(.invalidParameterException, nil, update("1.32"))
        world.expectFailure(.invalidParameterException, nil, update("2.0"))
        world.expectFailure(.invalidParameterException, nil, update(nil))
        world.expectFailure(.invalidParameterException, nil, update("1.34", publicAccess: false))

        let old = try world.nodegroup("web", desired: 2)
        try world.advance(EksRules.Timing.nodegroupCreating)
        let oldNodes = try world.nodegroupNow("web").nodes
        #expect(oldNodes.count == 2)

        let updating = try world.f.run(update("1.34"))
        #expect(updating.status == EksStatus.updating && updating.version == "1.33")
        #expect(updating.update?.type == "VersionUpdate" && updating.update?.status == "InProgress")
        world.expectFailure(.resourceInUseException, nil, update("1.34"))
        world.expectFailure(.invalidRequestException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "late", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 0, maxSize: 1)), &c)
        }
        try world.advance(EksRules.Timing.clusterVersionUpdate)
        let upgraded = try world.clusterNow()
        #expect(
            upgraded.status == EksStatus.active && upgraded.version == "1.34" && upgraded.update?.status == "Successful"
        )

        // The node group is still at 1.33: the next upgrade waits for it.
        let behind = world.expectFailure(.invalidRequestException, nil, update("1.35"))
        #expect(behind?.message.contains("Nodegroup web must be updated to match cluster version 1.34") == true)
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.updateEksNodegroup(EksNodegroupUpdate(cluster: "prod", name: "web", version: "1.35"), &c)
        }
        let nodegroupUpdate = try world.f.run { s, c throws(NetctlError) in
            try s.updateEksNodegroup(EksNodegroupUpdate(cluster: "prod", name: "web", version: "1.34"), &c)
        }
        #expect(nodegroupUpdate.status == EksStatus.updating && nodegroupUpdate.version == "1.33")
        try world.advance(EksRules.Timing.nodegroupVersionUpdate)
        let replaced = try world.nodegroupNow("web")
        #expect(replaced.status == EksStatus.active && replaced.version == "1.34" && replaced.nodes.count == 2)
        #expect(
            Set(replaced.nodes.map(\.instanceId)).isDisjoint(with: oldNodes.map(\.instanceId)), "every node is replaced"
        )
        #expect(oldNodes.allSatisfy { world.f.state.networkInterfaces[$0.networkInterfaceId] == nil })
        #expect(
            replaced.nodes.map(\.subnetId) == oldNodes.map(\.subnetId), "each replacement in its predecessor's subnet")
        #expect(old.nodegroupArn == replaced.nodegroupArn)
        try world.f.run(update("1.35"))
    }

    @Test("endpoint access changes are an update of their own, applied when it completes")
    func endpointAccess() throws {
        var world = try EksWorld()
        try world.activeCluster()
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.updateEksCluster(EksClusterUpdate(name: "prod", endpointPublicAccess: true), &c)
        }
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.updateEksCluster(EksClusterUpdate(name: "prod", endpointPublicAccess: false), &c)
        }
        let updating = try world.f.run { s, c throws(NetctlError) in
            try s.updateEksCluster(
                EksClusterUpdate(name: "prod", endpointPublicAccess: false, endpointPrivateAccess: true), &c)
        }
        #expect(updating.status == EksStatus.updating && updating.resourcesVpcConfig.endpointPublicAccess)
        try world.advance(EksRules.Timing.clusterConfigUpdate)
        let done = try world.clusterNow().resourcesVpcConfig
        #expect(!done.endpointPublicAccess && done.endpointPrivateAccess && done.publicAccessCidrs.isEmpty)
    }

    @Test(
        "nodes launch when the node group becomes ACTIVE, balanced across zones before subnets, in the cluster's subnets only"
    )
    func azSpread() throws {
        var world = try EksWorld()
        try world.f.subnet("k", "10.0.4.0/24", zone: "us-east-1a", name: "a2")
        try world.activeCluster(subnets: ["a", "a2", "b", "c"])
        try world.f.subnet("k", "10.0.9.0/24", zone: "us-east-1d", name: "outside")
        let foreign = world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "x", subnets: ["a", "outside"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 1, maxSize: 1)), &c)
        }
        #expect(foreign?.message.contains("is not one of cluster prod's subnets") == true)

        let created = try world.nodegroup("web", subnets: ["a", "a2", "b"], desired: 4)
        #expect(created.status == EksStatus.creating && created.nodes.isEmpty && created.version == "1.33")
        #expect(
            created.nodegroupArn.wholeMatch(
                of: try Regex(
                    #"arn:aws:eks:us-east-1:111122223333:nodegroup/prod/web/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#
                )) != nil)
        try world.advance(EksRules.Timing.nodegroupCreating - 1)
        #expect(try world.nodegroupNow("web").nodes.isEmpty)
        try world.advance(1)
        let active = try world.nodegroupNow("web")
        #expect(active.status == EksStatus.active && active.nodes.count == 4)
        let zones = Dictionary(grouping: active.nodes, by: \.availabilityZone).mapValues(\.count)
        #expect(zones == ["us-east-1a": 2, "us-east-1b": 2], "two zones, two nodes each")
        let perSubnet = Dictionary(grouping: active.nodes, by: \.subnetId).mapValues(\.count)
        #expect(
            perSubnet == [world.subnet("a").subnetId: 1, world.subnet("a2").subnetId: 1, world.subnet("b").subnetId: 2])
        for node in active.nodes {
            let interface = try #require(world.f.state.networkInterfaces[node.networkInterfaceId])
            #expect(interface.privateIpAddress == node.privateIpAddress && interface.subnetId == node.subnetId)
            #expect(
                interface.attachedTo == active.nodegroupArn && node.instanceId.hasPrefix("i-")
                    && node.instanceType == "t3.medium")
        }
        #expect(try world.clusterNow().readyNodeCount == 4)

        // The placement rule on its own: with a zone already holding two nodes, the next go elsewhere.
        let slots = [
            EksRules.Slot(subnetId: "s-a", availabilityZone: "z1", free: 10),
            EksRules.Slot(subnetId: "s-b", availabilityZone: "z2", free: 1),
            EksRules.Slot(subnetId: "s-c", availabilityZone: "z3", free: 10),
        ]
        #expect(
            EksRules.place(4, in: slots, existing: [("s-a", "z1"), ("s-a", "z1")]) == ["s-b", "s-c", "s-c", "s-a"])
        #expect(
            EksRules.place(3, in: [EksRules.Slot(subnetId: "s", availabilityZone: "z", free: 2)], existing: []) == [
                "s", "s",
            ])
    }

    @Test("scaling bounds: min ≥ 0, max ≥ 1, min ≤ desired ≤ max, max ≤ 450; updates merge with the current config")
    func scalingBounds() throws {
        for (min, desired, max) in [
            (-1, 0, 1), (0, 0, 0), (0, 2, 1), (2, 1, 3), (0, 1, 451), (3, 2, 5), (0, -1, 1), (5, 5, 4),
        ] {
            expectError(.invalidParameterException, "\(min)/\(desired)/\(max)") { () throws(NetctlError) in
                try EksRules.validateScaling(EksScalingConfig(minSize: min, desiredSize: desired, maxSize: max))
            }
        }
        for (min, desired, max) in [(0, 0, 1), (0, 450, 450), (1, 1, 1), (2, 3, 4)] {
            #expect(throws: Never.self) {
                try EksRules.validateScaling(EksScalingConfig(minSize: min, desiredSize: desired, maxSize: max))
            }
        }
        var world = try EksWorld()
        try world.activeCluster()
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "big", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 1, maxSize: 451)), &c)
        }
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "odd", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 1, maxSize: 1),
                    instanceTypes: ["large"]), &c)
        }
        try world.nodegroup("web", desired: 2, max: 5)
        world.expectFailure(.resourceInUseException, "still CREATING") { s, c throws(NetctlError) in
            try s.updateEksNodegroup(
                EksNodegroupUpdate(cluster: "prod", name: "web", scalingConfig: EksScalingConfigUpdate(desiredSize: 3)),
                &c)
        }
        try world.advance(EksRules.Timing.nodegroupCreating)
        world.expectFailure(.invalidParameterException, "above the current maxSize") { s, c throws(NetctlError) in
            try s.updateEksNodegroup(
                EksNodegroupUpdate(cluster: "prod", name: "web", scalingConfig: EksScalingConfigUpdate(desiredSize: 6)),
                &c)
        }
        world.expectFailure(.invalidParameterException, "no change") { s, c throws(NetctlError) in
            try s.updateEksNodegroup(
                EksNodegroupUpdate(cluster: "prod", name: "web", scalingConfig: EksScalingConfigUpdate(maxSize: 5)), &c)
        }
        world.expectFailure(.invalidParameterException, "scaling and version at once") { s, c throws(NetctlError) in
            try s.updateEksNodegroup(
                EksNodegroupUpdate(
                    cluster: "prod", name: "web", scalingConfig: EksScalingConfigUpdate(desiredSize: 3), version: "1.33"
                ), &c)
        }
        let raised = try world.scale("web", desired: 8, max: 8)
        #expect(
            raised.scalingConfig == EksScalingConfig(minSize: 0, desiredSize: 8, maxSize: 8)
                && raised.status == EksStatus.updating)
        #expect(raised.nodes.count == 2, "nodes change when the update completes")
        try world.advance(EksRules.Timing.nodegroupScaling)
        #expect(try world.nodegroupNow("web").nodes.count == 8)
    }

    @Test("scale-in takes from the zone with the most nodes, newest first, and gives the addresses back")
    func scaleIn() throws {
        let t0 = testEpoch
        func node(_ id: String, _ zone: String, _ at: Date) -> EksNode {
            EksNode(
                instanceId: id, instanceType: "t3.medium", privateIpAddress: "10.0.0.1", subnetId: "s-\(zone)",
                availabilityZone: zone, networkInterfaceId: "eni-\(id)", launchedAt: at)
        }
        let nodes = [node("n1", "z1", t0), node("n2", "z2", t0 + 1), node("n3", "z1", t0 + 2)]
        #expect(EksRules.victims(1, of: nodes) == ["n3"], "z1 has the most; its newest")
        #expect(EksRules.victims(2, of: nodes) == ["n3", "n2"], "then a tie: the zone whose newest node is newest")
        #expect(EksRules.victims(5, of: nodes) == ["n3", "n2", "n1"])

        var world = try EksWorld()
        try world.activeCluster()
        try world.nodegroup("web", subnets: ["a", "b"], desired: 3)
        try world.advance(EksRules.Timing.nodegroupCreating)
        let first = try world.nodegroupNow("web").nodes
        #expect(first.map(\.availabilityZone) == ["us-east-1a", "us-east-1b", "us-east-1a"])
        try world.scale("web", desired: 5)
        try world.advance(EksRules.Timing.nodegroupScaling)
        let grown = try world.nodegroupNow("web").nodes
        #expect(grown.count == 5 && grown.filter { $0.availabilityZone == "us-east-1b" }.count == 2)
        try world.scale("web", desired: 2)
        #expect(try world.nodegroupNow("web").status == EksStatus.updating)
        try world.advance(EksRules.Timing.nodegroupScaling)
        let kept = try world.nodegroupNow("web").nodes
        #expect(
            kept.map(\.instanceId) == [first[0].instanceId, first[1].instanceId], "the oldest node of each zone stays")
        for gone in grown where !kept.contains(gone) {
            #expect(world.f.state.networkInterfaces[gone.networkInterfaceId] == nil)
        }
        #expect(
            world.subnet("a").availableIpAddressCount == 251 - 1 - 1
                && world.subnet("b").availableIpAddressCount == 251 - 1 - 1)
        let toZero = try world.scale("web", desired: 0)
        #expect(toZero.scalingConfig.minSize == 0)
        try world.advance(EksRules.Timing.nodegroupScaling)
        #expect(try world.nodegroupNow("web").nodes.isEmpty && world.nodegroupNow("web").status == EksStatus.active)
    }

    @Test("a node group whose subnets run out of addresses is DEGRADED with InsufficientFreeAddresses, and recovers")
    func degraded() throws {
        var world = try EksWorld()
        try world.f.subnet("k", "10.0.8.0/28", zone: "us-east-1d", name: "s1")
        try world.f.subnet("k", "10.0.8.16/28", zone: "us-east-1e", name: "s2")
        try world.activeCluster(subnets: ["s1", "s2"])
        #expect(world.subnet("s1").availableIpAddressCount == 10)
        try world.nodegroup("web", subnets: ["s1", "s2"], desired: 25, max: 30)
        try world.advance(EksRules.Timing.nodegroupCreating)
        let degraded = try world.nodegroupNow("web")
        #expect(degraded.status == EksStatus.degraded && degraded.nodes.count == 20)
        #expect(degraded.health.issues.map(\.code) == ["InsufficientFreeAddresses"])
        #expect(world.subnet("s1").availableIpAddressCount == 0 && world.subnet("s2").availableIpAddressCount == 0)
        // A degraded group may be updated, even to the same numbers, and may be deleted.
        try world.scale("web", desired: 18)
        try world.advance(EksRules.Timing.nodegroupScaling)
        let healthy = try world.nodegroupNow("web")
        #expect(healthy.status == EksStatus.active && healthy.nodes.count == 18 && healthy.health.issues.isEmpty)
        #expect(world.subnet("s1").availableIpAddressCount == 1 && world.subnet("s2").availableIpAddressCount == 1)
    }

    @Test("deletion is refused while node groups or Fargate profiles exist or while busy; it releases every address")
    func deletion() throws {
        var world = try EksWorld()
        let before = ["a", "b", "c"].map { world.subnet($0).availableIpAddressCount }
        try world.cluster("prod")
        func deleteCluster() -> (inout State, inout CommandContext) throws(NetctlError) -> EksCluster {
            { s, c throws(NetctlError) in try s.deleteEksCluster(EksClusterDelete(name: "prod"), &c) }
        }
        world.expectFailure(.resourceInUseException, "CREATING", deleteCluster())
        try world.advance(EksRules.Timing.clusterCreating)
        try world.nodegroup("web", desired: 3)
        try world.profile("apps")
        world.expectFailure(.resourceInUseException, "node group still CREATING") { s, c throws(NetctlError) in
            try s.deleteEksNodegroup(EksNodegroupDelete(cluster: "prod", name: "web"), &c)
        }
        world.expectFailure(.resourceInUseException, "profile still CREATING") { s, c throws(NetctlError) in
            try s.deleteFargateProfile(EksFargateProfileDelete(cluster: "prod", name: "apps"), &c)
        }
        let held = world.expectFailure(.resourceInUseException, nil, deleteCluster())
        #expect(
            held?.message.contains("node group web") == true && held?.message.contains("Fargate profile apps") == true)
        try world.advance(EksRules.Timing.nodegroupCreating)
        let nodes = try world.nodegroupNow("web").nodes
        #expect(nodes.count == 3)

        let deleting = try world.f.run { s, c throws(NetctlError) in
            try s.deleteEksNodegroup(EksNodegroupDelete(cluster: "prod", name: "web"), &c)
        }
        #expect(deleting.status == EksStatus.deleting)
        #expect(
            nodes.allSatisfy { world.f.state.networkInterfaces[$0.networkInterfaceId] != nil }, "held while DELETING")
        world.expectFailure(.resourceInUseException, "a DELETING node group still holds the cluster", deleteCluster())
        world.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.deleteEksNodegroup(EksNodegroupDelete(cluster: "prod", name: "web"), &c)
        }
        try world.advance(EksRules.Timing.nodegroupDeleting)
        #expect(world.f.state.eksNodegroups.count == 0)
        #expect(nodes.allSatisfy { world.f.state.networkInterfaces[$0.networkInterfaceId] == nil })
        try world.f.run { s, c throws(NetctlError) in
            try s.deleteFargateProfile(EksFargateProfileDelete(cluster: "prod", name: "apps"), &c)
        }
        try world.advance(EksRules.Timing.fargateDeleting)

        let gone = try world.f.run(deleteCluster())
        #expect(gone.status == EksStatus.deleting)
        #expect(world.f.state.networkInterfaces.count == 3, "the control plane keeps its addresses while DELETING")
        try world.advance(EksRules.Timing.clusterDeleting)
        expectError(.resourceNotFoundException) { () throws(NetctlError) in try world.clusterNow() }
        #expect(world.f.state.networkInterfaces.count == 0)
        #expect(["a", "b", "c"].map { world.subnet($0).availableIpAddressCount } == before)
        #expect(world.f.state.nextDeadline() == nil && world.f.state.eksClusters.count == 0)
        try world.f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: "a"), &c) }
        try world.cluster("prod", subnets: ["b", "c"])
    }

    @Test(
        "Fargate profiles take private subnets only, 1 to 5 selectors of ≤ 5 labels, 10 per cluster, none while one is DELETING"
    )
    func fargateProfiles() throws {
        var world = try EksWorld()
        try world.activeCluster()
        let igw = try world.f.internetGateway("k")
        let main = try #require(world.f.state.vpcs.named("k", in: testScope).first?.mainRouteTableId)
        try world.f.route(main, "0.0.0.0/0", gateway: igw.internetGatewayId)
        let nat = try world.f.natGateway("c")
        try world.f.routeTable("k", name: "private")
        try world.f.route("private", "0.0.0.0/0", natGateway: nat.natGatewayId)
        try world.f.associate("private", "b")

        let publicSubnet = world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(
                    cluster: "prod", name: "apps", subnets: ["b", "a"],
                    selectors: [FargateSelector(namespace: "default")]), &c)
        }
        let message = publicSubnet?.message ?? ""
        #expect(message.contains(world.subnet("a").subnetId) && message.contains(main) && message.contains("0.0.0.0/0"))
        #expect(message.contains(igw.internetGatewayId))
        try world.f.vpc("10.9.0.0/16", name: "elsewhere")
        try world.f.subnet("elsewhere", "10.9.1.0/24", zone: "us-east-1a", name: "far")
        world.expectFailure(.invalidParameterException) { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(
                    cluster: "prod", name: "apps", subnets: ["far"], selectors: [FargateSelector(namespace: "default")]),
                &c)
        }
        let six = (1...6).map { FargateSelector(namespace: "ns\($0)") }
        let labels = Dictionary(uniqueKeysWithValues: (1...6).map { ("k\($0)", "v") })
        for selectors in [
            [], six, [FargateSelector(namespace: "")], [FargateSelector(namespace: "Bad_NS")],
            [FargateSelector(namespace: "prod", labels: labels)],
        ] {
            world.expectFailure(.invalidParameterException, "\(selectors)") { s, c throws(NetctlError) in
                try s.createFargateProfile(
                    EksFargateProfileCreate(cluster: "prod", name: "apps", subnets: ["b"], selectors: selectors), &c)
            }
        }
        let created = try world.profile(
            "apps", subnets: ["b"],
            selectors: Array(six.prefix(4)) + [
                FargateSelector(
                    namespace: "prod-*",
                    labels: Dictionary(
                        uniqueKeysWithValues: labels.sorted { $0.key < $1.key }.prefix(5).map { ($0.key, $0.value) }))
            ])
        #expect(created.status == EksStatus.creating && created.subnets == [world.subnet("b").subnetId])
        #expect(created.podExecutionRoleArn == "arn:aws:iam::111122223333:role/AmazonEKSFargatePodExecutionRole")
        #expect(created.fargateProfileArn.hasPrefix("arn:aws:eks:us-east-1:111122223333:fargateprofile/prod/apps/"))
        world.expectFailure(.resourceInUseException, "same name") { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(
                    cluster: "prod", name: "apps", subnets: ["b"], selectors: [FargateSelector(namespace: "x")]), &c)
        }
        try world.advance(EksRules.Timing.fargateCreating)
        #expect(try world.f.state.fargateProfile("apps", cluster: world.clusterNow()).status == EksStatus.active)

        // While one is DELETING, no other can be created.
        try world.f.run { s, c throws(NetctlError) in
            try s.deleteFargateProfile(EksFargateProfileDelete(cluster: "prod", name: "apps"), &c)
        }
        let blocked = world.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(
                    cluster: "prod", name: "next", subnets: ["b"], selectors: [FargateSelector(namespace: "x")]), &c)
        }
        #expect(blocked?.message.contains("apps") == true && blocked?.message.contains("DELETING") == true)
        try world.advance(EksRules.Timing.fargateDeleting)
        for index in 0..<10 { try world.profile("p\(index)", subnets: ["b"]) }
        world.expectFailure(.resourceLimitExceededException) { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(
                    cluster: "prod", name: "p10", subnets: ["b"], selectors: [FargateSelector(namespace: "x")]), &c)
        }
        let names = try world.f.state.listFargateProfiles(EksFargateProfileList(cluster: "prod"), world.f.query())
            .fargateProfiles
        #expect(names == (0..<10).map { "p\($0)" })
    }

    @Test("children need an ACTIVE cluster; quotas: 100 clusters per region, 30 node groups per cluster")
    func quotas() throws {
        var world = try EksWorld()
        try world.cluster("prod")
        world.expectFailure(.invalidRequestException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "web", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 0, maxSize: 1)), &c)
        }
        world.expectFailure(.invalidRequestException) { s, c throws(NetctlError) in
            try s.createFargateProfile(
                EksFargateProfileCreate(
                    cluster: "prod", name: "apps", subnets: ["a"], selectors: [FargateSelector(namespace: "x")]), &c)
        }
        world.expectFailure(.resourceNotFoundException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "nope", name: "web", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 0, maxSize: 1)), &c)
        }
        try world.advance(EksRules.Timing.clusterCreating)
        for index in 0..<30 { try world.nodegroup("ng\(index)", desired: 0, max: 1) }
        let full = world.expectFailure(.resourceLimitExceededException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "ng30", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 0, maxSize: 1)), &c)
        }
        #expect(full?.message.contains("30") == true)
        world.expectFailure(.resourceInUseException) { s, c throws(NetctlError) in
            try s.createEksNodegroup(
                EksNodegroupCreate(
                    cluster: "prod", name: "ng0", subnets: ["a"],
                    scalingConfig: EksScalingConfig(minSize: 0, desiredSize: 0, maxSize: 1)), &c)
        }
        let listed = try world.f.state.listEksNodegroups(
            EksNodegroupList(cluster: "prod", maxResults: 20), world.f.query())
        #expect(listed.nodegroups.count == 20 && listed.nodegroups.first == "ng0" && listed.nextToken != nil)

        for index in 1..<100 { try world.cluster("c\(index)", subnets: ["b", "c"]) }
        let limit = world.expectFailure(.resourceLimitExceededException) { s, c throws(NetctlError) in
            try s.createEksCluster(EksClusterCreate(name: "c100", version: "1.33", subnets: ["b", "c"]), &c)
        }
        #expect(limit?.message.contains("100") == true)
        #expect(try world.f.state.listEksClusters(EksClusterList(), world.f.query()).clusters.count == 100)
    }

    @Test("nodes (by instance ID or address) and control-plane interfaces are reach.analyze sources and destinations")
    func reachability() throws {
        var world = try EksWorld()
        let cluster = try world.activeCluster()
        try world.nodegroup("web", subnets: ["a", "b"], desired: 2)
        try world.advance(EksRules.Timing.nodegroupCreating)
        let nodes = try world.nodegroupNow("web").nodes
        let controlPlane = cluster.controlPlaneInterfaces[2]
        let analysis = try world.f.state.analyzeReach(
            ReachAnalyze(source: nodes[0].instanceId, destination: controlPlane.networkInterfaceId), world.f.query())
        #expect(analysis.reachable)
        #expect(
            analysis.source.type == "instance" && analysis.source.address == nodes[0].privateIpAddress
                && analysis.source.name == "web")
        #expect(
            analysis.destination.subnetId == controlPlane.subnetId
                && analysis.destination.address == controlPlane.privateIpAddress)
        let byAddress = try world.f.state.analyzeReach(
            ReachAnalyze(source: nodes[1].privateIpAddress, destination: nodes[0].networkInterfaceId), world.f.query())
        #expect(byAddress.reachable && byAddress.source.subnetId == nodes[1].subnetId)
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try world.f.state.analyzeReach(
                ReachAnalyze(source: "i-0123456789abcdef0", destination: nodes[0].instanceId), world.f.query())
        }
    }

    @Test("transitions due at different times run in order, each stamped with its own time")
    func dueWorkOrder() throws {
        var world = try EksWorld()
        let cluster = try world.cluster("prod")
        _ = world.f.state.takeChanges()
        // One jump past creation: the cluster is ACTIVE as of its due time, not of the jump.
        try world.advance(3600)
        let events = world.f.state.takeChanges().events.filter { $0.resourceType == .eksCluster }
        #expect(events.map(\.at) == [cluster.createdAt.addingTimeInterval(EksRules.Timing.clusterCreating)])
        try world.nodegroup("web", desired: 1)
        try world.profile("apps")
        let deadline = try #require(world.f.state.nextDeadline())
        #expect(deadline == world.f.context.now.addingTimeInterval(EksRules.Timing.fargateCreating))
        _ = world.f.state.takeChanges()
        try world.advance(1000)
        let order = world.f.state.takeChanges().events.filter { $0.action == .transition }.map(\.resourceType)
        #expect(order == [.eksFargateProfile, .eksNodegroup])
        #expect(world.f.state.nextDeadline().map { $0 > world.f.context.now } ?? true)
    }

    @Test(
        "a transition that cannot be made changes nothing, marks the cluster FAILED and is not retried; it can be deleted"
    )
    func failedTransition() throws {
        var world = try EksWorld()
        try world.activeCluster()
        // An inconsistent state no command makes: a control-plane interface in a subnet that does not exist.
        var cluster = try world.clusterNow()
        let orphan = NetworkInterface(
            networkInterfaceId: "eni-0000000000000000f", subnetId: "subnet-0000000000000000f", vpcId: cluster.vpcId,
            accountId: cluster.accountId, region: cluster.region, availabilityZone: "us-east-1a",
            privateIpAddress: "10.0.9.9", interfaceType: "interface", description: "Amazon EKS prod",
            attachedTo: cluster.arn, createdAt: cluster.createdAt)
        world.f.state.load(orphan)
        cluster.controlPlaneInterfaces.append(
            EksInterface(
                networkInterfaceId: orphan.networkInterfaceId, subnetId: orphan.subnetId,
                availabilityZone: "us-east-1a",
                privateIpAddress: orphan.privateIpAddress))
        world.f.state.load(cluster)
        try world.f.run { s, c throws(NetctlError) in try s.deleteEksCluster(EksClusterDelete(name: "prod"), &c) }
        let interfaces = world.f.state.networkInterfaces.count
        _ = world.f.state.takeChanges()
        try world.advance(EksRules.Timing.clusterDeleting)
        let failed = try world.clusterNow()
        #expect(failed.status == EksStatus.failed && failed.nextTransitionAt == nil)
        #expect(
            world.f.state.networkInterfaces.count == interfaces, "the interfaces released before the failure are back")
        #expect(world.f.state.takeChanges().events.map(\.status) == [EksStatus.failed])
        #expect(world.f.state.nextDeadline() == nil, "not retried on every tick")
        let again = try world.f.run { s, c throws(NetctlError) in
            try s.deleteEksCluster(EksClusterDelete(name: "prod"), &c)
        }
        #expect(again.status == EksStatus.deleting)
    }
}
