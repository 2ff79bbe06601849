import ArgumentParser
import NetctlAPI

struct ElbRuleCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Add a rule to an ALB listener: conditions, a priority and an action.",
        discussion: "Example: netctl elb rule create LISTENER-ARN --priority 10 --path '/api/*' --forward api")

    @Argument(help: "Listener ARN.")
    var listener: String

    @Option(name: .customLong("priority"), help: ArgumentHelp("1–50000; the lowest goes first.", valueName: "n"))
    var priority: Int

    @Option(name: .customLong("path"), help: ArgumentHelp("A path-pattern value (repeat).", valueName: "pattern"))
    var paths: [String] = []

    @Option(name: .customLong("host"), help: ArgumentHelp("A host-header value (repeat).", valueName: "host"))
    var hosts: [String] = []

    @OptionGroup var action: ElbActionOptions
    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var conditions: [RuleCondition] = []
        if !paths.isEmpty { conditions.append(RuleCondition(field: RuleCondition.pathPattern, values: paths)) }
        if !hosts.isEmpty { conditions.append(RuleCondition(field: RuleCondition.hostHeader, values: hosts)) }
        let request = ElbRuleCreate(listener: listener, priority: priority, conditions: conditions, action: action.action)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.rule)
    }
}
