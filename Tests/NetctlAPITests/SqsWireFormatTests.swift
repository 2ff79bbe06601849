import Foundation
import NetctlAPI
import Testing

/// Golden JSON of SQS queues, messages and batch results, and the params of the sqs.* methods.
@Suite("Wire format of SQS (golden JSON)")
struct SqsWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("a queue as sqs.queue.create and sqs.queue.list answer it")
    func queue() throws {
        let queue = SqsQueue(
            queueName: "jobs", queueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/jobs",
            queueArn: "arn:aws:sqs:us-east-1:000000000000:jobs",
            attributes: ["VisibilityTimeout": "30", "ApproximateNumberOfMessages": "0"])
        #expect(
            try json(SqsQueueListResponse(queues: [queue], nextToken: nil))
                == #"{"queues":[{"attributes":{"ApproximateNumberOfMessages":"0","VisibilityTimeout":"30"},"queueArn":"arn:aws:sqs:us-east-1:000000000000:jobs","queueName":"jobs","queueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/jobs"}]}"#
        )
    }

    @Test("a received message, a send's answer and batch results")
    func messages() throws {
        let message = SqsMessage(
            messageId: "0b8c5f0e-1d2a-4b3c-8d4e-5f6a7b8c9d0e", receiptHandle: "aGFuZGxl", body: "hello",
            md5OfBody: "5d41402abc4b2a76b9719d911017c592",
            attributes: ["ApproximateReceiveCount": "1", "MessageGroupId": "g"],
            messageAttributes: ["kind": SqsMessageAttribute(dataType: "String", stringValue: "greeting")])
        #expect(
            try json(SqsReceiveResponse(messages: [message]))
                == #"{"messages":[{"attributes":{"ApproximateReceiveCount":"1","MessageGroupId":"g"},"body":"hello","md5OfBody":"5d41402abc4b2a76b9719d911017c592","messageAttributes":{"kind":{"dataType":"String","stringValue":"greeting"}},"messageId":"0b8c5f0e-1d2a-4b3c-8d4e-5f6a7b8c9d0e","receiptHandle":"aGFuZGxl"}]}"#
        )
        #expect(
            try json(SqsSendResult(messageId: "m", md5OfBody: "d", sequenceNumber: "00000000000000000001"))
                == #"{"md5OfBody":"d","messageId":"m","sequenceNumber":"00000000000000000001"}"#)
        #expect(
            try json(SqsSendResult(messageId: "m", md5OfBody: "d", sequenceNumber: nil))
                == #"{"md5OfBody":"d","messageId":"m"}"#)
        #expect(
            try json(
                SqsSendBatchResponse(
                    successful: [SqsSendBatchSuccess(id: "a", messageId: "m", md5OfBody: "d", sequenceNumber: nil)],
                    failed: [
                        SqsBatchFailure(id: "b", code: "InvalidMessageContents", message: "empty", senderFault: true)
                    ]))
                == #"{"failed":[{"code":"InvalidMessageContents","id":"b","message":"empty","senderFault":true}],"successful":[{"id":"a","md5OfBody":"d","messageId":"m"}]}"#
        )
        #expect(
            try json(SqsDeleteBatchResponse(successful: [SqsBatchSuccess(id: "0")], failed: []))
                == #"{"failed":[],"successful":[{"id":"0"}]}"#)
    }

    @Test("the sqs methods' params as scripts send them, with API.md's names")
    func params() throws {
        let send = try NetctlJSON.decoder.decode(
            SqsSend.self,
            from: Data(
                #"{"queue":"o.fifo","body":"x","messageGroupId":"g","messageDeduplicationId":"d","messageAttributes":{"k":{"dataType":"Number","stringValue":"1"}}}"#
                    .utf8))
        #expect(send.messageGroupId == "g" && send.messageDeduplicationId == "d" && send.delaySeconds == nil)
        #expect(send.messageAttributes?["k"]?.dataType == "Number")
        let receive = try NetctlJSON.decoder.decode(
            SqsReceive.self,
            from: Data(#"{"queue":"jobs","maxNumberOfMessages":10,"waitTimeSeconds":20,"visibilityTimeout":5}"#.utf8))
        #expect(receive.maxNumberOfMessages == 10 && receive.waitTimeSeconds == 20 && receive.visibilityTimeout == 5)
        let batch = try NetctlJSON.decoder.decode(
            SqsDeleteBatch.self, from: Data(#"{"queue":"jobs","receiptHandles":["a","b"]}"#.utf8))
        #expect(batch.receiptHandles == ["a", "b"])
        let create = try NetctlJSON.decoder.decode(
            SqsQueueCreate.self, from: Data(#"{"name":"jobs","attributes":{"DelaySeconds":"5"}}"#.utf8))
        #expect(create.attributes == ["DelaySeconds": "5"])
        #expect(SqsQueueSetAttributes.method == "sqs.queue.setAttributes")
        #expect(SqsChangeVisibility.method == "sqs.changeVisibility")
        #expect(SqsDeleteBatch.method == "sqs.deleteBatch")
        #expect(SqsSendBatch.method == "sqs.sendBatch")
    }
}
