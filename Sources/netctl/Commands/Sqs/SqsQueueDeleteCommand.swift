import ArgumentParser
import NetctlAPI

struct SqsQueueDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a queue and its messages (its name is reusable after 60 seconds).")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SqsQueueDelete(queue: queue)) { _ in "Deleted \(queue)." }
    }
}
