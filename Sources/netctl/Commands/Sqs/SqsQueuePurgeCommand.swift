import ArgumentParser
import NetctlAPI

struct SqsQueuePurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Delete every message of a queue (once per 60 seconds).")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SqsQueuePurge(queue: queue)) { _ in "Purged \(queue)." }
    }
}
