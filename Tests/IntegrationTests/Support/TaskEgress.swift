import Foundation
import NetctlAPI
import NetctlClient

/// The network ECS tasks need to pull from Docker Hub, as on AWS: the VPC's main route table sends
/// 0.0.0.0/0 to a NAT gateway in a public subnet (`publicCidr`), whose own table routes to an internet
/// gateway. Subnets left on the main table are private subnets with a way out.
enum TaskEgress {
    static func natGateway(_ client: NetctlClient, vpc: String, publicCidr: String, zone: String = "us-east-1a")
        async throws
    {
        let main = try await client.send(VpcGet(vpc: vpc)).mainRouteTableId
        let gateway = try await client.send(GatewayCreate(vpc: vpc))
        let publicSubnet = try await client.send(
            SubnetCreate(vpc: vpc, cidrBlock: publicCidr, availabilityZone: zone, name: "egress"))
        let publicTable = try await client.send(RouteTableCreate(vpc: vpc, name: "egress"))
        _ = try await client.send(
            RouteCreate(
                routeTable: publicTable.routeTableId, destinationCidrBlock: "0.0.0.0/0",
                gateway: gateway.internetGatewayId))
        _ = try await client.send(
            RouteTableAssociate(routeTable: publicTable.routeTableId, subnet: publicSubnet.subnetId))
        let nat = try await client.send(NatGatewayCreate(subnet: publicSubnet.subnetId))
        _ = try await client.send(
            RouteCreate(routeTable: main, destinationCidrBlock: "0.0.0.0/0", natGateway: nat.natGatewayId))
    }
}
