import Foundation
import NetctlAPI

/// A network interface's row body read by hand: every instance, NAT gateway, interface endpoint and
/// task has one, so they are among the most numerous rows, and the kind JSONDecoder spent most on.
/// Nil sends the row to JSONDecoder (see `RowJSONReader`), and so do the forms
/// `NetworkInterface.init(from:)` rewrites: rows stored before interfaces had tags, groups or
/// `sourceDestCheck` (those members absent or null), and the legacy `interface` type, whose kind
/// that initialiser works out from the owner. `RowDecoderTests` checks both give the same interface.
enum NetworkInterfaceRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> NetworkInterface? {
        var reader = RowJSONReader(bytes)
        var networkInterfaceId = Member<String>()
        var subnetId = Member<String>()
        var vpcId = Member<String>()
        var accountId = Member<String>()
        var region = Member<String>()
        var availabilityZone = Member<String>()
        var privateIpAddress = Member<String>()
        var interfaceType = Member<String>()
        var description = Member<String>()
        var attachedTo = Member<String?>()
        var status = Member<String>()
        var publicIpAddress = Member<String?>()
        var securityGroupIds = Member<[String]>()
        var attachment = Member<NetworkInterfaceAttachment?>()
        var sourceDestCheck = Member<Bool>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "attachedTo": attachedTo.read(&reader) { $0.optionalString() }
            case "attachment": attachment.read(&reader) { $0.optional(Self.attachment) }
            case "availabilityZone": availabilityZone.read(&reader) { $0.string() }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "description": description.read(&reader) { $0.string() }
            // `interface` is the legacy type JSONDecoder maps to a kind by the owner: left to it.
            case "interfaceType": interfaceType.read(&reader) { reader in
                reader.string().flatMap { $0 == "interface" ? nil : $0 }
            }
            case "networkInterfaceId": networkInterfaceId.read(&reader) { $0.string() }
            case "privateIpAddress": privateIpAddress.read(&reader) { $0.string() }
            case "publicIpAddress": publicIpAddress.read(&reader) { $0.optionalString() }
            case "region": region.read(&reader) { $0.string() }
            case "securityGroupIds": securityGroupIds.read(&reader) { $0.stringArray() }
            case "sourceDestCheck": sourceDestCheck.read(&reader) { $0.bool() }
            case "status": status.read(&reader) { $0.string() }
            case "subnetId": subnetId.read(&reader) { $0.string() }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        // Groups, `sourceDestCheck` and tags are required here although JSONDecoder defaults them: only
        // old rows lack them, and those are few and JSONDecoder's.
        guard read, let networkInterfaceId = networkInterfaceId.value, let subnetId = subnetId.value,
            let vpcId = vpcId.value, let accountId = accountId.value, let region = region.value,
            let availabilityZone = availabilityZone.value, let privateIpAddress = privateIpAddress.value,
            let interfaceType = interfaceType.value, let description = description.value, let status = status.value,
            let securityGroupIds = securityGroupIds.value, let sourceDestCheck = sourceDestCheck.value,
            let tags = tags.value, let createdAt = createdAt.value
        else { return nil }
        return NetworkInterface(
            networkInterfaceId: networkInterfaceId, subnetId: subnetId, vpcId: vpcId, accountId: accountId,
            region: region, availabilityZone: availabilityZone, privateIpAddress: privateIpAddress,
            interfaceType: interfaceType, description: description, attachedTo: attachedTo.value ?? nil,
            status: status, publicIpAddress: publicIpAddress.value ?? nil, securityGroupIds: securityGroupIds,
            attachment: attachment.value ?? nil, sourceDestCheck: sourceDestCheck, tags: tags, createdAt: createdAt)
    }

    private static func attachment(_ reader: inout RowJSONReader) -> NetworkInterfaceAttachment? {
        var attachmentId = Member<String>()
        var instanceId = Member<String>()
        var deviceIndex = Member<Int>()
        var status = Member<String>()
        var deleteOnTermination = Member<Bool>()
        var attachTime = Member<Date>()
        let read = reader.object { reader, key in
            switch key {
            case "attachTime": attachTime.read(&reader) { $0.date() }
            case "attachmentId": attachmentId.read(&reader) { $0.string() }
            case "deleteOnTermination": deleteOnTermination.read(&reader) { $0.bool() }
            case "deviceIndex": deviceIndex.read(&reader) { $0.int() }
            case "instanceId": instanceId.read(&reader) { $0.string() }
            case "status": status.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let attachmentId = attachmentId.value, let instanceId = instanceId.value,
            let deviceIndex = deviceIndex.value, let status = status.value,
            let deleteOnTermination = deleteOnTermination.value, let attachTime = attachTime.value
        else { return nil }
        return NetworkInterfaceAttachment(
            attachmentId: attachmentId, instanceId: instanceId, deviceIndex: deviceIndex, status: status,
            deleteOnTermination: deleteOnTermination, attachTime: attachTime)
    }
}
