import Foundation
import NetctlAPI

/// A route table's row body read by hand: at scale each VPC's main table holds a route per peering,
/// the second largest part of the rows. Nil sends the row to JSONDecoder (see `RowJSONReader`);
/// `RowDecoderTests` checks both give the same table.
enum RouteTableRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> RouteTable? {
        var reader = RowJSONReader(bytes)
        var routeTableId = Member<String>()
        var vpcId = Member<String>()
        var name = Member<String?>()
        var accountId = Member<String>()
        var region = Member<String>()
        var main = Member<Bool>()
        var mainAssociationId = Member<String?>()
        var associations = Member<[RouteTableAssociation]>()
        var routes = Member<[Route]>()
        var tags = Member<Tags>()
        var createdAt = Member<Date>()
        var propagatingVgws = Member<[String]?>()
        let read = reader.document { reader, key in
            switch key {
            case "accountId": accountId.read(&reader) { $0.string() }
            case "associations": associations.read(&reader) { $0.list(association) }
            case "createdAt": createdAt.read(&reader) { $0.date() }
            case "main": main.read(&reader) { $0.bool() }
            case "mainAssociationId": mainAssociationId.read(&reader) { $0.optionalString() }
            case "name": name.read(&reader) { $0.optionalString() }
            case "propagatingVgws": propagatingVgws.read(&reader) { $0.optional { $0.stringArray() } }
            case "region": region.read(&reader) { $0.string() }
            case "routeTableId": routeTableId.read(&reader) { $0.string() }
            case "routes": routes.read(&reader) { $0.list(route) }
            case "tags": tags.read(&reader) { $0.stringDictionary() }
            case "vpcId": vpcId.read(&reader) { $0.string() }
            default: false
            }
        }
        guard read, let routeTableId = routeTableId.value, let vpcId = vpcId.value, let accountId = accountId.value,
            let region = region.value, let main = main.value, let associations = associations.value,
            let routes = routes.value, let tags = tags.value, let createdAt = createdAt.value
        else { return nil }
        return RouteTable(
            routeTableId: routeTableId, vpcId: vpcId, name: name.value ?? nil, accountId: accountId, region: region,
            main: main, mainAssociationId: mainAssociationId.value ?? nil, associations: associations, routes: routes,
            tags: tags, createdAt: createdAt, propagatingVgws: propagatingVgws.value ?? nil)
    }

    private static func association(_ reader: inout RowJSONReader) -> RouteTableAssociation? {
        reader.strings("associationId", "subnetId").map { RouteTableAssociation(associationId: $0, subnetId: $1) }
    }

    private static func route(_ reader: inout RowJSONReader) -> Route? {
        var destinationCidrBlock = Member<String?>()
        var destinationPrefixListId = Member<String?>()
        var target = Member<RouteTarget>()
        var state = Member<RouteState>()
        var origin = Member<String>()
        let read = reader.object { reader, key in
            switch key {
            case "destinationCidrBlock": destinationCidrBlock.read(&reader) { $0.optionalString() }
            case "destinationPrefixListId": destinationPrefixListId.read(&reader) { $0.optionalString() }
            case "origin": origin.read(&reader) { $0.string() }
            case "state": state.read(&reader) { $0.string().flatMap(RouteState.init(rawValue:)) }
            case "target": target.read(&reader, routeTarget)
            default: false
            }
        }
        guard read, let target = target.value, let state = state.value, let origin = origin.value else { return nil }
        return Route(
            destinationCidrBlock: destinationCidrBlock.value ?? nil,
            destinationPrefixListId: destinationPrefixListId.value ?? nil, target: target, state: state, origin: origin)
    }

    private static func routeTarget(_ reader: inout RowJSONReader) -> RouteTarget? {
        reader.strings("type", "id").map { RouteTarget(type: $0, id: $1) }
    }
}
