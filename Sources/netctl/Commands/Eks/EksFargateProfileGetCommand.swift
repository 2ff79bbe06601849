import ArgumentParser
import NetctlAPI

extension EksFargateProfileCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a Fargate profile.")
        @Argument(help: "Profile name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksFargateProfileGet(cluster: cluster.cluster, name: name), table: EksView.fargateProfile)
        }
    }
}
