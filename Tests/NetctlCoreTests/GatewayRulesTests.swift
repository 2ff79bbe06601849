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
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
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
}
