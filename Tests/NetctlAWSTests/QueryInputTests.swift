import Foundation
import Testing

@testable import NetctlAWS

/// The form parameters as botocore's EC2 serializer writes them, read back into generated shapes.
struct QueryInputTests {
    @Test func formDecodingKeepsWhatWasEncoded() throws {
        let query = try QueryInput(form: Array("Action=CreateVpc&CidrBlock=10.0.0.0%2F16&Tag=a+b%20c&Empty=".utf8))
        #expect(query.parameters == ["Action": "CreateVpc", "CidrBlock": "10.0.0.0/16", "Tag": "a b c", "Empty": ""])
        #expect(throws: AWSError.malformedQueryString) { try QueryInput(form: Array("A=%zz".utf8)) }
        #expect(throws: AWSError.malformedQueryString) { try QueryInput(form: Array("A=%ff".utf8)) }
    }

    @Test func nestedListsAndStructures() throws {
        let query = QueryInput(parameters: [
            "Filter.2.Name": "tag:env", "Filter.2.Value.1": "prod", "Filter.1.Name": "vpc-id",
            "Filter.1.Value.2": "vpc-2", "Filter.1.Value.1": "vpc-1", "VpcId.1": "vpc-9", "MaxResults": "5",
        ])
        let request = try EC2.DescribeVpcsRequest(query: query, prefix: "")
        #expect(request.filters?.map(\.name) == ["vpc-id", "tag:env"])
        #expect(request.filters?.first?.values == ["vpc-1", "vpc-2"])
        #expect(request.vpcIds == ["vpc-9"])
        #expect(request.maxResults == 5)
        #expect(request.nextToken == nil)
        #expect(query.topLevelNames == ["Filter", "VpcId", "MaxResults"])
    }

    @Test func typesAndBoundsAreChecked() {
        #expect(throws: AWSError.self) { try EC2.DescribeVpcsRequest(query: QueryInput(parameters: ["MaxResults": "4"]), prefix: "") }
        #expect(throws: AWSError.self) { try EC2.DescribeVpcsRequest(query: QueryInput(parameters: ["MaxResults": "x"]), prefix: "") }
        #expect(throws: AWSError.self) { try EC2.DescribeVpcsRequest(query: QueryInput(parameters: ["DryRun": "yes"]), prefix: "") }
        #expect(throws: AWSError.self) { try EC2.DescribeVpcsRequest(query: QueryInput(parameters: ["VpcId.x": "vpc-1"]), prefix: "") }
    }

    @Test func requiredMembersAreMissingParameters() throws {
        #expect(throws: AWSError.missingParameter("The request must contain the parameter VpcId")) {
            try EC2.DeleteVpcRequest(query: QueryInput(parameters: [:]), prefix: "")
        }
        #expect(try EC2.DeleteVpcRequest(query: QueryInput(parameters: ["VpcId": "vpc-1"]), prefix: "").vpcId == "vpc-1")
    }

    @Test func xmlIsEscapedAndListsWrapped() {
        var xml = XMLWriter()
        let vpc = EC2.Vpc(tags: [EC2.Tag(key: "a<b", value: "x & \"y\"")], vpcId: "vpc-1", cidrBlock: nil)
        vpc.write(to: &xml)
        #expect(
            String(decoding: xml.bytes, as: UTF8.self)
                == "<tagSet><item><key>a&lt;b</key><value>x &amp; &quot;y&quot;</value></item></tagSet><vpcId>vpc-1</vpcId>")
        var empty = XMLWriter()
        EC2.DescribeVpcsResult(vpcs: []).write(to: &empty)
        #expect(String(decoding: empty.bytes, as: UTF8.self) == "<vpcSet></vpcSet>")
    }
}
