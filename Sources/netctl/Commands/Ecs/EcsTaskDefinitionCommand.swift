import ArgumentParser
import Foundation
import NetctlAPI

struct EcsTaskDefinitionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task-definition", abstract: "Task definitions: families of numbered revisions.",
        subcommands: [Register.self, Get.self, List.self, Deregister.self])

    static func table(_ definitions: [TaskDefinition]) -> String {
        Output.table(
            ["TASK DEFINITION", "STATUS", "NETWORK MODE", "COMPATIBILITIES", "CPU", "MEMORY", "CONTAINERS"],
            definitions.map {
                [
                    "\($0.family):\($0.revision)", $0.status, $0.networkMode, $0.compatibilities.joined(separator: ","),
                    $0.cpu ?? "-", $0.memory ?? "-",
                    $0.containerDefinitions.map { "\($0.name)=\($0.image)" }.joined(separator: " "),
                ]
            })
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract:
                "Register a revision from a JSON file (what `aws ecs register-task-definition --cli-input-json` takes)."
        )
        @Option(help: ArgumentHelp("The JSON file; - reads standard input.", valueName: "file"))
        var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let data: Data
            do {
                data =
                    file == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            let params: JSONValue
            do {
                params = try NetctlJSON.decoder.decode(JSONValue.self, from: data)
            } catch {
                throw ValidationError("\(file) is not JSON: \(error)")
            }
            guard case .object = params else { throw ValidationError("\(file) must hold one JSON object") }
            try await Runner(global: global).run(EcsTaskDefinitionRegister.self, rawParams: params) { table([$0]) }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a task definition.")
        @Argument(help: "family (latest ACTIVE revision), family:revision or ARN.")
        var taskDefinition: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(EcsTaskDefinitionGet(taskDefinition: taskDefinition)) { table([$0]) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List task definitions.")
        @Option(
            name: .customLong("family-prefix"),
            help: ArgumentHelp("Only families starting with this.", valueName: "prefix"))
        var familyPrefix: String?
        @Option(help: ArgumentHelp("ACTIVE (default) or INACTIVE.", valueName: "status"))
        var status: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runner(global: global).run(
                EcsTaskDefinitionList(
                    familyPrefix: familyPrefix, status: status, maxResults: page.maxResults, nextToken: page.nextToken)
            ) { table($0.taskDefinitions) + Output.nextPage($0.nextToken) }
        }
    }

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
