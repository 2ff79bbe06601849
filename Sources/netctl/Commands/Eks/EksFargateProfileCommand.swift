import ArgumentParser
import NetctlAPI

struct EksFargateProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fargate-profile",
        abstract: "Fargate profiles: which pods run on Fargate, in which private subnets.",
        subcommands: [Create.self, Get.self, List.self, Delete.self])

    /// `NAMESPACE[,KEY=VALUE...]`.
    static func selector(_ text: String) throws -> FargateSelector {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let namespace = parts.first, !namespace.isEmpty, !namespace.contains("=") else {
            throw ValidationError("--selector '\(text)' must be NAMESPACE[,KEY=VALUE...]")
        }
        var labels: [String: String] = [:]
        for pair in parts.dropFirst() {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--selector '\(text)': label '\(pair)' must be KEY=VALUE")
            }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return FargateSelector(namespace: namespace, labels: labels.isEmpty ? nil : labels)
    }

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
