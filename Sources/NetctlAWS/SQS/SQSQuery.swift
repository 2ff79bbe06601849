import Foundation
import NetctlAPI

/// SQS in the query protocol (2012-11-05) of older SDKs and CLIs: a form POST `Action=<Op>`, with
/// SQS's flattened lists and maps (`Attribute.1.Name`, `MessageAttribute.1.Value.StringValue`,
/// `SendMessageBatchRequestEntry.1.Id`). The form is read into the JSON input the JSON operation
/// takes and that operation runs, so both protocols share one implementation; its JSON answer is
/// written back as the query protocol's XML, and its errors under their query codes.
enum SQSQuery {
    static let xmlNamespace = "http://queue.amazonaws.com/doc/2012-11-05/"

    static func handle(_ query: QueryInput, context: ActionContext, requestId: String) async -> AWSHTTPResponse {
        guard let action = query.parameters["Action"] else {
            return errorResponse(
                AWSError(code: "MissingAction", message: "The request must name its Action."), requestId: requestId)
        }
        guard let service = JSONServices.byTargetPrefix[SQS.targetPrefix], service.actionNames.contains(action) else {
            return errorResponse(AWSError.invalidAction(action, service: "sqs"), requestId: requestId)
        }
        let input: [String: Any]
        do throws(AWSError) { input = try jsonInput(query, action: action) } catch {
            return errorResponse(error, requestId: requestId)
        }
        guard let body = try? JSONSerialization.data(withJSONObject: input) else {
            return errorResponse(
                AWSError.internalError("netctld could not read the form of \(action)."), requestId: requestId)
        }
        let answer = await service.handle(operation: action, body: Array(body), context: context, requestId: requestId)
        guard answer.status == 200 else {
            let error = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
            let code = error?["__type"] as? String ?? "InternalFailure"
            return errorResponse(
                AWSError(code: code, message: error?["message"] as? String ?? "", status: answer.status),
                requestId: requestId)
        }
        let output = ((try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]) ?? [:]
        var xml = XMLWriter()
        xml.open("\(action)Response", attributes: #"xmlns="\#(xmlNamespace)""#)
        if !output.isEmpty {
            xml.open("\(action)Result")
            write(output, action: action, to: &xml)
            xml.close("\(action)Result")
        }
        xml.open("ResponseMetadata")
        xml.element("RequestId", requestId)
        xml.close("ResponseMetadata")
        xml.close("\(action)Response")
        return AWSHTTPResponse(status: 200, contentType: "text/xml", requestId: requestId, body: xml.bytes)
    }

    /// `<ErrorResponse>` with the query code (`AWS.SimpleQueueService.NonExistentQueue`, …).
    static func errorResponse(_ error: AWSError, requestId: String) -> AWSHTTPResponse {
        var answer = error
        answer.status = error.status != 400 ? error.status : SQSActions.errorStatuses[error.code] ?? 400
        answer.code = SQSActions.queryErrorCodes[error.code] ?? error.code
        return answer.queryErrorResponse(namespace: xmlNamespace, requestId: requestId)
    }

    // MARK: The form, as the JSON input

    static let integers: Set<String> = [
        "DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds", "MaxResults",
    ]
    static let lists: [String: String] = [
        "AttributeName": "AttributeNames", "MessageSystemAttributeName": "MessageSystemAttributeNames",
        "MessageAttributeName": "MessageAttributeNames", "TagKey": "TagKeys",
    ]
    static let entries: Set<String> = [
        "SendMessageBatchRequestEntry", "DeleteMessageBatchRequestEntry", "ChangeMessageVisibilityBatchRequestEntry",
    ]

    static func jsonInput(_ query: QueryInput, action: String) throws(AWSError) -> [String: Any] {
        var flat = query.parameters
        flat["Action"] = nil
        flat["Version"] = nil
        var input = try members(flat, context: "")
        // CreateQueue's tags are the model's one lower-case member.
        if action == "CreateQueue", let tags = input.removeValue(forKey: "Tags") { input["tags"] = tags }
        return input
    }

    /// The members of one structure from its flattened parameters (names relative to it).
    private static func members(_ flat: [String: String], context: String) throws(AWSError) -> [String: Any] {
        var groups: [String: [String: String]] = [:]
        var result: [String: Any] = [:]
        for (name, value) in flat {
            guard let dot = name.firstIndex(of: ".") else {
                result[name] = try scalar(name, value)
                continue
            }
            groups[String(name[..<dot]), default: [:]][String(name[name.index(after: dot)...])] = value
        }
        for (name, rest) in groups {
            let items = try indexed(rest, name: context + name)
            switch name {
            case "Attribute", "Tag":
                var map: [String: String] = [:]
                for item in items {
                    guard let key = item["Name"] ?? item["Key"], let value = item["Value"] else {
                        throw invalid("\(context)\(name) entries need a Name and a Value.")
                    }
                    map[key] = value
                }
                result[name == "Attribute" ? "Attributes" : "Tags"] = map
            case "MessageAttribute":
                var map: [String: Any] = [:]
                for item in items {
                    guard let key = item["Name"] else {
                        throw invalid("\(context)MessageAttribute entries need a Name.")
                    }
                    var value: [String: Any] = [:]
                    for (member, text) in item where member.hasPrefix("Value.") {
                        value[String(member.dropFirst(6))] = text
                    }
                    map[key] = value
                }
                result["MessageAttributes"] = map
            case _ where lists[name] != nil:
                result[lists[name]!] = items.compactMap { $0[""] }
            case _ where entries.contains(name):
                var list: [[String: Any]] = []
                for item in items { list.append(try members(item, context: "\(name).N.")) }
                result["Entries"] = list
            default:
                throw invalid("The parameter \(context)\(name) is not recognized.")
            }
        }
        return result
    }

    /// `Name.1.X`, `Name.2.X`, … as one dictionary of `X` per index, in index order (`Name.1` alone: key "").
    private static func indexed(_ rest: [String: String], name: String) throws(AWSError) -> [[String: String]] {
        var byIndex: [Int: [String: String]] = [:]
        for (key, value) in rest {
            let parts = key.split(separator: ".", maxSplits: 1)
            guard let index = parts.first.flatMap({ Int($0) }), index >= 1 else {
                throw invalid("The parameter \(name).\(key) is not recognized: members of \(name) are numbered from 1.")
            }
            byIndex[index, default: [:]][parts.count > 1 ? String(parts[1]) : ""] = value
        }
        return byIndex.keys.sorted().compactMap { byIndex[$0] }
    }

    private static func scalar(_ name: String, _ value: String) throws(AWSError) -> Any {
        guard integers.contains(name) else { return value }
        guard let number = Int(value) else {
            throw invalid("Value \(value) for parameter \(name) is not a whole number.")
        }
        return number
    }

    private static func invalid(_ message: String) -> AWSError {
        AWSError(code: "InvalidParameterValue", message: message)
    }

    // MARK: The JSON answer, as XML

    /// The element a list member's items are written as, in the operation's result.
    private static func itemName(_ member: String, action: String) -> String {
        switch member {
        case "QueueUrls": "QueueUrl"
        case "Messages": "Message"
        case "Successful": "\(action)ResultEntry"
        case "Failed": "BatchResultErrorEntry"
        default: member
        }
    }

    private static func write(_ object: [String: Any], action: String, to xml: inout XMLWriter) {
        for key in object.keys.sorted() {
            guard let value = object[key] else { continue }
            switch (key, value) {
            case ("Attributes", let map as [String: Any]), ("Tags", let map as [String: Any]):
                let element = key == "Attributes" ? "Attribute" : "Tag"
                for name in map.keys.sorted() {
                    xml.open(element)
                    xml.element(key == "Attributes" ? "Name" : "Key", name)
                    xml.element("Value", "\(map[name] ?? "")")
                    xml.close(element)
                }
            case ("MessageAttributes", let map as [String: Any]):
                for name in map.keys.sorted() {
                    xml.open("MessageAttribute")
                    xml.element("Name", name)
                    xml.open("Value")
                    write((map[name] as? [String: Any]) ?? [:], action: action, to: &xml)
                    xml.close("Value")
                    xml.close("MessageAttribute")
                }
            case (_, let list as [Any]):
                let item = itemName(key, action: action)
                for element in list {
                    if let structure = element as? [String: Any] {
                        xml.open(item)
                        write(structure, action: action, to: &xml)
                        xml.close(item)
                    } else {
                        xml.element(item, text(element))
                    }
                }
            case (_, let structure as [String: Any]):
                xml.open(key)
                write(structure, action: action, to: &xml)
                xml.close(key)
            default:
                xml.element(key, text(value))
            }
        }
    }

    /// SQS's answers hold strings and one boolean (`SenderFault`), never other numbers.
    private static func text(_ value: Any) -> String {
        if let string = value as? String { return string }
        if let flag = value as? Bool { return flag ? "true" : "false" }
        return "\(value)"
    }
}
