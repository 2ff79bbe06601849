import ArgumentParser
import NetctlAPI

struct EniCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eni",
        abstract: "List and inspect network interfaces (instances', NAT gateways', endpoints', tasks'); create your own.",
        subcommands: [
            EniListCommand.self, EniGetCommand.self, EniCreateCommand.self, EniDeleteCommand.self,
            EniSetGroupsCommand.self,
        ])
}

enum EniView {
    static func table(_ interfaces: [NetworkInterface]) -> String {
        Output.table(
            ["INTERFACE ID", "TYPE", "SUBNET ID", "PRIVATE IP", "PUBLIC IP", "GROUPS", "OWNER"],
            interfaces.map {
                [
                    $0.networkInterfaceId, $0.interfaceType, $0.subnetId, $0.privateIpAddress, $0.publicIpAddress ?? "-",
                    $0.securityGroupIds.isEmpty ? "-" : $0.securityGroupIds.joined(separator: ","),
                    $0.attachment?.instanceId ?? $0.attachedTo ?? "-",
                ]
            })
    }

    static func details(_ interface: NetworkInterface) -> String {
        Output.details([
            ("Interface ID", interface.networkInterfaceId), ("Type", interface.interfaceType),
            ("Description", interface.description.isEmpty ? "-" : interface.description),
            ("VPC ID", interface.vpcId), ("Subnet ID", interface.subnetId),
            ("Availability zone", interface.availabilityZone), ("Private IP", interface.privateIpAddress),
            ("Public IP", interface.publicIpAddress ?? "-"),
            ("Security groups", interface.securityGroupIds.isEmpty ? "-" : interface.securityGroupIds.joined(separator: ", ")),
            ("Owner", interface.attachedTo ?? "-"),
            ("Attachment", interface.attachment.map { "\($0.attachmentId) to \($0.instanceId) (device \($0.deviceIndex), \($0.status))" } ?? "-"),
            ("Source/dest check", interface.sourceDestCheck ? "on" : "off"), ("Status", interface.status),
            ("Tags", Output.tags(interface.tags)), ("Created", Output.time(interface.createdAt)),
        ])
    }
}
