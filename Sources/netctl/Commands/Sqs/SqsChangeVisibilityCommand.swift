import ArgumentParser
import NetctlAPI

struct SqsChangeVisibilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-visibility",
        abstract: "Keep a received message hidden for SECONDS more from now (0: visible again at once).")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Argument(help: "Receipt handle from netctl sqs receive.")
    var receiptHandle: String

    @Argument(help: "Seconds, 0-43200.")
    var seconds: Int

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = SqsChangeVisibility(queue: queue, receiptHandle: receiptHandle, visibilityTimeout: seconds)
        try await Runner(global: global).run(request) { _ in "Hidden for \(seconds) s." }
    }
}
