import Crypto
import Foundation

/// Checks AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 …`) the way AWS does: the
/// canonical request rebuilt from what was received, the credential scope, the signing key derived
/// from the secret, and the time window. Pure: the caller supplies the keys and the clock.
public struct SigV4Verifier: Sendable {
    private let credentials: [String: AWSCredential]
    /// How far the request's time may be from netctld's, either way (AWS: 15 minutes).
    public let allowedSkew: Duration

    public init(credentials: [AWSCredential], allowedSkew: Duration = .seconds(15 * 60)) {
        self.credentials = Dictionary(credentials.map { ($0.accessKeyId, $0) }, uniquingKeysWith: { first, _ in first })
        self.allowedSkew = allowedSkew
    }

    /// Why a request is not authenticated; each protocol names these in its own codes.
    public enum Failure: Error, Sendable, Equatable {
        case missing
        case incomplete(String)
        case unknownKey(String)
        case badScope(String)
        case expired(requestTime: String, now: Date, earlier: Bool)
        case mismatch
    }

    public func verify(_ request: SignedRequest, now: Date) -> Result<AWSCaller, Failure> {
        guard let authorization = request.header("Authorization") else {
            if request.query.contains("X-Amz-Algorithm=") {
                return .failure(.incomplete("netctld accepts only header-signed requests, not presigned URLs."))
            }
            return .failure(.missing)
        }
        let parsed: Authorization
        switch Authorization.parse(authorization) {
        case .success(let value): parsed = value
        case .failure(let failure): return .failure(failure)
        }
        guard let credential = credentials[parsed.accessKeyId] else { return .failure(.unknownKey(parsed.accessKeyId)) }
        guard let amzDate = request.header("X-Amz-Date"), let signedAt = Self.parseAmzDate(amzDate) else {
            return .failure(.incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))
        }
        guard parsed.date == String(amzDate.prefix(8)) else {
            return .failure(
                .badScope("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                    + "'\(parsed.date)' != '\(amzDate.prefix(8))', from '\(amzDate)'."))
        }
        let skew = Duration.seconds(now.timeIntervalSince(signedAt))
        if skew > allowedSkew || skew < .zero - allowedSkew {
            return .failure(.expired(requestTime: amzDate, now: now, earlier: skew > .zero))
        }
        let canonical = Self.canonicalRequest(request, signedHeaders: parsed.signedHeaders)
        let scope = "\(parsed.date)/\(parsed.region)/\(parsed.service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.hex(SHA256.hash(data: Data(canonical.utf8))))"
        var key = SymmetricKey(data: Data(("AWS4" + credential.secretAccessKey).utf8))
        for part in [parsed.date, parsed.region, parsed.service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let expected = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        guard Self.constantTimeEqual(expected, parsed.signature.lowercased()) else { return .failure(.mismatch) }
        return .success(AWSCaller(credential: credential, region: parsed.region, service: parsed.service))
    }

    /// `METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED\nhex(sha256(body))`, from the request as received.
    static func canonicalRequest(_ request: SignedRequest, signedHeaders: [String]) -> String {
        let headers = signedHeaders.map { name in
            let values = request.values(of: name).map(Self.collapsingWhitespace)
            return "\(name):\(values.joined(separator: ","))\n"
        }.joined()
        let payloadHash = request.header("X-Amz-Content-SHA256").flatMap { $0.count == 64 ? $0 : nil }
            ?? hex(SHA256.hash(data: request.body))
        return [
            request.method.uppercased(), canonicalURI(request.path), canonicalQuery(request.query), headers,
            signedHeaders.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
    }

    /// The path with dot segments removed, percent-encoded once more: AWS's services other than S3
    /// sign the already-encoded path encoded again (`%3A` is signed as `%253A`).
    static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let normalized = "/" + segments.joined(separator: "/")
        return uriEncode(normalized, keepingSlash: true)
    }

    /// Pairs sorted by encoded key then value, each RFC 3986-encoded (decoded first, so `+` and
    /// over-encoded characters sign as AWS's SDKs send them).
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func encoded(_ part: Substring?) -> String {
                let text = part.map { QueryInput.formDecode(Array($0.utf8)) ?? String($0) } ?? ""
                return uriEncode(text, keepingSlash: false)
            }
            return (encoded(parts[0]), encoded(parts.count > 1 ? parts[1] : nil))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0)=\($1)" }.joined(separator: "&")
    }

    static func uriEncode(_ text: String, keepingSlash: Bool) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlash:
                encoded.append("/")
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    static func collapsingWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// `YYYYMMDDTHHMMSSZ`, read by hand: a formatter per request would cost more than the signature.
    static func parseAmzDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        // Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    /// Equal strings, compared in time that does not depend on where they differ (for secrets).
    public static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8)
        let right = Array(right.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`.
struct Authorization: Equatable {
    var accessKeyId: String
    var date: String
    var region: String
    var service: String
    var signedHeaders: [String]
    var signature: String

    static func parse(_ header: String) -> Result<Authorization, SigV4Verifier.Failure> {
        let prefix = "AWS4-HMAC-SHA256 "
        guard header.hasPrefix(prefix) else {
            return .failure(.incomplete("Authorization header must start with AWS4-HMAC-SHA256 (Signature Version 4)."))
        }
        var fields: [String: String] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        let missing = ["Credential", "SignedHeaders", "Signature"].filter { fields[$0] == nil }
        guard missing.isEmpty, let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else {
            return .failure(
                .incomplete(missing.map { "Authorization header requires '\($0)' parameter." }.joined(separator: " ")
                    + " Authorization=\(header)"))
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty else {
            return .failure(
                .incomplete("Credential should be scoped to a valid region, service and aws4_request: '\(credential)'."))
        }
        guard scope[1].count == 8, scope[1].allSatisfy(\.isNumber) else {
            return .failure(.badScope("Credential should be scoped to a date as YYYYMMDD: '\(scope[1])'."))
        }
        return .success(
            Authorization(
                accessKeyId: scope[0], date: scope[1], region: scope[2], service: scope[3],
                signedHeaders: signed.split(separator: ";").map { $0.lowercased() }, signature: signature))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
