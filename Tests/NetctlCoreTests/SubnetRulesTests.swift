import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Subnets and their addresses")
struct SubnetRulesTests {
    @Test("a subnet is created in the VPC with a canonical CIDR, the region's first zone by default")
    func createsSubnet() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.77/24", name: "web")
        #expect(subnet.vpcId == vpc.vpcId)
        #expect(subnet.cidrBlock == "10.0.1.0/24")
        #expect(subnet.availabilityZone == "us-east-1a")
        #expect(subnet.state == .available)
        #expect(subnet.subnetId.wholeMatch(of: /subnet-[0-9a-f]{17}/) != nil)
        #expect(try f.state.subnet("web", in: testScope) == subnet)
        #expect(f.state.subnets.children(of: vpc.vpcId) == [subnet])
    }

    @Test(
        "availableIpAddressCount is 2^(32-n) - 5",
        arguments: [
            ("10.0.0.0/28", 11), ("10.0.0.0/27", 27), ("10.0.0.0/24", 251), ("10.0.0.0/20", 4091),
            ("10.0.0.0/16", 65_531),
        ])
    func availableAddresses(cidr: String, expected: Int) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", cidr)
        #expect(subnet.availableIpAddressCount == expected)
    }

    @Test(
        "a subnet must lie inside one of the VPC's blocks",
        arguments: [
            "10.1.0.0/24", "11.0.0.0/24", "9.255.255.240/28", "172.16.0.0/24",
        ])
    func outsideVpcIsRange(cidr: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        f.expectFailure(.invalidSubnetRange) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: cidr), &c)
        }
    }

    @Test("a subnet straddling the edge of the VPC block is InvalidSubnet.Range")
    func straddlingIsRange() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/17", name: "a")
        f.expectFailure(.invalidSubnetRange) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.0.0/16"), &c)
        }
        // Equal to the VPC block is fine.
        let whole = try f.subnet("a", "10.0.0.0/17")
        #expect(whole.availableIpAddressCount == 32_768 - 5)
    }

    @Test("a subnet may use a secondary block")
    func secondaryBlock() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        f.expectFailure(.invalidSubnetRange) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.1.0.0/24"), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
        }
        let subnet = try f.subnet("a", "10.1.0.0/24")
        #expect(subnet.cidrBlock == "10.1.0.0/24")
    }

    @Test(
        "subnet sizes outside /16–/28 are InvalidSubnet.Range",
        arguments: [
            "10.0.0.0/29", "10.0.0.0/32", "10.0.0.0/15", "10.0.0.0/8",
        ])
    func badSizes(cidr: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        f.expectFailure(.invalidSubnetRange) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: cidr), &c)
        }
    }

    @Test("a malformed subnet CIDR is InvalidParameterValue")
    func malformed() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.0/24"), &c)
        }
    }

    @Test(
        "overlapping subnets are InvalidSubnet.Conflict; adjacent ones are fine",
        arguments: [
            "10.0.1.0/24", "10.0.1.128/25", "10.0.0.0/23", "10.0.1.240/28", "10.0.0.0/16",
        ])
    func overlapConflicts(cidr: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let existing = try f.subnet("a", "10.0.1.0/24")
        let error = f.expectFailure(.subnetConflict) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: cidr), &c)
        }
        #expect(error?.message.contains(existing.subnetId) == true)
        try f.subnet("a", "10.0.0.0/24")
        try f.subnet("a", "10.0.2.0/24")
    }

    @Test("subnets of different VPCs may overlap")
    func overlapAcrossVpcs() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.0.0.0/16", name: "b")
        try f.subnet("a", "10.0.1.0/24")
        try f.subnet("b", "10.0.1.0/24")
    }

    @Test("zones a to f of the region are accepted", arguments: ["a", "b", "c", "d", "e", "f"])
    func validZones(letter: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24", zone: "us-east-1" + letter)
        #expect(subnet.availabilityZone == "us-east-1" + letter)
    }

    @Test(
        "other zones are InvalidParameterValue",
        arguments: [
            "us-east-1g", "us-east-1z", "us-west-2a", "us-east-1", "", "US-EAST-1A", "use1-az1",
        ])
    func invalidZones(zone: String) throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", availabilityZone: zone), &c)
        }
    }

    @Test("subnetsPerVpc gives SubnetLimitExceeded")
    func subnetQuota() throws {
        var f = Fixture(quotas: Quotas([.subnetsPerVpc: 2]))
        try f.vpc("10.0.0.0/16", name: "a")
        try f.subnet("a", "10.0.0.0/24")
        try f.subnet("a", "10.0.1.0/24")
        let error = f.expectFailure(.subnetLimitExceeded) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.2.0/24"), &c)
        }
        #expect(error?.message.contains("subnetsPerVpc") == true)
    }

    // MARK: Addresses held by NAT gateways

    @Test("a NAT gateway takes the subnet's first usable address (.4) and one from the count")
    func natTakesAnAddress() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let nat = try f.natGateway(subnet.subnetId)
        #expect(nat.privateIpAddress == "10.0.1.4")
        #expect(nat.state == .available)
        #expect(nat.subnetId == subnet.subnetId)
        #expect(nat.natGatewayId.wholeMatch(of: /nat-[0-9a-f]{17}/) != nil)
        #expect(f.state.subnets[subnet.subnetId]?.availableIpAddressCount == 250)
        let interface = try #require(f.state.networkInterfaces[nat.networkInterfaceId])
        #expect(interface.privateIpAddress == "10.0.1.4")
        #expect(interface.attachedTo == nat.natGatewayId)

        let second = try f.natGateway(subnet.subnetId)
        #expect(second.privateIpAddress == "10.0.1.5")
        #expect(f.state.subnets[subnet.subnetId]?.availableIpAddressCount == 249)
    }

    @Test("deleting a NAT gateway gives its address back")
    func natDeleteFreesAddress() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/28")
        let nat = try f.natGateway(subnet.subnetId)
        #expect(f.state.subnets[subnet.subnetId]?.availableIpAddressCount == 10)
        try f.run { s, c throws(NetctlError) in
            try s.deleteNatGateway(NatGatewayDelete(natGateway: nat.natGatewayId), &c)
        }
        #expect(f.state.subnets[subnet.subnetId]?.availableIpAddressCount == 11)
        #expect(f.state.natGateways[nat.natGatewayId] == nil)
        #expect(f.state.networkInterfaces[nat.networkInterfaceId] == nil)
        let again = try f.natGateway(subnet.subnetId)
        #expect(again.privateIpAddress == "10.0.1.4", "the freed address is reused")
    }

    @Test("a subnet holding a NAT gateway cannot be deleted")
    func subnetWithNatDependency() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let nat = try f.natGateway(subnet.subnetId)
        let error = f.expectFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSubnet(SubnetDelete(subnet: subnet.subnetId), &c)
        }
        #expect(error?.message.contains(nat.networkInterfaceId) == true)
        try f.run { s, c throws(NetctlError) in
            try s.deleteNatGateway(NatGatewayDelete(natGateway: nat.natGatewayId), &c)
        }
        let deleted = try f.run { s, c throws(NetctlError) in
            try s.deleteSubnet(SubnetDelete(subnet: subnet.subnetId), &c)
        }
        #expect(deleted.state == .deleted)
        #expect(f.state.subnets[subnet.subnetId] == nil)
    }

    @Test("a full /28 (11 NAT gateways) gives InsufficientFreeAddressesInSubnet")
    func fullSubnet() throws {
        var f = Fixture(quotas: Quotas([.natGatewaysPerAvailabilityZone: 20]))
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.16/28")
        var addresses: [String] = []
        for _ in 0..<11 { addresses.append(try f.natGateway(subnet.subnetId).privateIpAddress) }
        #expect(addresses == (4...14).map { "10.0.1.\(16 + $0)" }, "first four and the last address stay reserved")
        #expect(f.state.subnets[subnet.subnetId]?.availableIpAddressCount == 0)
        f.expectFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: subnet.subnetId), &c)
        }
        #expect(f.state.natGateways.count == 11)
    }

    @Test("natGatewaysPerAvailabilityZone (5) counts every subnet of the zone")
    func natQuotaPerZone() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let one = try f.subnet("a", "10.0.1.0/24", zone: "us-east-1a")
        let two = try f.subnet("a", "10.0.2.0/24", zone: "us-east-1a")
        let other = try f.subnet("a", "10.0.3.0/24", zone: "us-east-1b")
        for i in 0..<5 { try f.natGateway(i.isMultiple(of: 2) ? one.subnetId : two.subnetId) }
        let error = f.expectFailure(.natGatewayLimitExceeded) { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: two.subnetId), &c)
        }
        #expect(error?.message.contains("natGatewaysPerAvailabilityZone") == true)
        try f.natGateway(other.subnetId)
    }

    @Test("deleting a subnet removes its explicit route table association")
    func deleteSubnetDropsAssociation() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let table = try f.routeTable("a")
        try f.run { s, c throws(NetctlError) in
            try s.associateRouteTable(RouteTableAssociate(routeTable: table.routeTableId, subnet: subnet.subnetId), &c)
        }
        try f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: subnet.subnetId), &c) }
        #expect(try f.table(table.routeTableId).associations.isEmpty)
        try f.run { s, c throws(NetctlError) in
            try s.deleteRouteTable(RouteTableDelete(routeTable: table.routeTableId), &c)
        }
    }
}
