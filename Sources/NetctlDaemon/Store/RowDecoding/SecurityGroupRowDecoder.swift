import Foundation
import NetctlAPI

/// A security group's row body read by hand: every VPC has its default group, so there are as many
/// group rows as VPC rows at start-up. Nil sends the row to JSONDecoder (see `RowJSONReader`), as a
/// negative port (an ICMP rule's -1) does; `RowDecoderTests` checks both give the same group.
enum SecurityGroupRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> SecurityGroup? {
        var reader = RowJSONReader(bytes)
        var groupId = Member<String>()
        var groupName = Member<String>()
        var vpcId = Member<String>()
        var description = Member<String>()
        var ingressRules = Member<[SecurityGroupRule]>()
        var egressRules = Member<[SecurityGroupRule]>()
        var isDefault = Member<Bool>()
        var accountId = Member<String>()
        var region = Member<String>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "description": description.read(&reader) { $0.string() }
            case "egressRules": egressRules.read(&reader, rules)
            case "groupId": groupId.read(&reader) { $0.string() }
            case "groupName": groupName.read(&reader) { $0.string() }
            case "ingressRules": ingressRules.read(&reader, rules)
            case "isDefault": isDefault.read(&reader) { $0.bool() }
            case "region": region.read(&reader) { $0.string() }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let groupId = groupId.value, let groupName = groupName.value, let vpcId = vpcId.value,
            let description = description.value, let ingressRules = ingressRules.value,
            let egressRules = egressRules.value, let isDefault = isDefault.value, let accountId = accountId.value,
            let region = region.value, let tags = tags.value, let createdAt = createdAt.value
        else { return nil }
        return SecurityGroup(
            groupId: groupId, groupName: groupName, vpcId: vpcId, description: description, ingressRules: ingressRules,
            egressRules: egressRules, isDefault: isDefault, accountId: accountId, region: region, tags: tags,
            createdAt: createdAt)
    }

    private static func rules(_ reader: inout RowJSONReader) -> [SecurityGroupRule]? {
        var rules: [SecurityGroupRule] = []
        let read = reader.array { reader in
            guard let rule = rule(&reader) else { return false }
            rules.append(rule)
            return true
        }
        return read ? rules : nil
    }

    private static func rule(_ reader: inout RowJSONReader) -> SecurityGroupRule? {
        var ruleId = Member<String>()
        var proto = Member<String>()
        var fromPort = Member<Int>()
        var toPort = Member<Int>()
        var cidrIpv4 = Member<String?>()
        var prefixListId = Member<String?>()
        var referencedGroupId = Member<String?>()
        var description = Member<String?>()
        let read = reader.object { reader, key in
            switch key {
            case "cidrIpv4": cidrIpv4.read(&reader) { $0.optionalString() }
            case "description": description.read(&reader) { $0.optionalString() }
            case "fromPort": fromPort.read(&reader) { $0.int() }
            case "prefixListId": prefixListId.read(&reader) { $0.optionalString() }
            case "protocol": proto.read(&reader) { $0.string() }
            case "referencedGroupId": referencedGroupId.read(&reader) { $0.optionalString() }
            case "ruleId": ruleId.read(&reader) { $0.string() }
            case "toPort": toPort.read(&reader) { $0.int() }
            default: false
            }
        }
        guard read, let ruleId = ruleId.value, let proto = proto.value else { return nil }
        return SecurityGroupRule(
            ruleId: ruleId, protocol: proto, fromPort: fromPort.value, toPort: toPort.value,
            cidrIpv4: cidrIpv4.value ?? nil, prefixListId: prefixListId.value ?? nil,
            referencedGroupId: referencedGroupId.value ?? nil, description: description.value ?? nil)
    }
}
