import ArgumentParser

struct EksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eks", abstract: "EKS: clusters, managed node groups and Fargate profiles.",
        subcommands: [
            EksClusterCommand.self, EksNodegroupCommand.self, EksFargateProfileCommand.self, EksUpdateCommand.self,
        ])
}
