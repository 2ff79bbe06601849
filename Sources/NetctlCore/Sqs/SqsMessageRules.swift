import Crypto
import Foundation
import NetctlAPI

/// Checks on what a send carries and the shapes of receipt handles (SEMANTICS-2 §5.2).
public enum SqsMessageRules {
    public static let maximumVisibility = 43_200
    public static let dedupWindow: TimeInterval = 300

    public static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// At least one character, all of them in XML's allowed set.
    static func checkBody(_ body: String) throws(NetctlError) {
        guard !body.isEmpty else {
            throw NetctlError(.invalidMessageContents, "The message body must be at least one character long.")
        }
        for scalar in body.unicodeScalars {
            let value = scalar.value
            let allowed =
                value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            guard allowed else {
                throw NetctlError(
                    .invalidMessageContents,
                    "Invalid binary character #x\(String(value, radix: 16, uppercase: true)) in the message body; "
                        + "allowed are #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF.")
            }
        }
    }

    /// Up to 10 attributes, each with a type and the value that type needs; returns their size in bytes.
    static func checkAttributes(_ attributes: [String: SqsMessageAttribute]?) throws(NetctlError) -> Int {
        guard let attributes else { return 0 }
        guard attributes.count <= 10 else {
            throw NetctlError(
                .invalidParameterValue, "A message may carry at most 10 message attributes; got \(attributes.count).")
        }
        var size = 0
        for (name, attribute) in attributes.sorted(by: { $0.key < $1.key }) {
            guard (1...256).contains(name.count),
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }),
                !name.hasPrefix("."), !name.hasSuffix("."), !name.contains(".."),
                !name.lowercased().hasPrefix("aws."), !name.lowercased().hasPrefix("amazon.")
            else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Message attribute name \(name.prefix(64)) is not valid: 1 to 256 letters, digits, _, - and ., "
                        + "no leading, trailing or double period, not starting with AWS. or Amazon.")
            }
            let base = attribute.dataType.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            switch base {
            case "String", "Number":
                guard let value = attribute.stringValue, !value.isEmpty else {
                    throw NetctlError(
                        .invalidParameterValue,
                        "Message attribute \(name) of type \(attribute.dataType) needs a stringValue.")
                }
                if base == "Number", Double(value) == nil {
                    throw NetctlError(
                        .invalidParameterValue,
                        "Message attribute \(name) is a Number but \(value.prefix(64)) is not a number.")
                }
                size += value.utf8.count
            case "Binary":
                guard let value = attribute.binaryValue, let bytes = Data(base64Encoded: value), !bytes.isEmpty else {
                    throw NetctlError(
                        .invalidParameterValue, "Message attribute \(name) of type Binary needs a base64 binaryValue.")
                }
                size += bytes.count
            default:
                throw NetctlError(
                    .invalidParameterValue,
                    "Message attribute \(name) has the data type \(attribute.dataType.prefix(64)); use String, Number or Binary "
                        + "(optionally with a .suffix).")
            }
            size += name.utf8.count + attribute.dataType.utf8.count
        }
        return size
    }

    /// FIFO group and deduplication IDs: 1 to 128 printable ASCII characters.
    static func checkTag(_ parameter: String, _ value: String) throws(NetctlError) {
        guard (1...128).contains(value.count), value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            throw SqsError.invalidValue(parameter, value, "must be 1 to 128 printable ASCII characters")
        }
    }

    static func checkVisibility(_ seconds: Int) throws(NetctlError) {
        guard (0...maximumVisibility).contains(seconds) else {
            throw SqsError.invalidValue("VisibilityTimeout", String(seconds), "must be between 0 and 43200 seconds")
        }
    }

    /// A handle names its queue and message and is new on every receive: `queue/sequence/nonce` in base64.
    static func handle(_ key: SqsQueueKey, _ sequence: Int64, nonce: String) -> String {
        Data("\(key.name)/\(sequence)/\(nonce)".utf8).base64EncodedString()
    }

    /// The message sequence a handle names, if it is one of this queue's handles.
    static func sequence(of handle: String, in key: SqsQueueKey) throws(NetctlError) -> Int64 {
        guard handle.count <= 1_024, let data = Data(base64Encoded: handle),
            let text = String(data: data, encoding: .utf8)
        else { throw SqsError.handleInvalid(handle, "it is not a receipt handle") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let sequence = Int64(parts[1]) else {
            throw SqsError.handleInvalid(handle, "it is not a receipt handle")
        }
        guard parts[0] == key.name else { throw SqsError.handleInvalid(handle, "it belongs to another queue") }
        return sequence
    }

    /// AWS's FIFO sequence numbers are 20-digit decimal strings that only grow.
    static func sequenceNumber(_ sequence: Int64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}
