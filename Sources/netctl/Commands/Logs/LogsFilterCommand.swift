import ArgumentParser
import NetctlAPI

struct LogsFilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "Events of a group that match a filter pattern.",
        discussion: """
            Patterns use CloudWatch's syntax: terms (ERROR), "quoted phrases", -exclusions, ?alternatives, JSON \
            patterns ('{ $.status = "active" && $.resourceType = "peering" }') and space-delimited patterns \
            ('[ip, user, status = 4*]'). Example: netctl logs filter /netctl/peering '{ $.action = "accept" }'
            """)
    @Argument(help: "Log group name.")
    var group: String
    @Argument(help: "Filter pattern (empty: every event).")
    var pattern: String?
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
        let request = LogsFilter(
            group: group, pattern: pattern, startTime: try LogView.millis(start), endTime: try LogView.millis(end),
            limit: limit, nextToken: nextToken)
        try await Runner(global: global).run(request) { LogView.events($0.events, nextToken: $0.nextToken) }
    }
}
