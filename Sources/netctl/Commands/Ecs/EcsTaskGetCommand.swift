import ArgumentParser
import NetctlAPI

extension EcsTaskCommand {
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
}
