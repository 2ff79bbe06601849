import Foundation
import Testing

@testable import NetctlAWS

/// Signature Version 4 as AWS's SDKs compute it: vectors from AWS's own test suite and from botocore.
struct SigV4VerifierTests {
    static let exampleKey = AWSCredential(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", accountId: "111122223333")

    /// A DescribeVpcs form POST signed by botocore 1.43 (SigV4Auth, service ec2, region eu-west-1).
    static func botocoreRequest(body: String? = nil, authorization: String? = nil) -> SignedRequest {
        SignedRequest(
            method: "POST", path: "/", query: "",
            headers: [
                ("Host", "127.0.0.1:4566"),
                ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                ("X-Amz-Date", "20261203T122829Z"),
                (
                    "Authorization",
                    authorization
                        ?? "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/eu-west-1/ec2/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=f7a3e829ffce177751196272f5ba0ba00209ea5a93833bbfeb6c0ee297720048"
                ),
            ],
            body: Array(
                (body ?? "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=a%20b").utf8))
    }

    static let signedAt = SigV4Verifier.parseAmzDate("20261203T122829Z")!

    @Test func acceptsWhatBotocoreSigned() throws {
        let verifier = SigV4Verifier(credentials: [Self.exampleKey])
        let caller = try verifier.verify(Self.botocoreRequest(), now: Self.signedAt.addingTimeInterval(60)).get()
        #expect(caller.region == "eu-west-1")
        #expect(caller.service == "ec2")
        #expect(caller.credential.accountId == "111122223333")
    }

    /// AWS's SigV4 test suite, `get-vanilla`.
    @Test func awsTestSuiteGetVanilla() throws {
        let request = SignedRequest(
            method: "GET", path: "/", query: "",
            headers: [
                ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
                ),
            ],
            body: [])
        let verifier = SigV4Verifier(credentials: [Self.exampleKey])
        let now = SigV4Verifier.parseAmzDate("20150830T123600Z")!
        #expect(throws: Never.self) { try verifier.verify(request, now: now).get() }
    }

    @Test func aChangedBodyDoesNotMatch() {
        let verifier = SigV4Verifier(credentials: [Self.exampleKey])
        let tampered = Self.botocoreRequest(body: "Action=DeleteVpc&Version=2016-11-15&VpcId=vpc-1")
        #expect(verifier.verify(tampered, now: Self.signedAt) == .failure(.mismatch))
    }

    @Test func aWrongSecretDoesNotMatch() {
        var wrong = Self.exampleKey
        wrong.secretAccessKey = "not-the-secret"
        #expect(SigV4Verifier(credentials: [wrong]).verify(Self.botocoreRequest(), now: Self.signedAt) == .failure(.mismatch))
    }

    @Test func anUnknownKeyIsNamed() {
        let other = AWSCredential(accessKeyId: "AKIDOTHER", secretAccessKey: "x", accountId: "111122223333")
        #expect(
            SigV4Verifier(credentials: [other]).verify(Self.botocoreRequest(), now: Self.signedAt)
                == .failure(.unknownKey("AKIDEXAMPLE")))
    }

    @Test func fifteenMinutesOfSkewEitherWay() {
        let verifier = SigV4Verifier(credentials: [Self.exampleKey])
        #expect(throws: Never.self) { try verifier.verify(Self.botocoreRequest(), now: Self.signedAt.addingTimeInterval(899)).get() }
        #expect(throws: Never.self) { try verifier.verify(Self.botocoreRequest(), now: Self.signedAt.addingTimeInterval(-899)).get() }
        guard case .failure(.expired(_, _, earlier: true)) = verifier.verify(Self.botocoreRequest(), now: Self.signedAt.addingTimeInterval(901))
        else {
            Issue.record("a request signed 15 min ago is expired")
            return
        }
        guard case .failure(.expired(_, _, earlier: false)) = verifier.verify(Self.botocoreRequest(), now: Self.signedAt.addingTimeInterval(-901))
        else {
            Issue.record("a request signed 15 min ahead is not yet valid")
            return
        }
    }

    @Test func unsignedAndMalformed() {
        let verifier = SigV4Verifier(credentials: [Self.exampleKey])
        var unsigned = Self.botocoreRequest()
        unsigned.headers.removeAll { $0.name == "Authorization" }
        #expect(verifier.verify(unsigned, now: Self.signedAt) == .failure(.missing))
        let noSignature = Self.botocoreRequest(
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/eu-west-1/ec2/aws4_request, SignedHeaders=host")
        guard case .failure(.incomplete(let message)) = verifier.verify(noSignature, now: Self.signedAt) else {
            Issue.record("a header without Signature is incomplete")
            return
        }
        #expect(message.contains("'Signature'"))
    }

    @Test func amzDatesReadAsUTC() {
        #expect(SigV4Verifier.parseAmzDate("19700101T000000Z") == Date(timeIntervalSince1970: 0))
        #expect(SigV4Verifier.parseAmzDate("20000229T235959Z") == Date(timeIntervalSince1970: 951_868_799))
        #expect(SigV4Verifier.parseAmzDate("2000-02-29T23:59:59Z") == nil)
    }

    /// Non-S3 services sign the received (already encoded) path encoded once more.
    @Test func canonicalPathIsEncodedAgain() {
        #expect(SigV4Verifier.canonicalURI("/tags/arn%3Aaws%3Aeks") == "/tags/arn%253Aaws%253Aeks")
        #expect(SigV4Verifier.canonicalURI("/a/./b/../c") == "/a/c")
        #expect(SigV4Verifier.canonicalQuery("b=2&a=1&a=0&c=x+y") == "a=0&a=1&b=2&c=x%20y")
    }
}
