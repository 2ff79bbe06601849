import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Tags across kinds (tags.create, tags.delete, tags.list)")
struct TagRulesTests {
    /// A VPC `a` with a subnet, a NAT gateway (and so an interface), an internet gateway and a peering
    /// to VPC `b`: one resource of most taggable kinds.
    struct World {
        var f = Fixture()
        var vpc: Vpc
        var other: Vpc
        var subnet: Subnet
        var nat: NatGateway
        var igw: InternetGateway
        var peering: Peering

        init() throws {
            vpc = try f.vpc("10.0.0.0/16", name: "a")
            other = try f.vpc("10.1.0.0/16", name: "b")
            subnet = try f.subnet("a", "10.0.1.0/24", name: "s")
            nat = try f.natGateway(subnet.subnetId)
            igw = try f.internetGateway("a")
            peering = try f.createPeering("a", "b")
        }

        mutating func create(_ ids: [String], _ tags: Tags) throws(NetctlError) {
            try f.run { s, c throws(NetctlError) in try s.createTags(TagsCreate(resources: ids, tags: tags), &c) }
        }

        mutating func delete(_ ids: [String], _ tags: [TagSelector]?) throws(NetctlError) {
            try f.run { s, c throws(NetctlError) in try s.deleteTags(TagsDelete(resources: ids, tags: tags), &c) }
        }

        func list(_ filters: [Filter] = [], maxResults: Int? = nil, nextToken: String? = nil, as scope: Scope? = nil)
            throws(NetctlError) -> TagsListResponse
        {
            try f.state.listTags(
                TagsList(filters: filters, maxResults: maxResults, nextToken: nextToken), f.query(as: scope))
        }
    }

    @Test("tags.create tags resources of every kind in one call, one tag event per changed resource")
    func createAcrossKinds() throws {
        var w = try World()
        try w.create([w.subnet.subnetId], ["env": "dev"])
        _ = w.f.state.takeChanges()
        let ids = [
            w.vpc.vpcId, w.subnet.subnetId, w.vpc.mainRouteTableId, w.igw.internetGatewayId, w.nat.natGatewayId,
            w.nat.networkInterfaceId, w.peering.peeringId,
        ]
        try w.create(ids + [w.vpc.vpcId], ["env": "dev"])
        let events = w.f.state.takeChanges().events
        // The subnet had the tag already: no change, no event; the repeated VPC counts once.
        #expect(events.map(\.resourceId).sorted() == ids.filter { $0 != w.subnet.subnetId }.sorted())
        #expect(events.allSatisfy { $0.action == .tag })
        #expect(Set(events.map(\.resourceType)) == [.vpc, .routeTable, .internetGateway, .natGateway, .networkInterface, .peering])
        #expect(w.f.state.networkInterfaces[w.nat.networkInterfaceId]?.tags == ["env": "dev"])
        #expect(w.f.state.peerings[w.peering.peeringId]?.tags == ["env": "dev"])
        // An existing key's value is overwritten, other tags stay.
        try w.create([w.vpc.vpcId], ["env": "prod", "team": "net"])
        #expect(try w.f.state.vpc("a", in: testScope).tags == ["Name": "a", "env": "prod", "team": "net"])
    }

    @Test("a Name tag renames, under the VPC uniqueness rule; subnets may share names")
    func nameTag() throws {
        var w = try World()
        try w.create([w.vpc.vpcId], ["Name": "renamed"])
        let renamed = try w.f.state.vpc("renamed", in: testScope)
        #expect(renamed.vpcId == w.vpc.vpcId)
        #expect(renamed.name == "renamed")
        #expect(throws: NetctlError.self) { try w.f.state.vpc("a", in: testScope) }

        // b's name is taken: the whole call fails, the subnet listed first included.
        let error = w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [w.subnet.subnetId, w.vpc.vpcId], tags: ["Name": "b"]), &c)
        }
        #expect(error?.message.contains("already exists") == true)
        // Two VPCs given the same name in one call: the second one fails, and so does the call.
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [w.vpc.vpcId, w.other.vpcId], tags: ["Name": "c"]), &c)
        }
        // A name must still work as a reference: not empty, not shaped like an ID of its kind.
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [w.vpc.vpcId], tags: ["Name": ""]), &c)
        }
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [w.vpc.vpcId], tags: ["Name": "vpc-mine"]), &c)
        }

        let second = try w.f.subnet(w.vpc.vpcId, "10.0.2.0/24")
        try w.create([second.subnetId], ["Name": "s"])
        #expect(w.f.state.subnets[second.subnetId]?.name == "s")
        // A route table's and a gateway's names are references too.
        try w.create([w.vpc.mainRouteTableId, w.igw.internetGatewayId], ["Name": "main"])
        #expect(try w.f.state.routeTable("main", in: testScope).routeTableId == w.vpc.mainRouteTableId)
        #expect(try w.f.state.internetGateway("main", in: testScope).internetGatewayId == w.igw.internetGatewayId)

        try w.delete([w.vpc.vpcId, w.vpc.mainRouteTableId], [TagSelector(key: "Name")])
        #expect(w.f.state.vpcs[w.vpc.vpcId]?.name == nil)
        #expect(w.f.state.vpcs[w.vpc.vpcId]?.tags["Name"] == nil)
        #expect(w.f.state.routeTables[w.vpc.mainRouteTableId]?.name == nil)
        #expect(throws: NetctlError.self) { try w.f.state.vpc("renamed", in: testScope) }
    }

    @Test("tags.delete: by key, by key and matching value, or every tag")
    func delete() throws {
        var w = try World()
        try w.create([w.vpc.vpcId], ["env": "dev", "team": "net", "empty": "", "cost": "1"])
        _ = w.f.state.takeChanges()
        try w.delete(
            [w.vpc.vpcId],
            [
                TagSelector(key: "env", value: "prod"), TagSelector(key: "team"), TagSelector(key: "empty", value: ""),
                TagSelector(key: "missing"),
            ])
        #expect(w.f.state.vpcs[w.vpc.vpcId]?.tags == ["Name": "a", "env": "dev", "cost": "1"])
        #expect(w.f.state.takeChanges().events.map(\.action) == [.untag])

        // A value that does not match changes nothing: no event.
        try w.delete([w.vpc.vpcId], [TagSelector(key: "env", value: "prod")])
        #expect(w.f.state.takeChanges().events.isEmpty)

        try w.delete([w.vpc.vpcId], nil)
        let vpc = try #require(w.f.state.vpcs[w.vpc.vpcId])
        #expect(vpc.tags.isEmpty)
        #expect(vpc.name == nil)
    }

    @Test("AWS's limits: 50 tags, keys up to 128, values up to 256, aws: reserved")
    func limits() throws {
        var w = try World()
        var many: Tags = [:]
        for index in 0..<49 { many["k\(index)"] = "v" }
        try w.create([w.vpc.vpcId], many)  // with Name: 50
        w.f.expectFailure(.tagLimitExceeded) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [w.vpc.vpcId], tags: ["one-more": "v"]), &c)
        }
        // Overwriting an existing key is not one more.
        try w.create([w.vpc.vpcId], ["k0": "w"])

        for (tags, comment) in [
            ([String(repeating: "k", count: 129): "v"], "a 129-character key"),
            (["": "v"], "an empty key"),
            (["k": String(repeating: "v", count: 257)], "a 257-character value"),
            (["aws:owner": "me"], "the aws: prefix"),
            (["AWS:Owner": "me"], "the aws: prefix in capitals"),
        ] {
            w.f.expectFailure(.invalidParameterValue, Comment(rawValue: comment)) { s, c throws(NetctlError) in
                try s.createTags(TagsCreate(resources: [w.subnet.subnetId], tags: tags), &c)
            }
        }
        try w.create([w.subnet.subnetId], [String(repeating: "k", count: 128): String(repeating: "v", count: 256)])
        w.f.expectFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteTags(TagsDelete(resources: [w.subnet.subnetId], tags: [TagSelector(key: "aws:owner")]), &c)
        }
        w.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [w.subnet.subnetId], tags: [:]), &c)
        }
        w.f.expectFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [], tags: ["k": "v"]), &c)
        }
        // Tags given at creation keep AWS's code for that path.
        w.f.expectFailure(.invalidTagKeyMalformed) { s, c throws(NetctlError) in
            try s.createVpc(VpcCreate(cidrBlock: "10.9.0.0/16", tags: ["aws:owner": "me"]), &c)
        }
    }

    @Test("IDs: a malformed one is InvalidID, an unknown one its kind's NotFound, and the call changes nothing")
    func unknownIds() throws {
        var w = try World()
        for (id, code) in [
            ("vpc-0123456789abcdef0", ErrorCode.vpcNotFound), ("subnet-0123456789abcdef0", .subnetNotFound),
            ("rtb-0123456789abcdef0", .routeTableNotFound), ("igw-0123456789abcdef0", .internetGatewayNotFound),
            ("nat-0123456789abcdef0", .natGatewayNotFound), ("eni-0123456789abcdef0", .networkInterfaceNotFound),
            ("pcx-0123456789abcdef0", .peeringNotFound), ("vpce-0123456789abcdef0", .endpointNotFound),
            ("i-0123456789abcdef0", .ec2InstanceNotFound), ("vpc-123", .invalidID), ("x-0123456789abcdef0", .invalidID),
            ("a", .invalidID),
        ] {
            // The known VPC listed first is not tagged either.
            w.f.expectFailure(code, Comment(rawValue: id)) { s, c throws(NetctlError) in
                try s.createTags(TagsCreate(resources: [w.vpc.vpcId, id], tags: ["k": "v"]), &c)
            }
            w.f.expectFailure(code, Comment(rawValue: id)) { s, c throws(NetctlError) in
                try s.deleteTags(TagsDelete(resources: [w.vpc.vpcId, id]), &c)
            }
        }
        // Another account's VPC does not exist for the caller.
        let foreign = try w.f.vpc("10.2.0.0/16", name: "x", as: otherAccountScope)
        w.f.expectFailure(.vpcNotFound) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [foreign.vpcId], tags: ["k": "v"]), &c)
        }
    }

    @Test("a peering's tags belong to its requester: the accepter can neither change nor list them")
    func peeringTagsStayWithTheRequester() throws {
        var w = try World()
        let theirs = try w.f.vpc("10.5.0.0/16", name: "theirs", as: otherAccountScope)
        let cross = try w.f.createPeering("a", theirs.vpcId, accepterAccountId: otherAccountScope.accountId)
        try w.create([cross.peeringId], ["env": "dev"])
        w.f.expectFailure(as: otherAccountScope, .peeringNotFound) { s, c throws(NetctlError) in
            try s.createTags(TagsCreate(resources: [cross.peeringId], tags: ["mine": "yes"]), &c)
        }
        let theirView = try w.list(as: otherAccountScope).tags
        #expect(theirView.map(\.resourceId) == [theirs.vpcId], "only their own VPC's Name tag")
        #expect(try w.list([Filter(name: "resource-id", values: [cross.peeringId])]).tags.map(\.key) == ["env"])
    }

    @Test("tags.list: every kind's tags with AWS's resource types, filtered with wildcards")
    func listAndFilter() throws {
        var w = try World()
        try w.create([w.subnet.subnetId, w.nat.networkInterfaceId, w.peering.peeringId], ["env": "dev"])
        try w.create([w.igw.internetGatewayId], ["env": "prod", "team": "edge"])
        let all = try w.list()
        #expect(all.nextToken == nil)
        let types = Set(all.tags.map(\.resourceType))
        #expect(types == ["vpc", "subnet", "internet-gateway", "network-interface", "vpc-peering-connection"])
        #expect(
            all.tags.contains(
                TagDescription(resourceId: w.vpc.vpcId, resourceType: "vpc", key: "Name", value: "a")))

        func ids(_ filters: [Filter]) throws -> Set<String> { Set(try w.list(filters).tags.map(\.resourceId)) }
        #expect(try ids([Filter(name: "key", values: ["env"]), Filter(name: "value", values: ["d?v"])]) == [
            w.subnet.subnetId, w.nat.networkInterfaceId, w.peering.peeringId,
        ])
        #expect(try ids([Filter(name: "resource-type", values: ["vpc-peering-connection", "internet-gateway"])]) == [
            w.peering.peeringId, w.igw.internetGatewayId,
        ])
        #expect(try ids([Filter(name: "resource-id", values: ["igw-*"])]) == [w.igw.internetGatewayId])
        #expect(try ids([Filter(name: "resource-id", values: [w.subnet.subnetId, "vpc-0123456789abcdef0"])]) == [
            w.subnet.subnetId
        ])
        // tag:KEY selects resources: all of the gateway's tags, not only the one that matched.
        let byTag = try w.list([Filter(name: "tag:env", values: ["prod"])]).tags
        #expect(Set(byTag.map(\.key)) == ["env", "team"])
        #expect(try w.list([Filter(name: "key", values: ["nothing*"])]).tags.isEmpty)
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try w.list([Filter(name: "resource-name", values: ["x"])])
        }
    }

    @Test("tags.list pages in EC2's range with tokens that survive changes between calls")
    func paging() throws {
        var w = try World()
        var tags: Tags = [:]
        for index in 0..<12 { tags[String(format: "k%02d", index)] = "v" }
        try w.create([w.subnet.subnetId], tags)
        let everything = try w.list().tags
        var pages: [[TagDescription]] = []
        var token: String?
        repeat {
            let page = try w.list(maxResults: 5, nextToken: token)
            pages.append(page.tags)
            token = page.nextToken
            if pages.count == 1 {
                // A tag added to a resource before the token's position does not shift later pages.
                try w.create([w.vpc.vpcId], ["late": "x"])
            }
        } while token != nil
        #expect(pages.dropLast().allSatisfy { $0.count == 5 })
        #expect(pages.flatMap { $0 } == everything)
        #expect(Set(everything.map(\.key)).isSuperset(of: Set(tags.keys)))

        expectError(.invalidParameterValue) { () throws(NetctlError) in try w.list(maxResults: 4) }
        expectError(.invalidParameterValue) { () throws(NetctlError) in try w.list(maxResults: 1001) }
        expectError(.invalidNextToken) { () throws(NetctlError) in try w.list(maxResults: 5, nextToken: "nope") }
        let exact = try w.list(maxResults: everything.count + 1)
        #expect(exact.tags.count == everything.count + 1)
        #expect(exact.nextToken == nil)
    }

    @Test("an interface stored before interfaces had tags reads as untagged")
    func untaggedInterfaceRows() throws {
        let old = """
            {"networkInterfaceId":"eni-0123456789abcdef0","subnetId":"subnet-0123456789abcdef0",\
            "vpcId":"vpc-0123456789abcdef0","accountId":"111122223333","region":"us-east-1",\
            "availabilityZone":"us-east-1a","privateIpAddress":"10.0.1.4","interfaceType":"nat_gateway",\
            "description":"Interface for NAT Gateway nat-0123456789abcdef0","attachedTo":"nat-0123456789abcdef0",\
            "status":"in-use","createdAt":"2025-06-15T15:06:40.000Z"}
            """
        let interface = try NetctlJSON.decoder.decode(NetworkInterface.self, from: Data(old.utf8))
        #expect(interface.tags == [:])
        let again = try NetctlJSON.decoder.decode(
            NetworkInterface.self, from: NetctlJSON.encoder.encode(NetworkInterface(
                networkInterfaceId: interface.networkInterfaceId, subnetId: interface.subnetId, vpcId: interface.vpcId,
                accountId: interface.accountId, region: interface.region,
                availabilityZone: interface.availabilityZone, privateIpAddress: interface.privateIpAddress,
                interfaceType: interface.interfaceType, description: interface.description,
                attachedTo: interface.attachedTo, tags: ["env": "dev"], createdAt: interface.createdAt)))
        #expect(again.tags == ["env": "dev"])
    }
}
