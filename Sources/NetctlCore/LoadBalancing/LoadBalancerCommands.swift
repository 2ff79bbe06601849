import Foundation
import NetctlAPI

/// Load balancers (SEMANTICS-2 4.1).
extension State {
    public mutating func createLoadBalancer(_ request: ElbLoadBalancerCreate, _ context: inout CommandContext)
        throws(NetctlError) -> LoadBalancer
    {
        let scope = context.scope
        try LoadBalancingNames.validate(request.name, noun: "load balancer", loadBalancer: true)
        let type = request.type ?? LoadBalancer.application
        guard [LoadBalancer.application, LoadBalancer.network].contains(type) else {
            throw NetctlError(
                .validationError, "Load balancer type '\(type)' is not supported: use application or network.")
        }
        let scheme = request.scheme ?? LoadBalancer.internetFacing
        guard [LoadBalancer.internetFacing, LoadBalancer.internal].contains(scheme) else {
            throw NetctlError(.validationError, "Scheme '\(scheme)' is not valid: use internet-facing or internal.")
        }
        let chosen = try loadBalancerSubnets(request.subnets, type: type, scope)
        let vpcId = chosen[0].vpcId
        let groups = try loadBalancerGroups(request.securityGroups, type: type, vpcId: vpcId, scope)
        if let existing = loadBalancers.named(request.name, in: scope).first {
            // Idempotent: the same name and settings answer the load balancer made before.
            let same =
                existing.type == type && existing.scheme == scheme
                && Set(existing.availabilityZones.map(\.subnetId)) == Set(chosen.map(\.subnetId))
                && (request.securityGroups == nil || Set(existing.securityGroups) == Set(groups))
            guard same else {
                throw NetctlError(
                    .duplicateLoadBalancerName,
                    "A load balancer named '\(request.name)' already exists (\(existing.loadBalancerArn)) with other "
                        + "settings. Choose another name, or delete it first.")
            }
            return existing
        }
        let quota: QuotaName = type == LoadBalancer.network ? .networkLoadBalancersPerRegion : .applicationLoadBalancersPerRegion
        let count = loadBalancers.inScope(scope).count { $0.type == type }
        guard count < context.quotas[quota] else {
            throw context.quotas.exceeded(quota, code: .tooManyLoadBalancers, "\(scope) already has \(count) \(type) load balancers")
        }
        if scheme == LoadBalancer.internetFacing, internetGateways.children(of: vpcId).isEmpty {
            throw NetctlError(
                .invalidSubnet,
                "VPC \(vpcId) has no internet gateway, so an internet-facing load balancer cannot be created in it. "
                    + "Attach one (`netctl gateway create --type internet --vpc \(vpcId)`) or use --scheme internal.")
        }
        let hex = Self.elbHex(&context)
        let arn = LoadBalancingNames.loadBalancerArn(scope, type: type, name: request.name, hex: hex)
        var zones: [LoadBalancerZone] = []
        for subnet in chosen {
            let interface = try createNetworkInterface(
                in: subnet, interfaceType: "load_balancer",
                description: "ELB \(type == LoadBalancer.network ? "net" : "app")/\(request.name)/\(hex)", attachedTo: arn,
                &context
            ) { interface throws(NetctlError) in
                interface.securityGroupIds = groups
            }
            zones.append(
                LoadBalancerZone(
                    zoneName: subnet.availabilityZone, subnetId: subnet.subnetId,
                    networkInterfaceId: interface.networkInterfaceId, privateIpAddress: interface.privateIpAddress))
        }
        let balancer = LoadBalancer(
            loadBalancerArn: arn, loadBalancerName: request.name, accountId: scope.accountId, region: scope.region,
            dnsName: LoadBalancingNames.dnsName(
                name: request.name, type: type, scheme: scheme, region: scope.region, hex: hex),
            canonicalHostedZoneId: LoadBalancingNames.canonicalHostedZoneId(region: scope.region, type: type),
            state: LoadBalancer.provisioning, type: type, scheme: scheme, vpcId: vpcId, ipAddressType: "ipv4",
            availabilityZones: zones, securityGroups: groups, createdAt: context.now, stateChangedAt: context.now)
        record(.create, balancer, at: context.now)
        return balancer
    }

    /// One subnet per zone of one VPC; an ALB needs two zones and 8 free addresses in each subnet.
    private func loadBalancerSubnets(_ references: [String], type: String, _ scope: Scope) throws(NetctlError)
        -> [Subnet]
    {
        var chosen: [Subnet] = []
        var zones: [String: String] = [:]
        for reference in references {
            let subnet: Subnet
            do { subnet = try self.subnet(reference, in: scope) } catch {
                throw NetctlError(.elbSubnetNotFound, "The subnet '\(reference)' does not exist in \(scope).")
            }
            if let first = chosen.first, first.vpcId != subnet.vpcId {
                throw NetctlError(
                    .invalidConfigurationRequest,
                    "Subnets \(first.subnetId) and \(subnet.subnetId) are in different VPCs (\(first.vpcId), "
                        + "\(subnet.vpcId)): a load balancer lives in one VPC.")
            }
            if let other = zones[subnet.availabilityZone] {
                throw NetctlError(
                    .invalidConfigurationRequest,
                    "A load balancer cannot be attached to multiple subnets in the same Availability Zone: \(other) and "
                        + "\(subnet.subnetId) are both in \(subnet.availabilityZone). Pass one of them.")
            }
            if type == LoadBalancer.application, subnet.availableIpAddressCount < 8 {
                throw NetctlError(
                    .invalidSubnet,
                    "Not enough IP space available in \(subnet.subnetId): an application load balancer needs at least 8 "
                        + "free addresses in each subnet (it has \(subnet.availableIpAddressCount)). Use a /27 or larger.")
            }
            zones[subnet.availabilityZone] = subnet.subnetId
            chosen.append(subnet)
        }
        let needed = type == LoadBalancer.application ? 2 : 1
        guard chosen.count >= needed else {
            throw NetctlError(
                .invalidConfigurationRequest,
                type == LoadBalancer.application
                    ? "At least two subnets in two different Availability Zones must be specified for an application "
                        + "load balancer."
                    : "At least one subnet must be specified.")
        }
        return chosen
    }

    /// The groups of the VPC given, or (ALB) the VPC's default group.
    private func loadBalancerGroups(_ references: [String]?, type: String, vpcId: String, _ scope: Scope)
        throws(NetctlError) -> [String]
    {
        guard let references, !references.isEmpty else {
            if type == LoadBalancer.application, let group = defaultSecurityGroup(ofVpc: vpcId) { return [group.groupId] }
            return []
        }
        var ids: [String] = []
        for reference in references {
            let group: SecurityGroup
            do { group = try securityGroup(reference, in: scope) } catch {
                throw NetctlError(.invalidSecurityGroup, "Security group '\(reference)' does not exist in \(scope).")
            }
            guard group.vpcId == vpcId else {
                throw NetctlError(
                    .invalidSecurityGroup,
                    "Security group \(group.groupId) is in \(group.vpcId), not in the load balancer's VPC \(vpcId).")
            }
            if !ids.contains(group.groupId) { ids.append(group.groupId) }
        }
        guard ids.count <= 5 else {
            throw NetctlError(.validationError, "A load balancer takes at most 5 security groups (\(ids.count) given).")
        }
        return ids
    }

    public func listLoadBalancers(_ request: ElbLoadBalancerList, _ context: QueryContext) throws(NetctlError)
        -> ElbLoadBalancerListResponse
    {
        var matching = loadBalancers.inScope(context.scope)
        if let names = request.names {
            for name in names where !matching.contains(where: { $0.loadBalancerName == name }) {
                throw NetctlError(.loadBalancerNotFound, "Load balancer '\(name)' not found in \(context.scope).")
            }
            matching = matching.filter { names.contains($0.loadBalancerName) }
        }
        let page = try Pagination.page(
            matching, maxResults: request.maxResults, nextToken: request.nextToken, range: LoadBalancingLimits.pageRange)
        return ElbLoadBalancerListResponse(loadBalancers: page.items, nextToken: page.nextToken)
    }

    /// Deletes the listeners and rules, the nodes' interfaces and the load balancer; its target groups
    /// stay, and their targets become unused when nothing else uses them.
    public mutating func deleteLoadBalancer(_ request: ElbLoadBalancerDelete, _ context: inout CommandContext)
        throws(NetctlError) -> LoadBalancer
    {
        let balancer = try loadBalancer(request.loadBalancer, in: context.scope)
        var groups = Set<String>()
        for listener in listeners.children(of: balancer.loadBalancerArn) {
            groups.formUnion(removeListener(listener, context))
        }
        for zone in balancer.availabilityZones {
            try deleteNetworkInterface(zone.networkInterfaceId, context)
        }
        recordDeletion(balancer, at: context.now)
        refreshTargetGroupLinks(groups, context)
        return balancer
    }

    /// Deletes a listener with its rules; returns the target groups they forwarded to.
    mutating func removeListener(_ listener: Listener, _ context: CommandContext) -> Set<String> {
        var groups = Set(listener.defaultAction.targetGroupArn.map { [$0] } ?? [])
        for rule in listenerRules.children(of: listener.listenerArn) {
            if let group = rule.action.targetGroupArn { groups.insert(group) }
            recordDeletion(rule, at: context.now)
        }
        recordDeletion(listener, at: context.now)
        return groups
    }

    // MARK: The clock

    mutating func runLoadBalancingDueWork(_ context: inout CommandContext) {
        let now = context.now
        for balancer in loadBalancers.children(of: LoadBalancingTiming.timedKey) {
            guard let at = balancer.nextTransitionAt, at <= now else { continue }
            var active = balancer
            active.state = LoadBalancer.active
            active.stateChangedAt = at
            record(.transition, active, at: at)
        }
        runHealthChecks(&context)
    }

    func nextLoadBalancingDeadline() -> Date? {
        (loadBalancers.children(of: LoadBalancingTiming.timedKey).compactMap(\.nextTransitionAt)
            + healthCheckProgress.children(of: LoadBalancingTiming.timedKey).compactMap(\.nextDeadline)).min()
    }
}

/// AWS's fixed ELBv2 limits (the adjustable ones are quotas).
public enum LoadBalancingLimits {
    /// DescribeLoadBalancers and DescribeTargetGroups page sizes.
    public static let pageRange = 1...400
}
