import ArgumentParser
import NetctlAPI

struct SubnetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subnet", abstract: "Create, list, inspect and delete subnets.",
        subcommands: [SubnetCreateCommand.self, SubnetListCommand.self, SubnetGetCommand.self, SubnetDeleteCommand.self])
}

enum SubnetView {
    static func table(_ subnets: [Subnet]) -> String {
        Output.table(
            ["SUBNET ID", "NAME", "VPC ID", "CIDR BLOCK", "ZONE", "FREE IPS"],
            subnets.map {
                [$0.subnetId, $0.name ?? "-", $0.vpcId, $0.cidrBlock, $0.availabilityZone, "\($0.availableIpAddressCount)"]
            })
    }

    static func details(_ subnet: Subnet) -> String {
        Output.details([
            ("Subnet ID", subnet.subnetId), ("Name", subnet.name ?? "-"), ("VPC ID", subnet.vpcId),
            ("CIDR block", subnet.cidrBlock), ("Availability zone", subnet.availabilityZone),
            ("Available IPs", "\(subnet.availableIpAddressCount)"), ("State", subnet.state.rawValue),
            ("Network ACL", subnet.networkAclId ?? "-"),
            ("Tags", Output.tags(subnet.tags)), ("Created", Output.time(subnet.createdAt)),
        ])
    }
}
