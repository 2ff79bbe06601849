import ArgumentParser
import NetctlAPI

extension EcsServiceCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a cluster's services.")
        @OptionGroup var cluster: ClusterOption
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceList(cluster: cluster.cluster, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { EcsView.services($0.services) + Output.nextPage($0.nextToken) }
        }
    }
}
