import Foundation
import NetctlAPI

extension State {
    public mutating func createPeering(_ request: PeeringCreate, _ context: inout CommandContext) throws(NetctlError)
        -> Peering
    {
        let requesterVpc = try vpc(request.requesterVpc, in: context.scope)
        let accepterScope = Scope(
            accountId: request.accepterAccountId ?? context.accountId, region: request.accepterRegion ?? context.region)
        if let account = request.accepterAccountId, !Self.isAccountID(account) {
            throw NetctlError(.invalidParameterValue, "accepterAccountId '\(account)' is not a 12-digit account ID.")
        }
        let accepterVpc = try vpc(request.accepterVpc, in: accepterScope)
        guard accepterVpc.vpcId != requesterVpc.vpcId else {
            throw NetctlError(
                .invalidParameterValue,
                "A VPC cannot be peered with itself (\(requesterVpc.vpcId)). Name two different VPCs.")
        }
        if let existing = livePeering(between: requesterVpc.vpcId, and: accepterVpc.vpcId) {
            throw NetctlError(
                .peeringAlreadyExists,
                "A VPC peering connection between \(label(requesterVpc)) and \(label(accepterVpc)) already exists: "
                    + "\(existing.peeringId) (\(existing.status.code)). Only one peering may exist between two VPCs; "
                    + "use it, or delete it first.")
        }
        let outstanding = peerings.childCount(of: Peering.outstandingKey(context.scope))
        guard outstanding < context.quotas[.outstandingPeeringsPerAccount] else {
            throw context.quotas.exceeded(
                .outstandingPeeringsPerAccount, code: .outstandingPeeringLimitExceeded,
                "\(context.scope) already has \(outstanding) pending peering requests")
        }
        _ = try Validation.name(request.tags?["Name"], idPrefix: IDPrefix.peering)
        let tags = try Validation.tags(request.tags, name: nil)
        let interRegion = requesterVpc.region != accepterVpc.region
        var peering = Peering(
            peeringId: newID(for: Peering.self, prefix: IDPrefix.peering, &context),
            status: PeeringStatus(code: PeeringStatus.initiatingRequest, message: "Initiating Request to \(accepterVpc.accountId)"),
            requester: Self.info(requesterVpc), accepter: Self.info(accepterVpc),
            mtu: interRegion ? PeeringRules.mtuInterRegion : PeeringRules.mtuInRegion, expirationTime: nil,
            tags: tags, createdAt: context.now, statusUpdatedAt: context.now)
        record(.create, peering, at: context.now)
        if let (mine, theirs) = Self.firstOverlap(requesterVpc.cidrBlocks, accepterVpc.cidrBlocks) {
            peering.status = PeeringStatus(
                code: PeeringStatus.failed,
                message: "Overlapping CIDRs: \(mine) of \(requesterVpc.vpcId) overlaps \(theirs) of \(accepterVpc.vpcId). "
                    + "Peered VPCs may not share any address; re-address one of them.")
        } else {
            peering.status = PeeringStatus(
                code: PeeringStatus.pendingAcceptance, message: "Pending Acceptance by \(accepterVpc.accountId)")
            peering.expirationTime = context.now.addingTimeInterval(PeeringRules.pendingLifetime)
        }
        record(.create, peering, at: context.now)
        refreshPeeringRoutes(peering, context)
        return peering
    }

    public mutating func acceptPeering(_ request: PeeringAccept, _ context: inout CommandContext) throws(NetctlError)
        -> Peering
    {
        var peering = try visiblePeering(request.peering, context.scope, now: context.now)
        guard context.accountId == peering.accepter.accountId else {
            throw notInState(peering, "only the accepter's account (\(peering.accepter.accountId)) can accept it")
        }
        guard context.region == peering.accepter.region else {
            throw NetctlError(
                .operationNotPermitted,
                "Incorrect region (\(context.region)) specified for this request. VPC peering connection "
                    + "\(peering.peeringId) must be accepted in region \(peering.accepter.region).")
        }
        guard peering.status.code == PeeringStatus.pendingAcceptance else {
            throw notInState(peering, "only a pending-acceptance request can be accepted")
        }
        for vpcId in [peering.requester.vpcId, peering.accepter.vpcId] {
            let active = activePeerings(of: vpcId).count
            guard active < context.quotas[.activePeeringsPerVpc] else {
                throw context.quotas.exceeded(
                    .activePeeringsPerVpc, code: .activePeeringLimitExceeded,
                    "\(vpcId) already has \(active) active peering connections")
            }
        }
        peering.status = PeeringStatus(code: PeeringStatus.provisioning, message: "Provisioning")
        peering.statusUpdatedAt = context.now
        peering.expirationTime = nil
        record(.accept, peering, at: context.now)
        peering.status = PeeringStatus(code: PeeringStatus.active, message: "Active")
        record(.accept, peering, at: context.now)
        refreshPeeringRoutes(peering, context)
        // The accepter answers with its own view: the requester's tags are not its to see.
        return PeeringRules.view(peering, for: context.scope)
    }

    public mutating func rejectPeering(_ request: PeeringReject, _ context: inout CommandContext) throws(NetctlError)
        -> Peering
    {
        var peering = try visiblePeering(request.peering, context.scope, now: context.now)
        guard context.accountId == peering.accepter.accountId, context.region == peering.accepter.region else {
            throw notInState(peering, "only the accepter (\(peering.accepter.accountId) in \(peering.accepter.region)) can reject it")
        }
        guard peering.status.code == PeeringStatus.pendingAcceptance else {
            throw notInState(peering, "only a pending-acceptance request can be rejected")
        }
        peering.status = PeeringStatus(code: PeeringStatus.rejected, message: "Rejected by \(context.accountId)")
        peering.statusUpdatedAt = context.now
        peering.expirationTime = nil
        record(.reject, peering, at: context.now)
        refreshPeeringRoutes(peering, context)
        return PeeringRules.view(peering, for: context.scope)
    }

    public mutating func deletePeering(_ request: PeeringDelete, _ context: inout CommandContext) throws(NetctlError)
        -> Peering
    {
        var peering = try visiblePeering(request.peering, context.scope, now: context.now)
        let sides = PeeringRules.sides(of: peering, for: context.scope)
        switch peering.status.code {
        case PeeringStatus.active:
            break
        case PeeringStatus.pendingAcceptance:
            guard sides.contains(.requester) else {
                throw notInState(peering, "a pending request can only be withdrawn by its requester; the accepter rejects it")
            }
        default:
            throw notInState(peering, "only active peerings and pending requests can be deleted")
        }
        peering.status = PeeringStatus(code: PeeringStatus.deleting, message: "Deleting")
        peering.statusUpdatedAt = context.now
        peering.expirationTime = nil
        peering.deletedBy = context.accountId
        record(.delete, peering, at: context.now)
        peering.status = PeeringStatus(code: PeeringStatus.deleted, message: "Deleted by \(context.accountId)")
        record(.delete, peering, at: context.now)
        refreshPeeringRoutes(peering, context)
        return PeeringRules.view(peering, for: context.scope)
    }

    public mutating func modifyPeeringOptions(_ request: PeeringModifyOptions, _ context: inout CommandContext)
        throws(NetctlError) -> Peering
    {
        var peering = try visiblePeering(request.peering, context.scope, now: context.now)
        guard request.requesterAllowDnsResolutionFromRemoteVpc != nil || request.accepterAllowDnsResolutionFromRemoteVpc != nil
        else {
            throw NetctlError(
                .missingParameter,
                "Pass requesterAllowDnsResolutionFromRemoteVpc or accepterAllowDnsResolutionFromRemoteVpc.")
        }
        guard peering.status.code == PeeringStatus.active else {
            throw notInState(peering, "options can only be set on an active peering")
        }
        let sides = PeeringRules.sides(of: peering, for: context.scope)
        if request.requesterAllowDnsResolutionFromRemoteVpc != nil, !sides.contains(.requester) {
            throw NetctlError(
                .operationNotPermitted,
                "Requester options of \(peering.peeringId) are set by the requester (\(peering.requester.accountId) in "
                    + "\(peering.requester.region)).")
        }
        if request.accepterAllowDnsResolutionFromRemoteVpc != nil, !sides.contains(.accepter) {
            throw NetctlError(
                .operationNotPermitted,
                "Accepter options of \(peering.peeringId) are set by the accepter (\(peering.accepter.accountId) in "
                    + "\(peering.accepter.region)).")
        }
        let enabling =
            request.requesterAllowDnsResolutionFromRemoteVpc == true || request.accepterAllowDnsResolutionFromRemoteVpc == true
        if enabling {
            for vpcId in [peering.requester.vpcId, peering.accepter.vpcId] {
                guard let vpc = vpcs[vpcId], vpc.enableDnsSupport, vpc.enableDnsHostnames else {
                    throw NetctlError(
                        "InvalidVpcPeeringConnectionState.DnsHostnamesDisabled",
                        "DNS resolution across \(peering.peeringId) needs enableDnsSupport and enableDnsHostnames on "
                            + "both VPCs; \(vpcId) lacks them. Turn them on with `netctl vpc modify \(vpcId) "
                            + "--dns-hostnames true`.")
                }
            }
        }
        if let allow = request.requesterAllowDnsResolutionFromRemoteVpc {
            peering.requester.allowDnsResolutionFromRemoteVpc = allow
        }
        if let allow = request.accepterAllowDnsResolutionFromRemoteVpc {
            peering.accepter.allowDnsResolutionFromRemoteVpc = allow
        }
        record(.modifyOptions, peering, at: context.now)
        return PeeringRules.view(peering, for: context.scope)
    }

    public func getPeering(_ request: PeeringGet, _ context: QueryContext) throws(NetctlError) -> Peering {
        PeeringRules.view(try visiblePeering(request.peering, context.scope, now: context.now), for: context.scope)
    }

    public func listPeerings(_ request: PeeringList, _ context: QueryContext) throws(NetctlError) -> PeeringListResponse {
        if let status = request.status, !PeeringStatus.all.contains(status) {
            throw NetctlError(
                .invalidParameterValue,
                "Unknown peering status '\(status)'. Known: \(PeeringStatus.all.joined(separator: ", ")).")
        }
        let filters = request.filters ?? []
        try PeeringFilter.table.validate(filters)
        let vpcId = try request.vpc.map { reference throws(NetctlError) in try vpc(reference, in: context.scope).vpcId }
        var named: Set<String>?
        if let references = request.peerings {
            named = []
            for reference in references { named?.insert(try describable(reference, context)) }
        }
        if let exact = PeeringFilter.exactIds(filters) { named = named.map { $0.intersection(exact) } ?? exact }
        let keys: [Pagination.Key]
        if let named {
            // Named peerings are read directly: the cost follows the names, not the scope.
            keys = named.compactMap { id in
                peerings[id].map { Pagination.Key(millis: Timestamp.epochMilliseconds($0.createdAt), id: id) }
            }.sorted()
        } else {
            // By VPC through the index: cost follows that VPC's peerings, not all of them.
            keys = peerings.childKeysInCreationOrder(of: vpcId ?? Peering.scopeKey(context.scope))
        }
        // Paged on creation keys first: only the peerings of the page (and the next one) are read.
        let page = try Pagination.page(
            ordered: keys, maxResults: request.maxResults, nextToken: request.nextToken
        ) { id -> Peering? in
            guard let peering = peerings[id],
                PeeringRules.isVisible(peering, to: context.scope, at: context.now),
                vpcId.map({ peering.requester.vpcId == $0 || peering.accepter.vpcId == $0 }) ?? true,
                request.status.map({ peering.status.code == $0 }) ?? true,
                request.account.map({ peering.requester.accountId == $0 || peering.accepter.accountId == $0 }) ?? true
            else { return nil }
            let view = PeeringRules.view(peering, for: context.scope)
            return filters.isEmpty || PeeringFilter.table.matches(view, filters) ? view : nil
        }
        return PeeringListResponse(peerings: page.items, nextToken: page.nextToken)
    }

    /// A named peering for a listing: one the caller's side cannot see from here is not found, as a
    /// describe by ID in the wrong region answers (a get says where to ask instead).
    private func describable(_ reference: String, _ context: QueryContext) throws(NetctlError) -> String {
        do {
            return try visiblePeering(reference, context.scope, now: context.now).peeringId
        } catch where error.code == .operationNotPermitted {
            throw NetctlError(
                .peeringNotFound, "The vpcPeeringConnection ID '\(reference)' does not exist in \(context.scope).")
        }
    }

    public mutating func modifyVpcAttribute(_ request: VpcModifyAttribute, _ context: inout CommandContext)
        throws(NetctlError) -> Vpc
    {
        var vpc = try self.vpc(request.vpc, in: context.scope)
        guard request.enableDnsSupport != nil || request.enableDnsHostnames != nil else {
            throw NetctlError(.missingParameter, "Pass enableDnsSupport or enableDnsHostnames.")
        }
        if let support = request.enableDnsSupport { vpc.enableDnsSupport = support }
        if let hostnames = request.enableDnsHostnames { vpc.enableDnsHostnames = hostnames }
        guard vpc.enableDnsSupport || !vpc.enableDnsHostnames else {
            throw NetctlError(
                .invalidParameterCombination, "enableDnsHostnames needs enableDnsSupport; turn DNS support on as well.")
        }
        record(.modifyAttribute, vpc, at: context.now)
        return vpc
    }

    // MARK: Shared by the peering rules

    /// A peering the caller's side may see right now, by ID or Name tag.
    func visiblePeering(_ reference: String, _ scope: Scope, now: Date) throws(NetctlError) -> Peering {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        let found: Peering?
        if reference.hasPrefix(IDPrefix.peering + "-") {
            found = peerings[reference]
        } else {
            let named = peerings.named(reference, in: scope)
            guard named.count <= 1 else {
                throw NetctlError(
                    .invalidParameterValue,
                    "The name '\(reference)' matches \(named.count) peerings (\(named.map(\.peeringId).joined(separator: ", "))). "
                        + "Pass the ID instead.")
            }
            found = named.first
        }
        if let peering = found, PeeringRules.sides(of: peering, for: scope).isEmpty,
            let side = [peering.requesterScope, peering.accepterScope].first(where: { $0.accountId == scope.accountId }),
            PeeringRules.isVisible(peering, to: side, at: now)
        {
            // The caller's account is a side, but it asked from another region: say where to ask.
            throw NetctlError(
                .operationNotPermitted,
                "Incorrect region (\(scope.region)) specified for this request. VPC peering connection "
                    + "\(peering.peeringId) is handled in region \(side.region) for account \(scope.accountId).")
        }
        guard let peering = found, PeeringRules.isVisible(peering, to: scope, at: now) else {
            throw NetctlError(
                .peeringNotFound,
                "The vpcPeeringConnection ID '\(reference)' does not exist in \(scope). List them with `netctl peer list`.")
        }
        return peering
    }

    /// The peering between two VPCs that still blocks another one, in either direction.
    func livePeering(between first: String, and second: String) -> Peering? {
        let (smaller, larger) = peerings.childCount(of: first) <= peerings.childCount(of: second) ? (first, second) : (second, first)
        return peerings.childIds(of: smaller).lazy.compactMap { self.peerings[$0] }.first { peering in
            PeeringStatus.live.contains(peering.status.code)
                && (peering.requester.vpcId == larger || peering.accepter.vpcId == larger)
        }
    }

    public func activePeerings(of vpcId: String) -> [Peering] {
        peerings.childIds(of: vpcId).compactMap { peerings[$0] }.filter { $0.status.code == PeeringStatus.active }
    }

    /// Routes to the peering change state with it: refresh both VPCs' tables.
    mutating func refreshPeeringRoutes(_ peering: Peering, _ context: CommandContext) {
        refreshRouteStates(vpcId: peering.requester.vpcId, context)
        refreshRouteStates(vpcId: peering.accepter.vpcId, context)
    }

    /// Keeps the CIDR lists peerings show in step with their VPCs.
    mutating func refreshPeeringCidrs(of vpc: Vpc, _ context: CommandContext) {
        for var peering in peerings.children(of: vpc.vpcId) where PeeringStatus.live.contains(peering.status.code) {
            if peering.requester.vpcId == vpc.vpcId { peering.requester.cidrBlocks = vpc.cidrBlocks }
            if peering.accepter.vpcId == vpc.vpcId { peering.accepter.cidrBlocks = vpc.cidrBlocks }
            record(.update, peering, at: context.now)
        }
    }

    /// The peering rules of `vpc.associateCidr` (SEMANTICS.md 1.2): the requester of a pending
    /// request cannot add blocks; a block may not overlap an active peer.
    func checkCidrAgainstPeerings(_ vpc: Vpc, adding cidr: IPv4CIDR) throws(NetctlError) {
        for peering in peerings.children(of: vpc.vpcId) {
            switch peering.status.code {
            case PeeringStatus.pendingAcceptance where peering.requester.vpcId == vpc.vpcId:
                throw NetctlError(
                    .invalidParameterValue,
                    "\(vpc.vpcId) is the requester of the pending peering \(peering.peeringId) and cannot add CIDR "
                        + "blocks until it is accepted, rejected or withdrawn.")
            case PeeringStatus.active:
                let peer = peering.requester.vpcId == vpc.vpcId ? peering.accepter : peering.requester
                if let clash = peer.cidrBlocks.first(where: { IPv4CIDR($0)?.overlaps(cidr) ?? false }) {
                    throw NetctlError(
                        .invalidVpcRange,
                        "The CIDR '\(cidr)' overlaps \(clash) of \(peer.vpcId), which is peered with \(vpc.vpcId) through "
                            + "\(peering.peeringId). Choose a block that does not overlap the peer.")
                }
            default:
                continue
            }
        }
    }

    /// An accepter adding a block that overlaps the requester fails the pending request, as in AWS.
    mutating func failPeeringsOverlapping(_ vpc: Vpc, added cidr: IPv4CIDR, _ context: CommandContext) {
        for var peering in peerings.children(of: vpc.vpcId)
        where peering.status.code == PeeringStatus.pendingAcceptance && peering.accepter.vpcId == vpc.vpcId {
            guard let clash = peering.requester.cidrBlocks.first(where: { IPv4CIDR($0)?.overlaps(cidr) ?? false }) else {
                continue
            }
            peering.status = PeeringStatus(
                code: PeeringStatus.failed,
                message: "Overlapping CIDRs: \(clash) of \(peering.requester.vpcId) overlaps \(cidr), newly added to "
                    + "\(vpc.vpcId).")
            peering.statusUpdatedAt = context.now
            peering.expirationTime = nil
            record(.fail, peering, at: context.now)
            refreshPeeringRoutes(peering, context)
        }
    }

    /// Live peerings of a VPC, which keep it from being deleted.
    func livePeerings(of vpcId: String) -> [Peering] {
        peerings.children(of: vpcId).filter { PeeringStatus.live.contains($0.status.code) }
    }

    private func notInState(_ peering: Peering, _ why: String) -> NetctlError {
        NetctlError(
            .invalidStateTransition,
            "The VPC peering connection \(peering.peeringId) is not in the correct state for the request: it is "
                + "\(peering.status.code), and \(why).")
    }

    private func label(_ vpc: Vpc) -> String { vpc.name.map { "\($0) (\(vpc.vpcId))" } ?? vpc.vpcId }

    static func info(_ vpc: Vpc) -> PeeringVpcInfo {
        PeeringVpcInfo(vpcId: vpc.vpcId, accountId: vpc.accountId, region: vpc.region, cidrBlocks: vpc.cidrBlocks)
    }

    static func firstOverlap(_ first: [String], _ second: [String]) -> (String, String)? {
        for a in first {
            guard let left = IPv4CIDR(a) else { continue }
            for b in second where IPv4CIDR(b).map(left.overlaps) ?? false { return (a, b) }
        }
        return nil
    }

    static func isAccountID(_ text: String) -> Bool { text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber } }
}
