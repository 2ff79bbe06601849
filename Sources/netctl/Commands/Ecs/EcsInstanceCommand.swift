import ArgumentParser
import NetctlAPI

struct EcsInstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "EC2 container instances: capacity for EC2 launch type tasks.",
        subcommands: [Register.self, List.self, Deregister.self])

    static func table(_ instances: [ContainerInstance]) -> String {
        Output.table(
            [
                "CONTAINER INSTANCE", "EC2 INSTANCE", "STATUS", "AZ", "PRIVATE IP", "CPU LEFT", "MEMORY LEFT",
                "RUNNING", "PENDING",
            ],
            instances.map {
                [
                    EcsView.short($0.containerInstanceArn), $0.ec2InstanceId, $0.status, $0.availabilityZone,
                    $0.privateIpAddress,
                    "\($0.remainingResources.cpu)/\($0.registeredResources.cpu)",
                    "\($0.remainingResources.memory)/\($0.registeredResources.memory)", "\($0.runningTasksCount)",
                    "\($0.pendingTasksCount)",
                ]
            })
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register", abstract: "Register an EC2 instance in a subnet with its CPU units and memory.")
        @OptionGroup var cluster: ClusterOption
        @Option(help: ArgumentHelp("CPU units (1024 per vCPU).", valueName: "units"))
        var cpu: Int
        @Option(help: ArgumentHelp("Memory in MiB.", valueName: "mib"))
        var memory: Int
        @Option(help: ArgumentHelp("Subnet ID or name.", valueName: "subnet"))
        var subnet: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsInstanceRegister(cluster: cluster.cluster, cpu: cpu, memory: memory, subnet: subnet)
            ) { table([$0]) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a cluster's container instances.")
        @OptionGroup var cluster: ClusterOption
        @Option(help: ArgumentHelp("Only instances in this status (ACTIVE, DRAINING).", valueName: "status"))
        var status: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsInstanceList(
                    cluster: cluster.cluster, status: status, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { table($0.instances) + Output.nextPage($0.nextToken) }
        }
    }

    struct Deregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deregister", abstract: "Deregister a container instance (--force stops its tasks).")
        @Argument(help: "Container instance ARN or ID.")
        var instance: String
        @OptionGroup var cluster: ClusterOption
        @Flag(help: "Deregister even with tasks on it; they are stopped.")
        var force = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsInstanceDeregister(cluster: cluster.cluster, containerInstance: instance, force: force ? true : nil)
            ) { table([$0]) }
        }
    }
}
