import ArgumentParser
import NetctlAPI

struct SgStaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stale",
        abstract: "A VPC's groups with rules that reference a group across a peering that is gone.")

    @Argument(help: "VPC ID or name.")
    var vpc: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SecurityGroupStale(vpc: vpc)) { response in
            Output.table(
                ["GROUP ID", "NAME", "DIRECTION", "RULE ID", "PROTOCOL", "PORTS", "STALE PEER"],
                response.staleSecurityGroups.flatMap { group in
                    group.staleIngressRules.map { [group.groupId, group.groupName, "inbound"] + SgView.row($0).dropLast() }
                        + group.staleEgressRules.map {
                            [group.groupId, group.groupName, "outbound"] + SgView.row($0).dropLast()
                        }
                })
        }
    }
}
