import ArgumentParser

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "CloudWatch-style log groups: netctl's own (/netctl/…) and yours.",
        subcommands: [
            LogsGroupsCommand.self, LogsStreamsCommand.self, LogsGetCommand.self, LogsFilterCommand.self,
            LogsTailCommand.self, LogsPutCommand.self, LogsRetentionCommand.self, LogsCreateGroupCommand.self,
            LogsCreateStreamCommand.self, LogsDeleteGroupCommand.self,
        ])
}
