import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import NetctlAWS
@testable import netctl_bench

/// The bench's signatures must be the ones AWS's SDKs compute, or its numbers would be of refusals.
struct SigV4SignerTests {
    static func exampleSigner(region: String, service: String = "ec2") -> SigV4Signer {
        SigV4Signer(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: region,
            service: service)
    }

    /// The DescribeVpcs that botocore 1.43 signed for SigV4VerifierTests: the same signature.
    @Test func signsAsBotocoreDoes() {
        var signer = Self.exampleSigner(region: "eu-west-1")
        let authorization = signer.authorization(
            method: "POST",
            headers: [
                ("Host", "127.0.0.1:4566"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                ("X-Amz-Date", "20261203T122829Z"),
            ],
            body: Array("Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=a%20b".utf8),
            amzDate: "20261203T122829Z")
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/eu-west-1/ec2/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=f7a3e829ffce177751196272f5ba0ba00209ea5a93833bbfeb6c0ee297720048")
    }

    /// AWS's SigV4 test suite, `get-vanilla`.
    @Test func awsTestSuiteGetVanilla() {
        var signer = Self.exampleSigner(region: "us-east-1", service: "service")
        let authorization = signer.authorization(
            method: "GET", headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")], body: [],
            amzDate: "20150830T123600Z")
        #expect(authorization.hasSuffix("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))
    }

    /// A signing key kept from one day must not sign the next day's requests.
    @Test func aNewDayDerivesANewKey() {
        var signer = Self.exampleSigner(region: "us-east-1", service: "service")
        let headers: (String) -> [(name: String, value: String)] = {
            [("Host", "example.amazonaws.com"), ("X-Amz-Date", $0)]
        }
        _ = signer.authorization(
            method: "GET", headers: headers("20150829T123600Z"), body: [], amzDate: "20150829T123600Z")
        let next = signer.authorization(
            method: "GET", headers: headers("20150830T123600Z"), body: [], amzDate: "20150830T123600Z")
        #expect(next.hasSuffix("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))
    }

    /// What the workloads send passes netctld's own verifier, and its form reads back as written.
    @Test(arguments: [
        ("CreateVpc", [("CidrBlock", "10.255.255.240/28")]),
        ("DescribeVpcPeeringConnections", [("VpcPeeringConnectionId.1", "pcx-0123456789abcdef0")]),
    ])
    func netctldVerifiesTheWorkloadsRequests(action: String, parameters: [(String, String)]) throws {
        var request = EC2Request(
            host: "127.0.0.1:4566",
            signer: SigV4Signer(accessKeyId: "test", secretAccessKey: "test", region: "us-west-2"))
        let now = Date()
        let (head, buffer) = request.make(action, parameters, now: now)
        let received = SignedRequest(
            method: head.method.rawValue, path: head.uri, query: "", headers: head.headers.map { ($0.name, $0.value) },
            body: Array(buffer.readableBytesView))
        let verifier = SigV4Verifier(credentials: [.wellKnownTest(accountId: "000000000000")])
        let caller = try verifier.verify(received, now: now).get()
        #expect(caller.region == "us-west-2")
        #expect(caller.service == "ec2")
        let form = try QueryInput(form: received.body).parameters
        #expect(form["Action"] == action)
        #expect(form["Version"] == "2016-11-15")
        for (name, value) in parameters { #expect(form[name] == value) }
        #expect(head.headers["Content-Length"] == [String(received.body.count)])
    }

    @Test(arguments: ["20150830T123600Z", "20240229T000000Z", "20261231T235959Z", "19700101T000000Z"])
    func amzDateRoundTrips(text: String) throws {
        let date = try #require(SigV4Verifier.parseAmzDate(text))
        #expect(SigV4Signer.amzDate(date) == text)
    }

    @Test func formValuesAreEncodedAsBotocoreEncodesThem() {
        #expect(EC2Request.formEncoded("10.0.0.0/28") == "10.0.0.0%2F28")
        #expect(EC2Request.formEncoded("tag:Name a~b") == "tag%3AName%20a~b")
        #expect(EC2Request.formEncoded("é") == "%C3%A9")
    }
}
