import ArgumentParser
import NetctlAPI

struct SgAuthorizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorize", abstract: "Add an inbound or outbound rule to a security group.",
        discussion: """
            Examples:
              netctl sg authorize web --ingress --protocol tcp --port 443 --cidr 0.0.0.0/0
              netctl sg authorize db --ingress --protocol tcp --port 5432 --source-group web
              netctl sg authorize app --egress --protocol tcp --port 443 --prefix-list pl-63a5400a
            An identical rule is refused with InvalidPermission.Duplicate.
            """)

    @Argument(help: "Group ID (sg-…) or name.")
    var group: String

    @OptionGroup var rule: SgRuleOptions
    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard let permission = try rule.rule() else {
            throw ValidationError("give a rule: --protocol, --port and one of --cidr, --source-group, --prefix-list")
        }
        let runner = Runner(global: global)
        switch rule.direction {
        case .ingress:
            try await runner.run(
                SecurityGroupAuthorizeIngress(group: group, rules: [permission]), clientToken: mutation.clientToken,
                table: SgView.details)
        case .egress:
            try await runner.run(
                SecurityGroupAuthorizeEgress(group: group, rules: [permission]), clientToken: mutation.clientToken,
                table: SgView.details)
        }
    }
}
