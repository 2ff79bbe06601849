import ArgumentParser
import NetctlAPI

extension EksFargateProfileCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a Fargate profile (immutable): CREATING, then ACTIVE.")
        @Argument(help: "Profile name.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @Option(
            name: .customLong("subnet"),
            help: ArgumentHelp("A private subnet of the cluster's VPC (repeatable).", valueName: "subnet"))
        var subnets: [String] = []
        @Option(
            name: .customLong("selector"),
            help: ArgumentHelp("Pods to run: NAMESPACE[,KEY=VALUE...] (repeatable, 1 to 5).", valueName: "selector"))
        var selectors: [String] = []
        @Option(
            name: .customLong("pod-execution-role-arn"),
            help: ArgumentHelp("The pods' execution role.", valueName: "arn"))
        var podExecutionRoleArn: String?
        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
        var tags: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksFargateProfileCreate(
                    cluster: cluster.cluster, name: name, subnets: subnets,
                    selectors: try selectors.map(EksFargateProfileCommand.selector),
                    podExecutionRoleArn: podExecutionRoleArn, tags: try parseTags(tags)), table: EksView.fargateProfile)
        }
    }
}
