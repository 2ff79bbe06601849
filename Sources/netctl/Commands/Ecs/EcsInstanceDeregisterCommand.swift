import ArgumentParser
import NetctlAPI

extension EcsInstanceCommand {
    struct Deregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deregister", abstract: "Deregister a container instance (--force stops its tasks).")
        @Argument(help: "Container instance ARN or ID.")
        var instance: String
        @OptionGroup var cluster: ClusterOption
        @Flag(help: "Deregister even with tasks on it; they are stopped.")
        var force = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsInstanceDeregister(cluster: cluster.cluster, containerInstance: instance, force: force ? true : nil)
            ) { table([$0]) }
        }
    }
}
