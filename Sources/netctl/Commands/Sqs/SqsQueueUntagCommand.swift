import ArgumentParser
import NetctlAPI

struct SqsQueueUntagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "untag", abstract: "Remove tags of a queue by key.")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Argument(help: "Tag keys.")
    var keys: [String]

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(global: global).run(SqsQueueUntag(queue: queue, tagKeys: keys)) { SqsView.tags($0.tags) }
    }
}
