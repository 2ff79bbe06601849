import ArgumentParser
import NetctlAPI

struct ElbListenerCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a listener with a default action.",
        discussion: "Example: netctl elb listener create front --protocol HTTP --port 80 --forward users")

    @Argument(help: "Load balancer ARN or name.")
    var loadBalancer: String

    @Option(name: .customLong("protocol"), help: ArgumentHelp("HTTP (ALB); TCP, UDP or TCP_UDP (NLB).", valueName: "proto"))
    var proto: String

    @Option(name: .customLong("port"), help: ArgumentHelp("The port it listens on.", valueName: "port"))
    var port: Int

    @OptionGroup var action: ElbActionOptions
    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = ElbListenerCreate(loadBalancer: loadBalancer, protocol: proto, port: port, defaultAction: action.action)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.listener)
    }
}
