import NetctlAPI

/// What `netctl graph` draws: VPCs and their peerings, and since issue 19 the hubs, their
/// attachments, virtual private gateways and the on-premises networks behind VPN connections and
/// Direct Connect gateways.
struct TopologyGraph {
    var vpcs: [Vpc] = []
    var peerings: [Peering] = []
    var transitGateways: [TransitGateway] = []
    var attachments: [TransitGatewayAttachment] = []
    var vpnGateways: [VpnGateway] = []
    var customerGateways: [CustomerGateway] = []
    var vpnConnections: [VpnConnection] = []
    var dxGateways: [DirectConnectGateway] = []

    private static let green = "#2e7d32"
    private static let orange = "#ef6c00"
    private static let red = "#c62828"
    private static let grey = "#9e9e9e"

    /// Graphviz DOT, undirected: boxes for VPCs, hexagons for hubs, triangles for virtual private
    /// gateways, folders for on-premises networks; an edge per peering, attachment and VPN connection.
    var dot: String {
        var lines = [
            "graph netctl {", "  graph [overlap=false, splines=true];",
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
        ]
        var known = Set(vpcs.map(\.vpcId))
        func node(_ id: String, _ label: [String?], _ attributes: String = "") {
            let text = label.compactMap { $0 }.joined(separator: "\\n")
            lines.append("  \"\(id)\" [label=\"\(Self.escape(text))\"\(attributes.isEmpty ? "" : ", \(attributes)")];")
        }
        func edge(_ from: String, _ to: String, _ label: String, _ style: String) {
            lines.append("  \"\(from)\" -- \"\(to)\" [label=\"\(Self.escape(label))\", fontsize=9, \(style)];")
        }
        for vpc in vpcs { node(vpc.vpcId, [vpc.name, vpc.vpcId, vpc.cidrBlocks.joined(separator: "\\n")]) }
        for peering in peerings {
            // The other side may be another account's VPC: draw it too, dashed.
            for side in [peering.requester, peering.accepter] where !known.contains(side.vpcId) {
                known.insert(side.vpcId)
                node(
                    side.vpcId, [side.vpcId, side.cidrBlocks.joined(separator: "\\n"), "\(side.accountId) \(side.region)"],
                    "style=\"rounded,dashed\"")
            }
            edge(
                peering.requester.vpcId, peering.accepter.vpcId, "\(peering.peeringId)\\n\(peering.status.code)",
                Self.peeringStyle(peering.status.code))
        }
        for hub in transitGateways {
            known.insert(hub.transitGatewayId)
            node(
                hub.transitGatewayId, [hub.name, hub.transitGatewayId, "ASN \(hub.amazonSideAsn)"],
                "shape=hexagon, style=\(hub.state == TransitGateway.available ? "solid" : "dashed")")
        }
        for gateway in vpnGateways {
            known.insert(gateway.vpnGatewayId)
            node(gateway.vpnGatewayId, [gateway.name, gateway.vpnGatewayId], "shape=invtriangle")
            if let vpc = gateway.attachedVpcId, known.contains(vpc) {
                edge(gateway.vpnGatewayId, vpc, "attached", "color=\"\(Self.green)\"")
            }
        }
        for customer in customerGateways {
            let advertised = Set(
                vpnConnections.filter { $0.customerGatewayId == customer.customerGatewayId }.flatMap(\.advertisedCidrs))
            node(
                customer.customerGatewayId,
                [customer.name, customer.customerGatewayId, customer.ipAddress, advertised.sorted().joined(separator: "\\n")],
                "shape=folder")
            known.insert(customer.customerGatewayId)
        }
        for gateway in dxGateways {
            node(
                gateway.dxGatewayId,
                ["Direct Connect " + gateway.name, gateway.dxGatewayId, gateway.onPremisesCidrs.joined(separator: "\\n")],
                "shape=folder, style=\"filled\", fillcolor=\"#eeeeee\"")
            known.insert(gateway.dxGatewayId)
            // Hubs are joined through their attachments, below; a VGW by the association itself.
            for association in gateway.associations
            where association.associatedGateway.type == DirectConnectAssociatedGateway.virtualPrivateGateway
                && known.contains(association.associatedGateway.id)
            {
                edge(
                    gateway.dxGatewayId, association.associatedGateway.id,
                    "\(association.associationId)\\nallowed \(association.allowedPrefixes.joined(separator: ", "))",
                    "color=\"#6a1b9a\", penwidth=2")
            }
        }
        for attachment in attachments {
            // A VPN attachment is drawn as its connection, below.
            guard attachment.type != TransitGatewayAttachment.vpnType else { continue }
            let other = attachment.resourceId
            if !known.contains(other) {
                known.insert(other)
                node(other, [other], "style=\"rounded,dashed\"\(attachment.type == TransitGatewayAttachment.peeringType ? ", shape=hexagon" : "")")
            }
            let associated = attachment.associatedRouteTableId.map { "\\n\($0)" } ?? "\\nnot associated"
            edge(
                attachment.transitGatewayId, other, "\(attachment.attachmentId)\\n\(attachment.state)\(associated)",
                Self.attachmentStyle(attachment))
        }
        for connection in vpnConnections {
            guard let gateway = connection.transitGatewayId ?? connection.vpnGatewayId, known.contains(gateway),
                known.contains(connection.customerGatewayId)
            else { continue }
            let tunnels = connection.tunnels.map(\.state).joined(separator: "/")
            let up = connection.tunnels.contains { $0.state == VpnTunnel.up }
            let style =
                connection.state != TransitGateway.available
                ? "color=\"\(Self.orange)\", style=dashed"
                : up ? "color=\"\(Self.green)\", penwidth=2, style=bold" : "color=\"\(Self.red)\", style=dashed"
            edge(
                connection.customerGatewayId, gateway,
                "\(connection.vpnConnectionId)\\ntunnels \(tunnels)\\n\(connection.staticRoutesOnly ? "static" : "BGP")",
                style)
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func peeringStyle(_ code: String) -> String {
        switch code {
        case PeeringStatus.active: "color=\"\(green)\", penwidth=2"
        case PeeringStatus.pendingAcceptance, PeeringStatus.initiatingRequest, PeeringStatus.provisioning:
            "color=\"\(orange)\", style=dashed"
        case PeeringStatus.failed: "color=\"\(red)\", style=dashed"
        default: "color=\"\(grey)\", style=dotted"
        }
    }

    private static func attachmentStyle(_ attachment: TransitGatewayAttachment) -> String {
        switch attachment.state {
        case TransitGateway.available where attachment.associatedRouteTableId == nil: "color=\"\(red)\", style=dashed"
        case TransitGateway.available: "color=\"#1565c0\", penwidth=2"
        case TransitGateway.pending, TransitGatewayAttachment.initiatingRequest, TransitGatewayAttachment.pendingAcceptance:
            "color=\"\(orange)\", style=dashed"
        default: "color=\"\(grey)\", style=dotted"
        }
    }

    private static func escape(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "\\\"") }
}
