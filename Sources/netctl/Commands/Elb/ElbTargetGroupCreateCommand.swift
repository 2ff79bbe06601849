import ArgumentParser
import NetctlAPI

struct ElbTargetGroupCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a target group with a health check (AWS's defaults for what is not given).",
        discussion: "Example: netctl elb target-group create users --protocol HTTP --port 8080 --vpc app --target-type ip")

    @Argument(help: "The group's name (1 to 32 letters, digits and hyphens).")
    var name: String

    @Option(name: .customLong("protocol"), help: ArgumentHelp("HTTP, HTTPS, TCP, TLS, UDP or TCP_UDP.", valueName: "proto"))
    var proto: String

    @Option(name: .customLong("port"), help: ArgumentHelp("The targets' port.", valueName: "port"))
    var port: Int

    @Option(name: .customLong("vpc"), help: ArgumentHelp("The VPC (ID or name).", valueName: "vpc"))
    var vpc: String

    @Option(name: .customLong("target-type"), help: ArgumentHelp("instance (default) or ip.", valueName: "type"))
    var targetType: String?

    @Option(name: .customLong("health-check-protocol"), help: ArgumentHelp("HTTP, HTTPS or TCP.", valueName: "proto"))
    var healthCheckProtocol: String?

    @Option(name: .customLong("health-check-port"), help: ArgumentHelp("traffic-port (default) or a port.", valueName: "port"))
    var healthCheckPort: String?

    @Option(name: .customLong("health-check-path"), help: ArgumentHelp("Path of HTTP checks (default /).", valueName: "path"))
    var healthCheckPath: String?

    @Option(name: .customLong("interval"), help: ArgumentHelp("Seconds between checks, 5–300 (default 30).", valueName: "s"))
    var interval: Int?

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Check timeout, 2–120 seconds.", valueName: "s"))
    var timeout: Int?

    @Option(name: .customLong("healthy-threshold"), help: ArgumentHelp("Passes to turn healthy, 2–10 (default 5).", valueName: "n"))
    var healthyThreshold: Int?

    @Option(
        name: .customLong("unhealthy-threshold"), help: ArgumentHelp("Failures to turn unhealthy, 2–10 (default 2).", valueName: "n"))
    var unhealthyThreshold: Int?

    @Option(name: .customLong("matcher"), help: ArgumentHelp("HTTP codes that pass (default 200).", valueName: "codes"))
    var matcher: String?

    @Option(
        name: .customLong("deregistration-delay"), help: ArgumentHelp("Seconds targets drain, 0–3600 (default 300).", valueName: "s"))
    var deregistrationDelay: Int?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let check = HealthCheckInput(
            protocol: healthCheckProtocol, port: healthCheckPort, path: healthCheckPath, intervalSeconds: interval,
            timeoutSeconds: timeout, healthyThresholdCount: healthyThreshold, unhealthyThresholdCount: unhealthyThreshold,
            matcher: matcher)
        let request = ElbTargetGroupCreate(
            name: name, protocol: proto, port: port, vpc: vpc, targetType: targetType,
            healthCheck: check == HealthCheckInput() ? nil : check, deregistrationDelaySeconds: deregistrationDelay)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: ElbView.targetGroup)
    }
}
