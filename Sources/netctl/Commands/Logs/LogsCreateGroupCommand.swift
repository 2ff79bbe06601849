import ArgumentParser
import NetctlAPI

struct LogsCreateGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-group", abstract: "Create a log group.")
    @Argument(help: "Log group name.")
    var group: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsCreateGroup(group: group)) { _ in "created \(group)" }
    }
}
