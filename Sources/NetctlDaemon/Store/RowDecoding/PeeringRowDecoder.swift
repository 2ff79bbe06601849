import Foundation
import NetctlAPI

/// A peering's row body read by hand: peerings are most of the rows at scale. Nil sends the row to
/// JSONDecoder (see `RowJSONReader`); `RowDecoderTests` checks both give the same peering.
enum PeeringRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Peering? {
        var reader = RowJSONReader(bytes)
        var peeringId = Member<String>()
        var status = Member<PeeringStatus>()
        var requester = Member<PeeringVpcInfo>()
        var accepter = Member<PeeringVpcInfo>()
        var mtu = Member<Int>()
        var expirationTime = Member<Date?>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        var statusUpdatedAt = Member<Date>()
        var deletedBy = Member<String?>()
        let read = reader.document { reader, key in
            switch key {
            case "accepter": accepter.read(&reader, vpcInfo)
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "deletedBy": deletedBy.read(&reader) { $0.optionalString() }
            case "expirationTime": expirationTime.read(&reader) { $0.optionalDate() }
            case "mtu": mtu.read(&reader) { $0.int() }
            case "peeringId": peeringId.read(&reader) { $0.string() }
            case "requester": requester.read(&reader, vpcInfo)
            case "status": status.read(&reader, peeringStatus)
            case "statusUpdatedAt": statusUpdatedAt.read(&reader) { $0.date() }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            default: false
            }
        }
        guard read, let peeringId = peeringId.value, let status = status.value, let requester = requester.value,
            let accepter = accepter.value, let mtu = mtu.value, let tags = tags.value, let createdAt = createdAt.value,
            let statusUpdatedAt = statusUpdatedAt.value
        else { return nil }
        return Peering(
            peeringId: peeringId, status: status, requester: requester, accepter: accepter, mtu: mtu,
            expirationTime: expirationTime.value ?? nil, tags: tags, createdAt: createdAt,
            statusUpdatedAt: statusUpdatedAt, deletedBy: deletedBy.value ?? nil)
    }

    private static func peeringStatus(_ reader: inout RowJSONReader) -> PeeringStatus? {
        reader.strings("code", "message").map { PeeringStatus(code: $0, message: $1) }
    }

    private static func vpcInfo(_ reader: inout RowJSONReader) -> PeeringVpcInfo? {
        var vpcId = Member<String>()
        var accountId = Member<String>()
        var region = Member<String>()
        var cidrBlocks = Member<[String]>()
        var allowDnsResolution = Member<Bool>()
        let read = reader.object { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "allowDnsResolutionFromRemoteVpc": allowDnsResolution.read(&reader) { $0.bool() }
            case "cidrBlocks": cidrBlocks.read(&reader) { $0.stringArray() }
            case "region": region.read(&reader) { $0.string() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let vpcId = vpcId.value, let accountId = accountId.value, let region = region.value,
            let cidrBlocks = cidrBlocks.value, let allowDnsResolution = allowDnsResolution.value
        else { return nil }
        return PeeringVpcInfo(
            vpcId: vpcId, accountId: accountId, region: region, cidrBlocks: cidrBlocks,
            allowDnsResolutionFromRemoteVpc: allowDnsResolution)
    }
}
