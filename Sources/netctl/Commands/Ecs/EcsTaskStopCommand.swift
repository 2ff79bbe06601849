import ArgumentParser
import NetctlAPI

extension EcsTaskCommand {
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
