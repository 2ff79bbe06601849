import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// subnet.modifyAttribute, zones by ID, and the DescribeSubnets / DescribeRouteTables filters that
/// subnet.list and routeTable.list take.
@Suite("Subnet attributes, zone IDs and list filters")
struct SubnetAndRouteTableFilterTests {
    func subnets(_ f: Fixture, _ filters: [Filter], vpc: String? = nil) throws(NetctlError) -> [String] {
        try f.state.listSubnets(SubnetList(vpc: vpc, filters: filters), f.query()).subnets.map(\.subnetId)
    }

    func tables(_ f: Fixture, _ filters: [Filter]) throws(NetctlError) -> [String] {
        try f.state.listRouteTables(RouteTableList(filters: filters), f.query()).routeTables.map(\.routeTableId)
    }

    @Test("mapPublicIpOnLaunch starts false and is changed by subnet.modifyAttribute, with a modifyAttribute event")
    func mapPublicIp() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.subnet("a", "10.0.1.0/24", name: "web")
        #expect(!subnet.mapPublicIpOnLaunch)
        _ = f.state.takeChanges()
        let modified = try f.run { s, c throws(NetctlError) in
            try s.modifySubnetAttribute(SubnetModifyAttribute(subnet: "web", mapPublicIpOnLaunch: true), &c)
        }
        #expect(modified.mapPublicIpOnLaunch)
        #expect(try f.subnetNow(subnet.subnetId) == modified)
        #expect(f.state.takeChanges().events.map(\.action) == [.modifyAttribute])
        f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.modifySubnetAttribute(SubnetModifyAttribute(subnet: "web"), &c)
        }
        f.expectFailure(.subnetNotFound) { s, c throws(NetctlError) in
            try s.modifySubnetAttribute(
                SubnetModifyAttribute(subnet: "subnet-0123456789abcdef0", mapPublicIpOnLaunch: true), &c)
        }
    }

    @Test("a subnet stored without mapPublicIpOnLaunch reads as false")
    func legacySubnet() throws {
        let text =
            #"{"accountId":"000000000000","availabilityZone":"us-east-1a","availableIpAddressCount":251,"cidrBlock":"10.0.1.0/24","createdAt":"2025-11-25T17:24:34.123Z","region":"us-east-1","state":"available","subnetId":"subnet-0123456789abcdef0","tags":{},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        let subnet = try NetctlJSON.decoder.decode(Subnet.self, from: Data(text.utf8))
        #expect(!subnet.mapPublicIpOnLaunch)
        #expect(subnet.cidrBlock == "10.0.1.0/24" && subnet.name == nil)
    }

    @Test(
        "zone IDs follow AWS's pattern and name the same zones",
        arguments: [
            ("us-east-1", "us-east-1a", "use1-az1"), ("us-east-1", "us-east-1c", "use1-az3"),
            ("ap-southeast-2", "ap-southeast-2b", "apse2-az2"), ("eu-central-1", "eu-central-1f", "euc1-az6"),
        ])
    func zoneIds(region: String, zone: String, id: String) {
        #expect(AvailabilityZones.id(ofZone: zone, region: region) == id)
        #expect(AvailabilityZones.name(ofZoneId: id, region: region) == zone)
    }

    @Test("a subnet can be created in a zone named by its ID; an unknown ID or both at once are refused")
    func createByZoneId() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let subnet = try f.run { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", availabilityZoneId: "use1-az2"), &c)
        }
        #expect(subnet.availabilityZone == "us-east-1b")
        let error = f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.2.0/24", availabilityZoneId: "use1-az9"), &c)
        }
        #expect(error?.message.contains("use1-az1") == true, "names the IDs that exist")
        f.expectFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createSubnet(
                SubnetCreate(
                    vpc: "a", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b", availabilityZoneId: "use1-az2"),
                &c)
        }
    }

    @Test("subnet.list filters by AWS's names, with wildcards, tags and the VPC")
    func subnetFilters() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        try f.vpc("10.1.0.0/16", name: "b")
        let web = try f.subnet("a", "10.0.1.0/24", zone: "us-east-1a", name: "web")
        let db = try f.subnet("a", "10.0.2.0/28", zone: "us-east-1b", name: "db")
        let other = try f.subnet("b", "10.1.1.0/24", zone: "us-east-1b")
        try f.run { s, c throws(NetctlError) in
            try s.modifySubnetAttribute(SubnetModifyAttribute(subnet: "web", mapPublicIpOnLaunch: true), &c)
        }
        let vpcA = try f.state.vpc("a", in: testScope).vpcId
        #expect(try subnets(f, []) == [web.subnetId, db.subnetId, other.subnetId])
        #expect(try subnets(f, [Filter(name: "vpc-id", values: [vpcA])]) == [web.subnetId, db.subnetId])
        #expect(try subnets(f, [], vpc: "b") == [other.subnetId])
        #expect(try subnets(f, [Filter(name: "cidr-block", values: ["10.0.*"])]) == [web.subnetId, db.subnetId])
        #expect(try subnets(f, [Filter(name: "cidrBlock", values: ["10.1.1.0/24"])]) == [other.subnetId])
        #expect(
            try subnets(f, [Filter(name: "availability-zone", values: ["us-east-1b"])]) == [
                db.subnetId, other.subnetId,
            ])
        #expect(try subnets(f, [Filter(name: "availability-zone-id", values: ["use1-az1"])]) == [web.subnetId])
        #expect(try subnets(f, [Filter(name: "available-ip-address-count", values: ["11"])]) == [db.subnetId])
        #expect(try subnets(f, [Filter(name: "map-public-ip-on-launch", values: ["true"])]) == [web.subnetId])
        #expect(try subnets(f, [Filter(name: "default-for-az", values: ["true"])]) == [])
        #expect(try subnets(f, [Filter(name: "tag:Name", values: ["d?"])]) == [db.subnetId])
        #expect(try subnets(f, [Filter(name: "tag-key", values: ["Name"])]) == [web.subnetId, db.subnetId])
        #expect(
            try subnets(
                f,
                [
                    Filter(name: "subnet-id", values: [db.subnetId, other.subnetId]),
                    Filter(name: "vpc-id", values: [vpcA]),
                ]) == [db.subnetId])
        #expect(
            try subnets(
                f, [Filter(name: "subnet-arn", values: ["arn:aws:ec2:us-east-1:111122223333:subnet/\(web.subnetId)"])])
                == [web.subnetId])
        #expect(try subnets(f, [Filter(name: "owner-id", values: ["444455556666"])]) == [])
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try subnets(f, [Filter(name: "flavour", values: ["x"])])
        }
    }

    @Test("routeTable.list filters by associations, routes and tags")
    func routeTableFilters() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let igw = try f.internetGateway("a")
        let subnet = try f.subnet("a", "10.0.1.0/24", name: "s1")
        let nat = try f.natGateway("s1")
        let publicTable = try f.routeTable("a", name: "public")
        let privateTable = try f.routeTable("a", name: "private")
        try f.route("public", "0.0.0.0/0", gateway: igw.internetGatewayId)
        try f.route("private", "0.0.0.0/0", natGateway: nat.natGatewayId)
        let association = try f.associate("public", "s1")
        let main = vpc.mainRouteTableId
        let mainAssociation = try #require(try f.table(main).mainAssociationId)
        let all = [main, publicTable.routeTableId, privateTable.routeTableId]
        #expect(try tables(f, []) == all)
        #expect(try tables(f, [Filter(name: "vpc-id", values: [vpc.vpcId])]) == all)
        #expect(try tables(f, [Filter(name: "association.main", values: ["true"])]) == [main])
        #expect(try tables(f, [Filter(name: "association.main", values: ["false"])]) == [publicTable.routeTableId])
        #expect(
            try tables(f, [Filter(name: "association.subnet-id", values: [subnet.subnetId])]) == [
                publicTable.routeTableId
            ])
        #expect(
            try tables(
                f,
                [
                    Filter(
                        name: "association.route-table-association-id",
                        values: [mainAssociation, association.associationId])
                ])
                == [main, publicTable.routeTableId])
        #expect(
            try tables(f, [Filter(name: "association.route-table-id", values: ["rtb-*"])]) == [
                main, publicTable.routeTableId,
            ])
        #expect(try tables(f, [Filter(name: "route.gateway-id", values: ["igw-*"])]) == [publicTable.routeTableId])
        #expect(try tables(f, [Filter(name: "route.gateway-id", values: ["local"])]) == all)
        #expect(
            try tables(f, [Filter(name: "route.nat-gateway-id", values: [nat.natGatewayId])]) == [
                privateTable.routeTableId
            ])
        #expect(
            try tables(f, [Filter(name: "route.destination-cidr-block", values: ["0.0.0.0/0"])]) == [
                publicTable.routeTableId, privateTable.routeTableId,
            ])
        #expect(
            try tables(f, [Filter(name: "route.origin", values: ["CreateRoute"])]) == [
                publicTable.routeTableId, privateTable.routeTableId,
            ])
        #expect(try tables(f, [Filter(name: "route.state", values: ["blackhole"])]) == [])
        #expect(try tables(f, [Filter(name: "tag:Name", values: ["pri*"])]) == [privateTable.routeTableId])
        #expect(try tables(f, [Filter(name: "route-table-id", values: [main])]) == [main])
        #expect(try tables(f, [Filter(name: "route.transit-gateway-id", values: ["*"])]) == [])
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try tables(f, [Filter(name: "route.flavour", values: ["x"])])
        }
    }
}
