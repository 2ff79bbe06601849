import ArgumentParser
import NetctlAPI

extension SdInstanceCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a service's instances, ECS's tasks included.")
        @Option(help: ArgumentHelp("The service's ID or ARN.", valueName: "service"))
        var service: String
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                SdInstanceList(service: service, maxResults: page.maxResults, nextToken: page.nextToken)
            ) {
                SdInstanceCommand.table($0.instances) + Output.nextPage($0.nextToken)
            }
        }
    }
}
