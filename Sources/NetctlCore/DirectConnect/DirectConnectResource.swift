import Foundation
import NetctlAPI

extension DirectConnectGateway: StoredResource {
    public static let kind = ResourceKind.dxGateway
    public static var table: WritableKeyPath<State, Table<DirectConnectGateway>> { \.dxGateways }
    public var id: String { dxGatewayId }
    public var parentId: String? { nil }
    public var currentStatus: String? { state }
    public var referenceName: String? { name }
    /// The VGWs and hubs it is associated with (each one's DX gateways, for routes and quotas) and the
    /// timed marker while the clock has a state to move on.
    public var indexKeys: [String] {
        var keys = associations.map(\.associatedGateway.id)
        if TransitGatewayTiming.duration(of: state) != nil { keys.append(VpnTiming.timedKey) }
        return keys
    }
    public var nextTransitionAt: Date? {
        TransitGatewayTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }

    /// The on-premises CIDRs it advertises now: none until it is available.
    var learnedCidrs: [String] { state == TransitGateway.available ? onPremisesCidrs : [] }

    func association(with gatewayId: String) -> DirectConnectGatewayAssociation? {
        associations.first { $0.associatedGateway.id == gatewayId }
    }

    /// The hub associations: their allowed prefixes must not overlap.
    var hubAssociations: [DirectConnectGatewayAssociation] {
        associations.filter { $0.associatedGateway.type == DirectConnectAssociatedGateway.transitGateway }
    }
}

extension DirectConnectGateway: VpnTimed {}

extension DirectConnectGatewayAssociation {
    /// The allowed prefix that equals or contains `cidr`: for a VGW, whether its VPC's block is
    /// advertised on-premises; for a hub, whether on-premises can send to the block.
    func allowedPrefix(covering cidr: IPv4CIDR) -> IPv4CIDR? {
        allowedPrefixes.compactMap { IPv4CIDR($0) }.filter { $0.contains(cidr) }.max { $0.prefixLength < $1.prefixLength }
    }
}

/// AWS's Direct Connect limits of SEMANTICS-2 3.4, not adjustable.
public enum DirectConnectLimits {
    /// Routes one BGP session of a private or transit virtual interface accepts; beyond that AWS takes
    /// the session down, which netctld refuses to model: the change is refused instead.
    public static let routesPerSession = 100
}

/// DX gateway IDs and association IDs are UUIDs.
enum DirectConnectID {
    static func make(_ context: inout CommandContext) -> String {
        let hex = Array(context.ids.make("", digits: 32))
        func part(_ range: Range<Int>) -> String { String(hex[range]) }
        return [part(0..<8), part(8..<12), "4" + part(13..<16), "8" + part(17..<20), part(20..<32)]
            .joined(separator: "-")
    }

    static func isUUID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
