import ArgumentParser

struct AlarmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarm", abstract: "Metric alarms, evaluated on the daemon's clock.",
        subcommands: [
            AlarmPutCommand.self, AlarmListCommand.self, AlarmDeleteCommand.self, AlarmSetStateCommand.self,
        ])
}
