import Foundation
import NetctlAPI

/// An instance's row body read by hand: instances are among the most numerous rows at scale, and
/// each has three dates. Nil sends the row to JSONDecoder (see `RowJSONReader`); `RowDecoderTests`
/// checks both give the same instance.
enum InstanceRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Instance? {
        var reader = RowJSONReader(bytes)
        var instanceId = Member<String>()
        var name = Member<String?>()
        var accountId = Member<String>()
        var region = Member<String>()
        var reservationId = Member<String>()
        var subnetId = Member<String>()
        var vpcId = Member<String>()
        var availabilityZone = Member<String>()
        var privateIpAddress = Member<String>()
        var publicIpAddress = Member<String?>()
        var state = Member<InstanceState>()
        var stateTransitionReason = Member<String?>()
        var stateChangedAt = Member<Date>()
        var securityGroupIds = Member<[String]>()
        var networkInterfaceId = Member<String>()
        var autoAssignPublicIp = Member<Bool>()
        var imageId = Member<String>()
        var instanceType = Member<String>()
        var launchTime = Member<Date>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "autoAssignPublicIp": autoAssignPublicIp.read(&reader) { $0.bool() }
            case "availabilityZone": availabilityZone.read(&reader) { $0.string() }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "imageId": imageId.read(&reader) { $0.string() }
            case "instanceId": instanceId.read(&reader) { $0.string() }
            case "instanceType": instanceType.read(&reader) { $0.string() }
            case "launchTime": launchTime.read(&reader) { $0.date() }
            case "name": name.read(&reader) { $0.optionalString() }
            case "networkInterfaceId": networkInterfaceId.read(&reader) { $0.string() }
            case "privateIpAddress": privateIpAddress.read(&reader) { $0.string() }
            case "publicIpAddress": publicIpAddress.read(&reader) { $0.optionalString() }
            case "region": region.read(&reader) { $0.string() }
            case "reservationId": reservationId.read(&reader) { $0.string() }
            case "securityGroupIds": securityGroupIds.read(&reader) { $0.stringArray() }
            // Raw values, not case names: `shutting-down` is `.shuttingDown`.
            case "state": state.read(&reader) { $0.string().flatMap(InstanceState.init(rawValue:)) }
            case "stateChangedAt": stateChangedAt.read(&reader) { $0.date() }
            case "stateTransitionReason": stateTransitionReason.read(&reader) { $0.optionalString() }
            case "subnetId": subnetId.read(&reader) { $0.string() }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let instanceId = instanceId.value, let accountId = accountId.value, let region = region.value,
            let reservationId = reservationId.value, let subnetId = subnetId.value, let vpcId = vpcId.value,
            let availabilityZone = availabilityZone.value, let privateIpAddress = privateIpAddress.value,
            let state = state.value, let stateChangedAt = stateChangedAt.value,
            let securityGroupIds = securityGroupIds.value, let networkInterfaceId = networkInterfaceId.value,
            let autoAssignPublicIp = autoAssignPublicIp.value, let imageId = imageId.value,
            let instanceType = instanceType.value, let launchTime = launchTime.value, let tags = tags.value,
            let createdAt = createdAt.value
        else { return nil }
        return Instance(
            instanceId: instanceId, name: name.value ?? nil, accountId: accountId, region: region,
            reservationId: reservationId, subnetId: subnetId, vpcId: vpcId, availabilityZone: availabilityZone,
            privateIpAddress: privateIpAddress, publicIpAddress: publicIpAddress.value ?? nil, state: state,
            stateTransitionReason: stateTransitionReason.value ?? nil, stateChangedAt: stateChangedAt,
            securityGroupIds: securityGroupIds, networkInterfaceId: networkInterfaceId,
            autoAssignPublicIp: autoAssignPublicIp, imageId: imageId, instanceType: instanceType,
            launchTime: launchTime, tags: tags, createdAt: createdAt)
    }
}
