import Foundation
import NIOCore
import NIOHTTP1

/// EC2 Query calls as the AWS SDKs send them: a form POST to `/` with `Action` and `Version`,
/// `Content-Type`, `Host` and `X-Amz-Date` signed. Each call is signed when it is built, at the
/// second it is sent, like an SDK's.
struct EC2Request: Sendable {
    static let apiVersion = "2016-11-15"
    static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

    /// `Host` as sent and signed: the endpoint's address, port included.
    var host: String
    var signer: SigV4Signer

    /// The head and body of `action` with `parameters` (names and values unencoded).
    mutating func make(_ action: String, _ parameters: [(String, String)] = [], now: Date = Date())
        -> (HTTPRequestHead, ByteBuffer)
    {
        var form = "Action=\(action)&Version=\(Self.apiVersion)"
        for (name, value) in parameters { form += "&\(Self.formEncoded(name))=\(Self.formEncoded(value))" }
        let body = Array(form.utf8)
        let amzDate = SigV4Signer.amzDate(now)
        var headers: [(name: String, value: String)] = [
            ("Host", host), ("Content-Type", Self.contentType), ("X-Amz-Date", amzDate),
        ]
        let authorization = signer.authorization(method: "POST", headers: headers, body: body, amzDate: amzDate)
        headers.append(("Content-Length", String(body.count)))
        headers.append(("Authorization", authorization))
        let head = HTTPRequestHead(
            version: .http1_1, method: .POST, uri: "/", headers: HTTPHeaders(headers.map { ($0.name, $0.value) }))
        return (head, ByteBuffer(bytes: body))
    }

    /// Percent-encoding of everything but RFC 3986's unreserved characters, as botocore encodes a
    /// form (so `/` in a CIDR travels as `%2F`).
    static func formEncoded(_ text: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
