import ArgumentParser
import NetctlAPI

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
