import ArgumentParser
import NetctlAPI

struct EksClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "EKS clusters: control planes reaching a VPC through its subnets.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])

    /// `--endpoint-public-access`/`--no-…` and `--endpoint-private-access`/`--no-…`.
    struct EndpointAccessOptions: ParsableArguments {
        @Flag(inversion: .prefixedNo, help: "Reach the Kubernetes API from the internet (default on).")
        var endpointPublicAccess: Bool?
        @Flag(inversion: .prefixedNo, help: "Reach the Kubernetes API from inside the VPC (default off).")
        var endpointPrivateAccess: Bool?
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a cluster: CREATING, ACTIVE after 10 minutes on the daemon's clock.")
        @Argument(help: "Cluster name.")
        var name: String
        @Option(
            name: .customLong("kubernetes-version"),
            help: ArgumentHelp("Kubernetes minor version, e.g. 1.33.", valueName: "version"))
        var version: String
        @Option(
            name: .customLong("subnet"),
            help: ArgumentHelp("A subnet (repeatable): two AZs of one VPC at least.", valueName: "subnet"))
        var subnets: [String] = []
        @Option(
            name: .customLong("security-group"),
            help: ArgumentHelp("A security group ID (repeatable, at most 5).", valueName: "sg"))
        var securityGroups: [String] = []
        @OptionGroup var access: EndpointAccessOptions
        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag KEY=VALUE (repeatable).", valueName: "key=value"))
        var tags: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksClusterCreate(
                    name: name, version: version, subnets: subnets,
                    securityGroups: securityGroups.isEmpty ? nil : securityGroups,
                    endpointPublicAccess: access.endpointPublicAccess,
                    endpointPrivateAccess: access.endpointPrivateAccess,
                    tags: try parseTags(tags)), table: EksView.cluster)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Show a cluster: status, version, endpoint, AZs, control-plane ENIs, node counts.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EksClusterGet(name: name), table: EksView.cluster)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List clusters.")
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EksClusterList(maxResults: page.maxResults, nextToken: page.nextToken))
            {
                EksView.clusters($0.clusters) + Output.nextPage($0.nextToken)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Upgrade one minor version, or change endpoint access: UPDATING, then ACTIVE.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @Option(
            name: .customLong("kubernetes-version"), help: ArgumentHelp("The next minor version.", valueName: "version")
        )
        var version: String?
        @OptionGroup var access: EndpointAccessOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EksClusterUpdate(
                    name: name, version: version, endpointPublicAccess: access.endpointPublicAccess,
                    endpointPrivateAccess: access.endpointPrivateAccess), table: EksView.cluster)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a cluster with no node groups or Fargate profiles left.")
        @Argument(help: "Cluster name or ARN.")
        var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EksClusterDelete(name: name), table: EksView.cluster)
        }
    }
}
