import Crypto
import Foundation
import NetctlAPI
import NetctlCore

/// The SQS operations netctld serves (JSON 1.0, `AmazonSQS`, as current botocore sends them): each
/// becomes netctl's own `sqs.*` requests, so queues and messages are one set whichever door is used.
/// Queue URLs point at the endpoint itself: `http://HOST:PORT/ACCOUNT/NAME`.
enum SQSActions {
    static let all: [JSONAction] = queues + messages + batches + tags

    /// Query codes of SEMANTICS-2 5.4, for `x-amzn-query-error` (botocore's model no longer has them).
    static let queryErrorCodes: [String: String] = {
        var codes: [String: String] = [
            "QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue", "QueueNameExists": "QueueAlreadyExists",
        ]
        for code in [
            "QueueDeletedRecently", "MessageNotInflight", "TooManyEntriesInBatchRequest", "EmptyBatchRequest",
            "BatchEntryIdsNotDistinct", "InvalidBatchEntryId", "BatchRequestTooLong", "UnsupportedOperation",
            "PurgeQueueInProgress",
        ] {
            codes[code] = "AWS.SimpleQueueService.\(code)"
        }
        for code in [
            "OverLimit", "ReceiptHandleIsInvalid", "InvalidAttributeName", "InvalidAttributeValue",
            "InvalidMessageContents", "InvalidParameterValue", "MissingParameter", "RequestThrottled",
        ] {
            codes[code] = code
        }
        return codes
    }()

    /// The model gives every error 400; SEMANTICS-2 5.4 has purges in progress and the in-flight limit at 403.
    static let errorStatuses: [String: Int] = SQS.errorStatuses.merging(["PurgeQueueInProgress": 403, "OverLimit": 403])
    {
        $1
    }

    static func url(_ context: ActionContext, _ name: String) -> String {
        "http://\(context.host ?? "localhost")/\(context.accountId)/\(name)"
    }

    /// The messages' `MD5OfMessageAttributes`, as SQS computes it: per attribute in name order, the
    /// length-prefixed name, type and value, with a transport byte (1 string, 2 binary).
    static func md5(of attributes: [String: SqsMessageAttribute]?) -> String? {
        guard let attributes, !attributes.isEmpty else { return nil }
        var bytes: [UInt8] = []
        func put(_ data: [UInt8]) {
            let count = UInt32(data.count)
            bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
            bytes += data
        }
        for name in attributes.keys.sorted() {
            guard let attribute = attributes[name] else { continue }
            put(Array(name.utf8))
            put(Array(attribute.dataType.utf8))
            if let binary = attribute.binaryValue, let data = Data(base64Encoded: binary) {
                bytes.append(2)
                put(Array(data))
            } else {
                bytes.append(1)
                put(Array((attribute.stringValue ?? "").utf8))
            }
        }
        return Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func attributes(_ values: [String: SQS.MessageAttributeValue]?) throws(AWSError) -> [String:
        SqsMessageAttribute]?
    {
        guard let values else { return nil }
        var attributes: [String: SqsMessageAttribute] = [:]
        for (name, value) in values {
            if value.stringListValues != nil || value.binaryListValues != nil {
                throw AWSError.unsupportedParameter(
                    "StringListValues/BinaryListValues", of: "MessageAttributes", code: "InvalidParameterValue")
            }
            attributes[name] = SqsMessageAttribute(
                dataType: value.dataType ?? "", stringValue: value.stringValue,
                binaryValue: value.binaryValue?.base64EncodedString())
        }
        return attributes
    }

    static func wire(_ attributes: [String: SqsMessageAttribute]) -> [String: SQS.MessageAttributeValue] {
        attributes.mapValues {
            SQS.MessageAttributeValue(
                stringValue: $0.stringValue, binaryValue: $0.binaryValue.flatMap { Data(base64Encoded: $0) },
                dataType: $0.dataType)
        }
    }

    static func failure(_ failure: SqsBatchFailure, id: String) -> SQS.BatchResultErrorEntry {
        SQS.BatchResultErrorEntry(
            id: id, senderFault: failure.senderFault, code: failure.code, message: failure.message)
    }
}

// MARK: Queues

extension SQSActions {
    static let queues: [JSONAction] = [
        .make("CreateQueue", mutating: true, supported: ["QueueName", "Attributes", "tags"]) {
            (input: SQS.CreateQueueRequest, context) throws(AWSError) in
            let queue = try await context.run(
                SqsQueueCreate(name: input.queueName, attributes: input.attributes, tags: input.tags))
            return SQS.CreateQueueResult(queueUrl: url(context, queue.queueName))
        },
        .make("GetQueueUrl", mutating: false, supported: ["QueueName", "QueueOwnerAWSAccountId"]) {
            (input: SQS.GetQueueUrlRequest, context) throws(AWSError) in
            if let owner = input.queueOwnerAWSAccountId, owner != context.accountId {
                throw AWSError(
                    code: "QueueDoesNotExist",
                    message:
                        "The specified queue does not exist: netctld answers only the caller's own account's queues.")
            }
            let queue = try await context.run(SqsQueueGet(queue: input.queueName))
            return SQS.GetQueueUrlResult(queueUrl: url(context, queue.queueName))
        },
        .make("ListQueues", mutating: false, supported: ["QueueNamePrefix", "NextToken", "MaxResults"]) {
            (input: SQS.ListQueuesRequest, context) throws(AWSError) in
            let page = try await context.run(
                SqsQueueList(prefix: input.queueNamePrefix, maxResults: input.maxResults, nextToken: input.nextToken))
            return SQS.ListQueuesResult(
                queueUrls: page.queues.isEmpty ? nil : page.queues.map { url(context, $0.queueName) },
                nextToken: page.nextToken)
        },
        .make("DeleteQueue", mutating: true, supported: ["QueueUrl"]) {
            (input: SQS.DeleteQueueRequest, context) throws(AWSError) in
            _ = try await context.run(SqsQueueDelete(queue: input.queueUrl))
            return JSONEmptyOutput()
        },
        .make("PurgeQueue", mutating: true, supported: ["QueueUrl"]) {
            (input: SQS.PurgeQueueRequest, context) throws(AWSError) in
            _ = try await context.run(SqsQueuePurge(queue: input.queueUrl))
            return JSONEmptyOutput()
        },
        .make("GetQueueAttributes", mutating: false, supported: ["QueueUrl", "AttributeNames"]) {
            (input: SQS.GetQueueAttributesRequest, context) throws(AWSError) in
            let queue = try await context.run(SqsQueueGet(queue: input.queueUrl))
            let names = input.attributeNames ?? []
            if names.contains("All") { return SQS.GetQueueAttributesResult(attributes: queue.attributes) }
            var chosen: [String: String] = [:]
            for name in names {
                guard let value = queue.attributes[name] else {
                    if SqsAttributes.known(name) { continue }
                    throw AWSError(code: "InvalidAttributeName", message: "Unknown Attribute \(name).")
                }
                chosen[name] = value
            }
            return SQS.GetQueueAttributesResult(attributes: chosen.isEmpty ? nil : chosen)
        },
        .make("SetQueueAttributes", mutating: true, supported: ["QueueUrl", "Attributes"]) {
            (input: SQS.SetQueueAttributesRequest, context) throws(AWSError) in
            _ = try await context.run(SqsQueueSetAttributes(queue: input.queueUrl, attributes: input.attributes))
            return JSONEmptyOutput()
        },
    ]
}

// MARK: Messages

extension SQSActions {
    static let messages: [JSONAction] = [
        .make(
            "SendMessage", mutating: true,
            supported: [
                "QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes", "MessageDeduplicationId",
                "MessageGroupId",
            ]
        ) { (input: SQS.SendMessageRequest, context) throws(AWSError) in
            let attributes = try attributes(input.messageAttributes)
            let sent = try await context.run(
                SqsSend(
                    queue: input.queueUrl, body: input.messageBody, delaySeconds: input.delaySeconds,
                    messageGroupId: input.messageGroupId, messageDeduplicationId: input.messageDeduplicationId,
                    messageAttributes: attributes))
            return SQS.SendMessageResult(
                md5OfMessageBody: sent.md5OfBody, md5OfMessageAttributes: md5(of: attributes),
                messageId: sent.messageId,
                sequenceNumber: sent.sequenceNumber)
        },
        .make(
            "ReceiveMessage", mutating: true,
            supported: [
                "QueueUrl", "AttributeNames", "MessageSystemAttributeNames", "MessageAttributeNames",
                "MaxNumberOfMessages",
                "VisibilityTimeout", "WaitTimeSeconds",
            ]
        ) { (input: SQS.ReceiveMessageRequest, context) throws(AWSError) in
            let received = try await context.run(
                SqsReceive(
                    queue: input.queueUrl, maxNumberOfMessages: input.maxNumberOfMessages,
                    waitTimeSeconds: input.waitTimeSeconds, visibilityTimeout: input.visibilityTimeout))
            let systemNames = Set((input.attributeNames ?? []) + (input.messageSystemAttributeNames ?? []))
            let attributeNames = input.messageAttributeNames ?? []
            return SQS.ReceiveMessageResult(
                messages: received.messages.isEmpty
                    ? nil
                    : received.messages.map { message in
                        let system =
                            systemNames.contains("All")
                            ? message.attributes : message.attributes.filter { systemNames.contains($0.key) }
                        let chosen = (message.messageAttributes ?? [:]).filter { name, _ in
                            attributeNames.contains {
                                $0 == "All" || $0 == ".*" || $0 == name
                                    || ($0.hasSuffix(".*") && name.hasPrefix($0.dropLast(2)))
                            }
                        }
                        return SQS.Message(
                            messageId: message.messageId, receiptHandle: message.receiptHandle,
                            md5OfBody: message.md5OfBody,
                            body: message.body, attributes: system.isEmpty ? nil : system,
                            md5OfMessageAttributes: md5(of: chosen),
                            messageAttributes: chosen.isEmpty ? nil : wire(chosen))
                    })
        },
        .make("DeleteMessage", mutating: true, supported: ["QueueUrl", "ReceiptHandle"]) {
            (input: SQS.DeleteMessageRequest, context) throws(AWSError) in
            _ = try await context.run(SqsDelete(queue: input.queueUrl, receiptHandle: input.receiptHandle))
            return JSONEmptyOutput()
        },
        .make("ChangeMessageVisibility", mutating: true, supported: ["QueueUrl", "ReceiptHandle", "VisibilityTimeout"])
        {
            (input: SQS.ChangeMessageVisibilityRequest, context) throws(AWSError) in
            _ = try await context.run(
                SqsChangeVisibility(
                    queue: input.queueUrl, receiptHandle: input.receiptHandle,
                    visibilityTimeout: input.visibilityTimeout))
            return JSONEmptyOutput()
        },
    ]
}

// MARK: Batches

extension SQSActions {
    static func checkIds(_ ids: [String]) throws(AWSError) {
        do throws(NetctlError) { try SqsBook.checkBatchIds(ids) } catch { throw AWSError(error) }
    }

    static let batches: [JSONAction] = [
        .make("SendMessageBatch", mutating: true, supported: ["QueueUrl", "Entries"]) {
            (input: SQS.SendMessageBatchRequest, context) throws(AWSError) in
            var entries: [SqsSendEntry] = []
            var attributesById: [String: [String: SqsMessageAttribute]] = [:]
            for entry in input.entries {
                if entry.messageSystemAttributes != nil {
                    throw AWSError.unsupportedParameter(
                        "MessageSystemAttributes", of: "SendMessageBatch", code: "InvalidParameterValue")
                }
                let attributes = try attributes(entry.messageAttributes)
                attributesById[entry.id] = attributes
                entries.append(
                    SqsSendEntry(
                        id: entry.id, body: entry.messageBody, delaySeconds: entry.delaySeconds,
                        messageGroupId: entry.messageGroupId, messageDeduplicationId: entry.messageDeduplicationId,
                        messageAttributes: attributes))
            }
            let result = try await context.run(SqsSendBatch(queue: input.queueUrl, entries: entries))
            return SQS.SendMessageBatchResult(
                successful: result.successful.map {
                    SQS.SendMessageBatchResultEntry(
                        id: $0.id, messageId: $0.messageId, md5OfMessageBody: $0.md5OfBody,
                        md5OfMessageAttributes: md5(of: attributesById[$0.id] ?? nil), sequenceNumber: $0.sequenceNumber
                    )
                },
                failed: result.failed.map { failure($0, id: $0.id) })
        },
        .make("DeleteMessageBatch", mutating: true, supported: ["QueueUrl", "Entries"]) {
            (input: SQS.DeleteMessageBatchRequest, context) throws(AWSError) in
            try checkIds(input.entries.map(\.id))
            let result = try await context.run(
                SqsDeleteBatch(queue: input.queueUrl, receiptHandles: input.entries.map(\.receiptHandle)))
            let id = { (position: String) in Int(position).map { input.entries[$0].id } ?? position }
            return SQS.DeleteMessageBatchResult(
                successful: result.successful.map { SQS.DeleteMessageBatchResultEntry(id: id($0.id)) },
                failed: result.failed.map { failure($0, id: id($0.id)) })
        },
        .make("ChangeMessageVisibilityBatch", mutating: true, supported: ["QueueUrl", "Entries"]) {
            (input: SQS.ChangeMessageVisibilityBatchRequest, context) throws(AWSError) in
            try checkIds(input.entries.map(\.id))
            var result = SQS.ChangeMessageVisibilityBatchResult(successful: [], failed: [])
            for entry in input.entries {
                do throws(AWSError) {
                    _ = try await context.run(
                        SqsChangeVisibility(
                            queue: input.queueUrl, receiptHandle: entry.receiptHandle,
                            visibilityTimeout: entry.visibilityTimeout ?? 0))
                    result.successful?.append(SQS.ChangeMessageVisibilityBatchResultEntry(id: entry.id))
                } catch  where error.code == "QueueDoesNotExist" {
                    throw error
                } catch {
                    result.failed?.append(
                        SQS.BatchResultErrorEntry(
                            id: entry.id, senderFault: error.status < 500, code: error.code, message: error.message))
                }
            }
            return result
        },
    ]
}

// MARK: Tags

extension SQSActions {
    static let tags: [JSONAction] = [
        .make("TagQueue", mutating: true, supported: ["QueueUrl", "Tags"]) {
            (input: SQS.TagQueueRequest, context) throws(AWSError) in
            _ = try await context.run(SqsQueueTag(queue: input.queueUrl, tags: input.tags))
            return JSONEmptyOutput()
        },
        .make("UntagQueue", mutating: true, supported: ["QueueUrl", "TagKeys"]) {
            (input: SQS.UntagQueueRequest, context) throws(AWSError) in
            _ = try await context.run(SqsQueueUntag(queue: input.queueUrl, tagKeys: input.tagKeys))
            return JSONEmptyOutput()
        },
        .make("ListQueueTags", mutating: false, supported: ["QueueUrl"]) {
            (input: SQS.ListQueueTagsRequest, context) throws(AWSError) in
            let tags = try await context.run(SqsQueueTags(queue: input.queueUrl)).tags
            return SQS.ListQueueTagsResult(tags: tags.isEmpty ? nil : tags)
        },
    ]
}
