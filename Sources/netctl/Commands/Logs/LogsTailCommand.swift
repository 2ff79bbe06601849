import ArgumentParser
import Foundation
import NetctlAPI
import NetctlClient

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
