import ArgumentParser
import NetctlAPI

extension SdInstanceCommand {
    struct Discover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "discover", abstract: "Find a service's instances by namespace and service name.")
        @Option(help: ArgumentHelp("The namespace's name.", valueName: "namespace"))
        var namespace: String
        @Option(help: ArgumentHelp("The service's name.", valueName: "service"))
        var service: String
        @Option(help: ArgumentHelp("HEALTHY, UNHEALTHY, ALL or HEALTHY_OR_ELSE_ALL.", valueName: "status"))
        var healthStatus: String?
        @Option(
            name: .customLong("attribute"),
            help: ArgumentHelp("A required attribute (repeatable).", valueName: "key=value"))
        var attributes: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let required = try parseAttributes(attributes)
            try await Runner(global: global).run(
                SdInstanceDiscover(
                    namespace: namespace, service: service, healthStatus: healthStatus,
                    queryParameters: required.isEmpty ? nil : required)
            ) { response in
                Output.table(
                    ["INSTANCE ID", "IPV4", "HEALTH"],
                    response.instances.map {
                        [$0.instanceId, $0.attributes["AWS_INSTANCE_IPV4"] ?? "-", $0.healthStatus]
                    })
            }
        }
    }
}
