import ArgumentParser
import NetctlAPI

struct SqsQueueTagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tags", abstract: "Show a queue's tags.")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SqsQueueTags(queue: queue)) { SqsView.tags($0.tags) }
    }
}
