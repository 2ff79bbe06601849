import ArgumentParser
import NetctlAPI

struct SgRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Remove a rule from a security group, by its fields or its ID.",
        discussion: """
            Examples:
              netctl sg revoke web --ingress --protocol tcp --port 443 --cidr 0.0.0.0/0
              netctl sg revoke web --egress --rule-id sgr-0123456789abcdef0
            A rule that does not exist is refused with InvalidPermission.NotFound and nothing is revoked.
            """)

    @Argument(help: "Group ID (sg-…) or name.")
    var group: String

    @OptionGroup var rule: SgRuleOptions

    @Option(name: .customLong("rule-id"), help: ArgumentHelp("A rule ID (sgr-…) to revoke (repeatable).", valueName: "sgr"))
    var ruleIds: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let permission = try rule.rule()
        guard permission != nil || !ruleIds.isEmpty else {
            throw ValidationError("give a rule (--protocol, --port, a peer) or --rule-id")
        }
        let rules = permission.map { [$0] }
        let ids = ruleIds.isEmpty ? nil : ruleIds
        let runner = Runner(global: global)
        switch rule.direction {
        case .ingress:
            try await runner.run(
                SecurityGroupRevokeIngress(group: group, rules: rules, ruleIds: ids), clientToken: mutation.clientToken,
                table: SgView.details)
        case .egress:
            try await runner.run(
                SecurityGroupRevokeEgress(group: group, rules: rules, ruleIds: ids), clientToken: mutation.clientToken,
                table: SgView.details)
        }
    }
}
