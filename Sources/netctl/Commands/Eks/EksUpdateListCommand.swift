import ArgumentParser
import NetctlAPI

extension EksUpdateCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the IDs of a cluster's (or a node group's) updates, oldest first.")
        @OptionGroup var cluster: EksClusterOption
        @Option(help: ArgumentHelp("A node group of the cluster.", valueName: "name"))
        var nodegroup: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksUpdateList(
                    cluster: cluster.cluster, nodegroup: nodegroup, maxResults: page.maxResults,
                    nextToken: page.nextToken)
            ) { EksView.names("UPDATE ID", $0.updateIds, $0.nextToken) }
        }
    }
}
