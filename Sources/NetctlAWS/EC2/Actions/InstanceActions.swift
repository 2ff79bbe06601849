import NetctlAPI
import NetctlCore

/// Instances: their network side (subnet, addresses, security groups, primary interface) and their
/// states on the daemon's clock. Any `ami-` image and any instance type is accepted and echoed.
extension EC2Actions {
    static let instances: [EC2Action] = [
        .make(
            "RunInstances", mutating: true,
            supported: [
                "ImageId", "InstanceType", "MinCount", "MaxCount", "SubnetId", "SecurityGroupId", "PrivateIpAddress",
                "NetworkInterface", "TagSpecification", "ClientToken",
            ],
            clientToken: { $0.clientToken }
        ) { (input: EC2.RunInstancesRequest, context) throws(AWSError) in
            guard let imageId = input.imageId else {
                throw AWSError.missingParameter("The request must contain the parameter ImageId")
            }
            guard input.minCount >= 1, input.maxCount >= input.minCount else {
                throw AWSError.invalidParameterValue(
                    "MinCount (\(input.minCount)) must be at least 1 and at most MaxCount (\(input.maxCount)).")
            }
            let network = try LaunchNetwork(input)
            guard let subnet = network.subnet else {
                throw AWSError(
                    code: "VPCIdNotSpecified",
                    message: "No default VPC for this user: pass SubnetId (netctld has no default VPC).")
            }
            let tags = try Tagging.tags(input.tagSpecifications, for: "instance")
            let launched = try await context.run(
                InstanceRun(
                    subnet: subnet, privateIpAddress: network.privateIpAddress, securityGroups: network.groups,
                    associatePublicIpAddress: network.associatePublicIpAddress, count: input.maxCount,
                    minCount: input.minCount, imageId: imageId, instanceType: input.instanceType, tags: tags))
            let interfaces = try await interfaces(of: launched.instances, context)
            let names = try await groupNames(launched.instances.flatMap(\.securityGroupIds), context)
            return EC2.Reservation(
                reservationId: launched.instances.first?.reservationId, ownerId: context.accountId,
                instances: launched.instances.enumerated().map { index, instance in
                    EC2.Instance(
                        instance, interface: interfaces[instance.networkInterfaceId], groupNames: names,
                        launchIndex: index)
                })
        },
        .make(
            "DescribeInstances", mutating: false, supported: ["InstanceId", "Filter", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeInstancesRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.instanceIds, maxResults: input.maxResults, idParameter: "InstanceId")
            let known = try await context.each(input.instanceIds ?? []) { InstanceGet(instance: $0) }.map(\.instanceId)
            let filters = DescribeByIds.filters(try Filters.netctl(input.filters), ids: known, idFilter: "instance-id")
            let page = try await context.run(
                InstanceList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            let interfaces = try await interfaces(of: page.instances, context)
            let names = try await groupNames(page.instances.flatMap(\.securityGroupIds), context)
            // Instances launched together form one reservation, in the order they were listed.
            var order: [String] = []
            var byReservation: [String: [EC2.Instance]] = [:]
            for instance in page.instances {
                if byReservation[instance.reservationId] == nil { order.append(instance.reservationId) }
                byReservation[instance.reservationId, default: []].append(
                    EC2.Instance(instance, interface: interfaces[instance.networkInterfaceId], groupNames: names))
            }
            return EC2.DescribeInstancesResult(
                nextToken: page.nextToken,
                reservations: order.map {
                    EC2.Reservation(reservationId: $0, ownerId: context.accountId, instances: byReservation[$0] ?? [])
                })
        },
        .make("StartInstances", mutating: true, supported: ["InstanceId"]) {
            (input: EC2.StartInstancesRequest, context) throws(AWSError) in
            EC2.StartInstancesResult(
                startingInstances: try await changeStates(input.instanceIds, context) { InstanceStart(instance: $0) })
        },
        .make("StopInstances", mutating: true, supported: ["InstanceId"]) {
            (input: EC2.StopInstancesRequest, context) throws(AWSError) in
            EC2.StopInstancesResult(
                stoppingInstances: try await changeStates(input.instanceIds, context) { InstanceStop(instance: $0) })
        },
        .make("TerminateInstances", mutating: true, supported: ["InstanceId"]) {
            (input: EC2.TerminateInstancesRequest, context) throws(AWSError) in
            EC2.TerminateInstancesResult(
                terminatingInstances: try await changeStates(input.instanceIds, context) {
                    InstanceTerminate(instance: $0)
                })
        },
    ]

    /// Every ID is looked up before any changes, so an unknown one fails the call with nothing done.
    private static func changeStates<Request: RPCMethod>(
        _ ids: [String], _ context: ActionContext, _ request: (String) -> Request
    ) async throws(AWSError) -> [EC2.InstanceStateChange] where Request.Response == Instance {
        guard !ids.isEmpty else { throw AWSError.missingParameter("The request must contain the parameter InstanceId") }
        let before = try await context.each(ids) { InstanceGet(instance: $0) }
        var changes: [EC2.InstanceStateChange] = []
        for instance in before {
            let after = try await context.run(request(instance.instanceId))
            changes.append(EC2.InstanceStateChange(instance.instanceId, from: instance.state, to: after.state))
        }
        return changes
    }

    /// The names of security groups, by ID, for EC2's GroupIdentifier (a group deleted since is left unnamed).
    static func groupNames(_ ids: [String], _ context: ActionContext) async throws(AWSError) -> [String: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let groups = try await context.run(SecurityGroupList(filters: [Filter(name: "group-id", values: unique)]))
        return Dictionary(groups.securityGroups.map { ($0.groupId, $0.groupName) }) { first, _ in first }
    }

    /// The instances' primary interfaces that still exist, by ID.
    private static func interfaces(of instances: [Instance], _ context: ActionContext) async throws(AWSError)
        -> [String: NetworkInterface]
    {
        let ids = instances.filter { $0.state != .terminated }.map(\.networkInterfaceId)
        guard !ids.isEmpty else { return [:] }
        let list = try await context.run(
            NetworkInterfaceList(filters: [Filter(name: "network-interface-id", values: ids)]))
        return Dictionary(list.networkInterfaces.map { ($0.networkInterfaceId, $0) }) { first, _ in first }
    }
}

/// RunInstances' network parameters, given at the top level or as one `NetworkInterface.1` (device
/// index 0, a new interface), as AWS allows either but not both.
private struct LaunchNetwork {
    var subnet: String?
    var groups: [String]?
    var privateIpAddress: String?
    var associatePublicIpAddress: Bool?

    init(_ input: EC2.RunInstancesRequest) throws(AWSError) {
        guard let specifications = input.networkInterfaces, !specifications.isEmpty else {
            subnet = input.subnetId
            groups = input.securityGroupIds
            privateIpAddress = input.privateIpAddress
            return
        }
        guard specifications.count == 1, let interface = specifications.first, interface.deviceIndex ?? 0 == 0 else {
            throw AWSError.unsupportedParameter(
                "NetworkInterface.2 (or a DeviceIndex other than 0)", of: "RunInstances", code: "UnsupportedOperation")
        }
        if input.subnetId != nil {
            throw AWSError(
                code: "InvalidParameterCombination",
                message: "Network interfaces and an instance-level subnet ID may not be specified on the same request")
        }
        if input.securityGroupIds != nil {
            throw AWSError(
                code: "InvalidParameterCombination",
                message: "Network interfaces and an instance-level security groups may not be specified on the same "
                    + "request")
        }
        if input.privateIpAddress != nil {
            throw AWSError(
                code: "InvalidParameterCombination",
                message: "Network interfaces and an instance-level private IP address may not be specified on the "
                    + "same request")
        }
        let unsupported: [(String, Bool)] = [
            ("NetworkInterface.1.NetworkInterfaceId", interface.networkInterfaceId != nil),
            ("NetworkInterface.1.PrivateIpAddresses", interface.privateIpAddresses != nil),
            ("NetworkInterface.1.SecondaryPrivateIpAddressCount", interface.secondaryPrivateIpAddressCount != nil),
            ("NetworkInterface.1.Ipv6AddressCount", interface.ipv6AddressCount != nil),
            ("NetworkInterface.1.Ipv6Addresses", interface.ipv6Addresses != nil),
            ("NetworkInterface.1.InterfaceType", interface.interfaceType != nil),
            ("NetworkInterface.1.Description", interface.description != nil),
            ("NetworkInterface.1.DeleteOnTermination", interface.deleteOnTermination == false),
        ]
        if let (name, _) = unsupported.first(where: { $0.1 }) {
            throw AWSError.unsupportedParameter(name, of: "RunInstances", code: "UnsupportedOperation")
        }
        subnet = interface.subnetId
        groups = interface.groups
        privateIpAddress = interface.privateIpAddress
        associatePublicIpAddress = interface.associatePublicIpAddress
    }
}
