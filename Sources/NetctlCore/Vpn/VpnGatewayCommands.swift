import Foundation
import NetctlAPI

/// Customer gateways and virtual private gateways (SEMANTICS-2.md 3.3).
extension State {
    public func customerGateway(_ reference: String, in scope: Scope) throws(NetctlError) -> CustomerGateway {
        try resolve(
            reference, in: scope, prefix: IDPrefix.customerGateway, code: .customerGatewayNotFound,
            noun: "customer gateway", listHint: "netctl vpn customer-gateway list")
    }

    public func vpnGateway(_ reference: String, in scope: Scope) throws(NetctlError) -> VpnGateway {
        try resolve(
            reference, in: scope, prefix: IDPrefix.vpnGateway, code: .vpnGatewayNotFound,
            noun: "virtual private gateway", listHint: "netctl vpn gateway list")
    }

    /// Refuses with `IncorrectState` a resource that is not `available`: `action` says what waits for it.
    static func requireAvailable(_ state: String, _ what: String, to action: String) throws(NetctlError) {
        guard state == TransitGateway.available else {
            throw NetctlError(
                .incorrectState,
                "\(what) is \(state), not available, so it cannot \(action)"
                    + (state == TransitGateway.pending ? ": wait a few seconds until it is available." : "."))
        }
    }

    // MARK: Customer gateways

    public mutating func createCustomerGateway(_ request: VpnCustomerGatewayCreate, _ context: inout CommandContext)
        throws(NetctlError) -> CustomerGateway
    {
        let text = Self.trimmingWhitespace(request.ipAddress)
        guard let address = IPv4Address(text) else {
            throw NetctlError(
                .invalidParameterValue,
                "ipAddress '\(request.ipAddress)' is not an IPv4 address: give the on-premises device's public address.")
        }
        guard (1...2_147_483_647).contains(request.bgpAsn) else {
            throw NetctlError(
                .invalidParameterValue,
                "bgpAsn \(request.bgpAsn) is out of range: AWS takes 1 to 2147483647 (65000 is the usual private one).")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.customerGateway)
        if let deviceName = request.deviceName, deviceName.isEmpty || deviceName.count > 255 {
            throw NetctlError(
                .invalidParameterValue, "deviceName '\(deviceName)' must be 1 to 255 characters long (AWS's limit).")
        }
        // AWS answers an identical request with the gateway it made before; a device name (AWS's way)
        // or a name makes another one.
        if let existing = customerGateways.inScope(context.scope).first(where: {
            $0.ipAddress == address.description && $0.bgpAsn == request.bgpAsn && $0.name == name
                && $0.deviceName == request.deviceName
                && ($0.state == TransitGateway.pending || $0.state == TransitGateway.available)
        }) {
            return existing
        }
        let tags = try Validation.tags(request.tags, name: name)
        let gateway = CustomerGateway(
            customerGatewayId: newID(for: CustomerGateway.self, prefix: IDPrefix.customerGateway, &context), name: name,
            accountId: context.accountId, region: context.region, ipAddress: address.description,
            bgpAsn: request.bgpAsn, deviceName: request.deviceName, state: TransitGateway.pending, tags: tags, createdAt: context.now,
            stateChangedAt: context.now)
        record(.create, gateway, at: context.now)
        return gateway
    }

    public func listCustomerGateways(_ request: VpnCustomerGatewayList, _ context: QueryContext) throws(NetctlError)
        -> VpnCustomerGatewayListResponse
    {
        let page = try hubPage(
            \.customerGateways, ofHub: nil, request.filters, CustomerGatewayFilter.table, maxResults: request.maxResults,
            nextToken: request.nextToken, context.scope)
        return VpnCustomerGatewayListResponse(customerGateways: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteCustomerGateway(_ request: VpnCustomerGatewayDelete, _ context: inout CommandContext)
        throws(NetctlError) -> CustomerGateway
    {
        var gateway = try customerGateway(request.customerGateway, in: context.scope)
        try Self.requireAvailable(gateway.state, "Customer gateway \(gateway.customerGatewayId)", to: "be deleted")
        let users = vpnConnections.children(of: gateway.customerGatewayId).filter(\.isLive).map(\.vpnConnectionId)
        // AWS: "IncorrectState: The customer gateway is in use."
        guard users.isEmpty else {
            throw NetctlError(
                .incorrectState,
                "The customer gateway is in use: \(gateway.customerGatewayId) has VPN connections "
                    + "(\(users.joined(separator: ", "))). Delete them first (`netctl vpn connection delete VPN`).")
        }
        gateway.state = TransitGateway.deleting
        gateway.stateChangedAt = context.now
        record(.delete, gateway, at: context.now)
        return gateway
    }

    // MARK: Virtual private gateways

    public mutating func createVpnGateway(_ request: VpnGatewayCreate, _ context: inout CommandContext)
        throws(NetctlError) -> VpnGateway
    {
        let asn = try Self.amazonSideAsn(request.amazonSideAsn)
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.vpnGateway)
        let tags = try Validation.tags(request.tags, name: name)
        let gateway = VpnGateway(
            vpnGatewayId: newID(for: VpnGateway.self, prefix: IDPrefix.vpnGateway, &context), name: name,
            accountId: context.accountId, region: context.region, state: TransitGateway.pending, amazonSideAsn: asn,
            tags: tags, createdAt: context.now, stateChangedAt: context.now)
        record(.create, gateway, at: context.now)
        return gateway
    }

    public func listVpnGateways(_ request: VpnGatewayList, _ context: QueryContext) throws(NetctlError)
        -> VpnGatewayListResponse
    {
        let page = try hubPage(
            \.vpnGateways, ofHub: nil, request.filters, VpnGatewayFilter.table, maxResults: request.maxResults,
            nextToken: request.nextToken, context.scope)
        return VpnGatewayListResponse(vpnGateways: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteVpnGateway(_ request: VpnGatewayDelete, _ context: inout CommandContext)
        throws(NetctlError) -> VpnGateway
    {
        var gateway = try vpnGateway(request.vpnGateway, in: context.scope)
        try Self.requireAvailable(gateway.state, "Virtual private gateway \(gateway.vpnGatewayId)", to: "be deleted")
        if let vpcId = gateway.attachedVpcId {
            throw NetctlError(
                .incorrectState,
                "Virtual private gateway \(gateway.vpnGatewayId) is attached to \(vpcId). Detach it first (`netctl vpn "
                    + "gateway detach \(gateway.vpnGatewayId) \(vpcId)`).")
        }
        if let dx = dxGateways.children(of: gateway.vpnGatewayId).first {
            throw NetctlError(
                .incorrectState,
                "Virtual private gateway \(gateway.vpnGatewayId) is associated with Direct Connect gateway "
                    + "\(dx.dxGatewayId). Disassociate it first (`netctl dx gateway disassociate \(dx.dxGatewayId) "
                    + "--vpn-gateway \(gateway.vpnGatewayId)`).")
        }
        let users = vpnConnections.children(of: gateway.vpnGatewayId).filter(\.isLive).map(\.vpnConnectionId)
        guard users.isEmpty else {
            throw NetctlError(
                .incorrectState,
                "The virtual private gateway is in use: \(gateway.vpnGatewayId) has VPN connections "
                    + "(\(users.joined(separator: ", "))). Delete them first (`netctl vpn connection delete VPN`).")
        }
        gateway.state = TransitGateway.deleting
        gateway.stateChangedAt = context.now
        record(.delete, gateway, at: context.now)
        return gateway
    }

    public mutating func attachVpnGateway(_ request: VpnGatewayAttach, _ context: inout CommandContext)
        throws(NetctlError) -> VpnGateway
    {
        var gateway = try vpnGateway(request.vpnGateway, in: context.scope)
        let vpc = try self.vpc(request.vpc, in: context.scope)
        try Self.requireAvailable(gateway.state, "Virtual private gateway \(gateway.vpnGatewayId)", to: "be attached")
        if let current = gateway.attachedVpcId {
            throw NetctlError(
                .vpnGatewayAttachmentLimitExceeded,
                "Virtual private gateway \(gateway.vpnGatewayId) is already attached to \(current): a gateway is "
                    + "attached to one VPC. Detach it first (`netctl vpn gateway detach \(gateway.vpnGatewayId) "
                    + "\(current)`).")
        }
        if let other = vpnGateways.children(of: vpc.vpcId).first {
            throw NetctlError(
                .vpnGatewayAttachmentLimitExceeded,
                "\(vpc.vpcId) already has virtual private gateway \(other.vpnGatewayId) attached: a VPC takes one. "
                    + "Detach it first (`netctl vpn gateway detach \(other.vpnGatewayId) \(vpc.vpcId)`).")
        }
        gateway.vpcAttachments = [VpnGatewayVpcAttachment(vpcId: vpc.vpcId, state: VpnGatewayVpcAttachment.attached)]
        record(.attach, gateway, at: context.now)
        refreshRouteStates(vpcId: vpc.vpcId, context)
        return gateway
    }

    /// The gateway leaves the VPC: its propagation into the VPC's tables ends (their propagated routes
    /// go) and static routes to it turn blackhole.
    public mutating func detachVpnGateway(_ request: VpnGatewayDetach, _ context: inout CommandContext)
        throws(NetctlError) -> VpnGateway
    {
        var gateway = try vpnGateway(request.vpnGateway, in: context.scope)
        let vpc = try self.vpc(request.vpc, in: context.scope)
        guard gateway.attachedVpcId == vpc.vpcId else {
            throw NetctlError(
                .vpnGatewayAttachmentNotFound,
                "The attachment with vpn gateway ID '\(gateway.vpnGatewayId)' and vpc ID '\(vpc.vpcId)' does not exist"
                    + (gateway.attachedVpcId.map { ": the gateway is attached to \($0)." } ?? ": the gateway is detached."))
        }
        gateway.vpcAttachments = []
        record(.detach, gateway, at: context.now)
        for var table in routeTables.children(of: vpc.vpcId) where table.propagatingVgws?.contains(gateway.vpnGatewayId) == true {
            table.propagatingVgws?.removeAll { $0 == gateway.vpnGatewayId }
            if table.propagatingVgws?.isEmpty == true { table.propagatingVgws = nil }
            syncPropagatedRoutes(&table)
            record(.update, table, at: context.now)
        }
        refreshRouteStates(vpcId: vpc.vpcId, context)
        return gateway
    }

    /// The gateway attached to `vpcId` that carries traffic now.
    func availableVpnGateway(ofVpc vpcId: String) -> VpnGateway? {
        vpnGateways.children(of: vpcId).first { $0.state == TransitGateway.available && $0.attachedVpcId == vpcId }
    }
}
