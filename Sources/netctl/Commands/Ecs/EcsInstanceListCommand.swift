import ArgumentParser
import NetctlAPI

extension EcsInstanceCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a cluster's container instances.")
        @OptionGroup var cluster: ClusterOption
        @Option(help: ArgumentHelp("Only instances in this status (ACTIVE, DRAINING).", valueName: "status"))
        var status: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsInstanceList(
                    cluster: cluster.cluster, status: status, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { table($0.instances) + Output.nextPage($0.nextToken) }
        }
    }
}
