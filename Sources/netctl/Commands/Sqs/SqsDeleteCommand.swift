import ArgumentParser
import NetctlAPI

struct SqsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete received messages by their receipt handles (one or up to 10).")

    @Argument(help: "Queue name or URL.")
    var queue: String

    @Argument(help: "Receipt handles from netctl sqs receive.")
    var receiptHandles: [String]

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        if receiptHandles.count == 1 {
            try await runner.run(SqsDelete(queue: queue, receiptHandle: receiptHandles[0])) { _ in "Deleted." }
            return
        }
        try await runner.run(SqsDeleteBatch(queue: queue, receiptHandles: receiptHandles)) { result in
            "Deleted \(result.successful.count)."
                + result.failed.map { "\nhandle \($0.id): \($0.code): \($0.message)" }.joined()
        }
    }
}
