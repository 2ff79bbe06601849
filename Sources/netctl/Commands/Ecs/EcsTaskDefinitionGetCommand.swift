import ArgumentParser
import NetctlAPI

extension EcsTaskDefinitionCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a task definition.")
        @Argument(help: "family (latest ACTIVE revision), family:revision or ARN.")
        var taskDefinition: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsTaskDefinitionGet(taskDefinition: taskDefinition)) { table([$0]) }
        }
    }
}
