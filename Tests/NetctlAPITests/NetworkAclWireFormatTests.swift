import Foundation
import NetctlAPI
import Testing

/// Golden JSON of network ACLs, their entries and methods: the names API.md fixes.
@Suite("Wire format of network ACLs (golden JSON)")
struct NetworkAclWireFormatTests {
    let created = Date(timeIntervalSince1970: 1_764_091_474.123)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("an ACL with a tcp, an icmp and the * entries, and a subnet association")
    func networkAcl() throws {
        let acl = NetworkAcl(
            networkAclId: "acl-0123456789abcdef0", vpcId: "vpc-0a1b2c3d4e5f67890", name: "web",
            accountId: "000000000000",
            region: "us-east-1", isDefault: false,
            entries: [
                NetworkAclEntry(
                    ruleNumber: 32767, egress: true, protocol: "-1", ruleAction: .deny, cidrBlock: "0.0.0.0/0"),
                NetworkAclEntry(
                    ruleNumber: 100, egress: false, protocol: "6", ruleAction: .allow, cidrBlock: "0.0.0.0/0",
                    fromPort: 443, toPort: 443),
                NetworkAclEntry(
                    ruleNumber: 110, egress: false, protocol: "1", ruleAction: .allow, cidrBlock: "10.0.0.0/8",
                    icmpType: 3, icmpCode: 4),
                NetworkAclEntry(
                    ruleNumber: 32767, egress: false, protocol: "-1", ruleAction: .deny, cidrBlock: "0.0.0.0/0"),
            ],
            associations: [
                NetworkAclAssociation(associationId: "aclassoc-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0")
            ], tags: ["Name": "web"], createdAt: created)
        #expect(
            try json(acl)
                == #"{"accountId":"000000000000","associations":[{"associationId":"aclassoc-0123456789abcdef0","subnetId":"subnet-0123456789abcdef0"}],"createdAt":"2025-11-25T17:24:34.123Z","entries":[{"cidrBlock":"0.0.0.0/0","egress":true,"protocol":"-1","ruleAction":"deny","ruleNumber":32767},{"cidrBlock":"0.0.0.0/0","egress":false,"fromPort":443,"protocol":"6","ruleAction":"allow","ruleNumber":100,"toPort":443},{"cidrBlock":"10.0.0.0/8","egress":false,"icmpCode":4,"icmpType":3,"protocol":"1","ruleAction":"allow","ruleNumber":110},{"cidrBlock":"0.0.0.0/0","egress":false,"protocol":"-1","ruleAction":"deny","ruleNumber":32767}],"isDefault":false,"name":"web","networkAclId":"acl-0123456789abcdef0","region":"us-east-1","tags":{"Name":"web"},"vpcId":"vpc-0a1b2c3d4e5f67890"}"#
        )
        #expect(try NetctlJSON.decoder.decode(NetworkAcl.self, from: NetctlJSON.encoder.encode(acl)) == acl)
    }

    @Test("a subnet names its network ACL; one stored without it still reads")
    func subnetAcl() throws {
        let subnet = Subnet(
            subnetId: "subnet-0123456789abcdef0", vpcId: "vpc-0a1b2c3d4e5f67890", name: nil, accountId: "000000000000",
            region: "us-east-1", cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a", availableIpAddressCount: 251,
            networkAclId: "acl-0123456789abcdef0", tags: [:], createdAt: created)
        let text = try json(subnet)
        #expect(text.contains(#""networkAclId":"acl-0123456789abcdef0""#))
        #expect(try NetctlJSON.decoder.decode(Subnet.self, from: Data(text.utf8)) == subnet)
        var older = subnet
        older.networkAclId = nil
        #expect(!(try json(older)).contains("networkAclId"))
    }

    @Test("entry params as scripts send them, list and associate results")
    func methods() throws {
        let create = try NetctlJSON.decoder.decode(
            NetworkAclCreateEntry.self,
            from: Data(
                #"{"networkAcl":"web","ruleNumber":100,"egress":false,"protocol":"tcp","ruleAction":"allow","cidrBlock":"0.0.0.0/0","fromPort":80,"toPort":80}"#
                    .utf8))
        #expect(
            create.networkAcl == "web" && create.protocol == "tcp" && create.fromPort == 80 && create.icmpType == nil)
        #expect(
            try json(NetworkAclDeleteEntry(networkAcl: "web", ruleNumber: 100, egress: true))
                == #"{"egress":true,"networkAcl":"web","ruleNumber":100}"#)
        #expect(
            try json(NetworkAclAssociate(networkAcl: "web", subnet: "s1")) == #"{"networkAcl":"web","subnet":"s1"}"#)
        #expect(try json(NetworkAclListResponse(networkAcls: [], nextToken: nil)) == #"{"networkAcls":[]}"#)
        let acl = NetworkAcl(
            networkAclId: "acl-0123456789abcdef0", vpcId: "vpc-0a1b2c3d4e5f67890", accountId: "000000000000",
            region: "us-east-1", isDefault: true, entries: [], tags: [:], createdAt: created)
        #expect(
            try json(NetworkAclAssociateResponse(newAssociationId: "aclassoc-0123456789abcdef1", networkAcl: acl))
                .hasPrefix(#"{"networkAcl":{"accountId":"000000000000","associations":[],"#))
        #expect(NetworkAclCreate.method == "networkAcl.create")
        #expect(NetworkAclCreateEntry.method == "networkAcl.createEntry")
        #expect(NetworkAclReplaceEntry.method == "networkAcl.replaceEntry")
        #expect(NetworkAclDeleteEntry.method == "networkAcl.deleteEntry")
        #expect(NetworkAclAssociate.method == "networkAcl.associate")
    }
}
