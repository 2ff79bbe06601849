import ArgumentParser
import NetctlAPI

extension EcsTaskCommand {
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
}
