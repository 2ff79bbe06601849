import ArgumentParser
import NetctlAPI

struct SgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sg", abstract: "Security groups: allow-only, stateful rules for the interfaces that carry them.",
        subcommands: [
            SgCreateCommand.self, SgListCommand.self, SgGetCommand.self, SgDeleteCommand.self, SgAuthorizeCommand.self,
            SgRevokeCommand.self, SgStaleCommand.self,
        ])
}

enum SgView {
    static func table(_ groups: [SecurityGroup]) -> String {
        Output.table(
            ["GROUP ID", "NAME", "VPC ID", "INBOUND", "OUTBOUND", "DESCRIPTION"],
            groups.map { group in
                [
                    group.groupId, group.groupName + (group.isDefault ? " (default)" : ""), group.vpcId,
                    String(group.ingressRules.count), String(group.egressRules.count), group.description,
                ]
            })
    }

    static func details(_ group: SecurityGroup) -> String {
        var text = Output.details([
            ("Group ID", group.groupId), ("Name", group.groupName), ("VPC ID", group.vpcId),
            ("Description", group.description), ("Default", group.isDefault ? "yes" : "no"),
            ("Tags", Output.tags(group.tags)), ("Created", Output.time(group.createdAt)),
        ])
        text += "\n\n" + rules(group)
        return text
    }

    static func rules(_ group: SecurityGroup) -> String {
        let rows =
            group.ingressRules.map { ["inbound"] + row($0) } + group.egressRules.map { ["outbound"] + row($0) }
        return Output.table(["DIRECTION", "RULE ID", "PROTOCOL", "PORTS", "PEER", "DESCRIPTION"], rows)
    }

    static func row(_ rule: SecurityGroupRule) -> [String] {
        [rule.ruleId, rule.protocol == "-1" ? "all" : rule.protocol, ports(rule), peer(rule), rule.description ?? "-"]
    }

    static func ports(_ rule: SecurityGroupRule) -> String {
        switch rule.protocol {
        case "tcp", "udp":
            let (from, to) = (rule.fromPort ?? 0, rule.toPort ?? 65535)
            return from == to ? String(from) : "\(from)-\(to)"
        case "icmp", "icmpv6":
            let type = rule.fromPort ?? -1
            let code = rule.toPort ?? -1
            return type == -1 ? "all" : "type \(type)" + (code == -1 ? "" : " code \(code)")
        default:
            return "all"
        }
    }

    static func peer(_ rule: SecurityGroupRule) -> String {
        rule.cidrIpv4 ?? rule.prefixListId ?? rule.referencedGroupId ?? "-"
    }
}
