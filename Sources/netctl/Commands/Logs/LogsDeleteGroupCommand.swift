import ArgumentParser
import NetctlAPI

struct LogsDeleteGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete-group", abstract: "Delete a log group and its events.")
    @Argument(help: "Log group name.")
    var group: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsDeleteGroup(group: group)) { _ in "deleted \(group)" }
    }
}
