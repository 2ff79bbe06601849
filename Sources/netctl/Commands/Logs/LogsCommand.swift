import ArgumentParser
import Foundation
import NetctlAPI
import NetctlClient

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "CloudWatch-style log groups: netctl's own (/netctl/…) and yours.",
        subcommands: [
            LogsGroupsCommand.self, LogsStreamsCommand.self, LogsGetCommand.self, LogsFilterCommand.self,
            LogsTailCommand.self, LogsPutCommand.self, LogsRetentionCommand.self, LogsCreateGroupCommand.self,
            LogsCreateStreamCommand.self, LogsDeleteGroupCommand.self,
        ])
}

enum LogView {
    static func time(_ millis: Int64) -> String { Timestamp.format(Date(timeIntervalSince1970: Double(millis) / 1000)) }

    static func line(_ event: LogEvent) -> String {
        "\(time(event.timestamp))  \(event.logGroupName.map { "\($0) " } ?? "")\(event.logStreamName)  \(event.message)"
    }

    static func events(_ events: [LogEvent], nextToken: String?) -> String {
        (events.map(line) + (nextToken.map { ["(more: repeat with --next-token \($0))"] } ?? [])).joined(separator: "\n")
    }

    /// `--start`/`--end` accept epoch milliseconds or an RFC 3339 time.
    static func millis(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        if let value = Int64(text) { return value }
        guard let date = Timestamp.parse(text) else {
            throw ValidationError("'\(text)' is neither epoch milliseconds nor an RFC 3339 time like 2026-01-02T03:04:05Z")
        }
        return Timestamp.epochMilliseconds(date)
    }
}

struct LogsGroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "groups", abstract: "List log groups.")
    @Option(help: ArgumentHelp("Only groups whose name starts with this.", valueName: "prefix"))
    var prefix: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsGroups(prefix: prefix)) { response in
            Output.table(
                ["LOG GROUP", "RETENTION", "STORED BYTES", "CREATED"],
                response.logGroups.map {
                    [$0.logGroupName, $0.retentionInDays.map { "\($0) days" } ?? "never expire", "\($0.storedBytes)", LogView.time($0.createdAt)]
                })
        }
    }
}

struct LogsStreamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "streams", abstract: "List the streams of a log group.")
    @Argument(help: "Log group name.")
    var group: String
    @Option(help: ArgumentHelp("Only streams whose name starts with this.", valueName: "prefix"))
    var prefix: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsStreams(group: group, prefix: prefix)) { response in
            Output.table(
                ["LOG STREAM", "LAST EVENT", "STORED BYTES"],
                response.logStreams.map { [$0.logStreamName, $0.lastEventTimestamp.map(LogView.time) ?? "-", "\($0.storedBytes)"] })
        }
    }
}

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

struct LogsTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "The newest events; with -f, keep printing events as they happen.",
        discussion: "Example: netctl logs tail -f --group /netctl/peering")
    @Option(name: .customLong("group"), help: ArgumentHelp("Only this group (repeatable).", valueName: "group"))
    var groups: [String] = []
    @Option(help: ArgumentHelp("Only events matching this filter pattern.", valueName: "pattern"))
    var pattern: String?
    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Keep printing new events until interrupted.")
    var follow = false
    @Option(help: "How many recent events to print first.")
    var limit = 20
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = LogsTail(groups: groups.isEmpty ? nil : groups, pattern: pattern, follow: follow, limit: limit)
        guard follow else {
            try await Runner(global: global).run(request) { LogView.events($0.events, nextToken: nil) }
            return
        }
        let runner = Runner(global: global)
        do {
            try await global.client.withConnection { connection in
                let first = try await connection.send(request, options: global.options())
                for event in first.events { emit(event) }
                while true {
                    let notification = try await connection.nextNotification()
                    guard notification.method == "logs.event", let event = try notification.params?["event"]?.decode(as: LogEvent.self)
                    else {
                        if notification.method == "logs.dropped" {
                            FileHandle.standardError.write(Data("netctl: the daemon dropped events this terminal could not keep up with\n".utf8))
                        }
                        continue
                    }
                    emit(event)
                }
            }
        } catch let error as ClientError {
            throw runner.failure(error)
        }
    }

    private func emit(_ event: LogEvent) {
        // Written straight to the descriptor: a pipe or a terminal sees each event as it happens.
        var text: String
        switch global.output {
        case .json: text = (try? NetctlJSON.encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        case .table: text = LogView.line(event)
        }
        text += "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct LogsPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Append messages to a stream (PutLogEvents), stamped now.",
        discussion: "Example: netctl logs put app web-1 'GET /health 200' 'GET / 500'")
    @Argument(help: "Log group name.")
    var group: String
    @Argument(help: "Log stream name.")
    var stream: String
    @Argument(help: "Messages, one event each.")
    var messages: [String]
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let now = Timestamp.epochMilliseconds(Date())
        let request = LogsPut(group: group, stream: stream, events: messages.map { LogEventInput(timestamp: now, message: $0) })
        try await Runner(global: global).run(request) { response in
            if let rejected = response.rejectedLogEventsInfo {
                return "stored, with rejections: \(rejected)"
            }
            return "stored \(messages.count) event\(messages.count == 1 ? "" : "s")"
        }
    }
}

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

struct LogsCreateGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-group", abstract: "Create a log group.")
    @Argument(help: "Log group name.")
    var group: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsCreateGroup(group: group)) { _ in "created \(group)" }
    }
}

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

struct LogsDeleteGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete-group", abstract: "Delete a log group and its events.")
    @Argument(help: "Log group name.")
    var group: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(LogsDeleteGroup(group: group)) { _ in "deleted \(group)" }
    }
}
