import Foundation

/// A VPC peering connection. Stored once; each side sees it from its own account and region.
public struct Peering: Codable, Sendable, Hashable {
    public var peeringId: String
    public var status: PeeringStatus
    public var requester: PeeringVpcInfo
    public var accepter: PeeringVpcInfo
    /// 9001 within a region, 1500 across regions.
    public var mtu: Int
    /// When an unanswered request expires; set only while `pending-acceptance`.
    public var expirationTime: Date?
    /// Tags are local to the requester's account; the accepter sees none.
    public var tags: Tags
    public var createdAt: Date
    /// When `status` last changed: the start of the visibility windows of terminal statuses.
    public var statusUpdatedAt: Date
    /// The account that deleted it, for the deleter's and the other side's visibility windows.
    public var deletedBy: String?

    public init(
        peeringId: String, status: PeeringStatus, requester: PeeringVpcInfo, accepter: PeeringVpcInfo, mtu: Int,
        expirationTime: Date?, tags: Tags, createdAt: Date, statusUpdatedAt: Date, deletedBy: String? = nil
    ) {
        self.peeringId = peeringId
        self.status = status
        self.requester = requester
        self.accepter = accepter
        self.mtu = mtu
        self.expirationTime = expirationTime
        self.tags = tags
        self.createdAt = createdAt
        self.statusUpdatedAt = statusUpdatedAt
        self.deletedBy = deletedBy
    }

    public var isSameAccount: Bool { requester.accountId == accepter.accountId }
    public var isInterRegion: Bool { requester.region != accepter.region }
}

public struct PeeringStatus: Codable, Sendable, Hashable {
    /// One of the `PeeringStatus.*` codes.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public static let initiatingRequest = "initiating-request"
    public static let pendingAcceptance = "pending-acceptance"
    public static let provisioning = "provisioning"
    public static let active = "active"
    public static let deleting = "deleting"
    public static let deleted = "deleted"
    public static let rejected = "rejected"
    public static let expired = "expired"
    public static let failed = "failed"

    public static let all = [
        initiatingRequest, pendingAcceptance, provisioning, active, deleting, deleted, rejected, expired, failed,
    ]
    /// Statuses that still block another peering between the same VPCs.
    public static let live: Set<String> = [initiatingRequest, pendingAcceptance, provisioning, active]
    public static let terminal: Set<String> = [deleted, rejected, expired, failed]
}

public struct PeeringVpcInfo: Codable, Sendable, Hashable {
    public var vpcId: String
    public var accountId: String
    public var region: String
    public var cidrBlocks: [String]
    public var allowDnsResolutionFromRemoteVpc: Bool

    public init(
        vpcId: String, accountId: String, region: String, cidrBlocks: [String],
        allowDnsResolutionFromRemoteVpc: Bool = false
    ) {
        self.vpcId = vpcId
        self.accountId = accountId
        self.region = region
        self.cidrBlocks = cidrBlocks
        self.allowDnsResolutionFromRemoteVpc = allowDnsResolutionFromRemoteVpc
    }
}
