import ArgumentParser
import NetctlAPI

struct EcsTaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Tasks: run, list, show and stop.",
        subcommands: [Run.self, Get.self, List.self, Stop.self])

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

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a task.")
        @Argument(help: "Task ARN or ID.")
        var task: String
        @OptionGroup var cluster: ClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsTaskGet(cluster: cluster.cluster, task: task), table: EcsView.task)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a cluster's tasks.")
        @OptionGroup var cluster: ClusterOption
        @Option(help: ArgumentHelp("Only this service's tasks.", valueName: "service"))
        var service: String?
        @Option(
            name: .customLong("desired-status"),
            help: ArgumentHelp("RUNNING (default), PENDING or STOPPED.", valueName: "status"))
        var desiredStatus: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsTaskList(
                    cluster: cluster.cluster, service: service, desiredStatus: desiredStatus,
                    maxResults: page.maxResults,
                    nextToken: page.nextToken)
            ) { EcsView.tasks($0.tasks) + Output.nextPage($0.nextToken) }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop", abstract: "Stop a task (its service replaces it).")
        @Argument(help: "Task ARN or ID.")
        var task: String
        @OptionGroup var cluster: ClusterOption
        @Option(help: ArgumentHelp("Why, shown as its stoppedReason.", valueName: "text"))
        var reason: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsTaskStop(cluster: cluster.cluster, task: task, reason: reason), table: EcsView.task)
        }
    }
}
