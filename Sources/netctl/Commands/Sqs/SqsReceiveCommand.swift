import ArgumentParser
import NetctlAPI

struct SqsReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract:
            "Receive messages, waiting up to --wait seconds for one; each stays hidden for the visibility timeout.",
        discussion: "Delete a message with its receipt handle (netctl sqs delete QUEUE HANDLE) or it comes back.")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Option(help: ArgumentHelp("Long-poll up to this many seconds, 0-20.", valueName: "seconds"))
    var wait: Int?

    @Option(help: ArgumentHelp("At most this many messages, 1-10 (default 1).", valueName: "n"))
    var max: Int?

    @Option(
        name: .customLong("visibility"),
        help: ArgumentHelp("Visibility timeout for these messages.", valueName: "seconds"))
    var visibilityTimeout: Int?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = SqsReceive(
            queue: queue, maxNumberOfMessages: max, waitTimeSeconds: wait, visibilityTimeout: visibilityTimeout)
        try await Runner(global: global).run(request) { SqsView.messages($0.messages) }
    }
}
