import ArgumentParser
import NetctlAPI

struct LogsGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Events of one stream, oldest first.")
    @Argument(help: "Log group name.")
    var group: String
    @Argument(help: "Log stream name (for netctl's groups: the resource ID).")
    var stream: String
    @Option(help: ArgumentHelp("From this time (epoch ms or RFC 3339).", valueName: "time"))
    var start: String?
    @Option(help: ArgumentHelp("Until this time (epoch ms or RFC 3339).", valueName: "time"))
    var end: String?
    @Option(help: "At most this many events (1 to 10,000).")
    var limit: Int?
    @Option(name: .customLong("next-token"), help: "Continue from a previous page.")
    var nextToken: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = LogsGet(
            group: group, stream: stream, startTime: try LogView.millis(start), endTime: try LogView.millis(end), limit: limit,
            nextToken: nextToken)
        try await Runner(global: global).run(request) { LogView.events($0.events, nextToken: $0.nextToken) }
    }
}
