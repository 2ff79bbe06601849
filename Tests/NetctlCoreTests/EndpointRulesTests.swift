import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

// MARK: - Service catalog and prefix lists

@Suite("Endpoint service catalog")
struct ServiceCatalogTests {
    @Test("a short name and the full name resolve to the same service of the region")
    func shortAndFullNames() throws {
        let short = try ServiceCatalog.resolve("s3", region: "us-east-1")
        let full = try ServiceCatalog.resolve("com.amazonaws.us-east-1.s3", region: "us-east-1")
        #expect(short == full)
        #expect(short.serviceName == "com.amazonaws.us-east-1.s3")
        #expect(short.shortName == "s3")
        let elsewhere = try ServiceCatalog.resolve("s3", region: "eu-west-1")
        #expect(elsewhere.serviceName == "com.amazonaws.eu-west-1.s3")
        #expect(
            try ServiceCatalog.resolve("ecr.dkr", region: "us-east-1").serviceName == "com.amazonaws.us-east-1.ecr.dkr")
    }

    @Test(
        "unknown names and another region's services are InvalidServiceName",
        arguments: [
            "nosuchservice", "", "com.amazonaws.us-east-1.nosuchservice", "com.amazonaws.us-west-2.s3",
            "com.amazonaws.eu-west-1.dynamodb", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        ])
    func unknownNames(name: String) {
        let error = expectError(.invalidServiceName) { () throws(NetctlError) in
            try ServiceCatalog.resolve(name, region: "us-east-1")
        }
        #expect(error?.message.contains("us-east-1") == true)
    }

    @Test("s3 offers gateway and interface endpoints, dynamodb gateway only, the rest interface only")
    func serviceTypes() throws {
        let services = ServiceCatalog.services(region: "us-east-1")
        let byShortName = Dictionary(uniqueKeysWithValues: services.map { ($0.shortName, $0) })
        #expect(byShortName.count == services.count, "short names are unique")
        #expect(Set(services.map(\.serviceName)).count == services.count, "service names are unique")
        #expect(Set(try #require(byShortName["s3"]).serviceTypes) == [Endpoint.gateway, Endpoint.interface])
        #expect(try #require(byShortName["dynamodb"]).serviceTypes == [Endpoint.gateway])
        let interfaceOnly = [
            "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "monitoring", "sts",
            "secretsmanager", "kms", "sqs", "sns",
        ]
        for name in interfaceOnly {
            let service = try #require(byShortName[name], "\(name) is in the catalog")
            #expect(service.serviceTypes == [Endpoint.interface], "\(name)")
            #expect(service.serviceName == "com.amazonaws.us-east-1.\(name)")
            let dns = try #require(service.privateDnsName, "\(name) has a private DNS name")
            #expect(dns.hasSuffix("us-east-1.amazonaws.com"), "\(name): \(dns)")
        }
        #expect(try #require(byShortName["ssm"]).privateDnsName == "ssm.us-east-1.amazonaws.com")
        #expect(try #require(byShortName["logs"]).privateDnsName == "logs.us-east-1.amazonaws.com")
        // Only the two gateway services offer gateway endpoints.
        #expect(
            Set(services.filter { $0.serviceTypes.contains(Endpoint.gateway) }.map(\.shortName)) == ["s3", "dynamodb"])
        for service in services {
            #expect(service.serviceName.hasPrefix("com.amazonaws.us-east-1."))
            #expect(!service.serviceTypes.isEmpty)
        }
    }

    @Test("prefix lists: exactly S3 and DynamoDB, pl- and 8 hex digits, the same on every call, CIDRs that parse")
    func prefixLists() throws {
        let lists = ServiceCatalog.prefixLists(region: "us-east-1")
        #expect(lists.count == 2)
        #expect(Set(lists.map(\.prefixListName)) == ["com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"])
        for list in lists {
            #expect(list.prefixListId.wholeMatch(of: /pl-[0-9a-f]{8}/) != nil, "\(list.prefixListId)")
            #expect(!list.cidrs.isEmpty)
            for cidr in list.cidrs {
                let parsed = try #require(IPv4CIDR(cidr), "\(cidr) parses")
                #expect(parsed.description == cidr, "\(cidr) is canonical")
            }
        }
        #expect(Set(lists.map(\.prefixListId)).count == 2)
        #expect(ServiceCatalog.prefixLists(region: "us-east-1") == lists, "identical across calls")
        let s3 = try #require(ServiceCatalog.prefixList(forService: "com.amazonaws.us-east-1.s3", region: "us-east-1"))
        #expect(ServiceCatalog.prefixList(id: s3.prefixListId, region: "us-east-1") == s3)
        #expect(ServiceCatalog.prefixList(forService: "com.amazonaws.us-east-1.ssm", region: "us-east-1") == nil)
        // Per region: another region's lists have their own names and IDs.
        let other = ServiceCatalog.prefixLists(region: "eu-west-1")
        #expect(Set(other.map(\.prefixListId)).isDisjoint(with: lists.map(\.prefixListId)))
        #expect(other.allSatisfy { $0.prefixListName.hasPrefix("com.amazonaws.eu-west-1.") })
    }

    @Test("the default policy is full access: JSON with a Statement that allows everything")
    func defaultPolicy() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(ServiceCatalog.defaultPolicy.utf8)) as? [String: Any])
        let statements = try #require(object["Statement"] as? [[String: Any]])
        #expect(statements.count == 1)
        #expect(statements.first?["Effect"] as? String == "Allow")
        #expect(statements.first?["Action"] as? String == "*")
        #expect(statements.first?["Resource"] as? String == "*")
        try ServiceCatalog.validatePolicy(ServiceCatalog.defaultPolicy)
    }
}

// MARK: - Gateway endpoints

/// A policy document of exactly `length` characters that is valid JSON with a Statement.
func paddedPolicy(length: Int) -> String {
    let head = #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Sid":""#
    let tail = #""}]}"#
    return head + String(repeating: "a", count: length - head.count - tail.count) + tail
}

@Suite("Gateway endpoints")
struct GatewayEndpointTests {
    /// VPC `a` (10.0/16) with custom tables `rt1` and `rt2`; VPC `b` (10.1/16) with `rt-b`.
    struct Net {
        var f: Fixture
        var rt1: RouteTable
        var rt2: RouteTable
        var rtB: RouteTable
        var s3List: PrefixList
        var dynamoList: PrefixList

        init(quotas: Quotas = Quotas()) throws {
            f = Fixture(quotas: quotas)
            try f.vpc("10.0.0.0/16", name: "a")
            try f.vpc("10.1.0.0/16", name: "b")
            rt1 = try f.routeTable("a", name: "rt1")
            rt2 = try f.routeTable("a", name: "rt2")
            rtB = try f.routeTable("b", name: "rt-b")
            s3List = try #require(
                ServiceCatalog.prefixList(forService: "com.amazonaws.us-east-1.s3", region: "us-east-1"))
            dynamoList = try #require(
                ServiceCatalog.prefixList(forService: "com.amazonaws.us-east-1.dynamodb", region: "us-east-1"))
        }
    }

    @Test("create with route tables adds an active pl- → vpce- route to each; the endpoint is available")
    func createAddsRoutes() throws {
        var n = try Net()
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1", n.rt2.routeTableId])
        #expect(endpoint.endpointId.wholeMatch(of: /vpce-[0-9a-f]{17}/) != nil)
        #expect(endpoint.type == Endpoint.gateway)
        #expect(endpoint.serviceName == "com.amazonaws.us-east-1.s3")
        #expect(endpoint.state == .available)
        #expect(endpoint.vpcId == (try n.f.state.vpc("a", in: testScope).vpcId))
        #expect(endpoint.routeTableIds == [n.rt1.routeTableId, n.rt2.routeTableId])
        #expect(endpoint.subnetIds.isEmpty)
        #expect(endpoint.networkInterfaces.isEmpty, "a gateway endpoint has no ENI")
        #expect(endpoint.dnsEntries.isEmpty)
        #expect(!endpoint.privateDnsEnabled)
        #expect(try n.f.endpoint(endpoint.endpointId) == endpoint)
        for table in [n.rt1, n.rt2] {
            let routes = try n.f.endpointRoutes(in: table.routeTableId)
            #expect(routes.count == 1)
            let route = try #require(routes.first)
            #expect(route.destinationPrefixListId == n.s3List.prefixListId)
            #expect(route.destinationCidrBlock == nil)
            #expect(route.target == RouteTarget(type: RouteTarget.endpoint, id: endpoint.endpointId))
            #expect(route.state == .active)
        }
        #expect(try n.f.endpointRoutes(in: n.f.mainTable("a")).isEmpty, "untouched tables stay untouched")
        // The default type of s3 and dynamodb is gateway.
        let defaulted = try n.f.createEndpoint(EndpointCreate(vpc: "b", service: "dynamodb", routeTables: ["rt-b"]))
        #expect(defaulted.type == Endpoint.gateway)
        #expect(
            try n.f.endpointRoutes(in: n.rtB.routeTableId).map(\.destinationPrefixListId) == [n.dynamoList.prefixListId]
        )
        // No route table at all is allowed: the endpoint exists, routing nothing yet.
        let bare = try n.f.gatewayEndpoint("b", "s3")
        #expect(bare.routeTableIds.isEmpty)
    }

    @Test("the full service name works too; s3 and dynamodb endpoints share a table")
    func bothServicesOneTable() throws {
        var n = try Net()
        let s3 = try n.f.gatewayEndpoint("a", "com.amazonaws.us-east-1.s3", routeTables: ["rt1"])
        let dynamo = try n.f.gatewayEndpoint("a", "dynamodb", routeTables: ["rt1"])
        let routes = try n.f.endpointRoutes(in: n.rt1.routeTableId)
        #expect(Set(routes.map(\.destinationPrefixListId)) == [n.s3List.prefixListId, n.dynamoList.prefixListId])
        #expect(Set(routes.map(\.target.id)) == [s3.endpointId, dynamo.endpointId])
    }

    @Test("a second endpoint for the same service on the same table is RouteAlreadyExists; another table is fine")
    func oneRoutePerServicePerTable() throws {
        var n = try Net()
        let first = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        let error = n.f.expectEndpointFailure(.routeAlreadyExists) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "s3", type: Endpoint.gateway, routeTables: ["rt1"]), &c)
        }
        #expect(error?.message.contains(first.endpointId) == true)
        // rt2 then rt1: the rt2 route made before the failure is rolled back.
        n.f.expectEndpointFailure(.routeAlreadyExists) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "s3", type: Endpoint.gateway, routeTables: ["rt2", "rt1"]), &c)
        }
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).isEmpty)
        // Several s3 gateway endpoints may live in one VPC, on different tables.
        let second = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt2"])
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).map(\.target.id) == [second.endpointId])
        // Adding rt1 to the second one by modify is refused the same way.
        n.f.expectEndpointFailure(.routeAlreadyExists) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: second.endpointId, addRouteTables: ["rt1"]), &c)
        }
    }

    @Test("a route table of another VPC is InvalidParameterValue")
    func tableOfOtherVpc() throws {
        var n = try Net()
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "s3", type: Endpoint.gateway, routeTables: ["rt1", "rt-b"]), &c)
        }
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, addRouteTables: ["rt-b"]), &c)
        }
        n.f.expectEndpointFailure(.routeTableNotFound) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "s3", type: Endpoint.gateway, routeTables: ["rtb-0123456789abcdef0"]),
                &c)
        }
    }

    @Test("subnets or private DNS on a gateway endpoint are InvalidParameterCombination")
    func gatewayTakesNoSubnets() throws {
        var n = try Net()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "s3", type: Endpoint.gateway, subnets: [subnet.subnetId]), &c)
        }
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "dynamodb", routeTables: ["rt1"], subnets: [subnet.subnetId]), &c)
        }
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "s3", type: Endpoint.gateway, privateDnsEnabled: true), &c)
        }
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, addSubnets: [subnet.subnetId]), &c)
        }
    }

    @Test("an endpoint type the service does not offer, or an unknown type, is InvalidParameterValue")
    func wrongType() throws {
        var n = try Net()
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        let error = n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "dynamodb", type: Endpoint.interface, subnets: [subnet.subnetId]), &c)
        }
        #expect(error?.message.contains("dynamodb") == true)
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "ssm", type: Endpoint.gateway, routeTables: ["rt1"]), &c)
        }
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "a", service: "s3", type: "gatewayLoadBalancer"), &c)
        }
        n.f.expectEndpointFailure(.invalidServiceName) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "com.amazonaws.us-west-2.s3", routeTables: ["rt1"]), &c)
        }
        n.f.expectEndpointFailure(.vpcNotFound) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "nosuchvpc", service: "s3"), &c)
        }
    }

    @Test("modify adds and removes route tables, and their routes with them")
    func modifyTables() throws {
        var n = try Net()
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        let added = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, addRouteTables: ["rt2"]))
        #expect(Set(added.routeTableIds) == [n.rt1.routeTableId, n.rt2.routeTableId])
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).map(\.target.id) == [endpoint.endpointId])
        #expect(try n.f.endpoint(endpoint.endpointId) == added)

        let removed = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeRouteTables: ["rt1"]))
        #expect(removed.routeTableIds == [n.rt2.routeTableId])
        #expect(try n.f.endpointRoutes(in: n.rt1.routeTableId).isEmpty)
        #expect(try n.f.table(n.rt1.routeTableId).routes.count == 1, "only the local route is left")
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).count == 1)

        // Both in one call: a table swap.
        let swapped = try n.f.modifyEndpoint(
            EndpointModify(endpoint: endpoint.endpointId, addRouteTables: ["rt1"], removeRouteTables: ["rt2"]))
        #expect(swapped.routeTableIds == [n.rt1.routeTableId])
        #expect(try n.f.endpointRoutes(in: n.rt1.routeTableId).count == 1)
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).isEmpty)

        // Removing a table the endpoint does not route is refused and changes nothing.
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeRouteTables: ["rt2"]), &c)
        }
        n.f.expectEndpointFailure(.endpointNotFound) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: "vpce-0123456789abcdef0", addRouteTables: ["rt2"]), &c)
        }
    }

    @Test("delete removes every route of the endpoint, and the endpoint")
    func deleteRemovesRoutes() throws {
        var n = try Net()
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1", "rt2"])
        let other = try n.f.gatewayEndpoint("a", "dynamodb", routeTables: ["rt1"])
        let deleted = try n.f.deleteEndpoint(endpoint.endpointId)
        #expect(deleted.state == .deleted)
        #expect(try n.f.endpointRoutes(in: n.rt1.routeTableId).map(\.target.id) == [other.endpointId])
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).isEmpty)
        #expect(n.f.state.endpoints[endpoint.endpointId] == nil)
        expectError(.endpointNotFound) { () throws(NetctlError) in
            try n.f.state.endpoint(endpoint.endpointId, in: testScope)
        }
        n.f.expectEndpointFailure(.endpointNotFound) { s, c throws(NetctlError) in
            try s.deleteEndpoint(EndpointDelete(endpoint: endpoint.endpointId), &c)
        }
        // The table is free for a new s3 endpoint again.
        try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
    }

    @Test("route.create and route.delete with destinationPrefixListId are refused; so is route.create to an endpoint")
    func routeApiRefused() throws {
        var n = try Net()
        let igw = try n.f.internetGateway("a")
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        let create = n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createRoute(
                RouteCreate(
                    routeTable: "rt2", destinationPrefixListId: n.s3List.prefixListId,
                    gateway: igw.internetGatewayId), &c)
        }
        #expect(create?.message.contains("endpoint") == true)
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createRoute(
                RouteCreate(
                    routeTable: "rt2", destinationPrefixListId: n.s3List.prefixListId, endpoint: endpoint.endpointId),
                &c)
        }
        let delete = n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.deleteRoute(RouteDelete(routeTable: "rt1", destinationPrefixListId: n.s3List.prefixListId), &c)
        }
        #expect(delete?.message.contains("endpoint") == true)
        #expect(try n.f.endpointRoutes(in: n.rt1.routeTableId).count == 1, "the endpoint route is still there")
        let viaEndpoint = n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createRoute(
                RouteCreate(routeTable: "rt2", destinationCidrBlock: "3.5.0.0/19", endpoint: endpoint.endpointId), &c)
        }
        #expect(viaEndpoint?.message.contains(endpoint.endpointId) == true)
        // A CIDR route alongside the endpoint route is an ordinary route and allowed.
        try n.f.route("rt1", "52.216.0.0/15", gateway: igw.internetGatewayId)
    }

    @Test("endpoint routes count toward routesPerRouteTable")
    func endpointRoutesCountAsRoutes() throws {
        var n = try Net(quotas: Quotas([.routesPerRouteTable: 1]))
        let igw = try n.f.internetGateway("a")
        try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        n.f.expectRouteFailure(.routeLimitExceeded, "rt1", "0.0.0.0/0", gateway: igw.internetGatewayId)
        try n.f.route("rt2", "0.0.0.0/0", gateway: igw.internetGatewayId)
        n.f.expectEndpointFailure(.routeLimitExceeded) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "a", service: "dynamodb", routeTables: ["rt2"]), &c)
        }
    }

    @Test("gatewayEndpointsPerRegion: one too many is VpcEndpointLimitExceeded, across VPCs; freed by delete")
    func gatewayQuota() throws {
        var n = try Net(quotas: Quotas([.gatewayEndpointsPerRegion: 1]))
        let first = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        let error = n.f.expectEndpointFailure(.vpcEndpointLimitExceeded) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "b", service: "dynamodb", routeTables: ["rt-b"]), &c)
        }
        #expect(error?.message.contains("gatewayEndpointsPerRegion") == true)
        n.f.expectEndpointFailure(.vpcEndpointLimitExceeded) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "a", service: "s3", routeTables: ["rt2"]), &c)
        }
        // Another account has its own quota.
        try n.f.vpc("10.0.0.0/16", name: "x", as: otherAccountScope)
        try n.f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "x", service: "s3"), &c)
        }
        try n.f.deleteEndpoint(first.endpointId)
        try n.f.gatewayEndpoint("b", "dynamodb", routeTables: ["rt-b"])
    }

    @Test("gateway endpoints do not count toward interfaceEndpointsPerVpc")
    func gatewayNotInterfaceQuota() throws {
        var n = try Net(quotas: Quotas([.interfaceEndpointsPerVpc: 1]))
        try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        try n.f.gatewayEndpoint("a", "dynamodb", routeTables: ["rt1"])
        let subnet = try n.f.subnet("a", "10.0.1.0/24")
        try n.f.interfaceEndpoint("a", "ssm", subnets: [subnet.subnetId])
    }

    @Test("policy: the default is full access; a given valid policy is kept")
    func defaultPolicy() throws {
        var n = try Net()
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        #expect(endpoint.policy == ServiceCatalog.defaultPolicy)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(endpoint.policy.utf8)) as? [String: Any])
        #expect(object["Statement"] != nil)

        let custom =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","#
            + #""Resource":"arn:aws:s3:::bucket/*"}]}"#
        let withPolicy = try n.f.createEndpoint(EndpointCreate(vpc: "a", service: "dynamodb", policy: custom))
        #expect(withPolicy.policy == custom)
        let modified = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, policy: custom))
        #expect(modified.policy == custom)
        #expect(try n.f.endpoint(endpoint.endpointId).policy == custom)
        // Exactly 20,480 characters is allowed.
        let longest = paddedPolicy(length: 20_480)
        #expect(longest.count == 20_480)
        let atLimit = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, policy: longest))
        #expect(atLimit.policy == longest)
    }

    @Test(
        "bad policies are InvalidPolicyDocument on create and modify",
        arguments: [
            "allow everything", #"{"Version":"2012-10-17"}"#, #"[{"Statement":[]}]"#, #"{"Statement":"#, "",
            paddedPolicy(length: 20_481),
        ])
    func badPolicies(policy: String) throws {
        var n = try Net()
        n.f.expectEndpointFailure(.invalidPolicyDocument) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "a", service: "s3", routeTables: ["rt1"], policy: policy), &c)
        }
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1"])
        n.f.expectEndpointFailure(.invalidPolicyDocument) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, policy: policy), &c)
        }
        // Nor with a table change in the same call.
        n.f.expectEndpointFailure(.invalidPolicyDocument) { s, c throws(NetctlError) in
            try s.modifyEndpoint(
                EndpointModify(endpoint: endpoint.endpointId, addRouteTables: ["rt2"], policy: policy), &c)
        }
        #expect(try n.f.endpoint(endpoint.endpointId).policy == ServiceCatalog.defaultPolicy)
    }

    @Test("a VPC holding a gateway endpoint cannot be deleted; after the endpoint goes, it can")
    func vpcDeleteDependency() throws {
        var f = Fixture()
        let vpc = try f.vpc("10.0.0.0/16", name: "a")
        let endpoint = try f.gatewayEndpoint("a", "s3", routeTables: [vpc.mainRouteTableId])
        let error = f.expectEndpointFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        #expect(error?.message.contains(endpoint.endpointId) == true)
        try f.deleteEndpoint(endpoint.endpointId)
        try f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "a"), &c) }
        #expect(f.state.vpcs[vpc.vpcId] == nil)
    }

    @Test("deleting a route table that holds an endpoint route leaves no dangling route-table ID on the endpoint")
    func deleteTableWithEndpointRoute() throws {
        var n = try Net()
        let endpoint = try n.f.gatewayEndpoint("a", "s3", routeTables: ["rt1", "rt2"])
        do {
            try n.f.run { s, c throws(NetctlError) in
                try s.deleteRouteTable(RouteTableDelete(routeTable: "rt2"), &c)
            }
        } catch {
            // Refusing is acceptable (then everything stays as it was).
            #expect(error.code == .dependencyViolation, "\(error)")
            #expect(try n.f.endpoint(endpoint.endpointId).routeTableIds == [n.rt1.routeTableId, n.rt2.routeTableId])
            return
        }
        let stored = try n.f.endpoint(endpoint.endpointId)
        #expect(
            stored.routeTableIds == [n.rt1.routeTableId],
            "the endpoint still lists the deleted table \(n.rt2.routeTableId): \(stored.routeTableIds)")
        // Whatever it lists can be removed again by modify.
        for tableId in stored.routeTableIds where tableId != n.rt1.routeTableId {
            do {
                try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeRouteTables: [tableId]))
            } catch {
                Issue.record("the endpoint lists \(tableId) but modify cannot remove it: \(error)")
            }
        }
    }

    @Test("an endpoint may be referred to by its Name tag")
    func byName() throws {
        var n = try Net()
        let endpoint = try n.f.createEndpoint(
            EndpointCreate(vpc: "a", service: "s3", routeTables: ["rt1"], tags: ["Name": "s3-ep"]))
        #expect(try n.f.state.endpoint("s3-ep", in: testScope) == endpoint)
        try n.f.modifyEndpoint(EndpointModify(endpoint: "s3-ep", addRouteTables: ["rt2"]))
        #expect(try n.f.endpointRoutes(in: n.rt2.routeTableId).map(\.target.id) == [endpoint.endpointId])
        try n.f.deleteEndpoint("s3-ep")
        #expect(n.f.state.endpoints.count == 0)
    }
}

// MARK: - Interface endpoints

@Suite("Interface endpoints")
struct InterfaceEndpointTests {
    /// VPC `a` (10.0/16) with `s1` (10.0.1.0/24, zone a) and `s2` (10.0.2.0/24, zone b).
    struct Net {
        var f: Fixture
        var vpc: Vpc
        var s1: Subnet
        var s2: Subnet

        init(quotas: Quotas = Quotas()) throws {
            f = Fixture(quotas: quotas)
            vpc = try f.vpc("10.0.0.0/16", name: "a")
            s1 = try f.subnet("a", "10.0.1.0/24", zone: "us-east-1a", name: "s1")
            s2 = try f.subnet("a", "10.0.2.0/24", zone: "us-east-1b", name: "s2")
        }
    }

    @Test("one ENI per subnet, each with the first free address of its subnet; the count of free addresses drops")
    func oneInterfacePerSubnet() throws {
        var n = try Net()
        #expect(n.s1.availableIpAddressCount == 251)
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1", n.s2.subnetId])
        #expect(endpoint.type == Endpoint.interface)
        #expect(endpoint.state == .available)
        #expect(endpoint.serviceName == "com.amazonaws.us-east-1.ssm")
        #expect(endpoint.routeTableIds.isEmpty)
        #expect(endpoint.subnetIds == [n.s1.subnetId, n.s2.subnetId])
        #expect(endpoint.networkInterfaces.map(\.subnetId) == [n.s1.subnetId, n.s2.subnetId])
        #expect(endpoint.networkInterfaces.map(\.privateIpAddress) == ["10.0.1.4", "10.0.2.4"])
        #expect(endpoint.networkInterfaces.map(\.availabilityZone) == ["us-east-1a", "us-east-1b"])
        for interface in endpoint.networkInterfaces {
            #expect(interface.networkInterfaceId.wholeMatch(of: /eni-[0-9a-f]{17}/) != nil)
            let stored = try #require(n.f.state.networkInterfaces[interface.networkInterfaceId])
            #expect(stored.privateIpAddress == interface.privateIpAddress)
            #expect(stored.subnetId == interface.subnetId)
            #expect(stored.vpcId == n.vpc.vpcId)
            #expect(stored.interfaceType == "vpc_endpoint")
            #expect(stored.attachedTo == endpoint.endpointId)
        }
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 250)
        #expect(try n.f.subnetNow(n.s2.subnetId).availableIpAddressCount == 250)
        // No route table changes.
        #expect(try n.f.table(n.vpc.mainRouteTableId).routes.count == 1)
        // Another endpoint in s1 takes the next address.
        let next = try n.f.interfaceEndpoint("a", "logs", subnets: ["s1"])
        #expect(next.networkInterfaces.map(\.privateIpAddress) == ["10.0.1.5"])
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 249)
    }

    @Test("an address in use is never handed out: after a NAT gateway took .4 the endpoint gets .5")
    func skipsAddressesInUse() throws {
        var n = try Net()
        let nat = try n.f.natGateway("s1")
        #expect(nat.privateIpAddress == "10.0.1.4")
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"])
        #expect(endpoint.networkInterfaces.first?.privateIpAddress == "10.0.1.5")
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 249)
        // A freed address is reused, and never one still held.
        let second = try n.f.interfaceEndpoint("a", "logs", subnets: ["s1"])
        #expect(second.networkInterfaces.first?.privateIpAddress == "10.0.1.6")
        try n.f.deleteEndpoint(endpoint.endpointId)
        let third = try n.f.interfaceEndpoint("a", "sts", subnets: ["s1"])
        #expect(third.networkInterfaces.first?.privateIpAddress == "10.0.1.5")
        let fourth = try n.f.interfaceEndpoint("a", "kms", subnets: ["s1"])
        #expect(fourth.networkInterfaces.first?.privateIpAddress == "10.0.1.7")
        let addresses = n.f.state.networkInterfaces.children(of: n.s1.subnetId).map(\.privateIpAddress)
        #expect(Set(addresses).count == addresses.count, "no address is held twice: \(addresses)")
    }

    @Test("delete and modify --remove-subnet give the address back")
    func addressesComeBack() throws {
        var n = try Net()
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1", "s2"])
        let s2Interface = try #require(endpoint.networkInterfaces.first { $0.subnetId == n.s2.subnetId })
        let modified = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeSubnets: ["s2"]))
        #expect(modified.subnetIds == [n.s1.subnetId])
        #expect(modified.networkInterfaces.map(\.subnetId) == [n.s1.subnetId])
        #expect(n.f.state.networkInterfaces[s2Interface.networkInterfaceId] == nil)
        #expect(try n.f.subnetNow(n.s2.subnetId).availableIpAddressCount == 251)
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 250)
        #expect(try n.f.endpoint(endpoint.endpointId) == modified)

        // Add it back: a new interface, first free address again.
        let readded = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, addSubnets: ["s2"]))
        #expect(Set(readded.subnetIds) == [n.s1.subnetId, n.s2.subnetId])
        #expect(readded.networkInterfaces.first { $0.subnetId == n.s2.subnetId }?.privateIpAddress == "10.0.2.4")
        #expect(try n.f.subnetNow(n.s2.subnetId).availableIpAddressCount == 250)

        let deleted = try n.f.deleteEndpoint(endpoint.endpointId)
        #expect(deleted.state == .deleted)
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 251)
        #expect(try n.f.subnetNow(n.s2.subnetId).availableIpAddressCount == 251)
        #expect(n.f.state.networkInterfaces.children(of: n.s1.subnetId).isEmpty)
        #expect(n.f.state.networkInterfaces.children(of: n.s2.subnetId).isEmpty)
    }

    @Test("removing the last subnet, or one the endpoint is not in, is refused")
    func removeSubnetRules() throws {
        var n = try Net()
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"])
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeSubnets: ["s1"]), &c)
        }
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeSubnets: ["s2"]), &c)
        }
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.modifyEndpoint(
                EndpointModify(endpoint: endpoint.endpointId, addRouteTables: [n.vpc.mainRouteTableId]), &c)
        }
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 250)
    }

    @Test("two subnets in the same zone are DuplicateSubnetsInSameZone, on create and on modify")
    func duplicateZones() throws {
        var n = try Net()
        try n.f.subnet("a", "10.0.3.0/24", zone: "us-east-1a", name: "s3a")
        let error = n.f.expectEndpointFailure(.duplicateSubnetsInSameZone) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["s1", "s2", "s3a"],
                    privateDnsEnabled: false), &c)
        }
        #expect(error?.message.contains("us-east-1a") == true)
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"])
        n.f.expectEndpointFailure(.duplicateSubnetsInSameZone) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, addSubnets: ["s3a"]), &c)
        }
        // Swapping the zone's subnet in one call is fine.
        let swapped = try n.f.modifyEndpoint(
            EndpointModify(endpoint: endpoint.endpointId, addSubnets: ["s3a"], removeSubnets: ["s1"]))
        #expect(swapped.networkInterfaces.map(\.privateIpAddress) == ["10.0.3.4"])
        #expect(try n.f.subnetNow(n.s1.subnetId).availableIpAddressCount == 251)
    }

    @Test("a /28 fills after 11 addresses: the 12th is InsufficientFreeAddressesInSubnet")
    func slashTwentyEightFills() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let small = try f.subnet("a", "10.0.9.0/28", name: "small")
        #expect(small.availableIpAddressCount == 11)
        var addresses: [String] = []
        for index in 0..<11 {
            // The same service without private DNS may have several endpoints.
            let endpoint = try f.interfaceEndpoint("a", index.isMultiple(of: 2) ? "ssm" : "logs", subnets: ["small"])
            addresses += endpoint.networkInterfaces.map(\.privateIpAddress)
        }
        #expect(addresses == (4...14).map { "10.0.9.\($0)" }, "never .0–.3 nor .15")
        #expect(try f.subnetNow(small.subnetId).availableIpAddressCount == 0)
        let error = f.expectEndpointFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "sts", type: Endpoint.interface, subnets: ["small"],
                    privateDnsEnabled: false), &c)
        }
        #expect(error?.message.contains(small.subnetId) == true)
        // A NAT gateway cannot get one either.
        f.expectEndpointFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: "small"), &c)
        }
    }

    @Test("a create that fails on its second subnet leaves no interface behind in the first")
    func failedCreateRollsBack() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let big = try f.subnet("a", "10.0.1.0/24", zone: "us-east-1a", name: "big")
        try f.subnet("a", "10.0.9.0/28", zone: "us-east-1b", name: "small")
        for _ in 0..<11 { try f.interfaceEndpoint("a", "logs", subnets: ["small"]) }
        f.expectEndpointFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["big", "small"],
                    privateDnsEnabled: false), &c)
        }
        #expect(f.state.networkInterfaces.children(of: big.subnetId).isEmpty)
        #expect(try f.subnetNow(big.subnetId).availableIpAddressCount == 251)
        // modify adding a full subnet: the same.
        let endpoint = try f.interfaceEndpoint("a", "ssm", subnets: ["big"])
        f.expectEndpointFailure(.insufficientFreeAddresses) { s, c throws(NetctlError) in
            try s.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, addSubnets: ["small"]), &c)
        }
    }

    @Test("subnets of another VPC, unknown subnets and no subnets at all are refused")
    func subnetChecks() throws {
        var n = try Net()
        try n.f.vpc("10.1.0.0/16", name: "b")
        let foreign = try n.f.subnet("b", "10.1.1.0/24", zone: "us-east-1c")
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["s1", foreign.subnetId],
                    privateDnsEnabled: false), &c)
        }
        n.f.expectEndpointFailure(.subnetNotFound) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["subnet-0123456789abcdef0"],
                    privateDnsEnabled: false), &c)
        }
        n.f.expectEndpointFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(vpc: "a", service: "ssm", type: Endpoint.interface, privateDnsEnabled: false), &c)
        }
        n.f.expectEndpointFailure(.missingParameter) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: [], privateDnsEnabled: false),
                &c)
        }
    }

    @Test("routeTables on an interface endpoint are InvalidParameterCombination")
    func interfaceTakesNoTables() throws {
        var n = try Net()
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, routeTables: [n.vpc.mainRouteTableId],
                    subnets: ["s1"], privateDnsEnabled: false), &c)
        }
        // s3 offers both types; as an interface it still takes no route tables.
        n.f.expectEndpointFailure(.invalidParameterCombination) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "s3", type: Endpoint.interface, routeTables: [n.vpc.mainRouteTableId],
                    subnets: ["s1"], privateDnsEnabled: false), &c)
        }
        let s3 = try n.f.interfaceEndpoint("a", "s3", subnets: ["s1"])
        #expect(s3.type == Endpoint.interface)
        #expect(s3.networkInterfaces.count == 1)
        #expect(try n.f.table(n.vpc.mainRouteTableId).routes.count == 1)
    }

    @Test("private DNS (the default) needs enableDnsHostnames: InvalidParameterValue until the VPC has it")
    func privateDnsNeedsHostnames() throws {
        var n = try Net()
        #expect(!n.vpc.enableDnsHostnames)
        let error = n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(EndpointCreate(vpc: "a", service: "ssm", subnets: ["s1"]), &c)
        }
        #expect(error?.message.contains("enableDnsHostnames") == true)
        n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["s1"], privateDnsEnabled: true),
                &c)
        }
        try n.f.enableDnsHostnames("a")
        let endpoint = try n.f.createEndpoint(EndpointCreate(vpc: "a", service: "ssm", subnets: ["s1"]))
        #expect(endpoint.type == Endpoint.interface, "ssm defaults to interface")
        #expect(endpoint.privateDnsEnabled, "private DNS defaults to on")
    }

    @Test("only one private-DNS endpoint per service per VPC; more without private DNS, or for other services")
    func onePrivateDnsEndpointPerService() throws {
        var n = try Net()
        try n.f.enableDnsHostnames("a")
        let first = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"], privateDns: true)
        let error = n.f.expectEndpointFailure(.invalidParameterValue) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["s2"], privateDnsEnabled: true),
                &c)
        }
        #expect(error?.message.contains(first.endpointId) == true)
        try n.f.interfaceEndpoint("a", "ssm", subnets: ["s2"], privateDns: false)
        try n.f.interfaceEndpoint("a", "ssmmessages", subnets: ["s2"], privateDns: true)
        // Another VPC has its own DNS.
        try n.f.vpc("10.1.0.0/16", name: "b")
        try n.f.enableDnsHostnames("b")
        try n.f.subnet("b", "10.1.1.0/24", name: "sb")
        try n.f.interfaceEndpoint("b", "ssm", subnets: ["sb"], privateDns: true)
        // Once the first is gone, the name is free again.
        try n.f.deleteEndpoint(first.endpointId)
        try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"], privateDns: true)
    }

    @Test("dnsEntries: the regional name, one zonal name per subnet, and the private DNS name when enabled")
    func dnsEntries() throws {
        var n = try Net()
        try n.f.enableDnsHostnames("a")
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1", "s2"], privateDns: true)
        let names = endpoint.dnsEntries.map(\.dnsName)
        #expect(names.count == 4, "\(names)")
        let id = endpoint.endpointId
        let regional = try #require(names.first)
        #expect(regional.hasPrefix(id + "-"))
        #expect(regional.hasSuffix(".ssm.us-east-1.vpce.amazonaws.com"))
        let label = String(try #require(regional.split(separator: ".").first))
        #expect(label.count == id.count + 9, "vpce-<id>-<8 chars>: \(label)")
        #expect(names.contains("\(label)-us-east-1a.ssm.us-east-1.vpce.amazonaws.com"))
        #expect(names.contains("\(label)-us-east-1b.ssm.us-east-1.vpce.amazonaws.com"))
        #expect(names.contains("ssm.us-east-1.amazonaws.com"))
        #expect(endpoint.dnsEntries.allSatisfy { !$0.hostedZoneId.isEmpty })

        // Without private DNS, only the AWS-generated names.
        let plain = try n.f.interfaceEndpoint("a", "logs", subnets: ["s1"])
        let plainNames = plain.dnsEntries.map(\.dnsName)
        #expect(plainNames.count == 2, "\(plainNames)")
        #expect(!plainNames.contains("logs.us-east-1.amazonaws.com"))
        #expect(plainNames.allSatisfy { $0.hasSuffix(".logs.us-east-1.vpce.amazonaws.com") })
        #expect(plainNames.contains { $0.contains("-us-east-1a.logs.") })

        // modify keeps them in step with the subnets.
        let fewer = try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeSubnets: ["s2"]))
        #expect(fewer.dnsEntries.count == 3)
        #expect(!fewer.dnsEntries.contains { $0.dnsName.contains("-us-east-1b.") })
        let more = try n.f.modifyEndpoint(EndpointModify(endpoint: plain.endpointId, addSubnets: ["s2"]))
        #expect(more.dnsEntries.contains { $0.dnsName.contains("-us-east-1b.logs.") })
    }

    @Test("interfaceEndpointsPerVpc: one too many is VpcEndpointLimitExceeded; per VPC; freed by delete")
    func interfaceQuota() throws {
        var n = try Net(quotas: Quotas([.interfaceEndpointsPerVpc: 2]))
        let first = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"])
        try n.f.interfaceEndpoint("a", "logs", subnets: ["s1"])
        let error = n.f.expectEndpointFailure(.vpcEndpointLimitExceeded) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "sts", type: Endpoint.interface, subnets: ["s2"], privateDnsEnabled: false),
                &c)
        }
        #expect(error?.message.contains("interfaceEndpointsPerVpc") == true)
        #expect(try n.f.subnetNow(n.s2.subnetId).availableIpAddressCount == 251)
        // Gateway endpoints are not counted here; another VPC has its own count.
        try n.f.gatewayEndpoint("a", "s3")
        try n.f.vpc("10.1.0.0/16", name: "b")
        try n.f.subnet("b", "10.1.1.0/24", name: "sb")
        try n.f.interfaceEndpoint("b", "sts", subnets: ["sb"])
        try n.f.deleteEndpoint(first.endpointId)
        try n.f.interfaceEndpoint("a", "sts", subnets: ["s2"])
    }

    @Test("a subnet holding an endpoint ENI cannot be deleted; a VPC holding an endpoint cannot be deleted")
    func dependencies() throws {
        var n = try Net()
        let endpoint = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1", "s2"])
        let error = n.f.expectEndpointFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSubnet(SubnetDelete(subnet: "s1"), &c)
        }
        #expect(error?.message.contains(endpoint.endpointId) == true)
        n.f.expectEndpointFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "a"), &c)
        }
        // Removing s2 from the endpoint frees s2 only.
        try n.f.modifyEndpoint(EndpointModify(endpoint: endpoint.endpointId, removeSubnets: ["s2"]))
        try n.f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: "s2"), &c) }
        n.f.expectEndpointFailure(.dependencyViolation) { s, c throws(NetctlError) in
            try s.deleteSubnet(SubnetDelete(subnet: "s1"), &c)
        }
        try n.f.deleteEndpoint(endpoint.endpointId)
        try n.f.run { s, c throws(NetctlError) in try s.deleteSubnet(SubnetDelete(subnet: "s1"), &c) }
        try n.f.run { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "a"), &c) }
        #expect(n.f.state.vpcs[n.vpc.vpcId] == nil)
    }

    @Test("security groups are the VPC's, by ID or by name, as instance.run takes them; an unknown one is refused")
    func securityGroups() throws {
        var n = try Net()
        let group = try n.f.securityGroup("a", "endpoints").groupId
        let endpoint = try n.f.createEndpoint(
            EndpointCreate(
                vpc: "a", service: "ssm", type: Endpoint.interface, subnets: ["s1"],
                securityGroups: [group], privateDnsEnabled: false))
        #expect(endpoint.securityGroupIds == [group])
        let byName = try n.f.createEndpoint(
            EndpointCreate(
                vpc: "a", service: "logs", type: Endpoint.interface, subnets: ["s1"], securityGroups: ["endpoints"],
                privateDnsEnabled: false))
        #expect(byName.securityGroupIds == [group])
        n.f.expectEndpointFailure(.securityGroupNotFound) { s, c throws(NetctlError) in
            try s.createEndpoint(
                EndpointCreate(
                    vpc: "a", service: "ecr.api", type: Endpoint.interface, subnets: ["s1"],
                    securityGroups: ["no-such-group"], privateDnsEnabled: false), &c)
        }
    }

    @Test("endpoints are listed per VPC and per account, and invisible to other accounts")
    func listing() throws {
        var n = try Net()
        try n.f.vpc("10.1.0.0/16", name: "b")
        let inA = try n.f.interfaceEndpoint("a", "ssm", subnets: ["s1"])
        let inB = try n.f.gatewayEndpoint("b", "s3")
        let all = try n.f.state.listEndpoints(EndpointList(), n.f.query())
        #expect(Set(all.endpoints.map(\.endpointId)) == [inA.endpointId, inB.endpointId])
        let onlyA = try n.f.state.listEndpoints(EndpointList(vpc: "a"), n.f.query())
        #expect(onlyA.endpoints.map(\.endpointId) == [inA.endpointId])
        let other = try n.f.state.listEndpoints(EndpointList(), n.f.query(as: otherAccountScope))
        #expect(other.endpoints.isEmpty)
        expectError(.endpointNotFound) { () throws(NetctlError) in
            try n.f.state.endpoint(inA.endpointId, in: otherAccountScope)
        }
        n.f.expectFailure(as: otherAccountScope, .endpointNotFound) { s, c throws(NetctlError) in
            try s.deleteEndpoint(EndpointDelete(endpoint: inA.endpointId), &c)
        }
    }
}
