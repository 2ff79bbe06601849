import ArgumentParser
import NetctlAPI

extension EcsServiceCommand {
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
        @OptionGroup var loadBalancing: LoadBalancerOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsServiceUpdate(
                    cluster: cluster.cluster, service: service, desiredCount: desiredCount,
                    taskDefinition: taskDefinition,
                    deploymentConfiguration: deployment.configuration,
                    forceNewDeployment: forceNewDeployment ? true : nil,
                    loadBalancers: loadBalancing.loadBalancers.isEmpty ? nil : loadBalancing.loadBalancers,
                    healthCheckGracePeriodSeconds: loadBalancing.healthCheckGracePeriod),
                table: EcsView.service)
        }
    }
}
