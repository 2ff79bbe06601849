import Crypto
import Foundation

/// AWS Signature Version 4 for the bench's own requests, computed as botocore computes it for EC2's
/// Query protocol, with swift-crypto's SHA-256 and HMAC. The signing key depends only on the day,
/// region and service, so it is derived once a day rather than per request: the bench shares the
/// machine's CPU with the server it measures, and every microsecond it spends is one the server lacks.
struct SigV4Signer: Sendable {
    let accessKeyId: String
    let secretAccessKey: String
    let region: String
    let service: String
    private var keyDay = ""
    private var signingKey = SymmetricKey(data: [UInt8]())

    init(accessKeyId: String, secretAccessKey: String, region: String, service: String = "ec2") {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// The `Authorization` header for a request carrying exactly `headers` (every one of them signed,
    /// `X-Amz-Date` with `amzDate` among them) and `body`. `path` and `query` must already be in
    /// canonical form: the bench posts to `/` without a query, so nothing here re-encodes them.
    mutating func authorization(
        method: String, path: String = "/", query: String = "", headers: [(name: String, value: String)],
        body: [UInt8], amzDate: String
    ) -> String {
        let day = String(amzDate.prefix(8))
        let signed = headers.map { (name: $0.name.lowercased(), value: Self.trimmed($0.value)) }
            .sorted { $0.name < $1.name }
        let signedNames = signed.map(\.name).joined(separator: ";")
        var canonical = "\(method)\n\(path)\n\(query)\n"
        for header in signed { canonical += "\(header.name):\(header.value)\n" }
        canonical += "\n\(signedNames)\n\(Self.hex(SHA256.hash(data: body)))"
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign =
            "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.hex(SHA256.hash(data: Array(canonical.utf8))))"
        let signature = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key(for: day))
        return "AWS4-HMAC-SHA256 Credential=\(accessKeyId)/\(scope), SignedHeaders=\(signedNames), "
            + "Signature=\(Self.hex(signature))"
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    private mutating func key(for day: String) -> SymmetricKey {
        if day != keyDay {
            var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
            for part in [day, region, service, "aws4_request"] {
                key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
            }
            keyDay = day
            signingKey = key
        }
        return signingKey
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC, the form `X-Amz-Date` takes; by hand from `gmtime_r`, since a
    /// formatter per request would cost the bench more than the signature does.
    static func amzDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    /// Leading and trailing blanks dropped and inner runs made one space, as SigV4 canonicalises values.
    private static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
