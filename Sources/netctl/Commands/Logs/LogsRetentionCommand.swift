import ArgumentParser
import NetctlAPI

struct LogsRetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Keep a group's events this many days (1, 3, 5, 7, 14, 30, … 3653).")
    @Argument(help: "Log group name.")
    var group: String
    @Argument(help: "Days.")
    var days: Int
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsSetRetention(group: group, days: days)) { _ in "\(group) keeps \(days) days" }
    }
}
