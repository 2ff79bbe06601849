import ArgumentParser
import NetctlAPI

struct SqsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqs",
        abstract: "SQS queues: send, receive and delete messages, standard or FIFO, with dead-letter queues.",
        subcommands: [
            SqsQueueCommand.self, SqsSendCommand.self, SqsReceiveCommand.self, SqsDeleteCommand.self,
            SqsChangeVisibilityCommand.self,
        ])
}

struct SqsQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Create, inspect, purge and delete queues.",
        subcommands: [
            SqsQueueCreateCommand.self, SqsQueueListCommand.self, SqsQueueGetCommand.self,
            SqsQueueSetAttributesCommand.self, SqsQueuePurgeCommand.self, SqsQueueDeleteCommand.self,
            SqsQueueTagCommand.self, SqsQueueUntagCommand.self, SqsQueueTagsCommand.self,
        ])
}

enum SqsView {
    static func queues(_ queues: [SqsQueue]) -> String {
        Output.table(
            ["NAME", "TYPE", "VISIBLE", "IN FLIGHT", "DELAYED", "URL"],
            queues.map {
                [
                    $0.queueName, $0.attributes["FifoQueue"] == "true" ? "fifo" : "standard",
                    $0.attributes["ApproximateNumberOfMessages"] ?? "-",
                    $0.attributes["ApproximateNumberOfMessagesNotVisible"] ?? "-",
                    $0.attributes["ApproximateNumberOfMessagesDelayed"] ?? "-", $0.queueUrl,
                ]
            })
    }

    static func queue(_ queue: SqsQueue) -> String {
        Output.details(
            [("Name", queue.queueName), ("URL", queue.queueUrl), ("ARN", queue.queueArn)]
                + queue.attributes.sorted { $0.key < $1.key }.filter { $0.key != "QueueArn" }.map { ($0.key, $0.value) }
        )
    }

    static func messages(_ messages: [SqsMessage]) -> String {
        guard !messages.isEmpty else { return "No messages." }
        return Output.table(
            ["MESSAGE ID", "RECEIVES", "BODY", "RECEIPT HANDLE"],
            messages.map {
                [$0.messageId, $0.attributes["ApproximateReceiveCount"] ?? "-", $0.body, $0.receiptHandle]
            })
    }

    static func tags(_ tags: [String: String]) -> String {
        tags.isEmpty
            ? "No tags." : Output.table(["KEY", "VALUE"], tags.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
    }

    /// Repeated `--attribute NAME=VALUE`.
    static func attributes(_ assignments: [String]) throws -> [String: String] {
        var attributes: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--attribute '\(assignment)' must be NAME=VALUE, e.g. VisibilityTimeout=60")
            }
            attributes[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        return attributes
    }
}
