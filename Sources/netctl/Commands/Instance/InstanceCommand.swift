import ArgumentParser
import NetctlAPI

struct InstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "Run, list, inspect, start, stop and terminate EC2 instances.",
        subcommands: [
            InstanceRunCommand.self, InstanceListCommand.self, InstanceGetCommand.self, InstanceStartCommand.self,
            InstanceStopCommand.self, InstanceTerminateCommand.self,
        ])
}

enum InstanceView {
    static func table(_ instances: [Instance]) -> String {
        Output.table(
            ["INSTANCE ID", "NAME", "STATE", "SUBNET ID", "PRIVATE IP", "PUBLIC IP", "GROUPS"],
            instances.map {
                [
                    $0.instanceId, $0.name ?? "-", $0.state.rawValue, $0.subnetId, $0.privateIpAddress,
                    $0.publicIpAddress ?? "-", $0.securityGroupIds.isEmpty ? "-" : $0.securityGroupIds.joined(separator: ","),
                ]
            })
    }

    static func details(_ instance: Instance) -> String {
        Output.details([
            ("Instance ID", instance.instanceId), ("Name", instance.name ?? "-"), ("State", instance.state.rawValue),
            ("Reason", instance.stateTransitionReason ?? "-"), ("Reservation", instance.reservationId),
            ("VPC ID", instance.vpcId), ("Subnet ID", instance.subnetId),
            ("Availability zone", instance.availabilityZone), ("Private IP", instance.privateIpAddress),
            ("Public IP", instance.publicIpAddress ?? "-"),
            ("Security groups", instance.securityGroupIds.isEmpty ? "-" : instance.securityGroupIds.joined(separator: ", ")),
            ("Interface", instance.networkInterfaceId), ("Image", instance.imageId),
            ("Instance type", instance.instanceType), ("Tags", Output.tags(instance.tags)),
            ("Launched", Output.time(instance.launchTime)),
        ])
    }

    static func summary(_ instance: Instance) -> String {
        "\(instance.instanceId)\(instance.name.map { " (\($0))" } ?? ""): \(instance.state.rawValue)"
    }
}
