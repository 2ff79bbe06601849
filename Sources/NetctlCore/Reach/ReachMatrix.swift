import NetctlAPI

/// `reach.matrix`: `reach.analyze`'s verdict and first explanation for every ordered pair of
/// endpoints. A pair's answer is made of parts that many pairs share, each worked out once: the
/// forward walk depends only on the source's route table and the destination's VPC and address, the
/// way back on where the packet landed and the source's address, a group or ACL decision on one
/// side's groups or subnet and the other side's address. n endpoints cost n² cache look-ups and far
/// fewer walks; messages are written only for the pairs that are blocked.
extension State {
    public func reachMatrix(_ request: ReachMatrix, _ context: QueryContext) throws(NetctlError) -> ReachMatrixResult {
        let endpoints = try matrixEndpoints(request, context.scope)
        let traffic = try ReachTraffic.of(
            ReachAnalyze(source: "", destination: "", port: request.port, protocol: request.protocol), toService: false)
        var matrix = ReachMatrixWalk(state: self, places: endpoints.map(\.place), traffic: traffic)
        var pairs: [ReachMatrixPair] = []
        pairs.reserveCapacity(endpoints.count * max(endpoints.count - 1, 0))
        let ids = endpoints.map(\.id)
        for source in ids.indices {
            for destination in ids.indices where destination != source {
                let (reachable, explanation) = matrix.answer(source, destination)
                pairs.append(
                    ReachMatrixPair(
                        source: ids[source], destination: ids[destination], reachable: reachable,
                        explanation: explanation))
            }
        }
        return ReachMatrixResult(endpoints: ids, pairs: pairs)
    }

    /// The endpoints by ID, each resolved as `reach.analyze` resolves that ID, duplicates dropped.
    private func matrixEndpoints(_ request: ReachMatrix, _ scope: Scope) throws(NetctlError)
        -> [(id: String, place: ReachPlace)]
    {
        let given = [
            request.vpc.map { _ in "vpc" }, request.subnets.map { _ in "subnets" },
            request.instances.map { _ in "instances" },
        ].compactMap { $0 }
        guard given.count == 1 else {
            throw NetctlError(
                given.isEmpty ? .missingParameter : .invalidParameterCombination,
                "A reach matrix needs exactly one set of endpoints: vpc, subnets or instances"
                    + (given.isEmpty ? "." : "; got \(given.joined(separator: " and "))."))
        }
        var ids: [String] = []
        if let reference = request.vpc {
            let vpc = try self.vpc(reference, in: scope)
            ids = instances.children(of: vpc.vpcId).filter { $0.state != .terminated }.map(\.instanceId).sorted()
        } else if let references = request.subnets {
            guard !references.isEmpty else {
                throw NetctlError(.invalidParameterValue, "subnets is empty: name at least one subnet (ID or name).")
            }
            for reference in references { ids.append(try subnet(reference, in: scope).subnetId) }
        } else if let references = request.instances {
            guard !references.isEmpty else {
                throw NetctlError(.invalidParameterValue, "instances is empty: name at least one instance (ID or name).")
            }
            for reference in references {
                let instance = try self.instance(reference, in: scope)
                guard instance.state != .terminated else {
                    throw NetctlError(
                        .invalidParameterValue,
                        "Instance \(instance.instanceId) is terminated: it has no address to reach. Leave it out.")
                }
                ids.append(instance.instanceId)
            }
        }
        var seen: Set<String> = []
        var endpoints: [(id: String, place: ReachPlace)] = []
        for id in ids where seen.insert(id).inserted {
            endpoints.append((id, try reachPlace(id, role: "endpoint", scope)))
        }
        return endpoints
    }
}

/// One matrix's caches over the endpoints' places (all inside VPCs). Each cache is a `PairMemo`: a
/// row per interned key (route table, group list, subnet, landing place) and a column per endpoint,
/// so a look-up is two array indexings, not a hash; a 500-endpoint matrix makes about two million.
struct ReachMatrixWalk {
    let state: State
    let places: [ReachPlace]
    let traffic: ReachTraffic

    /// What the forward walk from a route table to a destination found, with where it landed interned.
    struct Forward {
        var explanation: ReachExplanation?
        var delivered: (vpc: Vpc?, subnet: Subnet?)?
        var deliveredSubnet: Int
        var deliveredKey: Int
        /// Landed in another VPC than the source's: the way back is walked too.
        var crossesVpcs: Bool
        /// Delivered through a transit gateway: group references do not match across it.
        var crossedTransitGateway = false
    }

    private var keys: [String: Int] = [:]
    private var subnetIndex: [String: Int] = [:]
    private var subnets: [Subnet] = []
    private var acls: [NetworkAcl?] = []
    /// Per endpoint: its route table with its VPC (as a source), its subnet, and the groups it carries
    /// as a source (the VPC's default for a VPC or subnet, as `reach.analyze` gives them) and as a
    /// destination, nil where groups are not part of the analysis; and their interned lists.
    private var routeKey: [Int] = []
    private var subnetOf: [Int] = []
    private var originGroups: [[String]?] = []
    private var arrivalGroups: [[String]?] = []
    private var originGroupKey: [Int] = []
    private var arrivalGroupKey: [Int] = []
    private var asSourcePeer: [SecurityGroupPeer] = []
    private var asDestinationPeer: [SecurityGroupPeer] = []

    private var forwards: [Forward] = []
    /// Rows: route keys; values: indices in `forwards`.
    private var forwardIndex: PairMemo
    /// Rows: landing places (`Forward.deliveredKey`), columns: sources; values: 0 when the way back
    /// is open, else 1 + an index in `returnBlocks`.
    private var returns: PairMemo
    private var returnBlocks: [ReachExplanation] = []
    private var aclEntries: [NetworkAclEntry] = []
    /// The security layers' decisions, one memo per `Layer`.
    private var decisions: [PairMemo]

    /// Group layers: rows are group lists, values allowed (1) or denied (0); across a transit gateway,
    /// where group references do not match, memoised apart. ACL layers: rows are subnets, values as
    /// `remember` writes them.
    private enum Layer: Int, CaseIterable {
        case egress, ingress, egressAcrossHub, ingressAcrossHub, outbound, inbound, replyOut, replyIn
    }

    init(state: State, places: [ReachPlace], traffic: ReachTraffic) {
        self.state = state
        self.places = places
        self.traffic = traffic
        forwardIndex = PairMemo(columns: places.count)
        returns = PairMemo(columns: places.count)
        decisions = Layer.allCases.map { _ in PairMemo(columns: places.count) }
        var groupKeys: [[String]: Int] = [:]
        for place in places {
            let vpcId = place.vpc?.vpcId ?? ""
            let table = place.vpc.flatMap { state.routeTable(for: $0, subnet: place.subnet) }
            // The zone too: a hub is entered only from the zones its attachment covers.
            routeKey.append(key("route \(vpcId) \(table?.routeTableId ?? "") \(place.subnet?.availabilityZone ?? "")"))
            subnetOf.append(intern(place.subnet))
            var origin = place.securityGroupIds
            if origin == nil, let vpc = place.vpc, let group = state.defaultSecurityGroup(ofVpc: vpc.vpcId) {
                origin = [group.groupId]
            }
            if origin?.isEmpty == true { origin = nil }
            let arrival = place.securityGroupIds?.isEmpty == true ? nil : place.securityGroupIds
            originGroups.append(origin)
            arrivalGroups.append(arrival)
            originGroupKey.append(Self.intern(origin, &groupKeys))
            arrivalGroupKey.append(Self.intern(arrival, &groupKeys))
            asSourcePeer.append(SecurityGroupPeer(address: place.address, groupIds: Set(origin ?? [])))
            asDestinationPeer.append(SecurityGroupPeer(address: place.address, groupIds: Set(arrival ?? [])))
        }
    }

    /// `reach.analyze`'s `reachable` and first explanation for the pair, in its order: the forward
    /// walk, the way back, then the security layers (`State.checkSecurity`'s order).
    mutating func answer(_ s: Int, _ d: Int) -> (Bool, ReachExplanation?) {
        let f = forward(s, d)
        if let first = forwards[f].explanation { return (false, first) }
        guard forwards[f].delivered != nil else { return (false, nil) }
        if forwards[f].crossesVpcs {
            let landing = forwards[f].deliveredKey
            var back = returns[landing, s]
            if back < 0 {
                var walk = ReachWalk()
                let delivered = forwards[f].delivered!
                state.returnPath(
                    from: delivered.vpc!, subnet: delivered.subnet, back: places[s].address, sourceVpc: places[s].vpc!,
                    &walk)
                if let blocked = walk.explanations.first {
                    returnBlocks.append(blocked)
                    back = Int32(returnBlocks.count)
                } else {
                    back = 0
                }
                returns[landing, s] = back
            }
            if back > 0 { return (false, returnBlocks[Int(back) - 1]) }
        }
        let arrived = forwards[f].deliveredSubnet
        if let blocked = security(
            s, d, arrivedSubnet: arrived >= 0 ? arrived : subnetOf[d], groupReferences: !forwards[f].crossedTransitGateway)
        {
            return (false, blocked)
        }
        return (true, nil)
    }

    /// The index in `forwards` of the walk from the source's route table to the destination.
    private mutating func forward(_ s: Int, _ d: Int) -> Int {
        let cached = forwardIndex[routeKey[s], d]
        if cached >= 0 { return Int(cached) }
        var walk = ReachWalk()
        var result = Forward(explanation: nil, delivered: nil, deliveredSubnet: -1, deliveredKey: -1, crossesVpcs: false)
        if let vpc = places[s].vpc {
            let delivered = state.forward(from: vpc, subnet: places[s].subnet, to: places[d], &walk)
            result.delivered = delivered
            if let delivered {
                result.deliveredSubnet = intern(delivered.subnet)
                let table = delivered.vpc.flatMap { state.routeTable(for: $0, subnet: delivered.subnet) }
                result.deliveredKey = self.key(
                    "delivered \(delivered.vpc?.vpcId ?? "") \(delivered.subnet?.subnetId ?? "") "
                        + "\(table?.routeTableId ?? "")")
                if let landed = delivered.vpc { result.crossesVpcs = landed.vpcId != vpc.vpcId }
            }
        }
        result.explanation = walk.explanations.first
        result.crossedTransitGateway = walk.crossedTransitGateway
        forwards.append(result)
        forwardIndex[routeKey[s], d] = Int32(forwards.count - 1)
        return forwards.count - 1
    }

    /// The first security layer that blocks the delivered pair, as `State.checkSecurity` names it.
    /// Decisions are memoised, an ACL's with the entry that made it.
    /// Across a transit gateway (`groupReferences` false) a peer is its address alone, memoised apart.
    private mutating func security(_ s: Int, _ d: Int, arrivedSubnet: Int, groupReferences: Bool) -> ReachExplanation? {
        let origin = subnetOf[s]
        let crossesSubnets = origin != arrivedSubnet
        let traffic = traffic
        let (from, to) = (places[s].address, places[d].address)
        if originGroupKey[s] >= 0, let groups = originGroups[s],
            !groupsAdmit(groups, .egress, row: originGroupKey[s], peer: d, groupReferences: groupReferences)
        {
            return State.securityGroupDeniesEgress(groups, on: places[s].endpoint, to: to, traffic)
        }
        if crossesSubnets, origin >= 0, let acl = acls[origin],
            let entry = aclDenial(.outbound, origin, d, entry: { acl.decisiveEntry(.egress, traffic.packet(to: to)) })
        {
            return State.naclDeniesOutbound(acl, of: subnets[origin], to: to, traffic, entry)
        }
        if crossesSubnets, arrivedSubnet >= 0, let acl = acls[arrivedSubnet],
            let entry = aclDenial(.inbound, arrivedSubnet, s, entry: { acl.decisiveEntry(.ingress, traffic.packet(to: from)) })
        {
            return State.naclDeniesInbound(acl, of: subnets[arrivedSubnet], from: from, traffic, entry)
        }
        if arrivalGroupKey[d] >= 0, let groups = arrivalGroups[d],
            !groupsAdmit(groups, .ingress, row: arrivalGroupKey[d], peer: s, groupReferences: groupReferences)
        {
            return State.securityGroupDeniesIngress(
                groups, on: places[d].endpoint, from: from, sourceGroupIds: groupReferences ? originGroups[s] : nil,
                traffic)
        }
        guard crossesSubnets else { return nil }
        // The reply: out of the destination's subnet, then into the source's.
        if arrivedSubnet >= 0, let acl = acls[arrivedSubnet],
            let entry = aclDenial(.replyOut, arrivedSubnet, s, { State.replyDecision(acl, .egress, traffic, remote: from) })
        {
            return State.naclDeniesReturn(acl, of: subnets[arrivedSubnet], .egress, from, traffic, entry)
        }
        if origin >= 0, let acl = acls[origin],
            let entry = aclDenial(.replyIn, origin, d, { State.replyDecision(acl, .ingress, traffic, remote: to) })
        {
            return State.naclDeniesReturn(acl, of: subnets[origin], .ingress, to, traffic, entry)
        }
        return nil
    }

    /// Whether the groups admit the endpoint `peer` (the destination on egress, the source on
    /// ingress), memoised by (row, peer); across a hub the peer is its address alone.
    private mutating func groupsAdmit(
        _ groups: [String], _ direction: SecurityGroupDirection, row: Int, peer: Int, groupReferences: Bool
    ) -> Bool {
        let layer: Layer =
            switch (direction, groupReferences) {
            case (.egress, true): .egress
            case (.egress, false): .egressAcrossHub
            case (.ingress, true): .ingress
            case (.ingress, false): .ingressAcrossHub
            }
        var allowed = decisions[layer.rawValue][row, peer]
        if allowed < 0 {
            let seen =
                !groupReferences
                ? SecurityGroupPeer(address: places[peer].address)
                : direction == .egress ? asDestinationPeer[peer] : asSourcePeer[peer]
            allowed = state.admittingRule(groups, direction, traffic, seen) != nil ? 1 : 0
            decisions[layer.rawValue][row, peer] = allowed
        }
        return allowed == 1
    }

    /// The entry that denies, nil when the ACL allows: decided by `decide` the first time, then
    /// memoised in `layer` at (row, column).
    private mutating func aclDenial(
        _ layer: Layer, _ row: Int, _ column: Int, entry decide: () -> NetworkAclEntry
    ) -> NetworkAclEntry? {
        aclDenial(layer, row, column) {
            let entry = decide()
            return (entry.ruleAction == .allow, entry)
        }
    }

    /// As above, for a decision that is more than its entry's action (a reply's ephemeral ports).
    private mutating func aclDenial(
        _ layer: Layer, _ row: Int, _ column: Int, _ decide: () -> (Bool, NetworkAclEntry)
    ) -> NetworkAclEntry? {
        var decision = decisions[layer.rawValue][row, column]
        if decision < 0 {
            let (allowed, entry) = decide()
            decision = remember(allowed, entry)
            decisions[layer.rawValue][row, column] = decision
        }
        return denial(decision)
    }

    /// An ACL decision to memoise with the entry that made it: the entry's index in `aclEntries`
    /// times two, plus one when it allows.
    private mutating func remember(_ allowed: Bool, _ entry: NetworkAclEntry) -> Int32 {
        aclEntries.append(entry)
        return Int32((aclEntries.count - 1) * 2 + (allowed ? 1 : 0))
    }

    /// The denying entry of a memoised ACL decision, nil when it allows.
    private func denial(_ decision: Int32) -> NetworkAclEntry? {
        decision & 1 == 1 ? nil : aclEntries[Int(decision >> 1)]
    }

    /// A group list's index, -1 for none.
    private static func intern(_ groups: [String]?, _ keys: inout [[String]: Int]) -> Int {
        guard let groups else { return -1 }
        if let index = keys[groups] { return index }
        keys[groups] = keys.count
        return keys.count - 1
    }

    /// The subnet's index, -1 for none; its ACL is looked up once, here.
    private mutating func intern(_ subnet: Subnet?) -> Int {
        guard let subnet else { return -1 }
        if let index = subnetIndex[subnet.subnetId] { return index }
        subnets.append(subnet)
        acls.append(state.effectiveNetworkAcl(of: subnet))
        subnetIndex[subnet.subnetId] = subnets.count - 1
        return subnets.count - 1
    }

    private mutating func key(_ text: String) -> Int {
        if let index = keys[text] { return index }
        keys[text] = keys.count
        return keys.count - 1
    }
}

/// Memoised small integers over (row, column): rows are added as they are first used, -1 reads as
/// "not yet known".
struct PairMemo {
    private var rows: [[Int32]] = []
    private let columns: Int

    init(columns: Int) {
        self.columns = columns
    }

    subscript(row: Int, column: Int) -> Int32 {
        get { row < rows.count ? rows[row][column] : -1 }
        set {
            while rows.count <= row { rows.append(Array(repeating: -1, count: columns)) }
            rows[row][column] = newValue
        }
    }
}
