import ArgumentParser
import NetctlAPI

extension EcsInstanceCommand {
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
}
