import ArgumentParser
import NetctlAPI

struct EcsServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Services: keep a number of tasks running, with rolling deployments.",
        subcommands: [Create.self, Get.self, List.self, Update.self, Delete.self])

    /// `--min-healthy-percent`, `--max-percent`, `--circuit-breaker`, `--rollback`.
    struct DeploymentOptions: ParsableArguments {
        @Option(
            name: .customLong("min-healthy-percent"),
            help: ArgumentHelp("minimumHealthyPercent (default 100).", valueName: "percent"))
        var minimumHealthyPercent: Int?
        @Option(
            name: .customLong("max-percent"), help: ArgumentHelp("maximumPercent (default 200).", valueName: "percent"))
        var maximumPercent: Int?
        @Flag(name: .customLong("circuit-breaker"), help: "Fail a deployment whose tasks keep failing to start.")
        var circuitBreaker = false
        @Flag(help: "With --circuit-breaker, roll back to the last completed deployment when it trips.")
        var rollback = false

        var configuration: DeploymentConfiguration? {
            guard minimumHealthyPercent != nil || maximumPercent != nil || circuitBreaker else { return nil }
            return DeploymentConfiguration(
                minimumHealthyPercent: minimumHealthyPercent, maximumPercent: maximumPercent,
                deploymentCircuitBreaker: circuitBreaker
                    ? DeploymentCircuitBreaker(enable: true, rollback: rollback) : nil)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a service that keeps --desired-count tasks running.")
        @Argument(help: "Service name.")
        var name: String
        @OptionGroup var cluster: ClusterOption
        @Option(
            name: .customLong("task-definition"), help: ArgumentHelp("family, family:revision or ARN.", valueName: "td")
        )
        var taskDefinition: String
        @Option(name: .customLong("desired-count"), help: ArgumentHelp("Tasks to keep running.", valueName: "n"))
        var desiredCount: Int
        @Option(name: .customLong("launch-type"), help: ArgumentHelp("FARGATE (default) or EC2.", valueName: "type"))
        var launchType: String?
        @Option(
            name: .customLong("subnet"),
            help: ArgumentHelp("A subnet for awsvpc tasks (repeatable).", valueName: "subnet"))
        var subnets: [String] = []
        @Option(
            help: ArgumentHelp(
                "Register the tasks in this service-discovery namespace (name or ID).", valueName: "namespace"))
        var namespace: String?
        @Option(
            name: .customLong("discovery-name"),
            help: ArgumentHelp("The name under the namespace (default: the service name).", valueName: "name"))
        var discoveryName: String?
        @OptionGroup var deployment: DeploymentOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceCreate(
                    cluster: cluster.cluster, name: name, taskDefinition: taskDefinition, desiredCount: desiredCount,
                    launchType: launchType, subnets: subnets.isEmpty ? nil : subnets,
                    serviceRegistry: namespace.map { ServiceRegistry(namespace: $0, name: discoveryName ?? name) },
                    deploymentConfiguration: deployment.configuration), table: EcsView.service)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show a service: counts, deployments and the latest events.")
        @Argument(help: "Service name or ARN.")
        var service: String
        @OptionGroup var cluster: ClusterOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceGet(cluster: cluster.cluster, service: service), table: EcsView.service)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a cluster's services.")
        @OptionGroup var cluster: ClusterOption
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceList(cluster: cluster.cluster, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { EcsView.services($0.services) + Output.nextPage($0.nextToken) }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Scale a service, or deploy another task definition (rolling).")
        @Argument(help: "Service name or ARN.")
        var service: String
        @OptionGroup var cluster: ClusterOption
        @Option(name: .customLong("desired-count"), help: ArgumentHelp("Tasks to keep running.", valueName: "n"))
        var desiredCount: Int?
        @Option(
            name: .customLong("task-definition"), help: ArgumentHelp("Deploy this task definition.", valueName: "td"))
        var taskDefinition: String?
        @Flag(name: .customLong("force-new-deployment"), help: "Replace every task even with the same task definition.")
        var forceNewDeployment = false
        @OptionGroup var deployment: DeploymentOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceUpdate(
                    cluster: cluster.cluster, service: service, desiredCount: desiredCount,
                    taskDefinition: taskDefinition,
                    deploymentConfiguration: deployment.configuration,
                    forceNewDeployment: forceNewDeployment ? true : nil),
                table: EcsView.service)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a service: its tasks stop, then it is gone (--force if scaled above 0).")
        @Argument(help: "Service name or ARN.")
        var service: String
        @OptionGroup var cluster: ClusterOption
        @Flag(help: "Delete even while desiredCount is above 0.")
        var force = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceDelete(cluster: cluster.cluster, service: service, force: force ? true : nil),
                table: EcsView.service)
        }
    }
}
