import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// `instance.*` and standalone `networkInterface.*`: addresses from the subnet, public addresses from
/// the pool, and the states on the daemon's clock.
@Suite("Instances and interfaces")
struct InstanceRulesTests {
    /// A VPC with a /28 subnet (11 usable addresses: .4 to .14) and a /24 one.
    static func world() throws -> (Fixture, small: Subnet, large: Subnet) {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "app")
        let small = try f.subnet("app", "10.0.0.0/28", name: "small")
        let large = try f.subnet("app", "10.0.1.0/24", name: "large")
        return (f, small, large)
    }

    static func run(_ f: inout Fixture, _ request: InstanceRun) throws(NetctlError) -> [Instance] {
        try f.run { s, c throws(NetctlError) in try s.runInstances(request, &c) }.instances
    }

    @Test("instance.run: pending, one primary interface per instance with the subnet's next addresses, one reservation")
    func runs() throws {
        var (f, _, large) = try Self.world()
        let before = try #require(f.state.subnets[large.subnetId]).availableIpAddressCount
        let instances = try Self.run(&f, InstanceRun(subnet: "large", name: "web", count: 3, tags: ["env": "dev"]))
        #expect(instances.count == 3)
        #expect(instances.map(\.privateIpAddress) == ["10.0.1.4", "10.0.1.5", "10.0.1.6"])
        #expect(Set(instances.map(\.reservationId)).count == 1)
        #expect(instances[0].reservationId.wholeMatch(of: /r-[0-9a-f]{17}/) != nil)
        for instance in instances {
            #expect(instance.instanceId.wholeMatch(of: /i-[0-9a-f]{17}/) != nil)
            #expect(instance.state == .pending && instance.vpcId == large.vpcId && instance.name == "web")
            #expect(instance.publicIpAddress == nil, "a subnet that maps no public addresses gives none")
            #expect(instance.imageId == "ami-00000000000000000" && instance.instanceType == "t3.micro")
            #expect(instance.tags == ["env": "dev", "Name": "web"])
            let interface = try #require(f.state.networkInterfaces[instance.networkInterfaceId])
            #expect(interface.interfaceType == "instance" && interface.awsInterfaceType == "interface")
            #expect(interface.privateIpAddress == instance.privateIpAddress && interface.status == "in-use")
            #expect(interface.attachment?.instanceId == instance.instanceId && interface.attachment?.deviceIndex == 0)
            #expect(!interface.isRequesterManaged)
        }
        #expect(try #require(f.state.subnets[large.subnetId]).availableIpAddressCount == before - 3)
        let listed = try f.state.listInstances(
            InstanceList(vpc: "app", filters: [Filter(name: "private-ip-address", values: ["10.0.1.5"])]),
            QueryContext(scope: testScope, now: f.context.now, quotas: Quotas()))
        #expect(listed.instances.map(\.instanceId) == [instances[1].instanceId])
    }

    @Test("a fixed private address: taken, outside, reserved and with count > 1 are refused with AWS's codes")
    func fixedAddress() throws {
        var (f, _, _) = try Self.world()
        let first = try Self.run(&f, InstanceRun(subnet: "large", privateIpAddress: "10.0.1.50"))
        #expect(first[0].privateIpAddress == "10.0.1.50")
        let inUse = f.expectFailure(.ipAddressInUse) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", privateIpAddress: "10.0.1.50"), &c)
        }
        #expect(inUse?.message.contains("Address 10.0.1.50 is in use") == true)
        let outside = f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", privateIpAddress: "10.0.2.9"), &c)
        }
        #expect(outside?.message.contains("does not fall within the subnet's address range") == true)
        for reserved in ["10.0.1.0", "10.0.1.1", "10.0.1.3", "10.0.1.255"] {
            let error = f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
                try s.runInstances(InstanceRun(subnet: "large", privateIpAddress: reserved), &c)
            }
            #expect(error?.message.contains("reserved address range") == true, "\(reserved)")
        }
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", privateIpAddress: "10.0.1.60", count: 2), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", privateIpAddress: "10.0.1.x"), &c)
        }
        // The next automatic address skips the fixed one.
        _ = try Self.run(&f, InstanceRun(subnet: "large", privateIpAddress: "10.0.1.4"))
        #expect(try Self.run(&f, InstanceRun(subnet: "large"))[0].privateIpAddress == "10.0.1.5")
    }

    @Test("a full subnet: InsufficientFreeAddressesInSubnet below minCount, fewer launched down to it")
    func fullSubnet() throws {
        var (f, small, _) = try Self.world()
        #expect(small.availableIpAddressCount == 11)
        let error = f.expectFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "small", count: 12), &c)
        }
        #expect(error?.message.contains("There are not enough free addresses in subnet '\(small.subnetId)'") == true)
        let some = try Self.run(&f, InstanceRun(subnet: "small", count: 20, minCount: 10))
        #expect(some.count == 11 && some.last?.privateIpAddress == "10.0.0.14")
        f.expectFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "small"), &c)
        }
    }

    @Test("networkInterfacesPerRegion counts every owner's interfaces")
    func interfaceQuota() throws {
        var f = Fixture(quotas: Quotas([.networkInterfacesPerRegion: 3]))
        try f.vpc("10.0.0.0/16", name: "app")
        try f.subnet("app", "10.0.1.0/24", name: "s")
        try f.natGateway("s")
        _ = try Self.run(&f, InstanceRun(subnet: "s", count: 5, minCount: 1))
        #expect(f.state.instances.count == 2)
        let error = f.expectFailure(.networkInterfaceLimitExceeded) { s, c throws(NetctlError) in
            try s.createStandaloneInterface(NetworkInterfaceCreate(subnet: "s"), &c)
        }
        #expect(error?.message.contains("networkInterfacesPerRegion") == true)
    }

    @Test("states move on the clock: pending → running, stopping → stopped, shutting-down → terminated → gone")
    func lifecycle() throws {
        var (f, _, large) = try Self.world()
        try f.run { s, c throws(NetctlError) in
            try s.modifySubnetAttribute(SubnetModifyAttribute(subnet: "large", mapPublicIpOnLaunch: true), &c)
        }
        let launched = try Self.run(&f, InstanceRun(subnet: "large", name: "web"))[0]
        let firstPublic = try #require(launched.publicIpAddress, "the subnet maps public addresses")
        #expect(f.state.networkInterfaces[launched.networkInterfaceId]?.publicIpAddress == firstPublic)
        #expect(f.state.nextDeadline() == launched.stateChangedAt.addingTimeInterval(InstanceTiming.pending))

        f.runDueWork(at: launched.stateChangedAt.addingTimeInterval(InstanceTiming.pending - 1))
        #expect(f.state.instances[launched.instanceId]?.state == .pending, "not before it falls due")
        f.runDueWork(at: launched.stateChangedAt.addingTimeInterval(InstanceTiming.pending))
        #expect(f.state.instances[launched.instanceId]?.state == .running)
        #expect(f.state.nextDeadline() == nil)

        // Stopping a pending instance is refused; starting a running one changes nothing.
        let stopped = try f.run { s, c throws(NetctlError) in try s.stopInstance(InstanceStop(instance: "web"), &c) }
        #expect(stopped.state == .stopping && stopped.stateTransitionReason?.hasPrefix("User initiated (") == true)
        f.expectFailure(.incorrectInstanceState) { s, c throws(NetctlError) in
            try s.startInstance(InstanceStart(instance: "web"), &c)
        }
        f.runDueWork(at: f.context.now.addingTimeInterval(InstanceTiming.stopping))
        let down = try #require(f.state.instances[launched.instanceId])
        #expect(down.state == .stopped && down.publicIpAddress == nil)
        #expect(f.state.networkInterfaces[launched.networkInterfaceId]?.publicIpAddress == nil)
        #expect(f.state.networkInterfaces[launched.networkInterfaceId]?.privateIpAddress == launched.privateIpAddress)

        // Someone else takes the freed public address: the restarted instance gets another one.
        let address = try f.address()
        #expect(address.publicIp == firstPublic)
        let started = try f.run { s, c throws(NetctlError) in try s.startInstance(InstanceStart(instance: "web"), &c) }
        #expect(started.state == .pending && started.privateIpAddress == launched.privateIpAddress)
        #expect(started.publicIpAddress != nil && started.publicIpAddress != firstPublic)

        let count = try #require(f.state.subnets[large.subnetId]).availableIpAddressCount
        let terminating = try f.run { s, c throws(NetctlError) in
            try s.terminateInstance(InstanceTerminate(instance: launched.instanceId), &c)
        }
        #expect(terminating.state == .shuttingDown)
        f.expectFailure(.incorrectInstanceState) { s, c throws(NetctlError) in
            try s.startInstance(InstanceStart(instance: "web"), &c)
        }
        f.runDueWork(at: f.context.now.addingTimeInterval(InstanceTiming.shuttingDown))
        let terminated = try #require(f.state.instances[launched.instanceId])
        #expect(terminated.state == .terminated && terminated.publicIpAddress == nil)
        #expect(f.state.networkInterfaces[launched.networkInterfaceId] == nil, "the interface goes with it")
        #expect(try #require(f.state.subnets[large.subnetId]).availableIpAddressCount == count + 1)
        // Terminating again changes nothing; the instance stays listed for an hour, then goes.
        let again = try f.run { s, c throws(NetctlError) in
            try s.terminateInstance(InstanceTerminate(instance: launched.instanceId), &c)
        }
        #expect(again == terminated)
        f.runDueWork(at: terminated.stateChangedAt.addingTimeInterval(InstanceTiming.terminatedRetention - 1))
        #expect(f.state.instances[launched.instanceId] != nil)
        f.runDueWork(at: terminated.stateChangedAt.addingTimeInterval(InstanceTiming.terminatedRetention))
        #expect(f.state.instances[launched.instanceId] == nil)
        f.expectFailure(.ec2InstanceNotFound) { s, c throws(NetctlError) in
            try s.stopInstance(InstanceStop(instance: launched.instanceId), &c)
        }
    }

    @Test("associatePublicIpAddress overrides the subnet's mapping either way; addresses are unique")
    func publicAddresses() throws {
        var (f, _, _) = try Self.world()
        let asked = try Self.run(&f, InstanceRun(subnet: "large", associatePublicIpAddress: true, count: 2))
        let addresses = asked.compactMap(\.publicIpAddress)
        #expect(addresses.count == 2 && Set(addresses).count == 2)
        #expect(try f.address().publicIp != addresses[0], "an Elastic IP never takes an instance's address")
        try f.run { s, c throws(NetctlError) in
            try s.modifySubnetAttribute(SubnetModifyAttribute(subnet: "large", mapPublicIpOnLaunch: true), &c)
        }
        let withheld = try Self.run(&f, InstanceRun(subnet: "large", associatePublicIpAddress: false))
        #expect(withheld[0].publicIpAddress == nil && !withheld[0].autoAssignPublicIp)
    }

    @Test("bad launches change nothing: unknown subnet, count, image")
    func badLaunches() throws {
        var (f, _, _) = try Self.world()
        f.expectFailure(.subnetNotFound) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "nope"), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", count: 0), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", count: 2, minCount: 3), &c)
        }
        f.expectFailure(.invalidAmiId) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", imageId: "img-1"), &c)
        }
    }

    @Test("a subnet with instances cannot be deleted until they are terminated")
    func subnetDependency() throws {
        var (f, _, _) = try Self.world()
        let instance = try Self.run(&f, InstanceRun(subnet: "small"))[0]
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSubnet(SubnetDelete(subnet: "small"), &c)
        }
        #expect(error?.message.contains(instance.instanceId) == true)
        try f.run { s, c throws(NetctlError) in
            try s.terminateInstance(InstanceTerminate(instance: instance.instanceId), &c)
        }
        f.runDueWork(at: f.context.now.addingTimeInterval(InstanceTiming.shuttingDown))
        try f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: "small"), &c) }
    }

    @Test("standalone interfaces: created available, deleted; attached and service interfaces are InUse")
    func standaloneInterfaces() throws {
        var (f, _, _) = try Self.world()
        let created = try f.run { s, c throws(NetctlError) in
            try s.createStandaloneInterface(
                NetworkInterfaceCreate(subnet: "large", privateIpAddress: "10.0.1.77", description: "spare"), &c)
        }
        #expect(created.status == "available" && created.attachment == nil && created.attachedTo == nil)
        #expect(created.interfaceType == "instance" && created.description == "spare")
        f.expectFailure(.ipAddressInUse) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", privateIpAddress: "10.0.1.77"), &c)
        }
        let instance = try Self.run(&f, InstanceRun(subnet: "large"))[0]
        let inUse = f.expectFailure(.networkInterfaceInUse) { s, c throws(NetctlError) in
            try s.deleteStandaloneInterface(NetworkInterfaceDelete(networkInterface: instance.networkInterfaceId), &c)
        }
        #expect(inUse?.message.contains(instance.instanceId) == true)
        let nat = try f.natGateway("large")
        f.expectFailure(.networkInterfaceInUse) { s, c throws(NetctlError) in
            try s.deleteStandaloneInterface(NetworkInterfaceDelete(networkInterface: nat.networkInterfaceId), &c)
        }
        f.expectFailure(.operationNotPermitted) { s, c throws(NetctlError) in
            try s.modifyInterfaceAttribute(
                NetworkInterfaceModifyAttribute(networkInterface: nat.networkInterfaceId, sourceDestCheck: false), &c)
        }
        let unchecked = try f.run { s, c throws(NetctlError) in
            try s.modifyInterfaceAttribute(
                NetworkInterfaceModifyAttribute(networkInterface: instance.networkInterfaceId, sourceDestCheck: false), &c)
        }
        #expect(!unchecked.sourceDestCheck)
        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteStandaloneInterface(NetworkInterfaceDelete(networkInterface: created.networkInterfaceId), &c)
        }
        #expect(deleted.status == "deleted" && f.state.networkInterfaces[created.networkInterfaceId] == nil)
    }

    @Test("security groups: the VPC's default when none, names or IDs of the VPC only, at most 5; set-groups follows")
    func securityGroups() throws {
        var (f, _, _) = try Self.world()
        let vpc = try f.state.vpc("app", in: testScope)
        let defaultGroup = try #require(f.state.defaultSecurityGroup(ofVpc: vpc.vpcId))
        var groups: [SecurityGroup] = []
        for index in 0..<6 {
            groups.append(
                try f.run { s, c throws(NetctlError) in
                    try s.createSecurityGroup(SecurityGroupCreate(vpc: "app", name: "g\(index)"), &c)
                })
        }
        let plain = try Self.run(&f, InstanceRun(subnet: "large"))[0]
        #expect(plain.securityGroupIds == [defaultGroup.groupId])
        #expect(f.state.networkInterfaces[plain.networkInterfaceId]?.securityGroupIds == [defaultGroup.groupId])
        let named = try Self.run(&f, InstanceRun(subnet: "large", securityGroups: ["g0", groups[1].groupId, "g0"]))[0]
        #expect(named.securityGroupIds == [groups[0].groupId, groups[1].groupId])
        f.expectFailure(.securityGroupsPerInstanceLimitExceeded) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", securityGroups: groups.map(\.groupId)), &c)
        }
        f.expectFailure(.securityGroupNotFound) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", securityGroups: ["nope"]), &c)
        }
        try f.vpc("10.1.0.0/16", name: "other")
        let foreign = try f.run { s, c throws(NetctlError) in
            try s.createSecurityGroup(SecurityGroupCreate(vpc: "other", name: "elsewhere"), &c)
        }
        f.expectFailure(.invalidParameter) { s, c throws(NetctlError) in
            try s.runInstances(InstanceRun(subnet: "large", securityGroups: [foreign.groupId]), &c)
        }
        let changed = try f.run { s, c throws(NetctlError) in
            try s.modifyInterfaceSecurityGroups(
                NetworkInterfaceModifySecurityGroups(networkInterface: plain.networkInterfaceId, groups: ["g2", "g3"]), &c)
        }
        #expect(changed.securityGroupIds == [groups[2].groupId, groups[3].groupId])
        #expect(f.state.instances[plain.instanceId]?.securityGroupIds == changed.securityGroupIds, "the instance follows")
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.modifyInterfaceSecurityGroups(
                NetworkInterfaceModifySecurityGroups(networkInterface: plain.networkInterfaceId, groups: []), &c)
        }
        let nat = try f.natGateway("large")
        f.expectFailure(.operationNotPermitted) { s, c throws(NetctlError) in
            try s.modifyInterfaceSecurityGroups(
                NetworkInterfaceModifySecurityGroups(networkInterface: nat.networkInterfaceId, groups: ["g2"]), &c)
        }
    }

    @Test("tags.create reaches instances (CreateTags on i-…); a Name tag renames")
    func tags() throws {
        var (f, _, _) = try Self.world()
        let instance = try Self.run(&f, InstanceRun(subnet: "large", name: "web"))[0]
        try f.run { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [instance.instanceId], tags: ["Name": "api", "env": "prod"]), &c)
        }
        let renamed = try f.state.instance("api", in: testScope)
        #expect(renamed.instanceId == instance.instanceId && renamed.tags == ["Name": "api", "env": "prod"])
        f.expectFailure(.ec2InstanceNotFound) { s, c throws(NetctlError) in
            try s.stopInstance(InstanceStop(instance: "web"), &c)
        }
    }

    @Test("instances are reach.analyze sources and destinations until terminated")
    func reachability() throws {
        var (f, _, _) = try Self.world()
        let instances = try Self.run(&f, InstanceRun(subnet: "large", name: "web", count: 2))
        let query = QueryContext(scope: testScope, now: f.context.now, quotas: Quotas())
        let analysis = try f.state.analyzeReach(
            ReachAnalyze(source: instances[0].instanceId, destination: instances[1].instanceId), query)
        #expect(analysis.reachable)
        #expect(analysis.source.type == "instance" && analysis.source.address == instances[0].privateIpAddress)
        #expect(analysis.destination.name == "web" && analysis.destination.subnetId == instances[1].subnetId)
        try f.run { s, c throws(NetctlError) in
            try s.terminateInstance(InstanceTerminate(instance: instances[1].instanceId), &c)
        }
        f.runDueWork(at: f.context.now.addingTimeInterval(InstanceTiming.shuttingDown))
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try f.state.analyzeReach(
                ReachAnalyze(source: instances[0].instanceId, destination: instances[1].instanceId), query)
        }
    }
}

@Suite("Security groups in use by instances and interfaces")
struct SecurityGroupInUseByInstancesTests {
    @Test("a group an instance or an interface of the account's carries cannot be deleted; it can once they are gone")
    func groupInUse() throws {
        var (f, _, _) = try InstanceRulesTests.world()
        let vpcId = try f.state.vpc("app", in: f.scope).vpcId
        let web = try f.securityGroup(vpcId, "web")
        let instance = try #require(try InstanceRulesTests.run(&f, InstanceRun(subnet: "large", securityGroups: [web.groupId])).first)
        let interface = try f.run { s, c throws(NetctlError) in
            try s.createStandaloneInterface(NetworkInterfaceCreate(subnet: "small", groups: [web.groupId]), &c)
        }
        let refused = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSecurityGroup(SecurityGroupDelete(group: web.groupId), &c)
        }
        #expect(refused?.message.contains("instance \(instance.instanceId)") == true)
        #expect(refused?.message.contains("network interface \(interface.networkInterfaceId)") == true)
        _ = try f.run { s, c throws(NetctlError) in try s.terminateInstance(InstanceTerminate(instance: instance.instanceId), &c) }
        // Shutting down, the instance still holds its interface and so the group.
        #expect(f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSecurityGroup(SecurityGroupDelete(group: web.groupId), &c)
        } != nil)
        f.runDueWork(at: f.context.now.addingTimeInterval(InstanceTiming.shuttingDown))
        _ = try f.run { s, c throws(NetctlError) in
            try s.deleteStandaloneInterface(NetworkInterfaceDelete(networkInterface: interface.networkInterfaceId), &c)
        }
        _ = try f.deleteSecurityGroup(web.groupId)
        #expect(f.state.securityGroups[web.groupId] == nil)
    }
}
