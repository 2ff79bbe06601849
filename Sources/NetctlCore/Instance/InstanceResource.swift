import Foundation
import NetctlAPI

extension Instance: StoredResource {
    public static let kind = ResourceKind.instance
    public static var table: WritableKeyPath<State, Table<Instance>> { \.instances }
    public var id: String { instanceId }
    public var parentId: String? { subnetId }
    public var currentStatus: String? { state.rawValue }
    public var referenceName: String? { name }
    /// The subnet, the VPC (`instance.list {vpc}`), and the timed marker while the clock has
    /// something to do with the instance (a state to leave, or a terminated instance to forget).
    public var indexKeys: [String] {
        var keys = [subnetId, vpcId]
        if InstanceTiming.duration(of: state) != nil { keys.append(Self.timedKey) }
        return keys
    }

    /// Index key of the instances whose state falls due on the clock.
    static let timedKey = "timed:instance"

    /// When the instance leaves its current state, or nil when it stays there until a caller acts.
    public var nextTransitionAt: Date? {
        InstanceTiming.duration(of: state).map { stateChangedAt.addingTimeInterval($0) }
    }
}

/// How long an instance stays in each passing state on the daemon's clock.
public enum InstanceTiming {
    public static let pending: TimeInterval = 5
    public static let stopping: TimeInterval = 5
    public static let shuttingDown: TimeInterval = 5
    /// A terminated instance stays visible for about an hour, as on AWS, then goes.
    public static let terminatedRetention: TimeInterval = 3600

    static func duration(of state: InstanceState) -> TimeInterval? {
        switch state {
        case .pending: pending
        case .stopping: stopping
        case .shuttingDown: shuttingDown
        case .terminated: terminatedRetention
        case .running, .stopped: nil
        }
    }
}

extension IDPrefix {
    public static let instance = "i"
    public static let reservation = "r"
    public static let networkInterfaceAttachment = "eni-attach"
}

extension Instance: Taggable {
    public static let tagResourceType = "instance"
    public static let idPrefix = IDPrefix.instance
    public static let notFoundCode = ErrorCode.ec2InstanceNotFound

    public mutating func rename(to name: String?, in state: State) throws(NetctlError) { self.name = name }
}

/// EC2's DescribeInstances filters, by their AWS names.
public enum InstanceFilter {
    public static let table = FilterTable<Instance>(
        [
            "instance-id": { [$0.instanceId] },
            "instance-state-name": { [$0.state.rawValue] },
            "instance-state-code": { [String($0.state.code)] },
            "subnet-id": { [$0.subnetId] },
            "vpc-id": { [$0.vpcId] },
            "availability-zone": { [$0.availabilityZone] },
            "private-ip-address": { [$0.privateIpAddress] },
            "ip-address": { $0.publicIpAddress.map { [$0] } ?? [] },
            "network-interface.network-interface-id": { [$0.networkInterfaceId] },
            "instance.group-id": { $0.securityGroupIds },
            "reservation-id": { [$0.reservationId] },
            "image-id": { [$0.imageId] },
            "instance-type": { [$0.instanceType] },
            "owner-id": { [$0.accountId] },
        ],
        tags: { $0.tags })
}
