import ArgumentParser
import NetctlAPI

extension EksNodegroupCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a cluster's node groups.")
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksNodegroupList(cluster: cluster.cluster, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { EksView.names("NODEGROUP", $0.nodegroups, $0.nextToken) }
        }
    }
}
