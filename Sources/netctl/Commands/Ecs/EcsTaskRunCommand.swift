import ArgumentParser
import NetctlAPI

extension EcsTaskCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Start tasks outside any service.")
        @OptionGroup var cluster: ClusterOption
        @Option(
            name: .customLong("task-definition"), help: ArgumentHelp("family, family:revision or ARN.", valueName: "td")
        )
        var taskDefinition: String
        @Option(help: ArgumentHelp("How many (1 to 10, default 1).", valueName: "n"))
        var count: Int?
        @Option(name: .customLong("launch-type"), help: ArgumentHelp("FARGATE (default) or EC2.", valueName: "type"))
        var launchType: String?
        @Option(
            name: .customLong("subnet"),
            help: ArgumentHelp("A subnet for awsvpc tasks (repeatable).", valueName: "subnet"))
        var subnets: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsTaskRun(
                    cluster: cluster.cluster, taskDefinition: taskDefinition, count: count, launchType: launchType,
                    subnets: subnets.isEmpty ? nil : subnets)
            ) { response in
                EcsView.tasks(response.tasks)
                    + response.failures.map { "\nfailed to place a task: \($0.reason)" }.joined()
            }
        }
    }
}
