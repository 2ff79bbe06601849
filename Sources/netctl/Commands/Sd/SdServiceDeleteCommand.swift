import ArgumentParser
import NetctlAPI

extension SdServiceCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a Cloud Map service with no instances.")
        @Argument(help: "The service's ID or ARN.")
        var service: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(SdServiceDelete(service: service)) { SdServiceCommand.table([$0]) }
        }
    }
}
