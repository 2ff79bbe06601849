import ArgumentParser
import Foundation
import NetctlAPI

extension EcsTaskDefinitionCommand {
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
}
