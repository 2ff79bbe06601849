import ArgumentParser
import NetctlAPI

extension EcsTaskDefinitionCommand {
    struct Deregister: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deregister", abstract: "Mark a revision INACTIVE; what runs it keeps running.")
        @Argument(help: "family:revision or ARN.")
        var taskDefinition: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsTaskDefinitionDeregister(taskDefinition: taskDefinition)) {
                table([$0])
            }
        }
    }
}
