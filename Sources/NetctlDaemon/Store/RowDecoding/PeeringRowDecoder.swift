import Foundation
import NetctlAPI

/// A peering's row body read by hand: peerings are most of the rows at scale. Nil sends the row to
/// JSONDecoder (see `RowJSONReader`); `RowDecoderTests` checks both give the same peering.
enum PeeringRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Peering? {
        var reader = RowJSONReader(bytes)
        var members = MemberSet()
        var peeringId: String?
        var status: PeeringStatus?
        var requester: PeeringVpcInfo?
        var accepter: PeeringVpcInfo?
        var mtu: Int?
        var expirationTime: Date?
        var tags: Tags?
        var createdAt: Date?
        var statusUpdatedAt: Date?
        var deletedBy: String?
        let read = reader.document { reader, key in
            if key == "accepter" {
                guard members.insert(0), let value = vpcInfo(&reader) else { return false }
                accepter = value
            } else if key == "createdAt" {
                guard members.insert(1), let value = reader.date() else { return false }
                createdAt = value
            } else if key == "deletedBy" {
                guard members.insert(2), let value = reader.optionalString() else { return false }
                deletedBy = value
            } else if key == "expirationTime" {
                guard members.insert(3), let value = reader.optionalDate() else { return false }
                expirationTime = value
            } else if key == "mtu" {
                guard members.insert(4), let value = reader.int() else { return false }
                mtu = value
            } else if key == "peeringId" {
                guard members.insert(5), let value = reader.string() else { return false }
                peeringId = value
            } else if key == "requester" {
                guard members.insert(6), let value = vpcInfo(&reader) else { return false }
                requester = value
            } else if key == "status" {
                guard members.insert(7), let value = peeringStatus(&reader) else { return false }
                status = value
            } else if key == "statusUpdatedAt" {
                guard members.insert(8), let value = reader.date() else { return false }
                statusUpdatedAt = value
            } else if key == "tags" {
                guard members.insert(9), let value = reader.stringDictionary() else { return false }
                tags = value
            } else {
                return false
            }
            return true
        }
        guard read, let peeringId, let status, let requester, let accepter, let mtu, let tags, let createdAt,
            let statusUpdatedAt
        else { return nil }
        return Peering(
            peeringId: peeringId, status: status, requester: requester, accepter: accepter, mtu: mtu,
            expirationTime: expirationTime, tags: tags, createdAt: createdAt, statusUpdatedAt: statusUpdatedAt,
            deletedBy: deletedBy)
    }

    private static func peeringStatus(_ reader: inout RowJSONReader) -> PeeringStatus? {
        var members = MemberSet()
        var code: String?
        var message: String?
        let read = reader.object { reader, key in
            if key == "code" {
                guard members.insert(0), let value = reader.string() else { return false }
                code = value
            } else if key == "message" {
                guard members.insert(1), let value = reader.string() else { return false }
                message = value
            } else {
                return false
            }
            return true
        }
        guard read, let code, let message else { return nil }
        return PeeringStatus(code: code, message: message)
    }

    private static func vpcInfo(_ reader: inout RowJSONReader) -> PeeringVpcInfo? {
        var members = MemberSet()
        var vpcId: String?
        var accountId: String?
        var region: String?
        var cidrBlocks: [String]?
        var allowDnsResolution: Bool?
        let read = reader.object { reader, key in
            if key == "accountId" {
                guard members.insert(0), let value = reader.string() else { return false }
                accountId = value
            } else if key == "allowDnsResolutionFromRemoteVpc" {
                guard members.insert(1), let value = reader.bool() else { return false }
                allowDnsResolution = value
            } else if key == "cidrBlocks" {
                guard members.insert(2), let value = reader.stringArray() else { return false }
                cidrBlocks = value
            } else if key == "region" {
                guard members.insert(3), let value = reader.string() else { return false }
                region = value
            } else if key == "vpcId" {
                guard members.insert(4), let value = reader.string() else { return false }
                vpcId = value
            } else {
                return false
            }
            return true
        }
        guard read, let vpcId, let accountId, let region, let cidrBlocks, let allowDnsResolution else { return nil }
        return PeeringVpcInfo(
            vpcId: vpcId, accountId: accountId, region: region, cidrBlocks: cidrBlocks,
            allowDnsResolutionFromRemoteVpc: allowDnsResolution)
    }
}
