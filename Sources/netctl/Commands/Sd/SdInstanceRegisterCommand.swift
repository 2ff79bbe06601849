import ArgumentParser
import NetctlAPI

extension SdInstanceCommand {
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register", abstract: "Register an instance in a Cloud Map service, or replace one.")
        @Argument(help: "The instance's ID, unique in the service.")
        var instanceId: String
        @Option(help: ArgumentHelp("The service's ID or ARN.", valueName: "service"))
        var service: String
        @Option(help: ArgumentHelp("Its address (AWS_INSTANCE_IPV4).", valueName: "address"))
        var ipv4: String?
        @Option(
            name: .customLong("attribute"),
            help: ArgumentHelp("Another attribute (repeatable).", valueName: "key=value"))
        var attributes: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            var given = try parseAttributes(attributes)
            if let ipv4 { given["AWS_INSTANCE_IPV4"] = ipv4 }
            try await Runner(global: global).run(
                SdInstanceRegister(service: service, instanceId: instanceId, attributes: given)
            ) { SdInstanceCommand.table([$0]) }
        }
    }
}
