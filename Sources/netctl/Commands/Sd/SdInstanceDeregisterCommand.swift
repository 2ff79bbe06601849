import ArgumentParser
import NetctlAPI

extension SdInstanceCommand {
    struct Deregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deregister", abstract: "Deregister an instance registered by hand.")
        @Argument(help: "The instance's ID.")
        var instanceId: String
        @Option(help: ArgumentHelp("The service's ID or ARN.", valueName: "service"))
        var service: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdInstanceDeregister(service: service, instanceId: instanceId)) {
                SdInstanceCommand.table([$0])
            }
        }
    }
}
