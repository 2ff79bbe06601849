import ArgumentParser
import Foundation
import NetctlAPI

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
