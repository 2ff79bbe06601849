import Foundation
import NetctlAPI

/// Dead-letter queues: `RedrivePolicy` on the source, `RedriveAllowPolicy` on the target (SEMANTICS-2
/// §5.2): same account, Region and type, maxReceiveCount 1–1,000.
public enum SqsRedrive {
    public struct Policy: Sendable, Equatable {
        public var deadLetterTargetArn: String
        public var maxReceiveCount: Int
        /// AWS's own rendering, which GetQueueAttributes answers.
        var text: String {
            "{\"deadLetterTargetArn\":\"\(deadLetterTargetArn)\",\"maxReceiveCount\":\(maxReceiveCount)}"
        }
    }

    public struct AllowPolicy: Sendable, Equatable {
        public var redrivePermission: String
        public var sourceQueueArns: [String]
        var text: String {
            let arns = sourceQueueArns.map { "\"\($0)\"" }.joined(separator: ",")
            return sourceQueueArns.isEmpty
                ? "{\"redrivePermission\":\"\(redrivePermission)\"}"
                : "{\"redrivePermission\":\"\(redrivePermission)\",\"sourceQueueArns\":[\(arns)]}"
        }

        func allows(_ sourceArn: String) -> Bool {
            switch redrivePermission {
            case "allowAll": true
            case "byQueue": sourceQueueArns.contains(sourceArn)
            default: false
            }
        }
    }

    static func object(_ name: String, _ text: String) throws(NetctlError) -> [String: JSONValue] {
        guard let data = text.data(using: .utf8),
            let value = try? JSONDecoder().decode(JSONValue.self, from: data), let members = value.objectValue
        else { throw SqsAttributes.invalid(name, text, "must be a JSON object") }
        return members
    }

    /// Parses what a queue's `RedrivePolicy` names, read back from its stored (canonical) text.
    public static func stored(_ text: String?) -> Policy? {
        guard let text, let members = try? object(SqsAttributes.redrivePolicy, text),
            let arn = members["deadLetterTargetArn"]?.stringValue, let count = members["maxReceiveCount"]?.intValue
        else { return nil }
        return Policy(deadLetterTargetArn: arn, maxReceiveCount: Int(count))
    }

    static func storedAllow(_ text: String?) -> AllowPolicy {
        guard let text, let members = try? object(SqsAttributes.redriveAllowPolicy, text) else {
            return AllowPolicy(redrivePermission: "allowAll", sourceQueueArns: [])
        }
        return AllowPolicy(
            redrivePermission: members["redrivePermission"]?.stringValue ?? "allowAll",
            sourceQueueArns: members["sourceQueueArns"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    static func policy(_ text: String, source: SqsQueueKey, lookup: (String) -> SqsQueueRecord?) throws(NetctlError)
        -> Policy
    {
        let name = SqsAttributes.redrivePolicy
        let members = try object(name, text)
        guard let arn = members["deadLetterTargetArn"]?.stringValue else {
            throw SqsAttributes.invalid(name, text, "needs deadLetterTargetArn, the ARN of the dead-letter queue")
        }
        let count: Int64? =
            switch members["maxReceiveCount"] {
            case .string(let value): Int64(value)
            case let other: other?.intValue
            }
        guard let count, (1...1_000).contains(count) else {
            throw SqsAttributes.invalid(name, text, "needs maxReceiveCount, a whole number from 1 to 1,000")
        }
        guard let target = lookup(arn) else {
            throw SqsAttributes.invalid(name, text, "the dead-letter target \(arn) does not exist; create it first")
        }
        guard target.key.scope == source.scope else {
            throw SqsAttributes.invalid(name, text, "the dead-letter queue must be in the same account and Region")
        }
        guard target.key.isFifo == source.isFifo else {
            throw SqsAttributes.invalid(
                name, text, "the dead-letter queue of a \(source.isFifo ? "FIFO" : "standard") queue must be one too")
        }
        guard target.key != source else {
            throw SqsAttributes.invalid(name, text, "a queue cannot be its own dead-letter queue")
        }
        guard storedAllow(target.attributes[SqsAttributes.redriveAllowPolicy]).allows(source.arn) else {
            throw SqsAttributes.invalid(
                name, text, "the RedriveAllowPolicy of \(target.key.name) does not allow \(source.arn) as a source")
        }
        return Policy(deadLetterTargetArn: arn, maxReceiveCount: Int(count))
    }

    static func allowPolicy(_ text: String) throws(NetctlError) -> AllowPolicy {
        let name = SqsAttributes.redriveAllowPolicy
        let members = try object(name, text)
        guard let permission = members["redrivePermission"]?.stringValue,
            ["allowAll", "denyAll", "byQueue"].contains(permission)
        else { throw SqsAttributes.invalid(name, text, "redrivePermission must be allowAll, denyAll or byQueue") }
        let arns = members["sourceQueueArns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if permission == "byQueue" {
            guard (1...10).contains(arns.count) else {
                throw SqsAttributes.invalid(name, text, "byQueue needs 1 to 10 sourceQueueArns")
            }
        } else if !arns.isEmpty {
            throw SqsAttributes.invalid(name, text, "sourceQueueArns are allowed only with redrivePermission byQueue")
        }
        return AllowPolicy(redrivePermission: permission, sourceQueueArns: arns)
    }
}
