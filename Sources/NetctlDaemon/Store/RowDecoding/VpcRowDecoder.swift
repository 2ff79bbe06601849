import Foundation
import NetctlAPI

/// A VPC's row body read by hand: every VPC is read at start-up. Nil sends the row to JSONDecoder
/// (see `RowJSONReader`); `RowDecoderTests` checks both give the same VPC.
enum VpcRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Vpc? {
        var reader = RowJSONReader(bytes)
        var vpcId = Member<String>()
        var name = Member<String?>()
        var accountId = Member<String>()
        var region = Member<String>()
        var cidrBlocks = Member<[String]>()
        var state = Member<VpcState>()
        var mainRouteTableId = Member<String>()
        var enableDnsSupport = Member<Bool>()
        var enableDnsHostnames = Member<Bool>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "cidrBlocks": cidrBlocks.read(&reader) { $0.stringArray() }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "enableDnsHostnames": enableDnsHostnames.read(&reader) { $0.bool() }
            case "enableDnsSupport": enableDnsSupport.read(&reader) { $0.bool() }
            case "mainRouteTableId": mainRouteTableId.read(&reader) { $0.string() }
            case "name": name.read(&reader) { $0.optionalString() }
            case "region": region.read(&reader) { $0.string() }
            case "state": state.read(&reader) { $0.string().flatMap(VpcState.init(rawValue:)) }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let vpcId = vpcId.value, let accountId = accountId.value, let region = region.value,
            let cidrBlocks = cidrBlocks.value, let state = state.value, let mainRouteTableId = mainRouteTableId.value,
            let enableDnsSupport = enableDnsSupport.value, let enableDnsHostnames = enableDnsHostnames.value,
            let tags = tags.value, let createdAt = createdAt.value
        else { return nil }
        return Vpc(
            vpcId: vpcId, name: name.value ?? nil, accountId: accountId, region: region, cidrBlocks: cidrBlocks,
            state: state, mainRouteTableId: mainRouteTableId, enableDnsSupport: enableDnsSupport,
            enableDnsHostnames: enableDnsHostnames, tags: tags, createdAt: createdAt)
    }
}
