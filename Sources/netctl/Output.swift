import Foundation
import NetctlAPI

/// Rendering for people: aligned tables and key/value details.
enum Output {
    static func json(_ value: JSONValue) -> String {
        guard let data = try? NetctlJSON.prettyEncoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }

    /// `key: value` lines with the keys aligned.
    static func details(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { key, value in (key + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + value }
            .joined(separator: "\n")
    }

    static func tags(_ tags: Tags) -> String {
        tags.isEmpty ? "-" : tags.keys.sorted().map { "\($0)=\(tags[$0] ?? "")" }.joined(separator: ", ")
    }

    static func time(_ date: Date) -> String { Timestamp.format(date) }

    static func nextPage(_ token: String?) -> String {
        token.map { "\n(more results: repeat with --next-token \($0))" } ?? ""
    }
}
