import Foundation
import NetctlAPI
import Testing

/// SQS (JSON 1.0, AmazonSQS) through boto3 and the AWS CLI: the same queues and messages the socket
/// sees, queue URLs that point at the endpoint, batches, long polling, and AWS's error codes with
/// their query codes.
@Suite(.serialized) struct AWSSqsTests {
    @Test func queuesAndMessagesThroughBoto3() async throws {
        let aws = try await AWSDaemon.start(["--manual-clock"])
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(
            """
            sqs = boto3.client("sqs", config=_config)
            def failure(call):
                try:
                    call()
                except botocore.exceptions.ClientError as error:
                    return {"code": error.response["Error"]["Code"],
                            "query": error.response["Error"].get("QueryErrorCode"),
                            "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
                return None
            out = {}
            url = sqs.create_queue(QueueName="jobs", Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
            out["url"] = url
            out["again"] = sqs.get_queue_url(QueueName="jobs")["QueueUrl"]
            dlq = sqs.create_queue(QueueName="jobs-dlq")["QueueUrl"]
            fifo = sqs.create_queue(QueueName="o.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
            out["listed"] = sqs.list_queues(QueueNamePrefix="jobs")["QueueUrls"]
            sent = sqs.send_message(QueueUrl=url, MessageBody="hello",
                MessageAttributes={"kind": {"DataType": "String", "StringValue": "greeting"}})
            out["sentMd5"] = sent["MD5OfMessageBody"]
            out["attributesMd5"] = sent["MD5OfMessageAttributes"]
            batch = sqs.send_message_batch(QueueUrl=url, Entries=[
                {"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": ""}])
            out["batchOk"] = [e["Id"] for e in batch.get("Successful", [])]
            out["batchFailed"] = [e["Code"] for e in batch.get("Failed", [])]
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"],
                MessageAttributeNames=["All"])["Messages"]
            out["bodies"] = sorted(m["Body"] for m in got)
            out["counts"] = sorted(m["Attributes"]["ApproximateReceiveCount"] for m in got)
            out["kind"] = [m["MessageAttributes"]["kind"]["StringValue"] for m in got if "MessageAttributes" in m]
            deleted = sqs.delete_message_batch(QueueUrl=url,
                Entries=[{"Id": "m%d" % i, "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)])
            out["deleted"] = len(deleted.get("Successful", []))
            attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
            out["visibility"] = attrs["VisibilityTimeout"]
            out["arn"] = attrs["QueueArn"]
            sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": json.dumps(
                {"deadLetterTargetArn": sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"],
                 "maxReceiveCount": 1})})
            out["redrive"] = json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])["maxReceiveCount"]
            f1 = sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g")
            f2 = sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g")
            out["dedup"] = f1["MessageId"] == f2["MessageId"] and "SequenceNumber" in f1
            one = sqs.receive_message(QueueUrl=fifo, AttributeNames=["MessageGroupId"])["Messages"][0]
            out["group"] = one["Attributes"]["MessageGroupId"]
            sqs.change_message_visibility(QueueUrl=fifo, ReceiptHandle=one["ReceiptHandle"], VisibilityTimeout=0)
            out["again_visible"] = len(sqs.receive_message(QueueUrl=fifo).get("Messages", []))
            out["missing"] = failure(lambda: sqs.get_queue_url(QueueName="nope"))
            out["exists"] = failure(lambda: sqs.create_queue(QueueName="jobs", Attributes={"VisibilityTimeout": "5"}))
            sqs.purge_queue(QueueUrl=url)
            out["purge"] = failure(lambda: sqs.purge_queue(QueueUrl=url))
            out["handle"] = failure(lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage"))
            out["empty"] = failure(lambda: sqs.send_message_batch(QueueUrl=url, Entries=[]))
            sqs.tag_queue(QueueUrl=url, Tags={"team": "web", "env": "prod"})
            sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
            out["tags"] = sqs.list_queue_tags(QueueUrl=url)["Tags"]
            tagged = sqs.create_queue(QueueName="tagged", tags={"a": "b"})["QueueUrl"]
            out["createdTags"] = sqs.list_queue_tags(QueueUrl=tagged)["Tags"]
            sqs.delete_queue(QueueUrl=tagged)
            sqs.delete_queue(QueueUrl=dlq)
            print(json.dumps(out))
            """)
        #expect(result.status == 0, "\(result)")
        let out = result.object
        func failure(_ key: String) -> [String: Any]? { out[key] as? [String: Any] }
        let account = try await aws.daemon.client.send(SystemWhoami()).accountId
        #expect(out["url"] as? String == "\(aws.endpoint)/\(account)/jobs")
        #expect(out["again"] as? String == out["url"] as? String)
        #expect((out["listed"] as? [String])?.count == 2)
        #expect(out["sentMd5"] as? String == "5d41402abc4b2a76b9719d911017c592")
        #expect((out["attributesMd5"] as? String)?.count == 32)
        #expect(out["batchOk"] as? [String] == ["a"])
        #expect(out["batchFailed"] as? [String] == ["InvalidMessageContents"])
        #expect(out["bodies"] as? [String] == ["hello", "one"])
        #expect(out["counts"] as? [String] == ["1", "1"])
        #expect(out["kind"] as? [String] == ["greeting"])
        #expect(out["deleted"] as? Int == 2)
        #expect(out["visibility"] as? String == "45")
        #expect(out["arn"] as? String == "arn:aws:sqs:us-east-1:\(account):jobs")
        #expect(out["redrive"] as? Int == 1)
        #expect(out["dedup"] as? Bool == true)
        #expect(out["group"] as? String == "g")
        #expect(out["again_visible"] as? Int == 1)
        #expect(failure("missing")?["code"] as? String == "AWS.SimpleQueueService.NonExistentQueue")
        #expect(failure("missing")?["query"] as? String == "QueueDoesNotExist")
        #expect(failure("exists")?["code"] as? String == "QueueAlreadyExists")
        #expect(failure("purge")?["code"] as? String == "AWS.SimpleQueueService.PurgeQueueInProgress")
        #expect(failure("purge")?["status"] as? Int == 403)
        #expect(failure("handle")?["code"] as? String == "ReceiptHandleIsInvalid")
        #expect(failure("empty")?["code"] as? String == "AWS.SimpleQueueService.EmptyBatchRequest")
        #expect(out["tags"] as? [String: String] == ["team": "web"])
        #expect(out["createdTags"] as? [String: String] == ["a": "b"])
        // The socket sees what boto3 did.
        let queues = try await aws.daemon.client.send(SqsQueueList())
        #expect(queues.queues.map(\.queueName) == ["jobs", "o.fifo"])
    }

    @Test func longPollThroughTheAWSCLI() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        // AWS CLI v1 replaces a missing --endpoint-url for sqs with queue.amazonaws.com before it reads
        // AWS_ENDPOINT_URL (awscli/customizations/overridesslcommonname.py): name the endpoint.
        func sqs(_ arguments: [String]) throws -> AWSResult {
            try aws.aws(["--endpoint-url", aws.endpoint, "sqs"] + arguments)
        }
        let created = try sqs(["create-queue", "--queue-name", "work"])
        #expect(created.status == 0, "\(created)")
        let url = try #require(created.object["QueueUrl"] as? String)
        let client = aws.daemon.client
        let sender = Task {
            try await Task.sleep(for: .seconds(2))
            return try await client.send(SqsSend(queue: "work", body: "late"))
        }
        let started = ContinuousClock.now
        let received = try sqs(["receive-message", "--queue-url", url, "--wait-time-seconds", "20"])
        #expect(received.status == 0, "\(received)")
        let messages = try #require(received.object["Messages"] as? [[String: Any]], "\(received)")
        #expect(messages.first?["Body"] as? String == "late")
        #expect(started.duration(to: .now) < .seconds(15))
        _ = try await sender.value
        let handle = try #require(messages.first?["ReceiptHandle"] as? String)
        #expect(try sqs(["delete-message", "--queue-url", url, "--receipt-handle", handle]).status == 0)
        let attributes = try sqs(["get-queue-attributes", "--queue-url", url, "--attribute-names", "All"])
        #expect((attributes.object["Attributes"] as? [String: String])?["ApproximateNumberOfMessages"] == "0")
        let missing = try sqs(["get-queue-url", "--queue-name", "absent"])
        #expect(missing.status != 0)
        #expect(missing.errorCode == "AWS.SimpleQueueService.NonExistentQueue", "\(missing)")
        #expect(try sqs(["delete-queue", "--queue-url", url]).status == 0)
    }
    /// Debian's AWS CLI v2 (2.9) bundles SQS's older model, which speaks the query protocol.
    @Test func queryProtocolThroughAWSCLIv2() async throws {
        let aws = try await AWSDaemon.start()
        defer { Task { await aws.terminate() } }
        let created = try aws.awsV2([
            "sqs", "create-queue", "--queue-name", "legacy", "--attributes", "VisibilityTimeout=40",
        ])
        #expect(created.status == 0, "\(created)")
        let url = try #require(created.object["QueueUrl"] as? String)
        let sent = try aws.awsV2([
            "sqs", "send-message", "--queue-url", url, "--message-body", "hi",
            "--message-attributes", #"{"k":{"DataType":"String","StringValue":"v"}}"#,
        ])
        #expect(sent.status == 0, "\(sent)")
        #expect(sent.object["MD5OfMessageBody"] as? String == "49f68a5c8493ec2c0bf489821c21fc3b")
        let batch = try aws.awsV2([
            "sqs", "send-message-batch", "--queue-url", url, "--entries", "Id=a,MessageBody=x", "Id=b,MessageBody=y",
        ])
        #expect(
            (batch.object["Successful"] as? [[String: Any]])?.compactMap { $0["Id"] as? String }.sorted() == [
                "a", "b",
            ], "\(batch)")
        let received = try aws.awsV2([
            "sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10", "--attribute-names", "All",
            "--message-attribute-names", "All",
        ])
        let messages = try #require(received.object["Messages"] as? [[String: Any]], "\(received)")
        #expect(messages.compactMap { $0["Body"] as? String }.sorted() == ["hi", "x", "y"])
        let hi = try #require(messages.first { $0["Body"] as? String == "hi" })
        #expect(((hi["MessageAttributes"] as? [String: Any])?["k"] as? [String: Any])?["StringValue"] as? String == "v")
        #expect((hi["Attributes"] as? [String: String])?["ApproximateReceiveCount"] == "1")
        let entries = messages.enumerated().map {
            #"{"Id":"e\#($0.offset)","ReceiptHandle":"\#($0.element["ReceiptHandle"] as? String ?? "")"}"#
        }
        let deleted = try aws.awsV2([
            "sqs", "delete-message-batch", "--queue-url", url, "--entries", "[" + entries.joined(separator: ",") + "]",
        ])
        #expect((deleted.object["Successful"] as? [Any])?.count == 3, "\(deleted)")
        let attributes = try aws.awsV2(["sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All"])
        let values = attributes.object["Attributes"] as? [String: String]
        #expect(
            values?["VisibilityTimeout"] == "40" && values?["ApproximateNumberOfMessagesNotVisible"] == "0",
            "\(attributes)")
        let missing = try aws.awsV2(["sqs", "get-queue-url", "--queue-name", "absent"])
        #expect(missing.errorCode == "AWS.SimpleQueueService.NonExistentQueue", "\(missing)")
        #expect(try aws.awsV2(["sqs", "tag-queue", "--queue-url", url, "--tags", "team=web,env=prod"]).status == 0)
        #expect(try aws.awsV2(["sqs", "untag-queue", "--queue-url", url, "--tag-keys", "env"]).status == 0)
        let tags = try aws.awsV2(["sqs", "list-queue-tags", "--queue-url", url])
        #expect(tags.object["Tags"] as? [String: String] == ["team": "web"], "\(tags)")
        #expect(try aws.awsV2(["sqs", "purge-queue", "--queue-url", url]).status == 0)
        let again = try aws.awsV2(["sqs", "purge-queue", "--queue-url", url])
        #expect(again.errorCode == "AWS.SimpleQueueService.PurgeQueueInProgress", "\(again)")
        #expect(try aws.awsV2(["sqs", "delete-queue", "--queue-url", url]).status == 0)
        #expect(try await aws.daemon.client.send(SqsQueueList()).queues.isEmpty)
    }
}
