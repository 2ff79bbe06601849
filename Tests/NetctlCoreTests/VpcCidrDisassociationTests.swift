import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Disassociating VPC CIDR blocks")
struct VpcCidrDisassociationTests {
    mutating func associate(_ f: inout Fixture, _ cidr: String) throws(NetctlError) {
        try f.run { s, c throws(NetctlError) in try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: cidr), &c) }
    }

    @Test("a secondary block leaves the VPC and its local route leaves every route table")
    mutating func removesBlockAndLocalRoutes() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let custom = try f.routeTable("a")
        try associate(&f, "10.1.0.0/16")
        try associate(&f, "10.2.0.0/16")
        _ = f.state.takeChanges()
        let after = try f.run { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.1.0.5/16"), &c)
        }
        #expect(after.cidrBlocks == ["10.0.0.0/16", "10.2.0.0/16"])
        #expect(f.state.vpcs[vpc.vpcId]?.cidrBlocks == after.cidrBlocks)
        for tableId in [vpc.mainRouteTableId, custom.routeTableId] {
            #expect(try f.table(tableId).routes.compactMap(\.destinationCidrBlock) == ["10.0.0.0/16", "10.2.0.0/16"])
        }
        let events = f.state.takeChanges().events
        #expect(events.first?.action == .disassociateCidr && events.first?.resourceType == .vpc)
        #expect(events.filter { $0.resourceType == .routeTable }.count == 2)
        // The block may come back.
        try associate(&f, "10.1.0.0/16")
        #expect(f.state.vpcs[vpc.vpcId]?.cidrBlocks.last == "10.1.0.0/16")
    }

    @Test("never the primary block, nor one that is not there, nor one a subnet lies in")
    mutating func refusals() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try associate(&f, "10.1.0.0/16")
        let subnet = try f.subnet("a", "10.1.4.0/24")
        let primary = f.expectFailure(.operationNotPermitted) { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.0.0.0/16"), &c)
        }
        #expect(primary?.message.contains("primary IPv4 CIDR block") == true)
        f.expectFailure(.vpcCidrAssociationNotFound) { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.9.0.0/16"), &c)
        }
        f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.1/16"), &c)
        }
        let inUse = f.expectFailure(.cidrBlockInUse) { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
        }
        #expect(inUse?.message.contains(subnet.subnetId) == true)
        try f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: subnet.subnetId), &c) }
        try f.run { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: "a", cidrBlock: "10.1.0.0/16"), &c)
        }
    }

    @Test("a peering's CIDR lists follow the VPC")
    mutating func peeringsFollow() throws {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("172.16.0.0/16", name: "b")
        try associate(&f, "10.1.0.0/16")
        let peering = try f.createPeering("a", "b")
        try f.acceptPeering(peering.peeringId)
        #expect(f.state.peerings[peering.peeringId]?.requester.cidrBlocks == ["10.0.0.0/16", "10.1.0.0/16"])
        try f.run { s, c throws(NetctlError) in
            try s.disassociateVpcCidr(VpcDisassociateCidr(vpc: a.vpcId, cidrBlock: "10.1.0.0/16"), &c)
        }
        #expect(f.state.peerings[peering.peeringId]?.requester.cidrBlocks == ["10.0.0.0/16"])
    }
}
