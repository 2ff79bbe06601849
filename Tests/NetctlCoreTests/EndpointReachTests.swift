import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

extension ReachAnalysis {
    var components: [String] { path.map(\.component) }

    func hops(_ component: String) -> [ReachHop] { path.filter { $0.component == component } }
}

@Suite("Reachability to AWS services through endpoints")
struct EndpointReachTests {
    static let s3Name = "com.amazonaws.us-east-1.s3"
    static let dynamoName = "com.amazonaws.us-east-1.dynamodb"

    /// The seed's example. VPC `a` (10.0/16) with an internet gateway; `pub` (10.0.0.0/24) uses the
    /// main table, which routes 0.0.0.0/0 to the internet gateway; `priv` (10.0.1.0/24) has its own
    /// table `private` with gateway endpoints for S3 and DynamoDB and nothing else; `iso`
    /// (10.0.2.0/24) has its own table `isolated` with the local route only.
    struct Seed {
        var f = Fixture()
        var vpc: Vpc
        var igw: InternetGateway
        var pub: Subnet
        var priv: Subnet
        var iso: Subnet
        var privateTable: RouteTable
        var s3: Endpoint
        var dynamo: Endpoint

        init() throws {
            vpc = try f.vpc("10.0.0.0/16", name: "a")
            igw = try f.internetGateway("a")
            pub = try f.subnet("a", "10.0.0.0/24", name: "pub")
            priv = try f.subnet("a", "10.0.1.0/24", name: "priv")
            iso = try f.subnet("a", "10.0.2.0/24", name: "iso")
            try f.route(vpc.mainRouteTableId, "0.0.0.0/0", gateway: igw.internetGatewayId)
            privateTable = try f.routeTable("a", name: "private")
            try f.associate("private", "priv")
            try f.routeTable("a", name: "isolated")
            try f.associate("isolated", "iso")
            s3 = try f.gatewayEndpoint("a", "s3", routeTables: ["private"])
            dynamo = try f.gatewayEndpoint("a", "dynamodb", routeTables: ["private"])
        }
    }

    @Test("the public subnet reaches S3 and DynamoDB through the internet gateway")
    func publicThroughInternetGateway() throws {
        let n = try Seed()
        for (service, name) in [("s3", Self.s3Name), ("dynamodb", Self.dynamoName)] {
            let analysis = try n.f.reach(n.pub.subnetId, service)
            #expect(analysis.reachable, "\(service): \(analysis.explanations)")
            #expect(analysis.explanations.isEmpty)
            #expect(analysis.destination.type == "service")
            #expect(analysis.destination.id == name)
            let igwHop = try #require(analysis.components.firstIndex(of: "internetGateway"), "\(analysis.path)")
            let serviceHop = try #require(analysis.components.lastIndex(of: "service"), "\(analysis.path)")
            #expect(igwHop < serviceHop)
            #expect(analysis.path[igwHop].id == n.igw.internetGatewayId)
            #expect(analysis.path[serviceHop].id == name)
            #expect(analysis.hops("endpoint").isEmpty)
        }
    }

    @Test("the private subnet reaches S3 and DynamoDB through the gateway endpoints, not the internet")
    func privateThroughEndpoint() throws {
        let n = try Seed()
        for (service, endpoint) in [("s3", n.s3), ("dynamodb", n.dynamo)] {
            let analysis = try n.f.reach(n.priv.subnetId, service)
            #expect(analysis.reachable, "\(service): \(analysis.explanations)")
            #expect(analysis.explanations.isEmpty)
            #expect(analysis.hops("endpoint").map(\.id) == [endpoint.endpointId], "\(analysis.path)")
            #expect(analysis.hops("routeTable").map(\.id) == [n.privateTable.routeTableId])
            #expect(analysis.hops("service").map(\.id) == [endpoint.serviceName])
            #expect(analysis.hops("internetGateway").isEmpty)
            #expect(analysis.hops("internet").isEmpty)
            let endpointHop = try #require(analysis.components.firstIndex(of: "endpoint"))
            let serviceHop = try #require(analysis.components.firstIndex(of: "service"))
            #expect(endpointHop < serviceHop)
        }
        // The full service name is understood too.
        let byFullName = try n.f.reach(n.priv.subnetId, Self.s3Name)
        #expect(byFullName.reachable)
        #expect(byFullName.hops("endpoint").map(\.id) == [n.s3.endpointId])
        // The private subnet has no way to the internet itself.
        #expect(!(try n.f.reach(n.priv.subnetId, "8.8.8.8").reachable))
    }

    @Test("a subnet with neither an endpoint nor a gateway: not reachable, NO_ENDPOINT_OR_GATEWAY")
    func neither() throws {
        let n = try Seed()
        for service in ["s3", "dynamodb", "ssm"] {
            let analysis = try n.f.reach(n.iso.subnetId, service)
            #expect(!analysis.reachable, "\(service)")
            #expect(analysis.codes == [ReachExplanation.noEndpointOrGateway], "\(service): \(analysis.explanations)")
            #expect(analysis.hops("endpoint").isEmpty)
            #expect(analysis.hops("service").isEmpty)
        }
        // ssm has no gateway endpoint: the private subnet cannot reach it either.
        let ssm = try n.f.reach(n.priv.subnetId, "ssm")
        #expect(!ssm.reachable)
        #expect(ssm.codes == [ReachExplanation.noEndpointOrGateway])
        // …while the public one reaches it over the internet.
        #expect(try n.f.reach(n.pub.subnetId, "ssm").reachable)
    }

    @Test("taking the table off the endpoint, or deleting the endpoint, leaves the private subnet without a way")
    func endpointRemoved() throws {
        var n = try Seed()
        try n.f.modifyEndpoint(EndpointModify(endpoint: n.s3.endpointId, removeRouteTables: ["private"]))
        let s3 = try n.f.reach(n.priv.subnetId, "s3")
        #expect(!s3.reachable)
        #expect(s3.codes == [ReachExplanation.noEndpointOrGateway])
        #expect(try n.f.reach(n.priv.subnetId, "dynamodb").reachable, "the other endpoint is untouched")
        try n.f.deleteEndpoint(n.dynamo.endpointId)
        #expect(try n.f.reach(n.priv.subnetId, "dynamodb").codes == [ReachExplanation.noEndpointOrGateway])
        // Routing the iso table through an endpoint makes it reachable from there.
        try n.f.modifyEndpoint(EndpointModify(endpoint: n.s3.endpointId, addRouteTables: ["isolated"]))
        let fromIso = try n.f.reach(n.iso.subnetId, "s3")
        #expect(fromIso.reachable)
        #expect(fromIso.hops("endpoint").map(\.id) == [n.s3.endpointId])
    }

    @Test("longest prefix match: with 0.0.0.0/0 → NAT as well, S3 still goes through the endpoint")
    func prefixListBeatsDefaultRoute() throws {
        var n = try Seed()
        let nat = try n.f.natGateway("pub")
        try n.f.route("private", "0.0.0.0/0", natGateway: nat.natGatewayId)
        let s3 = try n.f.reach(n.priv.subnetId, "s3")
        #expect(s3.reachable)
        #expect(s3.hops("endpoint").map(\.id) == [n.s3.endpointId])
        #expect(s3.hops("natGateway").isEmpty)
        #expect(s3.hops("internetGateway").isEmpty)
        let dynamo = try n.f.reach(n.priv.subnetId, "dynamodb")
        #expect(dynamo.hops("endpoint").map(\.id) == [n.dynamo.endpointId])
        // Other destinations take the NAT gateway.
        let ssm = try n.f.reach(n.priv.subnetId, "ssm")
        #expect(ssm.reachable, "\(ssm.explanations)")
        #expect(ssm.hops("natGateway").map(\.id) == [nat.natGatewayId])
        #expect(ssm.hops("endpoint").isEmpty)
        let internet = try n.f.reach(n.priv.subnetId, "8.8.8.8")
        #expect(internet.reachable)
        #expect(internet.hops("natGateway").map(\.id) == [nat.natGatewayId])
        // Without the endpoint, S3 goes through the NAT gateway.
        try n.f.deleteEndpoint(n.s3.endpointId)
        let viaNat = try n.f.reach(n.priv.subnetId, "s3")
        #expect(viaNat.reachable)
        #expect(viaNat.hops("natGateway").map(\.id) == [nat.natGatewayId])
        #expect(viaNat.hops("endpoint").isEmpty)
    }

    @Test("a more specific or identical CIDR route beats the endpoint's prefix-list route")
    func moreSpecificCidrBeatsEndpoint() throws {
        var n = try Seed()
        let nat = try n.f.natGateway("pub")
        let s3List = try #require(ServiceCatalog.prefixList(forService: Self.s3Name, region: "us-east-1"))
        let address = try #require(IPv4Address(try n.f.reach(n.priv.subnetId, "s3").destination.address ?? ""))
        let block = try #require(s3List.cidrs.compactMap(IPv4CIDR.init).first { $0.contains(address) })
        // Identical prefix: the CIDR route wins a tie.
        try n.f.route("private", block.description, natGateway: nat.natGatewayId)
        let tie = try n.f.reach(n.priv.subnetId, "s3")
        #expect(tie.reachable)
        #expect(tie.hops("natGateway").map(\.id) == [nat.natGatewayId], "\(tie.path)")
        #expect(tie.hops("endpoint").isEmpty)
        try n.f.run { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: "private", destinationCidrBlock: block.description), &c)
        }
        #expect(try n.f.reach(n.priv.subnetId, "s3").hops("endpoint").map(\.id) == [n.s3.endpointId])
        // More specific: wins.
        let specific = IPv4CIDR(network: address, prefixLength: 24)
        try n.f.route("private", specific.description, natGateway: nat.natGatewayId)
        let more = try n.f.reach(n.priv.subnetId, "s3")
        #expect(more.hops("natGateway").map(\.id) == [nat.natGatewayId], "\(more.path)")
        #expect(more.hops("endpoint").isEmpty)
        // A less specific one does not.
        var m = try Seed()
        let nat2 = try m.f.natGateway("pub")
        try m.f.route("private", "0.0.0.0/1", natGateway: nat2.natGatewayId)
        #expect(try m.f.reach(m.priv.subnetId, "s3").hops("endpoint").map(\.id) == [m.s3.endpointId])
    }

    @Test("a peered VPC cannot use the other VPC's gateway endpoint: NO_EDGE_TO_EDGE_ROUTING")
    func peerCannotUseGatewayEndpoint() throws {
        // a: one subnet on the main table, which routes S3 through a gateway endpoint; no internet gateway.
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.subnet("a", "10.0.0.0/24", name: "sa")
        let endpoint = try f.gatewayEndpoint("a", "s3", routeTables: [a.mainRouteTableId])
        #expect(try f.reach("a", "s3").reachable, "a itself reaches S3")
        let b = try f.vpc("10.1.0.0/16", name: "b")
        let ba = try f.activePeering("b", "a")
        try f.peeringRoute(a.mainRouteTableId, "10.1.0.0/16", peering: ba.peeringId)
        try f.peeringRoute(b.mainRouteTableId, "0.0.0.0/0", peering: ba.peeringId)

        let analysis = try f.reach("b", "s3")
        #expect(!analysis.reachable)
        #expect(analysis.codes == [ReachExplanation.noEdgeToEdgeRouting], "\(analysis.explanations)")
        #expect(
            analysis.explanation(ReachExplanation.noEdgeToEdgeRouting)?.message.contains(endpoint.endpointId) == true)
        #expect(analysis.peeringsCrossed == [ba.peeringId], "the packet gets to a and stops there")
        #expect(analysis.hops("endpoint").isEmpty)
        #expect(analysis.hops("service").isEmpty)
        #expect(try f.reach("b", "a").reachable, "the peering itself works")

        // The same when b routes S3's prefix-list CIDRs (not the default route) over the peering.
        var g = Fixture()
        let a2 = try g.vpc("10.0.0.0/16", name: "a")
        try g.subnet("a", "10.0.0.0/24", name: "sa")
        try g.gatewayEndpoint("a", "s3", routeTables: [a2.mainRouteTableId])
        let b2 = try g.vpc("10.1.0.0/16", name: "b")
        let peering = try g.activePeering("b", "a")
        try g.peeringRoute(a2.mainRouteTableId, "10.1.0.0/16", peering: peering.peeringId)
        let s3List = try #require(ServiceCatalog.prefixList(forService: Self.s3Name, region: "us-east-1"))
        for cidr in s3List.cidrs { try g.peeringRoute(b2.mainRouteTableId, cidr, peering: peering.peeringId) }
        let byCidrs = try g.reach("b", "s3")
        #expect(!byCidrs.reachable)
        #expect(byCidrs.codes == [ReachExplanation.noEdgeToEdgeRouting], "\(byCidrs.explanations)")
        #expect(byCidrs.hops("endpoint").isEmpty)
    }

    @Test("the seed's peer: a VPC peered with `a` reaches neither S3 nor DynamoDB through a's gateway endpoints")
    func seedPeerCannotUseEndpoints() throws {
        var n = try Seed()
        let b = try n.f.vpc("10.1.0.0/16", name: "b")
        let ba = try n.f.activePeering("b", "a")
        for table in [n.vpc.mainRouteTableId, "private", "isolated"] {
            try n.f.peeringRoute(table, "10.1.0.0/16", peering: ba.peeringId)
        }
        try n.f.peeringRoute(b.mainRouteTableId, "0.0.0.0/0", peering: ba.peeringId)
        for service in ["s3", "dynamodb"] {
            let analysis = try n.f.reach("b", service)
            #expect(!analysis.reachable, "\(service)")
            #expect(analysis.codes == [ReachExplanation.noEdgeToEdgeRouting], "\(service): \(analysis.explanations)")
            #expect(analysis.hops("endpoint").isEmpty)
            #expect(analysis.hops("internetGateway").isEmpty)
        }
        #expect(try n.f.reach("b", n.priv.subnetId).reachable, "the peering itself works")
    }

    @Test("edge-to-edge is named even when the peer's gateway endpoint sits on a subnet's own table only")
    func peerCannotUseEndpointOnCustomTable() throws {
        // a has no internet gateway; only `priv`'s own table routes S3 through the endpoint.
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.subnet("a", "10.0.1.0/24", name: "priv")
        try f.routeTable("a", name: "private")
        try f.associate("private", "priv")
        let endpoint = try f.gatewayEndpoint("a", "s3", routeTables: ["private"])
        #expect(try f.reach("priv", "s3").reachable)
        let b = try f.vpc("10.1.0.0/16", name: "b")
        let ba = try f.activePeering("b", "a")
        try f.peeringRoute(a.mainRouteTableId, "10.1.0.0/16", peering: ba.peeringId)
        try f.peeringRoute("private", "10.1.0.0/16", peering: ba.peeringId)
        try f.peeringRoute(b.mainRouteTableId, "0.0.0.0/0", peering: ba.peeringId)
        let analysis = try f.reach("b", "s3")
        #expect(!analysis.reachable)
        #expect(analysis.hops("endpoint").isEmpty)
        #expect(
            analysis.codes == [ReachExplanation.noEdgeToEdgeRouting],
            "a peer cannot use \(endpoint.endpointId): \(analysis.explanations)")
    }

    // MARK: Interface endpoints

    /// VPC `svc` (10.5/16) with DNS hostnames on, no internet gateway; subnets `za` (zone a), `zb`
    /// (zone b), `zc` (zone c).
    struct Private {
        var f = Fixture()
        var vpc: Vpc
        var za: Subnet
        var zb: Subnet
        var zc: Subnet

        init() throws {
            vpc = try f.vpc("10.5.0.0/16", name: "svc")
            try f.enableDnsHostnames("svc")
            za = try f.subnet("svc", "10.5.1.0/24", zone: "us-east-1a", name: "za")
            zb = try f.subnet("svc", "10.5.2.0/24", zone: "us-east-1b", name: "zb")
            zc = try f.subnet("svc", "10.5.3.0/24", zone: "us-east-1c", name: "zc")
        }
    }

    @Test("an interface endpoint with private DNS makes ssm reachable through its ENI, with no internet gateway")
    func privateDnsInterface() throws {
        var n = try Private()
        let before = try n.f.reach(n.za.subnetId, "ssm")
        #expect(!before.reachable)
        #expect(before.codes == [ReachExplanation.noEndpointOrGateway])

        let endpoint = try n.f.interfaceEndpoint("svc", "ssm", subnets: ["za", "zb"], privateDns: true)
        let inA = try #require(endpoint.networkInterfaces.first { $0.subnetId == n.za.subnetId })
        let inB = try #require(endpoint.networkInterfaces.first { $0.subnetId == n.zb.subnetId })
        let analysis = try n.f.reach(n.za.subnetId, "ssm")
        #expect(analysis.reachable, "\(analysis.explanations)")
        #expect(analysis.explanations.isEmpty)
        let hop = try #require(analysis.hops("endpoint").first, "\(analysis.path)")
        #expect(hop.id == endpoint.endpointId)
        #expect(hop.detail.contains(inA.privateIpAddress), "the ENI in the source's zone: \(hop.detail)")
        #expect(analysis.hops("internetGateway").isEmpty)
        #expect(analysis.hops("internet").isEmpty)
        #expect(analysis.destination.vpcId == n.vpc.vpcId)
        #expect(analysis.destination.subnetId == n.za.subnetId)
        #expect(analysis.path.last?.component == "subnet")
        #expect(analysis.path.last?.id == n.za.subnetId)

        // From zone b, the zone-b interface; from zone c (no interface), one of the others.
        let fromB = try n.f.reach(n.zb.subnetId, "ssm")
        #expect(fromB.reachable)
        #expect(fromB.destination.subnetId == n.zb.subnetId)
        #expect(fromB.hops("endpoint").first?.detail.contains(inB.privateIpAddress) == true)
        let fromC = try n.f.reach(n.zc.subnetId, "ssm")
        #expect(fromC.reachable)
        #expect([n.za.subnetId, n.zb.subnetId].contains(fromC.destination.subnetId ?? ""))
        // The VPC itself and the full service name work too.
        #expect(try n.f.reach("svc", "com.amazonaws.us-east-1.ssm").reachable)
        // Other services are not served by it.
        #expect(try n.f.reach(n.za.subnetId, "logs").codes == [ReachExplanation.noEndpointOrGateway])
        // Once the endpoint is gone, ssm is out of reach again.
        try n.f.deleteEndpoint(endpoint.endpointId)
        #expect(try n.f.reach(n.za.subnetId, "ssm").codes == [ReachExplanation.noEndpointOrGateway])
    }

    @Test(
        "with private DNS the endpoint wins over an internet route; without private DNS the name goes to the internet")
    func privateDnsVersusInternet() throws {
        var n = try Private()
        let igw = try n.f.internetGateway("svc")
        try n.f.route(n.vpc.mainRouteTableId, "0.0.0.0/0", gateway: igw.internetGatewayId)
        let plain = try n.f.interfaceEndpoint("svc", "logs", subnets: ["za"], privateDns: false)
        let logs = try n.f.reach(n.za.subnetId, "logs")
        #expect(logs.reachable)
        #expect(logs.hops("internetGateway").map(\.id) == [igw.internetGatewayId], "\(logs.path)")
        #expect(logs.hops("endpoint").isEmpty)
        // Its ENI is still reachable by ID inside the VPC.
        let eni = try #require(plain.networkInterfaces.first?.networkInterfaceId)
        #expect(try n.f.reach(n.zb.subnetId, eni).reachable)

        let ssm = try n.f.interfaceEndpoint("svc", "ssm", subnets: ["za"], privateDns: true)
        let analysis = try n.f.reach(n.za.subnetId, "ssm")
        #expect(analysis.reachable)
        #expect(analysis.hops("endpoint").map(\.id) == [ssm.endpointId])
        #expect(analysis.hops("internetGateway").isEmpty)
    }

    /// VPC `a` (10.0/16) with `s1` and an ssm interface endpoint in it; VPC `b` (10.1/16) with `sb`.
    struct PeeredInterface {
        var f = Fixture()
        var a: Vpc
        var b: Vpc
        var s1: Subnet
        var sb: Subnet
        var endpoint: Endpoint
        var eni: EndpointInterface

        init() throws {
            a = try f.vpc("10.0.0.0/16", name: "a")
            b = try f.vpc("10.1.0.0/16", name: "b")
            s1 = try f.subnet("a", "10.0.1.0/24", name: "s1")
            sb = try f.subnet("b", "10.1.1.0/24", name: "sb")
            endpoint = try f.interfaceEndpoint("a", "ssm", subnets: ["s1"])
            eni = try #require(endpoint.networkInterfaces.first)
        }
    }

    @Test("a peered VPC reaches the interface endpoint's ENI, by ID and by address, over an active routed peering")
    func peerReachesInterface() throws {
        var n = try PeeredInterface()
        #expect(n.eni.privateIpAddress == "10.0.1.4")
        // Not peered yet: no route.
        let unpeered = try n.f.reach("sb", n.eni.networkInterfaceId)
        #expect(!unpeered.reachable)
        #expect(unpeered.codes.contains(ReachExplanation.noRouteToDestination))

        // Peered but not yet accepted: the routes are blackholes.
        let pending = try n.f.createPeering("b", "a")
        try n.f.peeringRoute(n.b.mainRouteTableId, "10.0.0.0/16", peering: pending.peeringId)
        try n.f.peeringRoute(n.a.mainRouteTableId, "10.1.0.0/16", peering: pending.peeringId)
        let inactive = try n.f.reach("sb", n.eni.networkInterfaceId)
        #expect(!inactive.reachable)
        #expect(inactive.codes.contains(ReachExplanation.peeringNotActive))

        try n.f.acceptPeering(pending.peeringId)
        // Routed now, but the endpoint's default group admits only its own members.
        let guarded = try n.f.reach("sb", n.eni.networkInterfaceId)
        #expect(guarded.codes == [ReachExplanation.securityGroupDeniesIngress])
        let group = try #require(n.f.state.networkInterfaces[n.eni.networkInterfaceId]?.securityGroupIds.first)
        _ = try n.f.authorize(group, .ingress, [SecurityGroupPermission(protocol: "-1", cidrIpv4: "10.1.0.0/16")])
        let byId = try n.f.reach("sb", n.eni.networkInterfaceId)
        #expect(byId.reachable, "\(byId.explanations)")
        #expect(byId.destination.type == "networkInterface")
        #expect(byId.destination.vpcId == n.a.vpcId)
        #expect(byId.destination.subnetId == n.s1.subnetId)
        #expect(byId.destination.address == n.eni.privateIpAddress)
        #expect(byId.peeringsCrossed == [pending.peeringId])
        #expect(byId.returnPath.contains { $0.component == "peering" && $0.id == pending.peeringId })
        #expect(byId.path.last?.id == n.s1.subnetId)

        let byAddress = try n.f.reach("sb", n.eni.privateIpAddress)
        #expect(byAddress.reachable, "\(byAddress.explanations)")
        #expect(byAddress.destination.subnetId == n.s1.subnetId)
        #expect(byAddress.peeringsCrossed == [pending.peeringId])
        #expect(try n.f.reach("b", n.eni.networkInterfaceId).reachable, "from the VPC itself too")
    }

    @Test("the peer reaches the ENI only with a route back; deleting the peering cuts it off")
    func peerNeedsReturnRouteAndActivePeering() throws {
        var n = try PeeredInterface()
        let peering = try n.f.activePeering("b", "a")
        try n.f.peeringRoute(n.b.mainRouteTableId, "10.0.0.0/16", peering: peering.peeringId)
        let oneWay = try n.f.reach("sb", n.eni.networkInterfaceId)
        #expect(!oneWay.reachable)
        #expect(oneWay.codes == [ReachExplanation.noReturnRoute, ReachExplanation.securityGroupDeniesIngress])
        _ = try n.f.authorize(
            try #require(n.f.state.networkInterfaces[n.eni.networkInterfaceId]?.securityGroupIds.first), .ingress, [SecurityGroupPermission(protocol: "-1", cidrIpv4: "10.1.0.0/16")])
        try n.f.peeringRoute(n.a.mainRouteTableId, "10.1.0.0/16", peering: peering.peeringId)
        #expect(try n.f.reach("sb", n.eni.networkInterfaceId).reachable)
        try n.f.deletePeering(peering.peeringId)
        let cut = try n.f.reach("sb", n.eni.networkInterfaceId)
        #expect(!cut.reachable)
        #expect(cut.codes.contains(ReachExplanation.routeBlackhole))
    }

    @Test("private DNS is the endpoint VPC's own: the peer does not reach ssm by name through it")
    func privateDnsNotShared() throws {
        var f = Fixture()
        let a = try f.vpc("10.0.0.0/16", name: "a")
        try f.enableDnsHostnames("a")
        try f.subnet("a", "10.0.1.0/24", name: "s1")
        let b = try f.vpc("10.1.0.0/16", name: "b")
        try f.subnet("b", "10.1.1.0/24", name: "sb")
        let endpoint = try f.interfaceEndpoint("a", "ssm", subnets: ["s1"], privateDns: true)
        let peering = try f.activePeering("b", "a")
        try f.peeringRoute(b.mainRouteTableId, "10.0.0.0/16", peering: peering.peeringId)
        try f.peeringRoute(a.mainRouteTableId, "10.1.0.0/16", peering: peering.peeringId)
        #expect(try f.reach("s1", "ssm").reachable)
        let byName = try f.reach("sb", "ssm")
        #expect(!byName.reachable)
        #expect(byName.codes == [ReachExplanation.noEndpointOrGateway])
        let eni = try #require(endpoint.networkInterfaces.first)
        let group = try #require(endpoint.securityGroupIds.first)
        _ = try f.authorize(group, .ingress, [SecurityGroupPermission(protocol: "-1", cidrIpv4: "10.1.0.0/16")])
        #expect(try f.reach("sb", eni.networkInterfaceId).reachable, "its address still is, once its group admits b")
    }
}
