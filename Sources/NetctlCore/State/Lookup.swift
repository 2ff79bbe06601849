import Foundation
import NetctlAPI

/// Resolving the references callers pass (`vpc`, `subnet`, `routeTable`, …): an ID or a name,
/// always within the caller's account and region.
extension State {
    /// A list method's items: the VPC's (through the parent index) when one is named, else the scope's.
    func listed<R: StoredResource>(_ table: KeyPath<State, Table<R>>, ofVpc reference: String?, _ scope: Scope)
        throws(NetctlError) -> [R]
    {
        guard let reference else { return self[keyPath: table].inScope(scope) }
        return self[keyPath: table].children(of: try vpc(reference, in: scope).vpcId)
    }

    public func vpc(_ reference: String, in scope: Scope) throws(NetctlError) -> Vpc {
        try resolve(
            reference, in: scope, prefix: IDPrefix.vpc, code: .vpcNotFound, noun: "vpc",
            listHint: "netctl vpc list")
    }

    public func subnet(_ reference: String, in scope: Scope) throws(NetctlError) -> Subnet {
        try resolve(
            reference, in: scope, prefix: IDPrefix.subnet, code: .subnetNotFound, noun: "subnet",
            listHint: "netctl subnet list")
    }

    public func routeTable(_ reference: String, in scope: Scope) throws(NetctlError) -> RouteTable {
        try resolve(
            reference, in: scope, prefix: IDPrefix.routeTable, code: .routeTableNotFound, noun: "routeTable",
            listHint: "netctl route-table list")
    }

    public func internetGateway(_ reference: String, in scope: Scope) throws(NetctlError) -> InternetGateway {
        try resolve(
            reference, in: scope, prefix: IDPrefix.internetGateway, code: .internetGatewayNotFound,
            noun: "internetGateway", listHint: "netctl gateway list")
    }

    public func natGateway(_ reference: String, in scope: Scope) throws(NetctlError) -> NatGateway {
        try resolve(
            reference, in: scope, prefix: IDPrefix.natGateway, code: .natGatewayNotFound, noun: "natGateway",
            listHint: "netctl gateway list --nat")
    }

    /// `trimmingCharacters(in: .whitespaces)`, which costs more than the rest of a lookup, only for a
    /// reference that starts or ends with whitespace.
    static func trimmingWhitespace(_ reference: String) -> String {
        guard let first = reference.unicodeScalars.first, let last = reference.unicodeScalars.last,
            CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
        else { return reference }
        return reference.trimmingCharacters(in: .whitespaces)
    }

    /// IDs are looked up directly; anything else is taken as a name (the Name tag). A resource of
    /// another account or region is reported as missing, exactly like one that never existed.
    func resolve<R: StoredResource>(
        _ reference: String, in scope: Scope, prefix: String, code: ErrorCode, noun: String, listHint: String
    ) throws(NetctlError) -> R {
        let table = self[keyPath: R.table]
        let reference = Self.trimmingWhitespace(reference)
        guard !reference.isEmpty else {
            throw NetctlError(.missingParameter, "The \(noun) reference is empty. Pass an ID (\(prefix)-…) or a name.")
        }
        if reference.hasPrefix(prefix + "-") {
            if let found = table[reference], found.scope == scope { return found }
            throw NetctlError(
                code,
                "The \(noun) ID '\(reference)' does not exist in \(scope). List them with `\(listHint)`.")
        }
        let matches = table.named(reference, in: scope)
        switch matches.count {
        case 1: return matches[0]
        case 0:
            throw NetctlError(
                code,
                "No \(noun) named '\(reference)' exists in \(scope). List them with `\(listHint)`, "
                    + "or pass an ID (\(prefix)-…).")
        default:
            throw NetctlError(
                .invalidParameterValue,
                "The name '\(reference)' matches \(matches.count) \(noun)s (\(matches.map(\.id).joined(separator: ", "))). "
                    + "Pass the ID instead.")
        }
    }
}
