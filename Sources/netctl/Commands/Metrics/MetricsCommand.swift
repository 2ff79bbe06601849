import ArgumentParser

struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "CloudWatch-style metrics: netctl's (Netctl/VPC, Netctl/RPC) and yours.",
        subcommands: [MetricsListCommand.self, MetricsGetCommand.self, MetricsPutCommand.self])
}
