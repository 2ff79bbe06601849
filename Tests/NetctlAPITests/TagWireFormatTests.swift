import Foundation
import NetctlAPI
import Testing

/// Golden JSON of the tag methods and of an interface's tags.
@Suite("Wire format of tags (golden JSON)")
struct TagWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("tags.create, tags.delete and tags.list params as scripts send them")
    func params() throws {
        let create = try NetctlJSON.decoder.decode(
            TagsCreate.self, from: Data(#"{"resources":["vpc-0a1b2c3d4e5f67890"],"tags":{"env":"dev"}}"#.utf8))
        #expect(create.resources == ["vpc-0a1b2c3d4e5f67890"])
        #expect(create.tags == ["env": "dev"])
        let delete = try NetctlJSON.decoder.decode(
            TagsDelete.self,
            from: Data(#"{"resources":["vpc-0a1b2c3d4e5f67890"],"tags":[{"key":"env"},{"key":"team","value":""}]}"#.utf8))
        #expect(delete.tags == [TagSelector(key: "env"), TagSelector(key: "team", value: "")])
        #expect(try json(TagsDelete(resources: ["vpc-1"])) == #"{"resources":["vpc-1"]}"#)
        #expect(
            try json(TagsList(filters: [Filter(name: "key", values: ["e*"])], maxResults: 5))
                == #"{"filters":[{"name":"key","values":["e*"]}],"maxResults":5}"#)
    }

    @Test("a tags.list page")
    func listResponse() throws {
        let page = TagsListResponse(
            tags: [TagDescription(resourceId: "vpc-0a1b2c3d4e5f67890", resourceType: "vpc", key: "env", value: "dev")],
            nextToken: "dA==")
        #expect(
            try json(page)
                == #"{"nextToken":"dA==","tags":[{"key":"env","resourceId":"vpc-0a1b2c3d4e5f67890","resourceType":"vpc","value":"dev"}]}"#
        )
        #expect(try json(TagsListResponse(tags: [], nextToken: nil)) == #"{"tags":[]}"#)
    }

    @Test("a network interface carries its tags")
    func networkInterface() throws {
        let interface = NetworkInterface(
            networkInterfaceId: "eni-1", subnetId: "subnet-1", vpcId: "vpc-1", accountId: "000000000000",
            region: "us-east-1", availabilityZone: "us-east-1a", privateIpAddress: "10.0.1.4",
            interfaceType: "nat_gateway", description: "Interface for NAT Gateway nat-1", attachedTo: "nat-1",
            tags: ["env": "dev"], createdAt: Date(timeIntervalSince1970: 1_764_091_474.123))
        #expect(
            try json(interface)
                == #"{"accountId":"000000000000","attachedTo":"nat-1","availabilityZone":"us-east-1a","createdAt":"2025-11-25T17:24:34.123Z","description":"Interface for NAT Gateway nat-1","interfaceType":"nat_gateway","networkInterfaceId":"eni-1","privateIpAddress":"10.0.1.4","region":"us-east-1","securityGroupIds":[],"sourceDestCheck":true,"status":"in-use","subnetId":"subnet-1","tags":{"env":"dev"},"vpcId":"vpc-1"}"#
        )
    }
}
