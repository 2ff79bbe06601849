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
        for source in endpoints.indices {
            for destination in endpoints.indices where destination != source {
                let (reachable, explanation) = matrix.answer(source, destination)
                pairs.append(
                    ReachMatrixPair(
                        source: endpoints[source].id, destination: endpoints[destination].id, reachable: reachable,
                        explanation: explanation))
            }
        }
        return ReachMatrixResult(endpoints: endpoints.map(\.id), pairs: pairs)
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

/// One matrix's caches over the endpoints' places (all inside VPCs). Keys are small integers: the
/// endpoints' indices, and interned subnets, route tables, addresses and group lists.
struct ReachMatrixWalk {
    let state: State
    let places: [ReachPlace]
    let traffic: ReachTraffic

    /// What the forward walk from a route table to a destination found, with where it landed interned.
    struct Forward {
        var explanations: [ReachExplanation]
        var delivered: (vpc: Vpc?, subnet: Subnet?)?
        var deliveredSubnet: Int
        var deliveredKey: Int
        /// Delivered through a transit gateway: group references do not match across it.
        var crossedTransitGateway = false
    }

    struct Key: Hashable {
        var a: Int
        var b: Int
    }

    private var keys: [String: Int] = [:]
    private var subnetIndex: [String: Int] = [:]
    private var subnets: [Subnet] = []
    private var acls: [Int: NetworkAcl?] = [:]
    /// Per endpoint: its route table (as a source), its VPC and address (as a destination), its
    /// subnet, its address, its VPC and address as a return target.
    private var routeKey: [Int] = []
    private var targetKey: [Int] = []
    private var subnetOf: [Int] = []
    private var returnKey: [Int] = []
    /// The groups it carries as a source (the VPC's default for a VPC or subnet, as `reach.analyze`
    /// gives them) and as a destination, nil where groups are not part of the analysis; and their
    /// interned lists.
    private var originGroups: [[String]?] = []
    private var arrivalGroups: [[String]?] = []
    private var originGroupKey: [Int] = []
    private var arrivalGroupKey: [Int] = []
    private var asSourcePeer: [SecurityGroupPeer] = []
    private var asDestinationPeer: [SecurityGroupPeer] = []

    private var forwards: [Key: Forward] = [:]
    private var returns: [Key: ReachExplanation?] = [:]
    private var egress: [Key: Bool] = [:]
    private var ingress: [Key: Bool] = [:]
    private var outbound: [Key: NetworkAclEntry] = [:]
    private var inbound: [Key: NetworkAclEntry] = [:]
    private var replyOut: [Key: (Bool, NetworkAclEntry)] = [:]
    private var replyIn: [Key: (Bool, NetworkAclEntry)] = [:]

    init(state: State, places: [ReachPlace], traffic: ReachTraffic) {
        self.state = state
        self.places = places
        self.traffic = traffic
        var groupKeys: [[String]: Int] = [:]
        for place in places {
            let vpcId = place.vpc?.vpcId ?? ""
            let table = place.vpc.flatMap { state.routeTable(for: $0, subnet: place.subnet) }
            // The zone too: a hub is entered only from the zones its attachment covers.
            routeKey.append(key("route \(vpcId) \(table?.routeTableId ?? "") \(place.subnet?.availabilityZone ?? "")"))
            targetKey.append(key("target \(vpcId) \(place.address.value)"))
            returnKey.append(key("return \(vpcId) \(place.address.value)"))
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
        let forward = forward(s, d)
        if let first = forward.explanations.first { return (false, first) }
        guard let delivered = forward.delivered else { return (false, nil) }
        if let deliveredVpc = delivered.vpc, let sourceVpc = places[s].vpc, deliveredVpc.vpcId != sourceVpc.vpcId {
            let key = Key(a: forward.deliveredKey, b: returnKey[s])
            let back: ReachExplanation?
            if let cached = returns[key] {
                back = cached
            } else {
                var walk = ReachWalk()
                state.returnPath(
                    from: deliveredVpc, subnet: delivered.subnet, back: places[s].address, sourceVpc: sourceVpc, &walk)
                back = walk.explanations.first
                returns[key] = back
            }
            if let back { return (false, back) }
        }
        if let blocked = security(
            s, d, arrivedSubnet: forward.deliveredSubnet >= 0 ? forward.deliveredSubnet : subnetOf[d],
            groupReferences: !forward.crossedTransitGateway)
        {
            return (false, blocked)
        }
        return (true, nil)
    }

    private mutating func forward(_ s: Int, _ d: Int) -> Forward {
        let key = Key(a: routeKey[s], b: targetKey[d])
        if let cached = forwards[key] { return cached }
        var walk = ReachWalk()
        var result = Forward(explanations: [], delivered: nil, deliveredSubnet: -1, deliveredKey: -1)
        if let vpc = places[s].vpc {
            let delivered = state.forward(from: vpc, subnet: places[s].subnet, to: places[d], &walk)
            result.delivered = delivered
            if let delivered {
                result.deliveredSubnet = intern(delivered.subnet)
                let table = delivered.vpc.flatMap { state.routeTable(for: $0, subnet: delivered.subnet) }
                result.deliveredKey = self.key(
                    "delivered \(delivered.vpc?.vpcId ?? "") \(delivered.subnet?.subnetId ?? "") "
                        + "\(table?.routeTableId ?? "")")
            }
        }
        result.explanations = walk.explanations
        result.crossedTransitGateway = walk.crossedTransitGateway
        forwards[key] = result
        return result
    }

    /// The first security layer that blocks the delivered pair, as `State.checkSecurity` names it.
    private mutating func security(_ s: Int, _ d: Int, arrivedSubnet: Int, groupReferences: Bool) -> ReachExplanation? {
        let (state, traffic) = (self.state, self.traffic)
        let source = places[s]
        let destination = places[d]
        let crossesSubnets = subnetOf[s] != arrivedSubnet
        // Across a transit gateway a peer is its address alone; such answers are cached apart.
        let referenceBit = groupReferences ? 0 : 1
        if let groups = originGroups[s] {
            let peer = groupReferences ? asDestinationPeer[d] : SecurityGroupPeer(address: destination.address)
            let allowed = Self.cached(&egress, Key(a: originGroupKey[s], b: d * 2 + referenceBit)) {
                state.admittingRule(groups, .egress, traffic, peer) != nil
            }
            if !allowed {
                return State.securityGroupDeniesEgress(groups, on: source.endpoint, to: destination.address, traffic)
            }
        }
        if crossesSubnets, subnetOf[s] >= 0, let acl = acl(subnetOf[s]) {
            let entry = Self.cached(&outbound, Key(a: subnetOf[s], b: Int(destination.address.value))) {
                acl.decisiveEntry(.egress, traffic.packet(to: destination.address))
            }
            if entry.ruleAction != .allow {
                return State.naclDeniesOutbound(acl, of: subnets[subnetOf[s]], to: destination.address, traffic, entry)
            }
        }
        if crossesSubnets, arrivedSubnet >= 0, let acl = acl(arrivedSubnet) {
            let entry = Self.cached(&inbound, Key(a: arrivedSubnet, b: Int(source.address.value))) {
                acl.decisiveEntry(.ingress, traffic.packet(to: source.address))
            }
            if entry.ruleAction != .allow {
                return State.naclDeniesInbound(acl, of: subnets[arrivedSubnet], from: source.address, traffic, entry)
            }
        }
        if let groups = arrivalGroups[d] {
            let peer = groupReferences ? asSourcePeer[s] : SecurityGroupPeer(address: source.address)
            let allowed = Self.cached(&ingress, Key(a: arrivalGroupKey[d], b: s * 2 + referenceBit)) {
                state.admittingRule(groups, .ingress, traffic, peer) != nil
            }
            if !allowed {
                return State.securityGroupDeniesIngress(
                    groups, on: destination.endpoint, from: source.address, sourceGroupIds: originGroups[s], traffic)
            }
        }
        guard crossesSubnets else { return nil }
        // The reply: out of the destination's subnet, then into the source's.
        if arrivedSubnet >= 0, let acl = acl(arrivedSubnet) {
            let (allowed, entry) = Self.cached(&replyOut, Key(a: arrivedSubnet, b: Int(source.address.value))) {
                State.replyDecision(acl, .egress, traffic, remote: source.address)
            }
            if !allowed {
                return State.naclDeniesReturn(acl, of: subnets[arrivedSubnet], .egress, source.address, traffic, entry)
            }
        }
        if subnetOf[s] >= 0, let acl = acl(subnetOf[s]) {
            let (allowed, entry) = Self.cached(&replyIn, Key(a: subnetOf[s], b: Int(destination.address.value))) {
                State.replyDecision(acl, .ingress, traffic, remote: destination.address)
            }
            if !allowed {
                return State.naclDeniesReturn(
                    acl, of: subnets[subnetOf[s]], .ingress, destination.address, traffic, entry)
            }
        }
        return nil
    }

    private static func cached<Value>(_ cache: inout [Key: Value], _ key: Key, _ make: () -> Value) -> Value {
        if let value = cache[key] { return value }
        let value = make()
        cache[key] = value
        return value
    }

    /// A group list's index, -1 for none.
    private static func intern(_ groups: [String]?, _ keys: inout [[String]: Int]) -> Int {
        guard let groups else { return -1 }
        if let index = keys[groups] { return index }
        keys[groups] = keys.count
        return keys.count - 1
    }

    private mutating func acl(_ subnet: Int) -> NetworkAcl? {
        if let cached = acls[subnet] { return cached }
        let acl = state.effectiveNetworkAcl(of: subnets[subnet])
        acls[subnet] = .some(acl)
        return acl
    }

    /// The subnet's index, -1 for none.
    private mutating func intern(_ subnet: Subnet?) -> Int {
        guard let subnet else { return -1 }
        if let index = subnetIndex[subnet.subnetId] { return index }
        subnets.append(subnet)
        subnetIndex[subnet.subnetId] = subnets.count - 1
        return subnets.count - 1
    }

    private mutating func key(_ text: String) -> Int {
        if let index = keys[text] { return index }
        keys[text] = keys.count
        return keys.count - 1
    }
}
