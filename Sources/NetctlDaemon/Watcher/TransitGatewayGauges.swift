import Foundation
import NetctlAPI
import NetctlCore

/// `Netctl/TransitGateway` (API.md "Transit gateways and VPN"): AttachmentCount per TransitGatewayId,
/// RouteCount per TransitGatewayRouteTableId (the routes the hub uses: static, blackhole and
/// propagated), and TunnelState per VpnId (AWS/VPN's meaning: 1 when every tunnel is up, 0 when none
/// is, the share of tunnels up between) and per VpnId and TunnelIpAddress (1 up, 0 down).
enum TransitGatewayGauges {
    static let namespace = "Netctl/TransitGateway"

    /// The samples for what `events` touched. An event with an empty resource ID stands for every hub
    /// and VPN connection of its scope: the minute's sample.
    static func samples(for events: [ChangeEvent], in state: State, now: Int64) -> [StreamStore.MetricEntry] {
        var hubs = Set<String>()
        var connections = Set<String>()
        for event in events {
            let scope = Scope(accountId: event.accountId, region: event.region)
            switch event.resourceType {
            case .transitGateway where event.resourceId.isEmpty:
                hubs.formUnion(state.transitGateways.inScope(scope).map(\.transitGatewayId))
            case .transitGateway:
                hubs.insert(event.resourceId)
            case .transitGatewayRouteTable:
                if let table = state.transitGatewayRouteTables[event.resourceId] { hubs.insert(table.transitGatewayId) }
            case .transitGatewayAttachment:
                if let attachment = state.transitGatewayAttachments[event.resourceId] {
                    hubs.formUnion(attachment.hubIds)
                } else {
                    hubs.formUnion(hubIds(inDetail: event.detail))
                }
            case .vpc:
                // A VPC's CIDRs are what its attachments propagate.
                hubs.formUnion(state.transitGatewayAttachments.children(of: event.resourceId).map(\.transitGatewayId))
            case .vpnConnection where event.resourceId.isEmpty:
                connections.formUnion(state.vpnConnections.inScope(scope).map(\.vpnConnectionId))
            case .vpnConnection:
                connections.insert(event.resourceId)
                // Tunnels going down withdraw the connection's BGP routes from the hub's tables.
                if let hub = state.vpnConnections[event.resourceId]?.transitGatewayId { hubs.insert(hub) }
            default: break
            }
        }
        var result: [StreamStore.MetricEntry] = []
        func add(_ scope: Scope, _ name: String, _ dimensions: [MetricDimension], _ value: Double, unit: String = "Count") {
            result.append(
                StreamStore.MetricEntry(
                    scope: scope, namespace: namespace,
                    sample: MetricRules.Sample(
                        metricName: name, dimensions: dimensions, timestamp: now, value: value,
                        unit: unit, storageResolution: 60)))
        }
        for hubId in hubs.sorted() {
            guard let hub = state.transitGateways[hubId], hub.state != TransitGateway.deleted else { continue }
            let attachments = state.transitGatewayAttachments.children(of: hubId).filter {
                $0.state != TransitGateway.deleted && $0.state != TransitGatewayAttachment.rejected
            }
            add(
                hub.scope, "AttachmentCount", [MetricDimension(name: "TransitGatewayId", value: hubId)],
                Double(attachments.count))
            for table in state.transitGatewayRouteTables.children(of: hubId) {
                add(
                    hub.scope, "RouteCount", [MetricDimension(name: "TransitGatewayRouteTableId", value: table.routeTableId)],
                    Double(state.transitGatewayRoutes(of: table).count))
            }
        }
        for connectionId in connections.sorted() {
            guard let connection = state.vpnConnections[connectionId], connection.state != TransitGateway.deleted else {
                continue
            }
            let up = connection.tunnels.filter { $0.state == VpnTunnel.up }.count
            let vpn = MetricDimension(name: "VpnId", value: connectionId)
            let share = connection.tunnels.isEmpty ? 0 : Double(up) / Double(connection.tunnels.count)
            add(connection.scope, "TunnelState", [vpn], share, unit: "None")
            for tunnel in connection.tunnels {
                add(
                    connection.scope, "TunnelState",
                    [vpn, MetricDimension(name: "TunnelIpAddress", value: tunnel.outsideIpAddress)],
                    tunnel.state == VpnTunnel.up ? 1 : 0, unit: "None")
            }
        }
        return result
    }

    /// A deleted attachment is gone from the state; its final event still names its hubs.
    private static func hubIds(inDetail detail: String) -> [String] {
        struct Hubs: Decodable {
            var transitGatewayId: String
            var type: String
            var resourceId: String
        }
        guard let hubs = try? JSONDecoder().decode(Hubs.self, from: Data(detail.utf8)) else { return [] }
        return hubs.type == TransitGatewayAttachment.peeringType
            ? [hubs.transitGatewayId, hubs.resourceId] : [hubs.transitGatewayId]
    }
}
