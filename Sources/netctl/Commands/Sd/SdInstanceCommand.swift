import ArgumentParser
import NetctlAPI

struct SdInstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "Instances of Cloud Map services, registered by hand or by ECS.",
        subcommands: [Register.self, Deregister.self, List.self, Discover.self])

    static func table(_ instances: [SdInstance]) -> String {
        Output.table(
            ["INSTANCE ID", "IPV4", "ECS TASK", "ATTRIBUTES"],
            instances.map { instance in
                [
                    instance.instanceId, instance.attributes["AWS_INSTANCE_IPV4"] ?? "-", instance.ecsTaskArn ?? "-",
                    instance.attributes.filter { $0.key != "AWS_INSTANCE_IPV4" }.sorted { $0.key < $1.key }
                        .map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                ]
            })
    }
}

/// `KEY=VALUE` attributes given as repeated options.
func parseAttributes(_ pairs: [String]) throws -> [String: String] {
    var attributes: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw ValidationError("'\(pair)' is not KEY=VALUE.")
        }
        attributes[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return attributes
}
