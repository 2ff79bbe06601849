import Foundation

/// An EC2 instance, as far as the network sees it: where it runs, its addresses, its security groups
/// and its primary network interface. Its state moves on the daemon's clock.
public struct Instance: Codable, Sendable, Hashable {
    /// `i-` and 17 hex digits.
    public var instanceId: String
    /// The `Name` tag.
    public var name: String?
    public var accountId: String
    public var region: String
    /// `r-…`: instances launched by one call share it.
    public var reservationId: String
    public var subnetId: String
    public var vpcId: String
    public var availabilityZone: String
    /// The primary interface's address: kept across stop and start, given back on termination.
    public var privateIpAddress: String
    /// The auto-assigned public IPv4 address while the instance is pending or running (released when
    /// it stops or terminates; a new one comes on start).
    public var publicIpAddress: String?
    public var state: InstanceState
    /// Why the state last changed, as EC2 says it (`User initiated (…)`), when a caller changed it.
    public var stateTransitionReason: String?
    /// When the instance entered its current state: its next state falls due from here.
    public var stateChangedAt: Date
    /// The security groups of the primary interface.
    public var securityGroupIds: [String]
    /// The primary network interface (device index 0), deleted with the instance.
    public var networkInterfaceId: String
    /// Whether the instance gets a public IPv4 address each time it starts: decided at launch by the
    /// subnet's `mapPublicIpOnLaunch` or the launch's `associatePublicIpAddress`.
    public var autoAssignPublicIp: Bool
    /// Accepted as given (any `ami-…`) and echoed back: netctld runs no operating system.
    public var imageId: String
    public var instanceType: String
    /// When the instance last started: its launch, then each start.
    public var launchTime: Date
    public var tags: Tags
    public var createdAt: Date

    public init(
        instanceId: String, name: String?, accountId: String, region: String, reservationId: String,
        subnetId: String, vpcId: String, availabilityZone: String, privateIpAddress: String,
        publicIpAddress: String?, state: InstanceState, stateTransitionReason: String? = nil, stateChangedAt: Date,
        securityGroupIds: [String], networkInterfaceId: String, autoAssignPublicIp: Bool, imageId: String,
        instanceType: String, launchTime: Date, tags: Tags, createdAt: Date
    ) {
        self.instanceId = instanceId
        self.name = name
        self.accountId = accountId
        self.region = region
        self.reservationId = reservationId
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.availabilityZone = availabilityZone
        self.privateIpAddress = privateIpAddress
        self.publicIpAddress = publicIpAddress
        self.state = state
        self.stateTransitionReason = stateTransitionReason
        self.stateChangedAt = stateChangedAt
        self.securityGroupIds = securityGroupIds
        self.networkInterfaceId = networkInterfaceId
        self.autoAssignPublicIp = autoAssignPublicIp
        self.imageId = imageId
        self.instanceType = instanceType
        self.launchTime = launchTime
        self.tags = tags
        self.createdAt = createdAt
    }
}

/// An instance's `state`, with EC2's names and codes.
public enum InstanceState: String, Codable, Sendable, Hashable, CaseIterable {
    case pending
    case running
    case stopping
    case stopped
    case shuttingDown = "shutting-down"
    case terminated

    /// EC2's `InstanceState.Code` (only the low byte counts).
    public var code: Int {
        switch self {
        case .pending: 0
        case .running: 16
        case .shuttingDown: 32
        case .terminated: 48
        case .stopping: 64
        case .stopped: 80
        }
    }
}

/// An interface's attachment to an instance (`eni-attach-…`).
public struct NetworkInterfaceAttachment: Codable, Sendable, Hashable {
    public var attachmentId: String
    public var instanceId: String
    /// 0 for an instance's primary interface, which cannot be detached.
    public var deviceIndex: Int
    /// `attaching`, `attached`, `detaching` or `detached`.
    public var status: String
    public var deleteOnTermination: Bool
    public var attachTime: Date

    public init(
        attachmentId: String, instanceId: String, deviceIndex: Int, status: String = "attached",
        deleteOnTermination: Bool, attachTime: Date
    ) {
        self.attachmentId = attachmentId
        self.instanceId = instanceId
        self.deviceIndex = deviceIndex
        self.status = status
        self.deleteOnTermination = deleteOnTermination
        self.attachTime = attachTime
    }
}

extension ErrorCode {
    public static let ec2InstanceNotFound: Self = "InvalidInstanceID.NotFound"
    public static let incorrectInstanceState: Self = "IncorrectInstanceState"
    public static let networkInterfaceInUse: Self = "InvalidNetworkInterface.InUse"
    public static let networkInterfaceLimitExceeded: Self = "NetworkInterfaceLimitExceeded"
    public static let instanceLimitExceeded: Self = "InstanceLimitExceeded"
    public static let invalidAmiId: Self = "InvalidAMIID.Malformed"
    public static let securityGroupsPerInstanceLimitExceeded: Self = "SecurityGroupsPerInstanceLimitExceeded"
}
