import ArgumentParser
import NetctlAPI

struct SqsQueueGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show a queue's attributes and approximate message counts.")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SqsQueueGet(queue: queue), table: SqsView.queue)
    }
}
