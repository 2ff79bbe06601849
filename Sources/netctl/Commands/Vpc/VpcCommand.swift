import ArgumentParser
import NetctlAPI

struct VpcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpc", abstract: "Create, list, inspect and delete VPCs.",
        subcommands: [
            VpcCreateCommand.self, VpcListCommand.self, VpcGetCommand.self, VpcDeleteCommand.self,
            VpcAssociateCidrCommand.self, VpcModifyCommand.self,
        ])
}

enum VpcView {
    static func table(_ vpcs: [Vpc]) -> String {
        Output.table(
            ["VPC ID", "NAME", "CIDR BLOCKS", "STATE", "MAIN ROUTE TABLE", "ACCOUNT"],
            vpcs.map {
                [
                    $0.vpcId, $0.name ?? "-", $0.cidrBlocks.joined(separator: ","), $0.state.rawValue,
                    $0.mainRouteTableId, $0.accountId,
                ]
            })
    }

    static func details(_ vpc: Vpc) -> String {
        Output.details([
            ("VPC ID", vpc.vpcId), ("Name", vpc.name ?? "-"), ("CIDR blocks", vpc.cidrBlocks.joined(separator: ", ")),
            ("State", vpc.state.rawValue), ("Main route table", vpc.mainRouteTableId), ("Account", vpc.accountId),
            ("Region", vpc.region), ("DNS support", "\(vpc.enableDnsSupport)"),
            ("DNS hostnames", "\(vpc.enableDnsHostnames)"), ("Tags", Output.tags(vpc.tags)),
            ("Created", Output.time(vpc.createdAt)),
        ])
    }
}
