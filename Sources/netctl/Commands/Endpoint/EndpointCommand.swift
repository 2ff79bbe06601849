import ArgumentParser
import NetctlAPI

struct EndpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoint", abstract: "VPC endpoints: gateway endpoints (S3, DynamoDB) and interface endpoints.",
        subcommands: [
            EndpointCreateCommand.self, EndpointListCommand.self, EndpointGetCommand.self, EndpointModifyCommand.self,
            EndpointDeleteCommand.self, EndpointServicesCommand.self,
        ])
}

enum EndpointView {
    static func table(_ endpoints: [Endpoint]) -> String {
        Output.table(
            ["ENDPOINT ID", "TYPE", "SERVICE", "VPC ID", "STATE", "ROUTE TABLES / INTERFACES"],
            endpoints.map { endpoint in
                let attached =
                    endpoint.type == Endpoint.gateway
                    ? endpoint.routeTableIds.joined(separator: ",")
                    : endpoint.networkInterfaces.map { "\($0.networkInterfaceId) \($0.privateIpAddress)" }.joined(separator: ", ")
                return [
                    endpoint.endpointId, endpoint.type, endpoint.serviceName, endpoint.vpcId, endpoint.state.rawValue,
                    attached.isEmpty ? "-" : attached,
                ]
            })
    }

    static func details(_ endpoint: Endpoint) -> String {
        var pairs = [
            ("Endpoint ID", endpoint.endpointId), ("Type", endpoint.type), ("Service", endpoint.serviceName),
            ("VPC ID", endpoint.vpcId), ("State", endpoint.state.rawValue),
        ]
        if endpoint.type == Endpoint.gateway {
            pairs.append(("Route tables", endpoint.routeTableIds.isEmpty ? "-" : endpoint.routeTableIds.joined(separator: ", ")))
        } else {
            pairs.append(("Private DNS", endpoint.privateDnsEnabled ? "enabled" : "disabled"))
            for interface in endpoint.networkInterfaces {
                pairs.append(
                    ("Interface", "\(interface.networkInterfaceId) \(interface.privateIpAddress) in \(interface.subnetId) (\(interface.availabilityZone))"))
            }
            for entry in endpoint.dnsEntries { pairs.append(("DNS name", entry.dnsName)) }
            if !endpoint.securityGroupIds.isEmpty { pairs.append(("Security groups", endpoint.securityGroupIds.joined(separator: ", "))) }
        }
        pairs += [("Policy", endpoint.policy), ("Tags", Output.tags(endpoint.tags)), ("Created", Output.time(endpoint.createdAt))]
        return Output.details(pairs)
    }
}
