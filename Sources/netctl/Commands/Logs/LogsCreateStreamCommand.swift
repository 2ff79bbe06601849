import ArgumentParser
import NetctlAPI

struct LogsCreateStreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-stream", abstract: "Create a log stream in a group.")
    @Argument(help: "Log group name.")
    var group: String
    @Argument(help: "Log stream name.")
    var stream: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsCreateStream(group: group, stream: stream)) { _ in "created \(group) \(stream)" }
    }
}
