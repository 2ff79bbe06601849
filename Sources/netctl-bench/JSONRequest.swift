import Foundation
import NIOCore
import NIOHTTP1

/// AWS JSON-protocol calls as botocore sends them: `POST /` with `X-Amz-Target`, the JSON body, and
/// `Content-Type`, `Host`, `X-Amz-Date` and the target signed. Signed when built, like an SDK's.
struct JSONRequest: Sendable {
    /// `Host` as sent and signed: the endpoint's address, port included.
    var host: String
    var targetPrefix: String
    var jsonVersion: String
    var signer: SigV4Signer

    static func ecs(host: String, signer: SigV4Signer) -> JSONRequest {
        JSONRequest(
            host: host, targetPrefix: "AmazonEC2ContainerServiceV20141113", jsonVersion: "1.1",
            signer: signer.forService("ecs"))
    }

    static func logs(host: String, signer: SigV4Signer) -> JSONRequest {
        JSONRequest(host: host, targetPrefix: "Logs_20140328", jsonVersion: "1.1", signer: signer.forService("logs"))
    }

    /// The head and body of `operation` with `body` (a JSON object's text).
    mutating func make(_ operation: String, _ body: String, now: Date = Date()) -> (HTTPRequestHead, ByteBuffer) {
        let bytes = Array(body.utf8)
        let amzDate = SigV4Signer.amzDate(now)
        var headers: [(name: String, value: String)] = [
            ("Host", host), ("Content-Type", "application/x-amz-json-\(jsonVersion)"), ("X-Amz-Date", amzDate),
            ("X-Amz-Target", "\(targetPrefix).\(operation)"),
        ]
        let authorization = signer.authorization(method: "POST", headers: headers, body: bytes, amzDate: amzDate)
        headers.append(("Content-Length", String(bytes.count)))
        headers.append(("Authorization", authorization))
        let head = HTTPRequestHead(
            version: .http1_1, method: .POST, uri: "/", headers: HTTPHeaders(headers.map { ($0.name, $0.value) }))
        return (head, ByteBuffer(bytes: bytes))
    }
}

extension SigV4Signer {
    /// The same key and region, signing for another service's scope.
    func forService(_ service: String) -> SigV4Signer {
        SigV4Signer(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, region: region, service: service)
    }
}
