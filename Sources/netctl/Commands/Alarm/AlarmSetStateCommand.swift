import ArgumentParser
import NetctlAPI

struct AlarmSetStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-state",
        abstract: "Set an alarm's state by hand, for testing; its next evaluation sets it back.")
    @Argument(help: "Alarm name.")
    var name: String
    @Option(name: .long, help: "OK, ALARM or INSUFFICIENT_DATA.")
    var state: String
    @Option(name: .long, help: "Why, in words.")
    var reason: String
    @Option(name: .long, help: "Why, as a JSON document.")
    var reasonData: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = AlarmSetState(name: name, stateValue: state, stateReason: reason, stateReasonData: reasonData)
        try await Runner(global: global).run(request) { alarm in "\(alarm.name) \(alarm.state)" }
    }
}
