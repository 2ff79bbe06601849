import Foundation
import NetctlAPI

/// A subnet's row body read by hand: start-up reads every subnet. Nil sends the row to JSONDecoder
/// (see `RowJSONReader`), as do rows stored before `mapPublicIpOnLaunch` existed (no member, or null:
/// `Subnet.init(from:)` reads both as false); `RowDecoderTests` checks both give the same subnet.
enum SubnetRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Subnet? {
        var reader = RowJSONReader(bytes)
        var subnetId = Member<String>()
        var vpcId = Member<String>()
        var name = Member<String?>()
        var accountId = Member<String>()
        var region = Member<String>()
        var cidrBlock = Member<String>()
        var availabilityZone = Member<String>()
        var availableIpAddressCount = Member<Int>()
        var state = Member<SubnetState>()
        var mapPublicIpOnLaunch = Member<Bool>()
        var networkAclId = Member<String?>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "availabilityZone": availabilityZone.read(&reader) { $0.string() }
            case "availableIpAddressCount": availableIpAddressCount.read(&reader) { $0.int() }
            case "cidrBlock": cidrBlock.read(&reader) { $0.string() }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "mapPublicIpOnLaunch": mapPublicIpOnLaunch.read(&reader) { $0.bool() }
            case "name": name.read(&reader) { $0.optionalString() }
            case "networkAclId": networkAclId.read(&reader) { $0.optionalString() }
            case "region": region.read(&reader) { $0.string() }
            case "state": state.read(&reader) { $0.string().flatMap(SubnetState.init(rawValue:)) }
            case "subnetId": subnetId.read(&reader) { $0.string() }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let subnetId = subnetId.value, let vpcId = vpcId.value, let accountId = accountId.value,
            let region = region.value, let cidrBlock = cidrBlock.value, let availabilityZone = availabilityZone.value,
            let availableIpAddressCount = availableIpAddressCount.value, let state = state.value,
            let mapPublicIpOnLaunch = mapPublicIpOnLaunch.value, let tags = tags.value, let createdAt = createdAt.value
        else { return nil }
        return Subnet(
            subnetId: subnetId, vpcId: vpcId, name: name.value ?? nil, accountId: accountId, region: region,
            cidrBlock: cidrBlock, availabilityZone: availabilityZone, availableIpAddressCount: availableIpAddressCount,
            state: state, mapPublicIpOnLaunch: mapPublicIpOnLaunch, networkAclId: networkAclId.value ?? nil, tags: tags,
            createdAt: createdAt)
    }
}
