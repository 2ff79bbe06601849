import ArgumentParser
import NetctlAPI

struct NaclCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nacl", abstract: "Create, inspect, fill, associate and delete network ACLs.",
        subcommands: [
            NaclCreateCommand.self, NaclListCommand.self, NaclGetCommand.self, NaclEntryCommand.self,
            NaclAssociateCommand.self, NaclDeleteCommand.self,
        ])
}

enum NaclView {
    static func table(_ acls: [NetworkAcl]) -> String {
        Output.table(
            ["NETWORK ACL ID", "NAME", "VPC ID", "DEFAULT", "SUBNETS", "ENTRIES"],
            acls.map {
                [
                    $0.networkAclId, $0.name ?? "-", $0.vpcId, $0.isDefault ? "yes" : "no",
                    $0.associations.isEmpty ? "-" : $0.associations.map(\.subnetId).joined(separator: ","),
                    "\($0.entries.count)",
                ]
            })
    }

    static func details(_ acl: NetworkAcl) -> String {
        let header = Output.details([
            ("Network ACL ID", acl.networkAclId), ("Name", acl.name ?? "-"), ("VPC ID", acl.vpcId),
            ("Default", acl.isDefault ? "yes" : "no"),
            (
                "Associations",
                acl.associations.isEmpty
                    ? "-" : acl.associations.map { "\($0.subnetId) (\($0.associationId))" }.joined(separator: ", ")
            ),
            ("Tags", Output.tags(acl.tags)),
        ])
        return header + "\n\n" + entries(acl.entries)
    }

    /// Ingress first, as the console shows them; the final deny as `*`.
    static func entries(_ entries: [NetworkAclEntry]) -> String {
        let ordered = entries.filter { !$0.egress } + entries.filter(\.egress)
        return Output.table(
            ["DIRECTION", "RULE", "PROTOCOL", "PORTS", "CIDR", "ACTION"],
            ordered.map {
                [
                    $0.egress ? "egress" : "ingress", $0.ruleNumber == 32767 ? "*" : "\($0.ruleNumber)",
                    protocolName($0.protocol), ports($0), $0.cidrBlock, $0.ruleAction.rawValue,
                ]
            })
    }

    static func protocolName(_ number: String) -> String {
        switch number {
        case "-1": "all"
        case "6": "tcp"
        case "17": "udp"
        case "1": "icmp"
        default: number
        }
    }

    static func ports(_ entry: NetworkAclEntry) -> String {
        if let from = entry.fromPort, let to = entry.toPort { return from == to ? "\(from)" : "\(from)-\(to)" }
        if let type = entry.icmpType {
            guard type != -1 else { return "all types" }
            let code = entry.icmpCode ?? -1
            return "type \(type) code \(code == -1 ? "all" : String(code))"
        }
        return "all"
    }
}
