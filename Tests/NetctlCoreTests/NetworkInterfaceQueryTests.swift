import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// `networkInterface.get|list`: the interfaces NAT gateways, endpoints, tasks and nodes hold.
@Suite("Network interface queries")
struct NetworkInterfaceQueryTests {
    @Test("listed by VPC, subnet and EC2 filters; another account's are invisible; an unknown ID is not found")
    func listAndGet() throws {
        var f = Fixture()
        try f.vpc("10.0.0.0/16", name: "a")
        let s1 = try f.subnet("a", "10.0.1.0/24", zone: "us-east-1a", name: "s1")
        let s2 = try f.subnet("a", "10.0.2.0/24", zone: "us-east-1b", name: "s2")
        try f.vpc("10.1.0.0/16", name: "b")
        try f.subnet("b", "10.1.1.0/24", zone: "us-east-1a", name: "b1")
        let nat = try f.natGateway("s1")
        let endpoint = try f.interfaceEndpoint("a", "logs", subnets: ["s1", "s2"])
        let other = try f.natGateway("b1")
        try f.vpc("10.0.0.0/16", name: "x", as: otherAccountScope)
        try f.run(as: otherAccountScope) { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: "x", cidrBlock: "10.0.1.0/24", name: "x1"), &c)
        }
        try f.run(as: otherAccountScope) { s, c throws(NetctlError) in try s.createNatGateway(NatGatewayCreate(subnet: "x1"), &c) }

        func ids(_ request: NetworkInterfaceList) throws(NetctlError) -> Set<String> {
            Set(try f.state.listNetworkInterfaces(request, f.query()).networkInterfaces.map(\.networkInterfaceId))
        }
        let endpointIds = Set(endpoint.networkInterfaces.map(\.networkInterfaceId))
        #expect(try ids(NetworkInterfaceList()) == endpointIds.union([nat.networkInterfaceId, other.networkInterfaceId]))
        #expect(try ids(NetworkInterfaceList(vpc: "a")) == endpointIds.union([nat.networkInterfaceId]))
        #expect(try ids(NetworkInterfaceList(subnet: "s2")).count == 1)
        #expect(try ids(NetworkInterfaceList(vpc: "b", subnet: "s1")).isEmpty, "a subnet outside the VPC has none of its")
        #expect(try ids(NetworkInterfaceList(filters: [Filter(name: "interface-type", values: ["vpc_endpoint"])])) == endpointIds)
        #expect(
            try ids(
                NetworkInterfaceList(filters: [
                    Filter(name: "subnet-id", values: [s1.subnetId]), Filter(name: "description", values: ["*NAT*"]),
                ])) == [nat.networkInterfaceId])
        #expect(try ids(NetworkInterfaceList(filters: [Filter(name: "availability-zone", values: [s2.availabilityZone])])).count == 1)
        #expect(try ids(NetworkInterfaceList(filters: [Filter(name: "requester-managed", values: ["false"])])).isEmpty)
        #expect(try ids(NetworkInterfaceList(filters: [Filter(name: "tag:Name", values: ["*"])])).isEmpty)
        let page = try f.state.listNetworkInterfaces(NetworkInterfaceList(maxResults: 5), f.query())
        #expect(page.networkInterfaces.count == 4 && page.nextToken == nil)

        let eni = try f.state.networkInterface(nat.networkInterfaceId, in: testScope)
        #expect(eni.privateIpAddress == nat.privateIpAddress)
        expectError(.networkInterfaceNotFound) { () throws(NetctlError) in
            try f.state.networkInterface(nat.networkInterfaceId, in: otherAccountScope)
        }
        expectError(.networkInterfaceNotFound) { () throws(NetctlError) in
            try f.state.networkInterface("eni-0123456789abcdef0", in: testScope)
        }
        expectError(.invalidParameterValue) { () throws(NetctlError) in
            try ids(NetworkInterfaceList(filters: [Filter(name: "mac-address", values: ["x"])]))
        }
    }

    @Test(
        "requester-managed: services' own interfaces are, instances' and EKS nodes' are not",
        arguments: [
            ("nat_gateway", "nat-0123456789abcdef0", true),
            ("vpc_endpoint", "vpce-0123456789abcdef0", true),
            ("ecs_task", "arn:aws:ecs:us-east-1:111122223333:task/web/0123456789abcdef0123456789abcdef", true),
            ("eks_control_plane", "arn:aws:eks:us-east-1:111122223333:cluster/prod", true),
            ("instance", "arn:aws:ecs:us-east-1:111122223333:container-instance/web/0123456789abcdef", false),
            ("eks_node", "arn:aws:eks:us-east-1:111122223333:nodegroup/prod/ng/0123", false),
            ("instance", "i-0123456789abcdef0", false),
        ])
    func requesterManaged(type: String, owner: String, managed: Bool) {
        let interface = NetworkInterface(
            networkInterfaceId: "eni-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0",
            vpcId: "vpc-0123456789abcdef0", accountId: testScope.accountId, region: testScope.region,
            availabilityZone: "us-east-1a", privateIpAddress: "10.0.1.4", interfaceType: type, description: "",
            attachedTo: owner, createdAt: testEpoch)
        #expect(interface.isRequesterManaged == managed)
    }

    @Test(
        "a row stored with EC2's `interface` reads as its owner's kind; EC2's wire gets `interface` back",
        arguments: [
            ("arn:aws:ecs:us-east-1:111122223333:task/web/0123456789abcdef0123456789abcdef", "ecs_task"),
            ("arn:aws:eks:us-east-1:111122223333:cluster/prod", "eks_control_plane"),
            ("arn:aws:eks:us-east-1:111122223333:nodegroup/prod/ng/0123", "eks_node"),
            ("arn:aws:ecs:us-east-1:111122223333:container-instance/web/0123456789abcdef", "instance"),
        ])
    func legacyInterfaceType(owner: String, kind: String) throws {
        let row = """
            {"networkInterfaceId":"eni-0123456789abcdef0","subnetId":"subnet-1","vpcId":"vpc-1",\
            "accountId":"111122223333","region":"us-east-1","availabilityZone":"us-east-1a",\
            "privateIpAddress":"10.0.1.4","interfaceType":"interface","description":"",\
            "attachedTo":"\(owner)","status":"in-use","createdAt":"2025-11-25T17:24:34.123Z"}
            """
        let interface = try NetctlJSON.decoder.decode(NetworkInterface.self, from: Data(row.utf8))
        #expect(interface.interfaceType == kind)
        #expect(interface.awsInterfaceType == "interface")
        #expect(interface.securityGroupIds.isEmpty && interface.sourceDestCheck && interface.attachment == nil)
    }
}
