import Foundation
import NetctlAPI

/// A network ACL's row body read by hand: every VPC has a default ACL, so there are as many of these
/// rows as VPC rows. Nil sends the row to JSONDecoder (see `RowJSONReader`), as does a negative
/// number (an ICMP type or code of -1); `RowDecoderTests` checks both give the same ACL.
enum NetworkAclRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> NetworkAcl? {
        var reader = RowJSONReader(bytes)
        var networkAclId = Member<String>()
        var vpcId = Member<String>()
        var name = Member<String?>()
        var accountId = Member<String>()
        var region = Member<String>()
        var isDefault = Member<Bool>()
        var entries = Member<[NetworkAclEntry]>()
        var associations = Member<[NetworkAclAssociation]>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "associations": associations.read(&reader) { $0.list(association) }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "entries": entries.read(&reader) { $0.list(entry) }
            case "isDefault": isDefault.read(&reader) { $0.bool() }
            case "name": name.read(&reader) { $0.optionalString() }
            case "networkAclId": networkAclId.read(&reader) { $0.string() }
            case "region": region.read(&reader) { $0.string() }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let networkAclId = networkAclId.value, let vpcId = vpcId.value, let accountId = accountId.value,
            let region = region.value, let isDefault = isDefault.value, let entries = entries.value,
            let associations = associations.value, let tags = tags.value, let createdAt = createdAt.value
        else { return nil }
        return NetworkAcl(
            networkAclId: networkAclId, vpcId: vpcId, name: name.value ?? nil, accountId: accountId, region: region,
            isDefault: isDefault, entries: entries, associations: associations, tags: tags, createdAt: createdAt)
    }

    private static func association(_ reader: inout RowJSONReader) -> NetworkAclAssociation? {
        reader.strings("associationId", "subnetId").map { NetworkAclAssociation(associationId: $0, subnetId: $1) }
    }

    private static func entry(_ reader: inout RowJSONReader) -> NetworkAclEntry? {
        var ruleNumber = Member<Int>()
        var egress = Member<Bool>()
        var proto = Member<String>()
        var ruleAction = Member<NetworkAclRuleAction>()
        var cidrBlock = Member<String>()
        var fromPort = Member<Int>()
        var toPort = Member<Int>()
        var icmpType = Member<Int>()
        var icmpCode = Member<Int>()
        let read = reader.object { reader, key in
            switch key {
            case "cidrBlock": cidrBlock.read(&reader) { $0.string() }
            case "egress": egress.read(&reader) { $0.bool() }
            case "fromPort": fromPort.read(&reader) { $0.int() }
            case "icmpCode": icmpCode.read(&reader) { $0.int() }
            case "icmpType": icmpType.read(&reader) { $0.int() }
            case "protocol": proto.read(&reader) { $0.string() }
            case "ruleAction": ruleAction.read(&reader) { $0.string().flatMap(NetworkAclRuleAction.init(rawValue:)) }
            case "ruleNumber": ruleNumber.read(&reader) { $0.int() }
            case "toPort": toPort.read(&reader) { $0.int() }
            default: false
            }
        }
        guard read, let ruleNumber = ruleNumber.value, let egress = egress.value, let proto = proto.value,
            let ruleAction = ruleAction.value, let cidrBlock = cidrBlock.value
        else { return nil }
        return NetworkAclEntry(
            ruleNumber: ruleNumber, egress: egress, protocol: proto, ruleAction: ruleAction, cidrBlock: cidrBlock,
            fromPort: fromPort.value, toPort: toPort.value, icmpType: icmpType.value, icmpCode: icmpCode.value)
    }
}
