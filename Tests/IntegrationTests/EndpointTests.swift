import Foundation
import NetctlAPI
import NetctlClient
import Testing

@Suite("VPC endpoints through the socket and the CLI")
struct EndpointTests {
    func ok(_ arguments: [String], _ daemon: DaemonProcess) throws -> String {
        let result = try runCLI(arguments, socket: daemon.socketPath)
        #expect(result.status == 0, "netctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// The seed's example: instance A in a public subnet reaches S3 through the internet gateway;
    /// instance B in a private subnet reaches S3 and DynamoDB through gateway endpoints and Systems
    /// Manager through an interface endpoint; a peered VPC cannot use the gateway endpoints.
    @Test("the seed's example, and a peered VPC that cannot borrow the gateway endpoint")
    func seedExample() async throws {
        let daemon = try await DaemonProcess.start()
        for command in [
            ["vpc", "create", "app", "--cidr", "10.0.0.0/16"],
            ["vpc", "modify", "app", "--dns-hostnames", "true"],
            ["subnet", "create", "public", "--vpc", "app", "--cidr", "10.0.0.0/24", "--az", "us-east-1a"],
            ["subnet", "create", "private", "--vpc", "app", "--cidr", "10.0.1.0/24", "--az", "us-east-1a"],
            ["gateway", "create", "internet", "gw", "--vpc", "app"],
            ["route-table", "create", "public-rt", "--vpc", "app"],
            ["route", "create", "public-rt", "--destination", "0.0.0.0/0", "--gateway", "gw"],
            ["route-table", "associate", "public-rt", "--subnet", "public"],
            ["route-table", "create", "private-rt", "--vpc", "app"],
            ["route-table", "associate", "private-rt", "--subnet", "private"],
            ["endpoint", "create", "s3-gw", "--vpc", "app", "--service", "s3", "--route-table", "private-rt"],
            ["endpoint", "create", "--vpc", "app", "--service", "dynamodb", "--route-table", "private-rt"],
            ["endpoint", "create", "ssm-if", "--vpc", "app", "--service", "ssm", "--type", "interface", "--subnet", "private"],
        ] {
            _ = try ok(command, daemon)
        }
        let viaInternet = try await daemon.client.send(ReachAnalyze(source: "public", destination: "s3"))
        #expect(viaInternet.reachable)
        #expect(viaInternet.path.map(\.component).contains("internetGateway"))
        for service in ["s3", "dynamodb"] {
            let private_ = try await daemon.client.send(ReachAnalyze(source: "private", destination: service))
            #expect(private_.reachable, "\(service): \(private_.explanations)")
            #expect(private_.path.map(\.component).contains("endpoint"))
            #expect(!private_.path.map(\.component).contains("internetGateway"))
        }
        let ssm = try runCLI(["reach", "private", "ssm"], socket: daemon.socketPath)
        #expect(ssm.status == 0, "\(ssm.stdout)")
        #expect(ssm.stdout.contains("ssm.us-east-1.amazonaws.com resolves to 10.0.1.4"))
        // The interface took the subnet's first free address.
        #expect(try await daemon.client.send(SubnetGet(subnet: "private")).availableIpAddressCount == 250)

        // A peered VPC routing everything over the peering cannot use app's gateway endpoint...
        _ = try ok(["vpc", "create", "peer", "--cidr", "10.9.0.0/16"], daemon)
        _ = try ok(["peer", "create", "peer", "app", "--name", "p-a", "--accept"], daemon)
        _ = try ok(["route", "create", "--vpc", "peer", "--destination", "0.0.0.0/0", "--peering", "p-a"], daemon)
        _ = try ok(["route", "create", "private-rt", "--destination", "10.9.0.0/16", "--peering", "p-a"], daemon)
        let borrowed = try runCLI(["reach", "peer", "s3"], socket: daemon.socketPath)
        #expect(borrowed.status == 4)
        #expect(borrowed.stdout.contains("NO_EDGE_TO_EDGE_ROUTING"))
        // ...but it reaches the interface endpoint's private address across the routed peering, once the
        // endpoint's group (the VPC's default, which admits only its own members) admits the peer.
        let endpoint = try await daemon.client.send(EndpointGet(endpoint: "ssm-if"))
        let eni = try #require(endpoint.networkInterfaces.first)
        let guarded = try await daemon.client.send(ReachAnalyze(source: "peer", destination: eni.networkInterfaceId))
        #expect(guarded.explanations.map(\.code) == [ReachExplanation.securityGroupDeniesIngress])
        let group = try #require(endpoint.securityGroupIds.first)
        _ = try ok(["sg", "authorize", group, "--ingress", "--protocol=-1", "--cidr", "10.9.0.0/16"], daemon)
        let direct = try await daemon.client.send(ReachAnalyze(source: "peer", destination: eni.networkInterfaceId))
        #expect(direct.reachable, "\(direct.explanations)")
        await daemon.terminate()
    }

    @Test("catalog, prefix lists and endpoint rules over the raw socket; state survives a restart")
    func rules() async throws {
        let daemon = try await DaemonProcess.start()
        let client = daemon.client
        let services = try await client.send(EndpointServices())
        #expect(services.serviceNames.contains("com.amazonaws.us-east-1.s3"))
        #expect(services.serviceDetails.first { $0.shortName == "dynamodb" }?.serviceTypes == ["gateway"])
        let lists = try await client.send(PrefixListList())
        #expect(lists.prefixLists.map(\.prefixListName).sorted() == ["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"])
        #expect(lists.prefixLists.allSatisfy { $0.prefixListId.hasPrefix("pl-") && $0.prefixListId.count == 11 })

        let vpc = try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"))
        let a = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a"))
        let b = try await client.send(SubnetCreate(vpc: "a", cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1a"))
        func code(_ body: () async throws -> Any) async -> String? {
            do { _ = try await body() } catch ClientError.rpc(let error) { return error.domainCode } catch { return "\(error)" }
            return nil
        }
        #expect(await code { try await client.send(EndpointCreate(vpc: "a", service: "s4")) } == "InvalidServiceName")
        #expect(
            await code { try await client.send(EndpointCreate(vpc: "a", service: "com.amazonaws.eu-west-1.s3")) }
                == "InvalidServiceName")
        #expect(
            await code {
                try await client.send(
                    EndpointCreate(vpc: "a", service: "ssm", type: "interface", subnets: [a.subnetId, b.subnetId], privateDnsEnabled: false))
            } == "DuplicateSubnetsInSameZone")
        #expect(
            await code { try await client.send(EndpointCreate(vpc: "a", service: "ssm", type: "interface", subnets: [a.subnetId])) }
                == "InvalidParameterValue", "private DNS needs DNS hostnames")
        #expect(
            await code { try await client.send(EndpointCreate(vpc: "a", service: "s3", routeTables: [vpc.mainRouteTableId], policy: "{}")) }
                == "InvalidPolicyDocument")
        let gateway = try await client.send(EndpointCreate(vpc: "a", service: "s3", routeTables: [vpc.mainRouteTableId]))
        let s3List = try #require(lists.prefixLists.first { $0.prefixListName.hasSuffix(".s3") })
        let main = try await client.send(RouteTableGet(routeTable: vpc.mainRouteTableId))
        #expect(main.routes.contains { $0.destinationPrefixListId == s3List.prefixListId && $0.target.id == gateway.endpointId })
        #expect(
            await code {
                try await client.send(RouteDelete(routeTable: vpc.mainRouteTableId, destinationPrefixListId: s3List.prefixListId))
            } == "InvalidParameterValue")
        #expect(await code { try await client.send(VpcDelete(vpc: "a")) } == "DependencyViolation")

        await daemon.terminate()
        try await daemon.start()
        #expect(try await client.send(EndpointList(vpc: "a")).endpoints == [gateway])
        _ = try await client.send(EndpointDelete(endpoint: gateway.endpointId))
        let after = try await client.send(RouteTableGet(routeTable: vpc.mainRouteTableId))
        #expect(!after.routes.contains { $0.destinationPrefixListId != nil })
        await daemon.terminate()
    }
}
