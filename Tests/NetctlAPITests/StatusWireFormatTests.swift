import Foundation
import NetctlAPI
import Testing

/// Golden JSON for the status enums: each case is written as exactly the string the field held before
/// it was an enum, and those strings (as stored rows hold them) decode back to the same case.
@Suite("Wire format of status enums (golden JSON)")
struct StatusWireFormatTests {
    let created = Date(timeIntervalSince1970: 1_764_091_474.123)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    /// Every case encodes as its old string, the list is complete, and the old strings decode.
    func expectStrings<E: Codable & Equatable & CaseIterable & RawRepresentable<String>>(
        _ type: E.Type, _ strings: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(E.allCases.map(\.rawValue) == strings, sourceLocation: sourceLocation)
        for value in E.allCases {
            #expect(try json([value]) == "[\"\(value.rawValue)\"]", sourceLocation: sourceLocation)
        }
        for string in strings {
            let decoded = try NetctlJSON.decoder.decode([E].self, from: Data("[\"\(string)\"]".utf8))
            #expect(decoded.map(\.rawValue) == [string], sourceLocation: sourceLocation)
        }
        #expect(throws: DecodingError.self, "an unknown string is refused", sourceLocation: sourceLocation) {
            try NetctlJSON.decoder.decode([E].self, from: Data(#"["no-such-status"]"#.utf8))
        }
    }

    @Test("VpcState and SubnetState are the strings VPCs and subnets always had")
    func vpcAndSubnetStates() throws {
        try expectStrings(VpcState.self, ["available", "deleted"])
        try expectStrings(SubnetState.self, ["available", "deleted"])
        var vpc = Vpc(
            vpcId: "vpc-0a1b2c3d4e5f67890", name: nil, accountId: "000000000000", region: "us-east-1",
            cidrBlocks: ["10.0.0.0/16"], mainRouteTableId: "rtb-0123456789abcdef0", tags: [:], createdAt: created)
        #expect(try json(vpc).contains(#","state":"available","#))
        vpc.state = .deleted
        #expect(try json(vpc).contains(#","state":"deleted","#))
        var subnet = Subnet(
            subnetId: "subnet-0123456789abcdef0", vpcId: "vpc-0a1b2c3d4e5f67890", name: nil, accountId: "000000000000",
            region: "us-east-1", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", availableIpAddressCount: 251,
            tags: [:], createdAt: created)
        #expect(try json(subnet).contains(#","state":"available","#))
        subnet.state = .deleted
        #expect(try json(subnet).contains(#","state":"deleted","#))
    }

    @Test("RouteState is the strings routes always had")
    func routeStates() throws {
        try expectStrings(RouteState.self, ["active", "blackhole"])
        let route = Route(
            destinationCidrBlock: "10.1.0.0/16", target: RouteTarget(type: "pcx", id: "pcx-0123456789abcdef0"),
            state: .blackhole, origin: "CreateRoute")
        #expect(
            try json(route)
                == #"{"destinationCidrBlock":"10.1.0.0/16","origin":"CreateRoute","state":"blackhole","target":{"id":"pcx-0123456789abcdef0","type":"pcx"}}"#
        )
        #expect(try NetctlJSON.decoder.decode(Route.self, from: NetctlJSON.encoder.encode(route)) == route)
    }

    @Test("gateway and endpoint states are the strings they always had")
    func gatewayAndEndpointStates() throws {
        try expectStrings(InternetGatewayState.self, ["attached", "detached", "deleted"])
        try expectStrings(NatGatewayState.self, ["available", "deleting", "deleted"])
        try expectStrings(EndpointState.self, ["available", "deleted"])
        let igw = InternetGateway(
            internetGatewayId: "igw-1", vpcId: nil, accountId: "000000000000", region: "us-east-1", state: .detached,
            tags: [:], createdAt: created)
        #expect(
            try json(igw)
                == #"{"accountId":"000000000000","createdAt":"2025-11-25T17:24:34.123Z","internetGatewayId":"igw-1","region":"us-east-1","state":"detached","tags":{}}"#
        )
        let nat = NatGateway(
            natGatewayId: "nat-1", subnetId: "subnet-1", vpcId: "vpc-1", accountId: "000000000000", region: "us-east-1",
            state: .available, connectivityType: "public", networkInterfaceId: "eni-1", privateIpAddress: "10.0.1.4",
            tags: [:], createdAt: created)
        #expect(
            try json(nat)
                == #"{"accountId":"000000000000","connectivityType":"public","createdAt":"2025-11-25T17:24:34.123Z","natGatewayId":"nat-1","networkInterfaceId":"eni-1","privateIpAddress":"10.0.1.4","region":"us-east-1","state":"available","subnetId":"subnet-1","tags":{},"vpcId":"vpc-1"}"#
        )
        let endpoint = Endpoint(
            endpointId: "vpce-1", type: "gateway", serviceName: "com.amazonaws.us-east-1.s3", vpcId: "vpc-1",
            accountId: "000000000000", region: "us-east-1", state: .deleted, routeTableIds: [], subnetIds: [],
            networkInterfaces: [], dnsEntries: [], privateDnsEnabled: false, securityGroupIds: [], policy: "{}",
            tags: [:], createdAt: created)
        #expect(try json(endpoint).contains(#","state":"deleted","#))
        #expect(try NetctlJSON.decoder.decode(Endpoint.self, from: NetctlJSON.encoder.encode(endpoint)) == endpoint)
    }

    @Test("a stored VPC row written before the enum decodes to the same VPC")
    func storedVpcRow() throws {
        let body =
            #"{"accountId":"000000000000","cidrBlocks":["10.0.0.0/16"],"createdAt":"2025-11-25T17:24:34.123Z","enableDnsHostnames":false,"enableDnsSupport":true,"mainRouteTableId":"rtb-0123456789abcdef0","name":"a","region":"us-east-1","state":"available","tags":{"Name":"a"},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        let vpc = try NetctlJSON.decoder.decode(Vpc.self, from: Data(body.utf8))
        #expect(vpc.state == .available)
        #expect(try json(vpc) == body)
    }
}
