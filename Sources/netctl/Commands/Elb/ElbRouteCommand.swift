import ArgumentParser
import NetctlAPI

struct ElbRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Where a request would go: listener, rule, target group and the healthy target picked round robin, or why none.",
        discussion: "Example: netctl elb route front --path /api/users --host www.example.com")

    @Argument(help: "Load balancer ARN or name.")
    var loadBalancer: String

    @Option(name: .customLong("port"), help: ArgumentHelp("The listener's port (default: the lowest).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("path"), help: ArgumentHelp("The request's path (default /).", valueName: "path"))
    var path: String?

    @Option(name: .customLong("host"), help: ArgumentHelp("The request's Host header.", valueName: "host"))
    var host: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(
            ElbRoute(loadBalancer: loadBalancer, port: port, path: path, host: host), table: ElbView.route)
    }
}
