import ArgumentParser
import NetctlAPI

struct ElbLoadBalancerCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a load balancer in one subnet per availability zone (provisioning, then active).",
        discussion: """
            An application load balancer needs subnets in two zones; without --security-group it gets its VPC's
            default group. Example: netctl elb load-balancer create front --subnet a --subnet b --security-group alb
            """)

    @Argument(help: "The load balancer's name (1 to 32 letters, digits and hyphens).")
    var name: String

    @Option(name: .customLong("type"), help: ArgumentHelp("application (default) or network.", valueName: "type"))
    var type: String?

    @Option(name: .customLong("scheme"), help: ArgumentHelp("internet-facing (default) or internal.", valueName: "scheme"))
    var scheme: String?

    @Option(name: .customLong("subnet"), help: ArgumentHelp("A subnet (ID or name), one per zone (repeat).", valueName: "subnet"))
    var subnets: [String] = []

    @Option(name: .customLong("security-group"), help: ArgumentHelp("A security group (repeat).", valueName: "sg"))
    var securityGroups: [String] = []

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbLoadBalancerCreate(
            name: name, type: type, scheme: scheme, subnets: subnets,
            securityGroups: securityGroups.isEmpty ? nil : securityGroups)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.loadBalancer)
    }
}
