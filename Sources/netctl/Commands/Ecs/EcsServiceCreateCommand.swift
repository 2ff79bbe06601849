import ArgumentParser
import NetctlAPI

extension EcsServiceCommand {
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
        @OptionGroup var loadBalancing: LoadBalancerOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceCreate(
                    cluster: cluster.cluster, name: name, taskDefinition: taskDefinition, desiredCount: desiredCount,
                    launchType: launchType, subnets: subnets.isEmpty ? nil : subnets,
                    serviceRegistry: namespace.map { ServiceRegistry(namespace: $0, name: discoveryName ?? name) },
                    deploymentConfiguration: deployment.configuration,
                    loadBalancers: loadBalancing.loadBalancers.isEmpty ? nil : loadBalancing.loadBalancers,
                    healthCheckGracePeriodSeconds: loadBalancing.healthCheckGracePeriod), table: EcsView.service)
        }
    }
}
