import ArgumentParser
import NetctlAPI

extension EksFargateProfileCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a cluster's Fargate profiles.")
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksFargateProfileList(cluster: cluster.cluster, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { EksView.names("FARGATE PROFILE", $0.fargateProfiles, $0.nextToken) }
        }
    }
}
