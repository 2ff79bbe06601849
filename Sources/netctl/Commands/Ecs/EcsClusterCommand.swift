import ArgumentParser
import NetctlAPI

struct EcsClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "ECS clusters.",
        subcommands: [Create.self, Get.self, List.self, Delete.self])

    static func table(_ clusters: [EcsCluster]) -> String {
        Output.table(
            ["CLUSTER", "STATUS", "INSTANCES", "SERVICES", "RUNNING TASKS", "PENDING TASKS"],
            clusters.map {
                [
                    $0.clusterName, $0.status, "\($0.registeredContainerInstancesCount)", "\($0.activeServicesCount)",
                    "\($0.runningTasksCount)", "\($0.pendingTasksCount)",
                ]
            })
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a cluster.")
        @Argument(help: "Cluster name (default: default).")
        var name: String?
        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
        var tags: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterCreate(name: name, tags: try parseTags(tags))) {
                table([$0])
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a cluster and its counts.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterGet(name: name)) { table([$0]) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List clusters.")
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterList(maxResults: page.maxResults, nextToken: page.nextToken))
            {
                table($0.clusters) + Output.nextPage($0.nextToken)
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a cluster with no services, tasks or instances left.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsClusterDelete(name: name)) { table([$0]) }
        }
    }
}
