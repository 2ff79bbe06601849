import ArgumentParser
import NetctlAPI

extension EksNodegroupCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a node group; its nodes launch when it becomes ACTIVE (4 minutes)."
        )
        @Argument(help: "Node group name.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @Option(
            name: .customLong("subnet"),
            help: ArgumentHelp("One of the cluster's subnets (repeatable).", valueName: "subnet"))
        var subnets: [String] = []
        @Option(name: .customLong("min-size"), help: ArgumentHelp("Fewest nodes (0 or more).", valueName: "n"))
        var minSize: Int
        @Option(name: .customLong("desired-size"), help: ArgumentHelp("Nodes to keep.", valueName: "n"))
        var desiredSize: Int
        @Option(name: .customLong("max-size"), help: ArgumentHelp("Most nodes (1 to 450).", valueName: "n"))
        var maxSize: Int
        @Option(
            name: .customLong("instance-type"),
            help: ArgumentHelp("An EC2 instance type (repeatable, default t3.medium).", valueName: "type"))
        var instanceTypes: [String] = []
        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
        var tags: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksNodegroupCreate(
                    cluster: cluster.cluster, name: name, subnets: subnets,
                    scalingConfig: EksScalingConfig(minSize: minSize, desiredSize: desiredSize, maxSize: maxSize),
                    instanceTypes: instanceTypes.isEmpty ? nil : instanceTypes, tags: try parseTags(tags)),
                table: EksView.nodegroup)
        }
    }
}
