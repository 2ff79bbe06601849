import ArgumentParser
import NetctlAPI

extension EksClusterCommand {
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
}
