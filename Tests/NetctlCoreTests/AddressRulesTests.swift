import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Elastic IP addresses")
struct AddressRulesTests {
    @Test("address.allocate hands out the lowest free pool address, unique across accounts, as domain vpc")
    func allocates() throws {
        var f = Fixture()
        let first = try f.address(name: "egress")
        #expect(first.allocationId.wholeMatch(of: /eipalloc-[0-9a-f]{17}/) != nil)
        #expect(first.publicIp == "192.0.2.1")
        #expect(first.domain == "vpc" && first.publicIpv4Pool == "amazon" && first.networkBorderGroup == "us-east-1")
        #expect(first.associationId == nil && first.natGatewayId == nil && first.tags == ["Name": "egress"])
        #expect(try f.address().publicIp == "192.0.2.2")
        let elsewhere = try f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(), &c)
        }
        #expect(elsewhere.publicIp == "192.0.2.3")
        #expect(f.state.takeChanges().events.contains { $0.resourceType == .elasticIp && $0.action == .create })
    }

    @Test("elasticIpsPerRegion (5) refuses the sixth with AddressLimitExceeded; a released address comes back")
    func quota() throws {
        var f = Fixture()
        var addresses: [ElasticIp] = []
        for _ in 0..<5 { addresses.append(try f.address()) }
        let error = f.expectFailure(.addressLimitExceeded) { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(), &c)
        }
        #expect(error?.message.contains("The maximum number of addresses has been reached") == true)
        #expect(error?.message.contains("elasticIpsPerRegion") == true)
        // Another account has its own five.
        try f.run(as: otherAccountScope) { s, c throws(NetctlError) in try s.allocateAddress(AddressAllocate(), &c) }
        let released = try f.run { s, c throws(NetctlError) in
            try s.releaseAddress(AddressRelease(address: addresses[1].allocationId), &c)
        }
        #expect(released.publicIp == "192.0.2.2")
        #expect(f.state.elasticIps[released.allocationId] == nil)
        #expect(try f.address().publicIp == "192.0.2.2")
    }

    @Test("an address is found by allocation ID, public IP or name, only in its own account and region")
    func lookups() throws {
        var f = Fixture()
        let address = try f.address(name: "egress")
        for reference in [address.allocationId, address.publicIp, "egress"] {
            #expect(try f.state.elasticIp(reference, in: testScope) == address)
        }
        expectError(.allocationNotFound) { () throws(NetctlError) in
            try f.state.elasticIp("eipalloc-00000000000000000", in: testScope)
        }
        expectError(.addressNotFound) { () throws(NetctlError) in try f.state.elasticIp("198.51.100.9", in: testScope) }
        expectError(.allocationNotFound) { () throws(NetctlError) in
            try f.state.elasticIp(address.allocationId, in: otherAccountScope)
        }
        expectError(.addressNotFound) { () throws(NetctlError) in
            try f.state.elasticIp(address.publicIp, in: otherAccountScope)
        }
    }

    @Test("an address held by a NAT gateway cannot be released; a wrong border group is InvalidAddress.NotFound")
    func releaseRules() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let address = try f.address()
        let nat = try f.natGateway(subnet.subnetId, address: address.allocationId)
        let error = f.expectFailure(.ipAddressInUse) { s, c throws(NetctlError) in
            try s.releaseAddress(AddressRelease(address: address.allocationId), &c)
        }
        #expect(error?.message.contains(nat.natGatewayId) == true)
        try f.run { s, c throws(NetctlError) in try s.deleteNatGateway(NatGatewayDelete(natGateway: nat.natGatewayId), &c) }
        f.expectFailure(.addressNotFound) { s, c throws(NetctlError) in
            try s.releaseAddress(AddressRelease(address: address.allocationId, networkBorderGroup: "us-west-2"), &c)
        }
        try f.run { s, c throws(NetctlError) in
            try s.releaseAddress(AddressRelease(address: address.allocationId, networkBorderGroup: "us-east-1"), &c)
        }
        f.expectFailure(.allocationNotFound) { s, c throws(NetctlError) in
            try s.releaseAddress(AddressRelease(address: address.allocationId), &c)
        }
    }

    @Test("allocation checks the border group, and names that read as IPs are refused")
    func allocationChecks() throws {
        var f = Fixture()
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(networkBorderGroup: "us-west-2"), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(tags: ["Name": "10.0.0.1"]), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(tags: ["Name": "eipalloc-x"]), &c)
        }
        #expect(try f.run { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(networkBorderGroup: "us-east-1"), &c)
        }.networkBorderGroup == "us-east-1")
    }

    @Test("address.list takes DescribeAddresses' filters")
    func filters() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24")
        let held = try f.address(name: "held")
        let free = try f.address(name: "free")
        let nat = try f.natGateway(subnet.subnetId, address: "held")
        func ids(_ filters: [Filter]) throws(NetctlError) -> [String] {
            try f.state.listAddresses(AddressList(filters: filters), f.query()).addresses.map(\.allocationId)
        }
        #expect(try ids([]) == [held.allocationId, free.allocationId])
        #expect(try ids([Filter(name: "public-ip", values: ["192.0.2.?"])]).count == 2)
        #expect(try ids([Filter(name: "public-ip", values: [free.publicIp])]) == [free.allocationId])
        #expect(try ids([Filter(name: "network-interface-id", values: [nat.networkInterfaceId])]) == [held.allocationId])
        #expect(try ids([Filter(name: "association-id", values: ["eipassoc-*"])]) == [held.allocationId])
        #expect(try ids([Filter(name: "private-ip-address", values: [nat.privateIpAddress])]) == [held.allocationId])
        #expect(try ids([Filter(name: "network-interface-owner-id", values: [testScope.accountId])]) == [held.allocationId])
        #expect(try ids([Filter(name: "domain", values: ["vpc"]), Filter(name: "tag:Name", values: ["fr*"])]) == [free.allocationId])
        #expect(try ids([Filter(name: "instance-id", values: ["*"])]).isEmpty)
        expectError(.invalidParameterValue) { () throws(NetctlError) in try ids([Filter(name: "ip", values: ["x"])]) }
    }

    @Test("the pool's last address goes, then InsufficientAddressCapacity")
    func poolExhaustion() throws {
        var f = Fixture(quotas: Quotas([.elasticIpsPerRegion: 1000]))
        for _ in 0..<AddressPool.capacity { try f.address() }
        #expect(f.state.elasticIps.count == 762)
        #expect(f.state.elasticIps.childCount(of: ElasticIp.publicIpKey("203.0.113.254")) == 1)
        #expect(f.state.elasticIps.childCount(of: ElasticIp.publicIpKey("203.0.113.255")) == 0)
        f.expectFailure(.insufficientAddressCapacity) { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(), &c)
        }
    }
}
