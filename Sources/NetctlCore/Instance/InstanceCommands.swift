import Foundation
import NetctlAPI

extension State {
    public func instance(_ reference: String, in scope: Scope) throws(NetctlError) -> Instance {
        try resolve(
            reference, in: scope, prefix: IDPrefix.instance, code: .ec2InstanceNotFound, noun: "instance",
            listHint: "netctl instance list")
    }

    /// The most instances one call launches (RunInstances' own ceiling is the account's vCPU quota).
    public static let maximumInstancesPerLaunch = 100

    public mutating func runInstances(_ request: InstanceRun, _ context: inout CommandContext) throws(NetctlError)
        -> InstanceRunResponse
    {
        let subnet = try self.subnet(request.subnet, in: context.scope)
        let count = request.count ?? 1
        guard (1...Self.maximumInstancesPerLaunch).contains(count) else {
            throw NetctlError(
                .invalidParameterValue,
                "count must be from 1 to \(Self.maximumInstancesPerLaunch); got \(count).")
        }
        let minCount = request.minCount ?? count
        guard (1...count).contains(minCount) else {
            throw NetctlError(
                .invalidParameterValue, "minCount must be from 1 to count (\(count)); got \(minCount).")
        }
        let imageId = request.imageId ?? "ami-00000000000000000"
        guard imageId.hasPrefix("ami-"), imageId.count > 4 else {
            throw NetctlError(.invalidAmiId, "Invalid id: \"\(imageId)\" (expecting \"ami-...\").")
        }
        let instanceType = request.instanceType ?? "t3.micro"
        guard !instanceType.isEmpty, instanceType.count <= 64 else {
            throw NetctlError(.invalidParameterValue, "The instance type '\(instanceType)' is not valid.")
        }
        var fixed: IPv4Address?
        if let text = request.privateIpAddress {
            guard count == 1 else {
                throw NetctlError(
                    .invalidParameterCombination,
                    "A private IP address can be given for a single instance only: launch one instance, or leave "
                        + "out privateIpAddress.")
            }
            fixed = try requestedAddress(text, in: subnet)
        }
        let groups = try interfaceSecurityGroupIds(
            request.securityGroups, vpcId: subnet.vpcId, subnetId: subnet.subnetId, context.scope)
        let name = try Validation.name(request.name ?? request.tags?["Name"], idPrefix: IDPrefix.instance)
        let tags = try Validation.tags(request.tags, name: name)
        let launched = try launchCount(count, minCount: minCount, in: subnet, context)
        let autoAssign = request.associatePublicIpAddress ?? subnet.mapPublicIpOnLaunch
        let reservationId = context.ids.make(IDPrefix.reservation)
        var instances: [Instance] = []
        for _ in 0..<launched {
            let instanceId = newID(for: Instance.self, prefix: IDPrefix.instance, &context)
            let interface = try createPrimaryInterface(
                of: instanceId, in: subnet, address: fixed, groups: groups, publicIp: autoAssign, &context)
            let instance = Instance(
                instanceId: instanceId, name: name, accountId: subnet.accountId, region: subnet.region,
                reservationId: reservationId, subnetId: subnet.subnetId, vpcId: subnet.vpcId,
                availabilityZone: subnet.availabilityZone, privateIpAddress: interface.privateIpAddress,
                publicIpAddress: interface.publicIpAddress, state: .pending, stateChangedAt: context.now,
                securityGroupIds: groups, networkInterfaceId: interface.networkInterfaceId,
                autoAssignPublicIp: autoAssign, imageId: imageId, instanceType: instanceType,
                launchTime: context.now, tags: tags, createdAt: context.now)
            record(.create, instance, at: context.now)
            instances.append(instance)
        }
        return InstanceRunResponse(instances: instances)
    }

    /// How many of `count` instances the subnet's free addresses and the interface quota leave room
    /// for, at least `minCount`, as RunInstances launches between MinCount and MaxCount.
    private func launchCount(_ count: Int, minCount: Int, in subnet: Subnet, _ context: CommandContext)
        throws(NetctlError) -> Int
    {
        guard subnet.availableIpAddressCount >= minCount else {
            throw NetctlError(
                .insufficientFreeAddresses,
                "There are not enough free addresses in subnet '\(subnet.subnetId)' to satisfy the requested number "
                    + "of instances: \(subnet.availableIpAddressCount) free, \(minCount) needed. Use a larger subnet, "
                    + "or terminate instances in it.")
        }
        let interfaces = networkInterfaces.countInScope(context.scope)
        let room = context.quotas[.networkInterfacesPerRegion] - interfaces
        guard room >= minCount else {
            throw context.quotas.exceeded(
                .networkInterfacesPerRegion, code: .networkInterfaceLimitExceeded,
                "The account has \(interfaces) network interfaces in \(context.region)")
        }
        return min(count, subnet.availableIpAddressCount, room)
    }

    /// An instance's primary interface (device index 0), attached for good and deleted with it.
    private mutating func createPrimaryInterface(
        of instanceId: String, in subnet: Subnet, address: IPv4Address?, groups: [String], publicIp: Bool,
        _ context: inout CommandContext
    ) throws(NetctlError) -> NetworkInterface {
        let attachmentId = context.ids.make(IDPrefix.networkInterfaceAttachment)
        let publicAddress = publicIp ? try freePublicAddress() : nil
        let now = context.now
        return try createNetworkInterface(
            in: subnet, interfaceType: "instance", description: "", attachedTo: instanceId, address: address, &context
        ) { interface throws(NetctlError) in
            interface.securityGroupIds = groups
            interface.publicIpAddress = publicAddress
            interface.attachment = NetworkInterfaceAttachment(
                attachmentId: attachmentId, instanceId: instanceId, deviceIndex: 0, deleteOnTermination: true,
                attachTime: now)
        }
    }

    public mutating func startInstance(_ request: InstanceStart, _ context: inout CommandContext)
        throws(NetctlError) -> Instance
    {
        var instance = try self.instance(request.instance, in: context.scope)
        switch instance.state {
        case .pending, .running:
            return instance
        case .stopped:
            var publicIp: String?
            if instance.autoAssignPublicIp {
                publicIp = try freePublicAddress()
                try setPublicAddress(publicIp, of: instance, context)
            }
            instance.publicIpAddress = publicIp
            instance.launchTime = context.now
            return enter(.pending, instance, reason: nil, .start, context)
        case .stopping, .shuttingDown, .terminated:
            throw incorrectState(instance, "started")
        }
    }

    public mutating func stopInstance(_ request: InstanceStop, _ context: inout CommandContext)
        throws(NetctlError) -> Instance
    {
        let instance = try self.instance(request.instance, in: context.scope)
        switch instance.state {
        case .stopping, .stopped:
            return instance
        case .running:
            return enter(.stopping, instance, reason: Self.userInitiated(at: context.now), .stop, context)
        case .pending, .shuttingDown, .terminated:
            throw incorrectState(instance, "stopped")
        }
    }

    public mutating func terminateInstance(_ request: InstanceTerminate, _ context: inout CommandContext)
        throws(NetctlError) -> Instance
    {
        let instance = try self.instance(request.instance, in: context.scope)
        switch instance.state {
        case .shuttingDown, .terminated:
            return instance
        case .pending, .running, .stopping, .stopped:
            return enter(.shuttingDown, instance, reason: Self.userInitiated(at: context.now), .terminate, context)
        }
    }

    /// A caller's move: the state starts now, and its deadline with it.
    private mutating func enter(
        _ state: InstanceState, _ stored: Instance, reason: String?, _ action: ChangeAction, _ context: CommandContext
    ) -> Instance {
        var instance = stored
        instance.state = state
        instance.stateChangedAt = context.now
        instance.stateTransitionReason = reason
        record(action, instance, at: context.now)
        return instance
    }

    public func listInstances(_ request: InstanceList, _ context: QueryContext) throws(NetctlError)
        -> InstanceListResponse
    {
        let filters = request.filters ?? []
        try InstanceFilter.table.validate(filters)
        var items: [Instance]
        if let reference = request.subnet {
            items = instances.children(of: try subnet(reference, in: context.scope).subnetId)
            if let vpcReference = request.vpc {
                let vpcId = try vpc(vpcReference, in: context.scope).vpcId
                items = items.filter { $0.vpcId == vpcId }
            }
        } else {
            items = try listed(\.instances, ofVpc: request.vpc, context.scope)
        }
        let page = try Pagination.page(
            items.filter { InstanceFilter.table.matches($0, filters) }, maxResults: request.maxResults,
            nextToken: request.nextToken)
        return InstanceListResponse(instances: page.items, nextToken: page.nextToken)
    }

    private func incorrectState(_ instance: Instance, _ verb: String) -> NetctlError {
        NetctlError(
            .incorrectInstanceState,
            "The instance '\(instance.instanceId)' is not in a state from which it can be \(verb) "
                + "(it is \(instance.state.rawValue)).")
    }

    /// EC2's `StateTransitionReason` for a caller's stop or terminate.
    static func userInitiated(at time: Date) -> String {
        let seconds = Timestamp.epochMilliseconds(time) / 1000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "User initiated (\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT)"
    }

    // MARK: The clock

    /// Instances whose state falls due move on, stamped with the time it fell due, in that order.
    mutating func runInstanceDueWork(_ context: inout CommandContext) {
        let now = context.now
        var due: [(at: Date, id: String)] = []
        for instance in instances.children(of: Instance.timedKey) {
            if let at = instance.nextTransitionAt, at <= now { due.append((at, instance.instanceId)) }
        }
        due.sort { $0.at != $1.at ? $0.at < $1.at : $0.id < $1.id }
        for (at, id) in due {
            guard let instance = instances[id] else { continue }
            context.now = at
            // Each step only gives things back (addresses, an interface): nothing in it can fail but a
            // broken state, which is left as it was rather than half changed.
            let savepoint = self
            do { try advance(instance, context) } catch { self = savepoint }
        }
        context.now = now
    }

    private mutating func advance(_ stored: Instance, _ context: CommandContext) throws(NetctlError) {
        var instance = stored
        instance.stateChangedAt = context.now
        switch stored.state {
        case .pending:
            instance.state = .running
        case .stopping:
            try setPublicAddress(nil, of: instance, context)
            instance.publicIpAddress = nil
            instance.state = .stopped
        case .shuttingDown:
            try deleteNetworkInterface(instance.networkInterfaceId, context)
            instance.publicIpAddress = nil
            instance.state = .terminated
        case .terminated:
            recordDeletion(instance, at: context.now)
            return
        case .running, .stopped:
            return
        }
        record(.transition, instance, at: context.now)
    }

    func nextInstanceDeadline() -> Date? {
        instances.children(of: Instance.timedKey).compactMap(\.nextTransitionAt).min()
    }

    private mutating func setPublicAddress(_ address: String?, of instance: Instance, _ context: CommandContext)
        throws(NetctlError)
    {
        guard var interface = networkInterfaces[instance.networkInterfaceId] else {
            throw NetctlError(
                .internalError, "Instance \(instance.instanceId) refers to missing interface \(instance.networkInterfaceId).")
        }
        guard interface.publicIpAddress != address else { return }
        interface.publicIpAddress = address
        record(.modify, interface, at: context.now)
    }
}
