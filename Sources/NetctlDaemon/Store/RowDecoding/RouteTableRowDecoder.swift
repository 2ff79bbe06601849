import Foundation
import NetctlAPI

/// A route table's row body read by hand: at scale each VPC's main table holds a route per peering,
/// the second largest part of the rows. Nil sends the row to JSONDecoder (see `RowJSONReader`);
/// `RowDecoderTests` checks both give the same table.
enum RouteTableRowDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> RouteTable? {
        var reader = RowJSONReader(bytes)
        var members = MemberSet()
        var routeTableId: String?
        var vpcId: String?
        var name: String?
        var accountId: String?
        var region: String?
        var main: Bool?
        var associations: [RouteTableAssociation]?
        var routes: [Route]?
        var tags: Tags?
        var createdAt: Date?
        let read = reader.document { reader, key in
            if key == "accountId" {
                guard members.insert(0), let value = reader.string() else { return false }
                accountId = value
            } else if key == "associations" {
                guard members.insert(1), let value = list(&reader, association) else { return false }
                associations = value
            } else if key == "createdAt" {
                guard members.insert(2), let value = reader.date() else { return false }
                createdAt = value
            } else if key == "main" {
                guard members.insert(3), let value = reader.bool() else { return false }
                main = value
            } else if key == "name" {
                guard members.insert(4), let value = reader.optionalString() else { return false }
                name = value
            } else if key == "region" {
                guard members.insert(5), let value = reader.string() else { return false }
                region = value
            } else if key == "routeTableId" {
                guard members.insert(6), let value = reader.string() else { return false }
                routeTableId = value
            } else if key == "routes" {
                guard members.insert(7), let value = list(&reader, route) else { return false }
                routes = value
            } else if key == "tags" {
                guard members.insert(8), let value = reader.stringDictionary() else { return false }
                tags = value
            } else if key == "vpcId" {
                guard members.insert(9), let value = reader.string() else { return false }
                vpcId = value
            } else {
                return false
            }
            return true
        }
        guard read, let routeTableId, let vpcId, let accountId, let region, let main, let associations, let routes,
            let tags, let createdAt
        else { return nil }
        return RouteTable(
            routeTableId: routeTableId, vpcId: vpcId, name: name, accountId: accountId, region: region, main: main,
            associations: associations, routes: routes, tags: tags, createdAt: createdAt)
    }

    private static func list<Element>(
        _ reader: inout RowJSONReader, _ element: (inout RowJSONReader) -> Element?
    ) -> [Element]? {
        var elements: [Element] = []
        let read = reader.array { reader in
            guard let value = element(&reader) else { return false }
            elements.append(value)
            return true
        }
        return read ? elements : nil
    }

    private static func association(_ reader: inout RowJSONReader) -> RouteTableAssociation? {
        var members = MemberSet()
        var associationId: String?
        var subnetId: String?
        let read = reader.object { reader, key in
            if key == "associationId" {
                guard members.insert(0), let value = reader.string() else { return false }
                associationId = value
            } else if key == "subnetId" {
                guard members.insert(1), let value = reader.string() else { return false }
                subnetId = value
            } else {
                return false
            }
            return true
        }
        guard read, let associationId, let subnetId else { return nil }
        return RouteTableAssociation(associationId: associationId, subnetId: subnetId)
    }

    private static func route(_ reader: inout RowJSONReader) -> Route? {
        var members = MemberSet()
        var destinationCidrBlock: String?
        var destinationPrefixListId: String?
        var target: RouteTarget?
        var state: RouteState?
        var origin: String?
        let read = reader.object { reader, key in
            if key == "destinationCidrBlock" {
                guard members.insert(0), let value = reader.optionalString() else { return false }
                destinationCidrBlock = value
            } else if key == "destinationPrefixListId" {
                guard members.insert(1), let value = reader.optionalString() else { return false }
                destinationPrefixListId = value
            } else if key == "origin" {
                guard members.insert(2), let value = reader.string() else { return false }
                origin = value
            } else if key == "state" {
                guard members.insert(3), let value = reader.string().flatMap(RouteState.init(rawValue:)) else {
                    return false
                }
                state = value
            } else if key == "target" {
                guard members.insert(4), let value = routeTarget(&reader) else { return false }
                target = value
            } else {
                return false
            }
            return true
        }
        guard read, let target, let state, let origin else { return nil }
        return Route(
            destinationCidrBlock: destinationCidrBlock, destinationPrefixListId: destinationPrefixListId,
            target: target, state: state, origin: origin)
    }

    private static func routeTarget(_ reader: inout RowJSONReader) -> RouteTarget? {
        var members = MemberSet()
        var type: String?
        var id: String?
        let read = reader.object { reader, key in
            if key == "id" {
                guard members.insert(0), let value = reader.string() else { return false }
                id = value
            } else if key == "type" {
                guard members.insert(1), let value = reader.string() else { return false }
                type = value
            } else {
                return false
            }
            return true
        }
        guard read, let type, let id else { return nil }
        return RouteTarget(type: type, id: id)
    }
}
