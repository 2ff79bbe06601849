import ArgumentParser
import NetctlAPI

struct EksNodegroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodegroup", abstract: "Managed node groups: nodes with addresses in the cluster's subnets.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])

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

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show a node group and its nodes: instance, address, subnet, AZ, ENI.")
        @Argument(help: "Node group name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksNodegroupGet(cluster: cluster.cluster, name: name), table: EksView.nodegroup)
        }
    }

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

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a node group: its nodes terminate and give their addresses back.")
        @Argument(help: "Node group name or ARN.")
        var name: String
        @OptionGroup var cluster: EksClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksNodegroupDelete(cluster: cluster.cluster, name: name), table: EksView.nodegroup)
        }
    }
}
