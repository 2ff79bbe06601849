import Foundation
import NetctlAPI

/// Transit gateways and their VPC attachments (SEMANTICS.md 4, SEMANTICS-2.md 3.1).
extension State {
    public func transitGateway(_ reference: String, in scope: Scope) throws(NetctlError) -> TransitGateway {
        try resolve(
            reference, in: scope, prefix: IDPrefix.transitGateway, code: .transitGatewayNotFound, noun: "transit gateway",
            listHint: "netctl tgw list")
    }

    public func transitGatewayAttachment(_ reference: String, in scope: Scope) throws(NetctlError)
        -> TransitGatewayAttachment
    {
        // A peering attachment is the accepter hub's too: its owner finds it by ID from its own scope.
        if let shared = transitGatewayAttachments[reference], shared.peering?.accepterTgwInfo.scope == scope {
            return shared
        }
        return try resolve(
            reference, in: scope, prefix: IDPrefix.transitGatewayAttachment, code: .transitGatewayAttachmentNotFound,
            noun: "transit gateway attachment", listHint: "netctl tgw attachment list")
    }

    /// The hub, refused with `IncorrectState` unless it is `available`: `action` says what waits for it.
    func availableHub(_ reference: String, to action: String, _ scope: Scope) throws(NetctlError) -> TransitGateway {
        let hub = try transitGateway(reference, in: scope)
        guard hub.state == TransitGateway.available else {
            throw NetctlError(
                .incorrectState,
                "Transit gateway \(hub.transitGatewayId) is \(hub.state), not available, so it cannot \(action)"
                    + (hub.state == TransitGateway.pending ? ": wait a few seconds until it is available." : "."))
        }
        return hub
    }

    /// A list method's page of hub resources: of one hub when `hub` names one, else the scope's.
    func hubPage<R: StoredResource>(
        _ table: KeyPath<State, Table<R>>, ofHub hub: String?, _ filters: [Filter]?, _ known: FilterTable<R>,
        maxResults: Int?, nextToken: String?, _ scope: Scope
    ) throws(NetctlError) -> Page<R> {
        let filters = filters ?? []
        try known.validate(filters)
        let candidates: [R]
        if let hub {
            candidates = self[keyPath: table].children(of: try transitGateway(hub, in: scope).transitGatewayId)
        } else {
            candidates = self[keyPath: table].inScope(scope)
        }
        let matching = candidates.filter { known.matches($0, filters) }
        return try Pagination.page(matching, maxResults: maxResults, nextToken: nextToken)
    }

    /// AWS's ranges for a private ASN on the Amazon side.
    static let amazonSideAsnRanges: [ClosedRange<Int64>] = [64512...65534, 4_200_000_000...4_294_967_294]
    public static let defaultAmazonSideAsn: Int64 = 64512

    /// The Amazon-side ASN of a new hub, VGW or DX gateway: 64512 unless given, in AWS's private ranges.
    static func amazonSideAsn(_ requested: Int64?) throws(NetctlError) -> Int64 {
        let asn = requested ?? defaultAmazonSideAsn
        guard amazonSideAsnRanges.contains(where: { $0.contains(asn) }) else {
            throw NetctlError(
                .invalidParameterValue,
                "amazonSideAsn \(asn) is not a private ASN AWS allows: use 64512 to 65534, or 4200000000 to "
                    + "4294967294.")
        }
        return asn
    }

    public mutating func createTransitGateway(_ request: TransitGatewayCreate, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGateway
    {
        let asn = try Self.amazonSideAsn(request.amazonSideAsn)
        let count = transitGateways.countInScope(context.scope)
        guard count < context.quotas[.transitGatewaysPerRegion] else {
            throw context.quotas.exceeded(
                .transitGatewaysPerRegion, code: .transitGatewayLimitExceeded,
                "\(context.scope) already has \(count) transit gateways")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.transitGateway)
        let tags = try Validation.tags(request.tags, name: name)
        let associate = request.defaultRouteTableAssociation ?? true
        let propagate = request.defaultRouteTablePropagation ?? true
        let id = newID(for: TransitGateway.self, prefix: IDPrefix.transitGateway, &context)
        var defaultTableId: String?
        // SEMANTICS-2 open point 4: the default table exists when either option is on.
        if associate || propagate {
            let tableId = newID(for: TransitGatewayRouteTable.self, prefix: IDPrefix.transitGatewayRouteTable, &context)
            let table = TransitGatewayRouteTable(
                routeTableId: tableId, transitGatewayId: id, name: nil, accountId: context.accountId,
                region: context.region, state: TransitGateway.available, defaultAssociationRouteTable: associate,
                defaultPropagationRouteTable: propagate, tags: [:], createdAt: context.now)
            record(.create, table, at: context.now)
            defaultTableId = tableId
        }
        func flag(_ on: Bool) -> String { on ? TransitGatewayOptions.enable : TransitGatewayOptions.disable }
        let hub = TransitGateway(
            transitGatewayId: id,
            transitGatewayArn: "arn:aws:ec2:\(context.region):\(context.accountId):transit-gateway/\(id)", name: name,
            accountId: context.accountId, region: context.region, state: TransitGateway.pending, amazonSideAsn: asn,
            defaultRouteTableId: defaultTableId,
            options: TransitGatewayOptions(
                amazonSideAsn: asn, defaultRouteTableAssociation: flag(associate),
                defaultRouteTablePropagation: flag(propagate),
                associationDefaultRouteTableId: associate ? defaultTableId : nil,
                propagationDefaultRouteTableId: propagate ? defaultTableId : nil,
                dnsSupport: flag(request.dnsSupport ?? true)),
            tags: tags, createdAt: context.now, stateChangedAt: context.now)
        record(.create, hub, at: context.now)
        return hub
    }

    public func listTransitGateways(_ request: TransitGatewayList, _ context: QueryContext) throws(NetctlError)
        -> TransitGatewayListResponse
    {
        let filters = request.filters ?? []
        try TransitGatewayFilter.table.validate(filters)
        let matching = transitGateways.inScope(context.scope).filter { TransitGatewayFilter.table.matches($0, filters) }
        let page = try Pagination.page(matching, maxResults: request.maxResults, nextToken: request.nextToken)
        return TransitGatewayListResponse(transitGateways: page.items, nextToken: page.nextToken)
    }

    public mutating func deleteTransitGateway(_ request: TransitGatewayDelete, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGateway
    {
        var hub = try availableHub(request.tgw, to: "be deleted", context.scope)
        let attached = transitGatewayAttachments.children(of: hub.transitGatewayId).map(\.attachmentId)
        guard attached.isEmpty else {
            throw NetctlError(
                .dependencyViolation,
                "Transit gateway \(hub.transitGatewayId) has attachments (\(attached.joined(separator: ", "))). Delete "
                    + "them first (`netctl tgw attachment delete ATTACHMENT`), then wait until they are deleted.")
        }
        for table in transitGatewayRouteTables.children(of: hub.transitGatewayId) {
            var gone = table
            gone.state = TransitGateway.deleted
            recordDeletion(gone, at: context.now)
        }
        hub.state = TransitGateway.deleting
        hub.stateChangedAt = context.now
        record(.delete, hub, at: context.now)
        return hub
    }

    // MARK: VPC attachments

    public mutating func attachVpc(_ request: TransitGatewayAttachVpc, _ context: inout CommandContext)
        throws(NetctlError) -> TransitGatewayAttachment
    {
        let hub = try availableHub(request.tgw, to: "take attachments", context.scope)
        let vpc = try self.vpc(request.vpc, in: context.scope)
        guard !request.subnets.isEmpty else {
            throw NetctlError(
                .missingParameter,
                "An attachment needs at least one subnet of \(vpc.vpcId), one per availability zone whose traffic "
                    + "should reach the hub.")
        }
        var chosen: [Subnet] = []
        var zones: [String: String] = [:]
        for reference in request.subnets {
            let subnet = try self.subnet(reference, in: context.scope)
            guard subnet.vpcId == vpc.vpcId else {
                throw NetctlError(
                    .invalidParameterValue, "Subnet \(subnet.subnetId) is in \(subnet.vpcId), not \(vpc.vpcId).")
            }
            if let other = zones[subnet.availabilityZone] {
                throw NetctlError(
                    .duplicateSubnetsInSameZone,
                    "\(subnet.subnetId) and \(other) are both in \(subnet.availabilityZone): a transit gateway "
                        + "attachment takes at most one subnet per availability zone. Pass one of them.")
            }
            zones[subnet.availabilityZone] = subnet.subnetId
            chosen.append(subnet)
        }
        if let existing = transitGatewayAttachments.children(of: vpc.vpcId).first(where: {
            $0.transitGatewayId == hub.transitGatewayId
        }) {
            throw NetctlError(
                .duplicateTransitGatewayAttachment,
                "\(hub.transitGatewayId) has non-deleted Transit Gateway Attachments with same VPC ID "
                    + "(\(existing.attachmentId) to \(vpc.vpcId), \(existing.state)). A hub has one attachment per VPC.")
        }
        let hubsOfVpc = transitGatewayAttachments.children(of: vpc.vpcId).count { $0.state != TransitGateway.deleted }
        guard hubsOfVpc < context.quotas[.transitGatewaysPerVpc] else {
            throw context.quotas.exceeded(
                .transitGatewaysPerVpc, code: .transitGatewayAttachmentLimitExceeded,
                "\(vpc.vpcId) is already attached to \(hubsOfVpc) transit gateways")
        }
        let count = transitGatewayAttachments.childCount(of: hub.transitGatewayId)
        guard count < context.quotas[.attachmentsPerTransitGateway] else {
            throw context.quotas.exceeded(
                .attachmentsPerTransitGateway, code: .transitGatewayAttachmentLimitExceeded,
                "\(hub.transitGatewayId) already has \(count) attachments")
        }
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.transitGatewayAttachment)
        let tags = try Validation.tags(request.tags, name: name)
        let id = newID(for: TransitGatewayAttachment.self, prefix: IDPrefix.transitGatewayAttachment, &context)
        var interfaces: [TransitGatewayAttachmentInterface] = []
        for subnet in chosen {
            let interface = try createNetworkInterface(
                in: subnet, interfaceType: "transit_gateway",
                description: "Network Interface for Transit Gateway Attachment \(id)", attachedTo: id, &context)
            interfaces.append(
                TransitGatewayAttachmentInterface(
                    subnetId: subnet.subnetId, availabilityZone: subnet.availabilityZone,
                    networkInterfaceId: interface.networkInterfaceId, privateIpAddress: interface.privateIpAddress))
        }
        var attachment = TransitGatewayAttachment(
            attachmentId: id, transitGatewayId: hub.transitGatewayId, name: name, accountId: context.accountId,
            region: context.region, type: TransitGatewayAttachment.vpcType, resourceId: vpc.vpcId,
            state: TransitGateway.pending, subnetIds: chosen.map(\.subnetId), networkInterfaces: interfaces,
            associatedRouteTableId: nil, tags: tags, createdAt: context.now, stateChangedAt: context.now)
        if let tableId = hub.options.associationDefaultRouteTableId, var table = transitGatewayRouteTables[tableId] {
            table.associations.append(id)
            attachment.associatedRouteTableId = tableId
            record(.associate, table, at: context.now)
        }
        record(.create, attachment, at: context.now)
        if let tableId = hub.options.propagationDefaultRouteTableId, var table = transitGatewayRouteTables[tableId] {
            // A VPC whose CIDR is identical to one already propagated there is attached but not propagated.
            let propagated = Set(table.propagations.compactMap { transitGatewayAttachments[$0] }.flatMap {
                vpcs[$0.resourceId]?.cidrBlocks ?? []
            })
            if propagated.isDisjoint(with: vpc.cidrBlocks) {
                try checkRouteQuota(of: hub, adding: vpc.cidrBlocks.count, context)
                table.propagations.append(id)
                record(.update, table, at: context.now)
            }
        }
        return attachment
    }

    public func listTransitGatewayAttachments(_ request: TransitGatewayAttachmentList, _ context: QueryContext)
        throws(NetctlError) -> TransitGatewayAttachmentListResponse
    {
        let page = try hubPage(
            \.transitGatewayAttachments, ofHub: request.tgw, request.filters, TransitGatewayAttachmentFilter.table,
            maxResults: request.maxResults, nextToken: request.nextToken, context.scope)
        return TransitGatewayAttachmentListResponse(attachments: page.items, nextToken: page.nextToken)
    }

    /// The attachment leaves its route tables at once (its propagated routes go with it; static routes to
    /// it turn blackhole) and gives its addresses back; the clock then takes it to `deleted`.
    public mutating func deleteTransitGatewayAttachment(
        _ request: TransitGatewayAttachmentDelete, _ context: inout CommandContext
    ) throws(NetctlError) -> TransitGatewayAttachment {
        let attachment = try transitGatewayAttachment(request.attachment, in: context.scope)
        guard attachment.state == TransitGateway.available || attachment.state == TransitGateway.pending
            || attachment.state == TransitGatewayAttachment.pendingAcceptance
            || attachment.state == TransitGatewayAttachment.initiatingRequest
        else {
            throw NetctlError(
                .incorrectState,
                "Transit gateway attachment \(attachment.attachmentId) is \(attachment.state) and cannot be deleted "
                    + "again.")
        }
        guard attachment.type != TransitGatewayAttachment.vpnType else {
            throw NetctlError(
                .invalidParameterValue,
                "\(attachment.attachmentId) is the attachment of VPN connection \(attachment.resourceId): it goes with "
                    + "the connection (`netctl vpn connection delete \(attachment.resourceId)`).")
        }
        guard attachment.type != TransitGatewayAttachment.directConnectGatewayType else {
            throw NetctlError(
                .invalidParameterValue,
                "\(attachment.attachmentId) is the attachment of Direct Connect gateway \(attachment.resourceId): it "
                    + "goes with the association (`netctl dx gateway disassociate \(attachment.resourceId) "
                    + "--transit-gateway \(attachment.transitGatewayId)`).")
        }
        return try retireTransitGatewayAttachment(attachment, context)
    }

    /// Takes a live attachment out of its hubs' tables, frees its addresses and sets it `deleting`.
    @discardableResult
    mutating func retireTransitGatewayAttachment(_ attachment: TransitGatewayAttachment, _ context: CommandContext)
        throws(NetctlError) -> TransitGatewayAttachment
    {
        var attachment = attachment
        for hubId in attachment.hubIds {
            for var table in transitGatewayRouteTables.children(of: hubId)
            where table.associations.contains(attachment.attachmentId) || table.propagations.contains(attachment.attachmentId)
            {
                table.associations.removeAll { $0 == attachment.attachmentId }
                table.propagations.removeAll { $0 == attachment.attachmentId }
                record(.update, table, at: context.now)
            }
            attachment.setAssociatedRouteTable(nil, onHub: hubId)
        }
        for interface in attachment.networkInterfaces {
            try deleteNetworkInterface(interface.networkInterfaceId, context)
        }
        attachment.state = TransitGateway.deleting
        attachment.stateChangedAt = context.now
        record(.delete, attachment, at: context.now)
        refreshRouteStates(vpcId: attachment.resourceId, context)
        return attachment
    }

    /// The hub's attachment to the VPC that carries traffic now (`available`), if any.
    func availableAttachment(of hubId: String, toVpc vpcId: String) -> TransitGatewayAttachment? {
        transitGatewayAttachments.children(of: vpcId).first {
            $0.transitGatewayId == hubId && $0.state == TransitGateway.available
        }
    }

    // MARK: The clock

    mutating func runTransitGatewayDueWork(_ context: inout CommandContext) {
        let now = context.now
        var due: [(at: Date, id: String)] = []
        for hub in transitGateways.children(of: TransitGateway.timedKey) {
            if let at = hub.nextTransitionAt, at <= now { due.append((at, hub.transitGatewayId)) }
        }
        for attachment in transitGatewayAttachments.children(of: TransitGatewayAttachment.timedKey) {
            if let at = attachment.nextTransitionAt, at <= now { due.append((at, attachment.attachmentId)) }
        }
        due.sort { $0.at != $1.at ? $0.at < $1.at : $0.id < $1.id }
        for (at, id) in due {
            context.now = at
            if var hub = transitGateways[id] {
                hub.stateChangedAt = at
                if hub.state == TransitGateway.pending {
                    hub.state = TransitGateway.available
                    record(.transition, hub, at: at)
                } else if hub.state == TransitGateway.deleting {
                    hub.state = TransitGateway.deleted
                    recordDeletion(hub, at: at)
                }
            } else if var attachment = transitGatewayAttachments[id] {
                attachment.stateChangedAt = at
                if attachment.state == TransitGateway.pending {
                    attachment.state = TransitGateway.available
                    record(.transition, attachment, at: at)
                } else if attachment.state == TransitGateway.deleting {
                    attachment.state = TransitGateway.deleted
                    recordDeletion(attachment, at: at)
                } else if attachment.state == TransitGatewayAttachment.rejected {
                    recordDeletion(attachment, at: at)
                } else if attachment.state == TransitGatewayAttachment.initiatingRequest {
                    attachment.state = TransitGatewayAttachment.pendingAcceptance
                    record(.transition, attachment, at: at)
                }
                refreshRouteStates(vpcId: attachment.resourceId, context)
            }
        }
        context.now = now
    }

    func nextTransitGatewayDeadline() -> Date? {
        (transitGateways.children(of: TransitGateway.timedKey).compactMap(\.nextTransitionAt)
            + transitGatewayAttachments.children(of: TransitGatewayAttachment.timedKey).compactMap(\.nextTransitionAt))
            .min()
    }
}
