import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Internet and NAT gateways")
struct GatewayRulesTests {
    @Test("gateway.create makes an attached internet gateway with an igw- ID")
    func createsAttachedGateway() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        #expect(igw.state == .attached)
        #expect(igw.vpcId == vpc.vpcId)
        #expect(igw.internetGatewayId.wholeMatch(of: /igw-[0-9a-f]{17}/) != nil)
        #expect(try f.state.internetGateway(igw.internetGatewayId, in: testScope) == igw)
    }

    @Test("only internet gateways can be made by gateway.create")
    func onlyInternetType() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createInternetGateway(GatewayCreate(type: "nat", vpc: "a"), &c)
        }
    }

    @Test("a VPC has at most one internet gateway")
    func oneGatewayPerVpc() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let igw = try f.internetGateway("a")
        f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.createInternetGateway(GatewayCreate(vpc: "a"), &c)
        }
        // An attached gateway cannot be attached elsewhere.
        f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.attachInternetGateway(GatewayAttach(gateway: igw.internetGatewayId, vpc: "b"), &c)
        }
        // A VPC that has one cannot take a second by attach.
        let second = try f.internetGateway("b")
        try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: second.internetGatewayId), &c)
        }
        f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.attachInternetGateway(GatewayAttach(gateway: second.internetGatewayId, vpc: "a"), &c)
        }
    }

    @Test("an attached gateway cannot be deleted; a detached one can, and detaching twice fails")
    func deleteRules() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteInternetGateway(GatewayDelete(gateway: igw.internetGatewayId), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        f.expectFailure(.gatewayNotAttached) { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteInternetGateway(GatewayDelete(gateway: igw.internetGatewayId), &c)
        }
        #expect(deleted.state == .deleted)
        #expect(f.state.internetGateways.count == 0)
        expectError(.internetGatewayNotFound) { () throws(NetctlError) in
            try f.state.internetGateway(igw.internetGatewayId, in: testScope)
        }
    }

    @Test("internetGatewaysPerRegion counts detached gateways too")
    func internetGatewayQuota() throws {
        var f = Fixture(quotas: Quotas([.internetGatewaysPerRegion: 1]))
        try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let igw = try f.internetGateway("a")
        try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        let error = f.expectFailure(.internetGatewayLimitExceeded) { s, c throws(NetctlError) in
            try s.createInternetGateway(GatewayCreate(vpc: "b"), &c)
        }
        #expect(error?.message.contains("internetGatewaysPerRegion") == true)
    }

    @Test("NAT gateway connectivity is public by default, private on request, nothing else")
    func natConnectivity() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        #expect(try f.natGateway(subnet.subnetId).connectivityType == "public")
        let privateNat = try f.run { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: subnet.subnetId, connectivityType: "private"), &c)
        }
        #expect(privateNat.connectivityType == "private")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: subnet.subnetId, connectivityType: "carrier"), &c)
        }
    }

    @Test("a NAT gateway of another VPC cannot be a route target")
    func natOfOtherVpc() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let subnet = try f.subnet("b", "10.1.1.0/24")
        let nat = try f.natGateway(subnet.subnetId)
        let table = try f.routeTable("a")
        f.expectRouteFailure(.invalidParameterValue, table.routeTableId, "0.0.0.0/0", natGateway: nat.natGatewayId)
    }

    @Test("without a VPC, gateway.create makes a detached gateway that attach and detach move, AWS's way")
    func detachedLifecycle() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let igw = try f.run { s, c throws(NetctlError) in
            try s.createInternetGateway(GatewayCreate(tags: ["Name": "g"]), &c)
        }
        #expect(igw.state == .detached && igw.vpcId == nil)
        #expect(f.state.internetGateways.children(of: vpc.vpcId).isEmpty)
        _ = f.state.takeChanges()
        let attached = try f.run { s, c throws(NetctlError) in
            try s.attachInternetGateway(GatewayAttach(gateway: "g", vpc: "a"), &c)
        }
        #expect(attached.state == .attached && attached.vpcId == vpc.vpcId)
        #expect(f.state.takeChanges().events.map(\.action) == [.attach])
        // Attached again, to the same VPC or another: refused.
        f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.attachInternetGateway(GatewayAttach(gateway: "g", vpc: "a"), &c)
        }
        // AWS's DetachInternetGateway names the VPC: another one is Gateway.NotAttached.
        let wrong = f.expectFailure(.gatewayNotAttached) { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: "g", vpc: "b"), &c)
        }
        #expect(wrong?.message.contains("attached to \(vpc.vpcId)") == true)
        f.expectFailure(.vpcNotFound) { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: "g", vpc: "vpc-00000000000000000"), &c)
        }
        let detached = try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: "g", vpc: "a"), &c)
        }
        #expect(detached.state == .detached && detached.vpcId == nil)
        f.expectFailure(.gatewayNotAttached) { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: "g", vpc: "a"), &c)
        }
        try f.run { s, c throws(NetctlError) in try s.deleteInternetGateway(GatewayDelete(gateway: "g"), &c) }
        #expect(f.state.internetGateways.count == 0)
    }

    @Test("detaching is refused while a NAT gateway's Elastic IP maps into the VPC; routes only turn blackhole")
    func detachWithPublicAddresses() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let igw = try f.internetGateway("a")
        let table = try f.routeTable("a")
        try f.route(table.routeTableId, "0.0.0.0/0", gateway: igw.internetGatewayId)
        let address = try f.address()
        let nat = try f.natGateway(subnet.subnetId, address: address.allocationId)
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        #expect(error?.message.contains("has some mapped public address(es)") == true)
        #expect(error?.message.contains(address.publicIp) == true)
        // A NAT gateway without an address (private, or netctl's own public one) maps nothing.
        let other = try f.subnet("a", "10.0.2.0/24")
        try f.natGateway(other.subnetId)
        try f.run { s, c throws(NetctlError) in try s.deleteNatGateway(NatGatewayDelete(natGateway: nat.natGatewayId), &c) }
        try f.run { s, c throws(NetctlError) in
            try s.detachInternetGateway(GatewayDetach(gateway: igw.internetGatewayId), &c)
        }
        #expect(try f.route(in: table.routeTableId, to: "0.0.0.0/0").state == .blackhole)
    }

    @Test("gateway.list takes DescribeInternetGateways' filters")
    func internetGatewayFilters() throws {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        let attached = try f.run { s, c throws(NetctlError) in
            try s.createInternetGateway(GatewayCreate(vpc: "a", tags: ["env": "prod"]), &c)
        }
        let detached = try f.run { s, c throws(NetctlError) in
            try s.createInternetGateway(GatewayCreate(tags: ["env": "dev"]), &c)
        }
        func ids(_ filters: [Filter]) throws(NetctlError) -> [String] {
            try f.state.listInternetGateways(GatewayList(filters: filters), f.query()).gateways.map(\.internetGatewayId)
        }
        #expect(try ids([Filter(name: "attachment.state", values: ["available"])]) == [attached.internetGatewayId])
        #expect(try ids([Filter(name: "attachment.vpc-id", values: [a.vpcId])]) == [attached.internetGatewayId])
        #expect(try ids([Filter(name: "tag:env", values: ["d*"])]) == [detached.internetGatewayId])
        #expect(try ids([Filter(name: "owner-id", values: [testScope.accountId])]).count == 2)
        #expect(
            try ids([Filter(name: "internet-gateway-id", values: [detached.internetGatewayId, "igw-1"])])
                == [detached.internetGatewayId])
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try ids([Filter(name: "attachment.vpc", values: ["x"])])
        }
    }

    @Test("a public NAT gateway takes an Elastic IP; deleting it passes through deleting and frees the address")
    func natWithAddress() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let address = try f.address(name: "egress")
        _ = f.state.takeChanges()
        let nat = try f.natGateway(subnet.subnetId, address: "egress")
        #expect(nat.allocationId == address.allocationId && nat.publicIp == address.publicIp)
        #expect(nat.associationId?.wholeMatch(of: /eipassoc-[0-9a-f]{17}/) != nil)
        let held = try #require(f.state.elasticIps[address.allocationId])
        #expect(held.natGatewayId == nat.natGatewayId && held.associationId == nat.associationId)
        #expect(held.networkInterfaceId == nat.networkInterfaceId && held.privateIpAddress == nat.privateIpAddress)
        #expect(f.state.elasticIps.children(of: nat.natGatewayId).map(\.allocationId) == [address.allocationId])
        let created = f.state.takeChanges().events.map { "\($0.resourceType.rawValue) \($0.action.rawValue)" }
        #expect(created.contains("elasticIp associate") && created.contains("natGateway create"))

        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteNatGateway(NatGatewayDelete(natGateway: nat.natGatewayId), &c)
        }
        #expect(deleted.state == .deleted)
        let events = f.state.takeChanges().events
        #expect(events.filter { $0.resourceType == .natGateway }.map(\.status) == ["deleting", "deleted"])
        #expect(events.contains { $0.resourceType == .elasticIp && $0.action == .disassociate })
        let freed = try #require(f.state.elasticIps[address.allocationId])
        #expect(freed.associationId == nil && freed.natGatewayId == nil && freed.networkInterfaceId == nil)
        #expect(f.state.elasticIps.children(of: nat.natGatewayId).isEmpty)
        // Free again: another NAT gateway may take it.
        try f.natGateway(subnet.subnetId, address: address.publicIp)
    }

    @Test("a private NAT gateway takes no address, and an address serves one NAT gateway at a time")
    func natAddressRules() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let address = try f.address()
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createNatGateway(
                NatGatewayCreate(subnet: subnet.subnetId, connectivityType: "private", address: address.allocationId), &c)
        }
        let first = try f.natGateway(subnet.subnetId, address: address.allocationId)
        let error = f.expectFailure(.resourceAlreadyAssociated) { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: subnet.subnetId, address: address.allocationId), &c)
        }
        #expect(error?.message.contains(first.natGatewayId) == true)
        f.expectFailure(.allocationNotFound) { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: subnet.subnetId, address: "eipalloc-00000000000000000"), &c)
        }
    }

    @Test("natGateway.list takes DescribeNatGateways' filters")
    func natGatewayFilters() throws {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let inA = try f.subnet("a", "10.0.1.0/24")
        let inB = try f.subnet("b", "10.1.1.0/24")
        let first = try f.natGateway(inA.subnetId)
        let second = try f.natGateway(inB.subnetId)
        func ids(_ filters: [Filter]) throws(NetctlError) -> [String] {
            try f.state.listNatGateways(NatGatewayList(filters: filters), f.query()).natGateways.map(\.natGatewayId)
        }
        #expect(try ids([Filter(name: "vpc-id", values: [a.vpcId])]) == [first.natGatewayId])
        #expect(try ids([Filter(name: "subnet-id", values: [inB.subnetId])]) == [second.natGatewayId])
        #expect(try ids([Filter(name: "state", values: ["available"])]).count == 2)
        #expect(try ids([Filter(name: "state", values: ["deleted"])]).isEmpty)
        #expect(try ids([Filter(name: "nat-gateway-id", values: [second.natGatewayId])]) == [second.natGatewayId])
        expectError(.invalidParameterValue) { () throws(NetctlError) in try ids([Filter(name: "zone", values: ["x"])]) }
    }
}
