import Foundation
import Testing

/// The README's SQS section, line by line as a reader types it: visibility, redrive to the
/// dead-letter queue, FIFO deduplication.
@Suite("README SQS tour")
struct READMESqsTourTests {
    @Test("the queues section runs as written and says what its comments say")
    func tour() async throws {
        let answers = try await READMETour.run(marker: "sqs-tour")
        func output(_ command: String) -> [String] { answers[command] ?? [] }
        #expect(output("netctl sqs receive topics").first?.contains("first post") == true, "\(answers)")
        #expect(output("netctl sqs receive topics --wait 5").first?.contains("first post") == true, "\(answers)")
        #expect(output("netctl sqs receive topics --wait 3").first?.contains("No messages.") == true, "\(answers)")
        #expect(output("netctl sqs receive topics-dlq").first?.contains("first post") == true, "\(answers)")
        let sends = output("netctl sqs send orders.fifo 'order 1' --group alice")
        let ids = sends.compactMap { $0.split(separator: "\n").first { $0.contains("Message ID") } }
        #expect(ids.count == 2 && ids[0] == ids[1], "\(sends)")
        let orders = output("netctl sqs receive orders.fifo --max 10").first ?? ""
        #expect(orders.components(separatedBy: "order 1").count == 2, "\(orders)")
    }
}
