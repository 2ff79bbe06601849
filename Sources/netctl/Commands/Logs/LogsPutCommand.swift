import ArgumentParser
import Foundation
import NetctlAPI

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
