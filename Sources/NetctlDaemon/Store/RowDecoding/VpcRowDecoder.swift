import Foundation
import NetctlAPI

/// A VPC's row body read by hand: every VPC is read at start-up. Nil sends the row to JSONDecoder
/// (see `RowJSONReader`); `RowDecoderTests` checks both give the same VPC.
enum VpcRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Vpc? {
        var reader = RowJSONReader(bytes)
        var members = MemberSet()
        var vpcId: String?
        var name: String?
        var accountId: String?
        var region: String?
        var cidrBlocks: [String]?
        var state: VpcState?
        var mainRouteTableId: String?
        var enableDnsSupport: Bool?
        var enableDnsHostnames: Bool?
        var tags: Tags?
        var createdAt: Date?
        let read = reader.document { reader, key in
            if key == "accountId" {
                guard members.insert(0), let value = reader.string() else { return false }
                accountId = value
            } else if key == "cidrBlocks" {
                guard members.insert(1), let value = reader.stringArray() else { return false }
                cidrBlocks = value
            } else if key == "createdAt" {
                guard members.insert(2), let value = reader.date() else { return false }
                createdAt = value
            } else if key == "enableDnsHostnames" {
                guard members.insert(3), let value = reader.bool() else { return false }
                enableDnsHostnames = value
            } else if key == "enableDnsSupport" {
                guard members.insert(4), let value = reader.bool() else { return false }
                enableDnsSupport = value
            } else if key == "mainRouteTableId" {
                guard members.insert(5), let value = reader.string() else { return false }
                mainRouteTableId = value
            } else if key == "name" {
                guard members.insert(6), let value = reader.optionalString() else { return false }
                name = value
            } else if key == "region" {
                guard members.insert(7), let value = reader.string() else { return false }
                region = value
            } else if key == "state" {
                guard members.insert(8), let value = reader.string().flatMap(VpcState.init(rawValue:)) else {
                    return false
                }
                state = value
            } else if key == "tags" {
                guard members.insert(9), let value = reader.stringDictionary() else { return false }
                tags = value
            } else if key == "vpcId" {
                guard members.insert(10), let value = reader.string() else { return false }
                vpcId = value
            } else {
                return false
            }
            return true
        }
        guard read, let vpcId, let accountId, let region, let cidrBlocks, let state, let mainRouteTableId,
            let enableDnsSupport, let enableDnsHostnames, let tags, let createdAt
        else { return nil }
        return Vpc(
            vpcId: vpcId, name: name, accountId: accountId, region: region, cidrBlocks: cidrBlocks, state: state,
            mainRouteTableId: mainRouteTableId, enableDnsSupport: enableDnsSupport,
            enableDnsHostnames: enableDnsHostnames, tags: tags, createdAt: createdAt)
    }
}
