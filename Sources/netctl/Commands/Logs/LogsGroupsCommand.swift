import ArgumentParser
import NetctlAPI

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
