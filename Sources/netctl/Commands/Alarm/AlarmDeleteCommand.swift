import ArgumentParser
import NetctlAPI

struct AlarmDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an alarm.")
    @Argument(help: "Alarm name.")
    var name: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(AlarmDelete(name: name)) { _ in "deleted \(name)" }
    }
}
