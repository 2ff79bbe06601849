import ArgumentParser
import NetctlAPI

extension EksFargateProfileCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a Fargate profile: DELETING, then gone (2 minutes).")
        @Argument(help: "Profile name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksFargateProfileDelete(cluster: cluster.cluster, name: name), table: EksView.fargateProfile)
        }
    }
}
