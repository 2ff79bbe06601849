import ArgumentParser
import NetctlAPI

extension EksNodegroupCommand {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Scale a node group, or upgrade it to the cluster's version.")
        @Argument(help: "Node group name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @Option(name: .customLong("min-size"), help: ArgumentHelp("New minSize.", valueName: "n"))
        var minSize: Int?
        @Option(name: .customLong("desired-size"), help: ArgumentHelp("New desiredSize.", valueName: "n"))
        var desiredSize: Int?
        @Option(name: .customLong("max-size"), help: ArgumentHelp("New maxSize.", valueName: "n"))
        var maxSize: Int?
        @Option(
            name: .customLong("kubernetes-version"),
            help: ArgumentHelp("The cluster's version: replaces every node.", valueName: "version"))
        var version: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let scaling =
                minSize == nil && desiredSize == nil && maxSize == nil
                ? nil : EksScalingConfigUpdate(minSize: minSize, desiredSize: desiredSize, maxSize: maxSize)
            try await Runner(global: global).run(
                EksNodegroupUpdate(cluster: cluster.cluster, name: name, scalingConfig: scaling, version: version),
                table: EksView.nodegroup)
        }
    }
}
