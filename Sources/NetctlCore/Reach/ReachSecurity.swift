import NetctlAPI

/// What an analysis asks about: a protocol and, for TCP and UDP, a destination port. Without a
/// protocol it asks about "all traffic", which only rules for every protocol (`-1`) admit.
struct ReachTraffic {
    /// `tcp`, `udp`, `icmp` or `-1`.
    var protocolName: String
    var port: Int?

    /// The ports a client picks for its side of a flow: replies travel to them (SEMANTICS-2 §1.3).
    static let ephemeralPorts = 1024...65535

    static func of(_ request: ReachAnalyze, toService: Bool) throws(NetctlError) -> ReachTraffic {
        let name: String
        switch request.protocol?.lowercased() {
        case nil: name = toService ? "tcp" : (request.port == nil ? "-1" : "tcp")
        case "tcp", "6": name = "tcp"
        case "udp", "17": name = "udp"
        case "icmp", "1": name = "icmp"
        case "-1", "all": name = "-1"
        case let other?:
            throw NetctlError(
                .invalidParameterValue, "protocol '\(other)' is not one reach analyses: use tcp, udp, icmp or -1 (all).")
        }
        var port = request.port
        if let given = port {
            guard (0...65535).contains(given) else {
                throw NetctlError(.invalidParameterValue, "port \(given) is out of range: use 0 to 65535.")
            }
            guard name == "tcp" || name == "udp" else {
                throw NetctlError(.invalidParameterValue, "port applies to tcp and udp only, not to protocol \(name).")
            }
        } else if name == "tcp" || name == "udp" {
            guard toService else {
                throw NetctlError(
                    .missingParameter, "A \(name) analysis needs the destination port: pass port (--port 5432).")
            }
            port = 443
        }
        return ReachTraffic(protocolName: name, port: port)
    }

    var securityGroupTraffic: SecurityGroupTraffic {
        // ICMP asks about echo requests (ping), the usual question.
        protocolName == "icmp"
            ? .icmp(type: 8, code: 0) : SecurityGroupTraffic(protocol: protocolName, port: port)
    }

    var protocolNumber: Int {
        switch protocolName {
        case "tcp": 6
        case "udp": 17
        case "icmp": 1
        default: -1
        }
    }

    func packet(to remote: IPv4Address) -> NetworkAclPacket {
        protocolName == "icmp"
            ? .icmp(type: 8, code: 0, remote: remote)
            : NetworkAclPacket(protocolNumber: protocolNumber, port: port, remote: remote)
    }

    var label: String {
        switch protocolName {
        case "-1": "all traffic"
        case "icmp": "icmp echo"
        default: "\(protocolName) \(port.map(String.init) ?? "")"
        }
    }
}

/// The security layers on a delivered path (SEMANTICS-2 §1.3's order): the source interface's
/// security groups (egress), the source subnet's ACL (outbound), the destination subnet's ACL
/// (inbound), the destination interface's groups (ingress); then the reply through both ACLs again,
/// to the client's ephemeral ports, but not through the groups, which are stateful.
extension State {
    func checkSecurity(
        from source: ReachPlace, to destination: ReachPlace, traffic: ReachTraffic, groupReferences: Bool = true,
        _ walk: inout ReachWalk
    ) {
        // An interface listed without groups (EKS's, for now) is one whose groups netctld does not
        // model: its groups are left out of the analysis rather than taken to deny everything.
        var source = source
        var destination = destination
        if source.securityGroupIds?.isEmpty == true { source.securityGroupIds = nil }
        if destination.securityGroupIds?.isEmpty == true { destination.securityGroupIds = nil }
        var sourceHops: [ReachHop] = []
        var destinationHops: [ReachHop] = []
        // Without group references (across a transit gateway) a peer is its address alone.
        let sourcePeer = SecurityGroupPeer(
            address: source.address, groupIds: groupReferences ? Set(source.securityGroupIds ?? []) : [])
        let destinationPeer = SecurityGroupPeer(
            address: destination.address, groupIds: groupReferences ? Set(destination.securityGroupIds ?? []) : [])
        // ACLs act where traffic crosses a subnet's edge, never inside one.
        let crossesSubnets = source.subnet?.subnetId != destination.subnet?.subnetId

        if let groupIds = source.securityGroupIds {
            switch admittingRule(groupIds, .egress, traffic, destinationPeer) {
            case .some((let group, let rule)):
                let hop = ReachHop(
                    component: "securityGroup", id: group.groupId,
                    detail: "egress \(traffic.label) to \(destination.address) allowed by \(rule.ruleId)")
                sourceHops.append(hop)
                walk.facts.hops[hop] = .securityGroupRule(group: group.groupId, rule, egress: true)
            case nil:
                walk.explain(
                    Self.securityGroupDeniesEgress(groupIds, on: source.endpoint, to: destination.address, traffic),
                    fact: .securityGroups(groupIds, egress: true, place: source.endpoint))
            }
        }
        if crossesSubnets, let subnet = source.subnet, let acl = effectiveNetworkAcl(of: subnet) {
            let entry = acl.decisiveEntry(.egress, traffic.packet(to: destination.address))
            let fact = ReachFact.aclEntry(acl: acl.networkAclId, subnet: subnet.subnetId, entry)
            if entry.ruleAction == .allow {
                let hop = ReachHop(
                    component: "networkAcl", id: acl.networkAclId,
                    detail: "outbound \(traffic.label) to \(destination.address) allowed by rule \(Self.number(entry))")
                sourceHops.append(hop)
                walk.facts.hops[hop] = fact
            } else {
                walk.explain(Self.naclDeniesOutbound(acl, of: subnet, to: destination.address, traffic, entry), fact: fact)
            }
        }
        if crossesSubnets, let subnet = destination.subnet, let acl = effectiveNetworkAcl(of: subnet) {
            let entry = acl.decisiveEntry(.ingress, traffic.packet(to: source.address))
            let fact = ReachFact.aclEntry(acl: acl.networkAclId, subnet: subnet.subnetId, entry)
            if entry.ruleAction == .allow {
                let hop = ReachHop(
                    component: "networkAcl", id: acl.networkAclId,
                    detail: "inbound \(traffic.label) from \(source.address) allowed by rule \(Self.number(entry))")
                destinationHops.append(hop)
                walk.facts.hops[hop] = fact
            } else {
                walk.explain(Self.naclDeniesInbound(acl, of: subnet, from: source.address, traffic, entry), fact: fact)
            }
        }
        if let groupIds = destination.securityGroupIds {
            switch admittingRule(groupIds, .ingress, traffic, sourcePeer) {
            case .some((let group, let rule)):
                let hop = ReachHop(
                    component: "securityGroup", id: group.groupId,
                    detail: "ingress \(traffic.label) from \(source.address) allowed by \(rule.ruleId)")
                destinationHops.append(hop)
                walk.facts.hops[hop] = .securityGroupRule(group: group.groupId, rule, egress: false)
            case nil:
                walk.explain(
                    Self.securityGroupDeniesIngress(
                        groupIds, on: destination.endpoint, from: source.address,
                        // Across a hub a group reference would not match: suggest only the address.
                        sourceGroupIds: groupReferences ? source.securityGroupIds : nil, traffic),
                    fact: .securityGroups(groupIds, egress: false, place: destination.endpoint))
            }
        }
        walk.path.insert(contentsOf: sourceHops, at: min(1, walk.path.count))
        // Before the hop that delivers into the destination's subnet or VPC, which stays the last.
        if let last = walk.path.last, ["subnet", "vpc"].contains(last.component) {
            walk.path.insert(contentsOf: destinationHops, at: walk.path.count - 1)
        } else {
            walk.path.append(contentsOf: destinationHops)
        }

        guard crossesSubnets else { return }
        // The reply: from the destination's subnet out, into the source's, to an ephemeral port.
        for (subnet, direction, remote) in [
            (destination.subnet, NetworkAclDirection.egress, source.address),
            (source.subnet, NetworkAclDirection.ingress, destination.address),
        ] {
            guard let subnet, let acl = effectiveNetworkAcl(of: subnet) else { continue }
            let (allowed, entry) = Self.replyDecision(acl, direction, traffic, remote: remote)
            let fact = ReachFact.aclEntry(acl: acl.networkAclId, subnet: subnet.subnetId, entry)
            if allowed {
                let (way, what) = Self.replyWords(direction, remote, traffic)
                let hop = ReachHop(
                    component: "networkAcl", id: acl.networkAclId,
                    detail: "\(way): \(what) allowed by rule \(Self.number(entry))")
                walk.returnPath.append(hop)
                walk.facts.hops[hop] = fact
            } else {
                walk.explain(Self.naclDeniesReturn(acl, of: subnet, direction, remote, traffic, entry), fact: fact)
            }
        }
    }

    /// The ACL a subnet uses: the one associated with it, else (a subnet of a store older than ACLs)
    /// its VPC's default.
    func effectiveNetworkAcl(of subnet: Subnet) -> NetworkAcl? {
        networkAcl(ofSubnet: subnet.subnetId) ?? defaultNetworkAcl(ofVpc: subnet.vpcId)
    }

    func admittingRule(
        _ groupIds: [String], _ direction: SecurityGroupDirection, _ traffic: ReachTraffic, _ peer: SecurityGroupPeer
    ) -> (SecurityGroup, SecurityGroupRule)? {
        for id in groupIds {
            guard let group = securityGroups[id] else { continue }
            if let rule = firstMatchingRule(of: group, direction, traffic: traffic.securityGroupTraffic, peer: peer) {
                return (group, rule)
            }
        }
        return nil
    }

    /// Whether every reply the flow can get passes the ACL, and the entry that decides: for TCP and UDP,
    /// every ephemeral port must be allowed (the entries are walked in order over the range).
    static func replyDecision(
        _ acl: NetworkAcl, _ direction: NetworkAclDirection, _ traffic: ReachTraffic, remote: IPv4Address
    ) -> (Bool, NetworkAclEntry) {
        guard traffic.port != nil else {
            let reply =
                traffic.protocolName == "icmp"
                ? NetworkAclPacket.icmp(type: 0, code: 0, remote: remote)
                : NetworkAclPacket(protocolNumber: traffic.protocolNumber, remote: remote)
            let entry = acl.decisiveEntry(direction, reply)
            return (entry.ruleAction == .allow, entry)
        }
        var uncovered = [ReachTraffic.ephemeralPorts]
        var lastAllow: NetworkAclEntry?
        let egress = direction == .egress
        for entry in acl.entries.filter({ $0.egress == egress }).sorted(by: { $0.ruleNumber < $1.ruleNumber }) {
            // The entry covers the reply, ports aside: its block holds the remote end, its protocol is
            // the flow's or all of them (whose entries have no ports: every port).
            guard IPv4CIDR(entry.cidrBlock)?.contains(remote) ?? false,
                entry.protocol == NetworkAclRules.allProtocols || entry.protocol == String(traffic.protocolNumber)
            else { continue }
            let range = (entry.fromPort ?? 0)...(entry.toPort ?? 65535)
            var remaining: [ClosedRange<Int>] = []
            var touched = false
            for part in uncovered {
                guard part.overlaps(range) else {
                    remaining.append(part)
                    continue
                }
                touched = true
                if part.lowerBound < range.lowerBound { remaining.append(part.lowerBound...(range.lowerBound - 1)) }
                if part.upperBound > range.upperBound { remaining.append((range.upperBound + 1)...part.upperBound) }
            }
            guard touched else { continue }
            if entry.ruleAction == .deny { return (false, entry) }
            lastAllow = entry
            uncovered = remaining
            if uncovered.isEmpty { return (true, entry) }
        }
        let final = NetworkAclRules.finalDenies.first { $0.egress == egress }!
        return uncovered.isEmpty ? (true, lastAllow ?? final) : (false, final)
    }

    /// `*` for the final deny, as the console shows it, else the number.
    private static func number(_ entry: NetworkAclEntry) -> String {
        entry.ruleNumber == NetworkAclRules.defaultDenyRuleNumber ? "* (\(entry.ruleNumber))" : String(entry.ruleNumber)
    }

    private static func ruleHint(_ traffic: ReachTraffic) -> String {
        switch traffic.protocolName {
        case "-1": "--protocol=-1"
        case "icmp": "--protocol icmp"
        default: "--protocol \(traffic.protocolName) --port \(traffic.port.map(String.init) ?? "")"
        }
    }
}

/// The explanations of the security layers, shared by `reach.analyze` and `reach.matrix` so both say
/// the same thing about the same block.
extension State {
    static func securityGroupDeniesEgress(
        _ groupIds: [String], on source: ReachEndpoint, to address: IPv4Address, _ traffic: ReachTraffic
    ) -> ReachExplanation {
        ReachExplanation(
            code: ReachExplanation.securityGroupDeniesEgress,
            message: "No outbound rule of \(groupIds.joined(separator: ", ")) on \(source.label) allows "
                + "\(traffic.label) to \(address). Add one, such as `netctl sg authorize "
                + "\(groupIds.first ?? "GROUP") --egress \(ruleHint(traffic)) --cidr \(address)/32`.",
            component: groupIds.first)
    }

    static func naclDeniesOutbound(
        _ acl: NetworkAcl, of subnet: Subnet, to address: IPv4Address, _ traffic: ReachTraffic, _ entry: NetworkAclEntry
    ) -> ReachExplanation {
        ReachExplanation(
            code: ReachExplanation.naclDeniesOutbound,
            message: "\(acl.networkAclId) of \(subnet.subnetId) denies outbound \(traffic.label) to \(address) by rule "
                + "\(number(entry)). Add an allow entry numbered below \(entry.ruleNumber) for it.",
            component: acl.networkAclId)
    }

    static func naclDeniesInbound(
        _ acl: NetworkAcl, of subnet: Subnet, from address: IPv4Address, _ traffic: ReachTraffic,
        _ entry: NetworkAclEntry
    ) -> ReachExplanation {
        ReachExplanation(
            code: ReachExplanation.naclDeniesInbound,
            message: "\(acl.networkAclId) of \(subnet.subnetId) denies inbound \(traffic.label) from \(address) by rule "
                + "\(number(entry)). Add an allow entry numbered below \(entry.ruleNumber) for it.",
            component: acl.networkAclId)
    }

    static func securityGroupDeniesIngress(
        _ groupIds: [String], on destination: ReachEndpoint, from address: IPv4Address, sourceGroupIds: [String]?,
        _ traffic: ReachTraffic
    ) -> ReachExplanation {
        ReachExplanation(
            code: ReachExplanation.securityGroupDeniesIngress,
            message: "No inbound rule of \(groupIds.joined(separator: ", ")) on \(destination.label) allows "
                + "\(traffic.label) from \(address). Add one, such as `netctl sg authorize "
                + "\(groupIds.first ?? "GROUP") --ingress \(ruleHint(traffic)) --cidr \(address)/32`"
                + (sourceGroupIds?.first.map { " or `--source-group \($0)`" } ?? "") + ".",
            component: groupIds.first)
    }

    static func naclDeniesReturn(
        _ acl: NetworkAcl, of subnet: Subnet, _ direction: NetworkAclDirection, _ remote: IPv4Address,
        _ traffic: ReachTraffic, _ entry: NetworkAclEntry
    ) -> ReachExplanation {
        let (way, what) = replyWords(direction, remote, traffic)
        return ReachExplanation(
            code: ReachExplanation.naclDeniesReturn,
            message: "\(acl.networkAclId) of \(subnet.subnetId) denies the \(what) \(way) by rule \(number(entry)): "
                + "ACLs are stateless, so the reply needs its own allow entry "
                + "(\(traffic.protocolName == "-1" ? "all traffic" : traffic.protocolName) "
                + "\(traffic.port == nil ? "" : "1024-65535 ")numbered below \(entry.ruleNumber)).",
            component: acl.networkAclId)
    }

    /// Which way a reply crosses an ACL and what it is, in a return hop's and an explanation's words.
    static func replyWords(_ direction: NetworkAclDirection, _ remote: IPv4Address, _ traffic: ReachTraffic)
        -> (way: String, what: String)
    {
        (
            direction == .egress ? "outbound to \(remote)" : "inbound from \(remote)",
            traffic.port == nil ? "replies" : "replies on ports 1024-65535"
        )
    }
}
