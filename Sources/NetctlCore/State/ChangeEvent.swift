import Foundation
import NetctlAPI

/// One committed change: written to the `events` table in the same transaction as the change, and
/// turned into log events and metrics by the watcher.
public struct ChangeEvent: Codable, Sendable, Hashable {
    public var at: Date
    public var accountId: String
    public var region: String
    public var resourceType: ResourceKind
    public var resourceId: String
    public var action: ChangeAction
    /// The resource's `status`/`state` after the change, when it has one.
    public var status: String?
    /// The resource after the change (or before it, for deletions), as JSON text: encoded once, stored
    /// as is, parsed only by consumers that need its fields.
    public var detail: String

    public init(
        at: Date, accountId: String, region: String, resourceType: ResourceKind, resourceId: String,
        action: ChangeAction, status: String?, detail: String
    ) {
        self.at = at
        self.accountId = accountId
        self.region = region
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.action = action
        self.status = status
        self.detail = detail
    }
}

/// What a change event says happened to its resource. The raw value is the string stored in the
/// `events.action` column and written as `action` in change logs and `watch.subscribe` messages, so
/// it is part of the contract: a case is never renamed, and a new action is a new case.
public enum ChangeAction: String, Codable, Sendable, Hashable, CaseIterable {
    // Any resource
    case create
    case delete
    /// A change with no more specific action: ECS services, EKS resources, a peering's CIDR lists, a
    /// route table's new local route.
    case update
    /// A status change on the clock: ECS tasks, EKS clusters, node groups and Fargate profiles.
    case transition

    // VPCs
    case associateCidr
    case disassociateCidr
    /// A VPC's DNS attributes, a subnet's `mapPublicIpOnLaunch`.
    case modifyAttribute

    // Route tables
    /// A route table with a subnet, or an Elastic IP with the NAT gateway created with it.
    case associate
    /// A route table's association ended, or an Elastic IP freed by its NAT gateway's deletion.
    case disassociate
    case routeCreate
    case routeDelete
    /// A route pointed at another target (`route.replace`).
    case routeReplace
    /// Routes turned `active` or `blackhole` because what they point at changed.
    case routeStateChange

    // Internet gateways
    case attach
    case detach

    // Peerings
    case accept
    case reject
    /// An unanswered peering request, or an ECR image a lifecycle rule removed.
    case expire
    case fail
    case modifyOptions

    // Endpoints
    case modify

    // ECR repositories and images
    case push
    /// An ECR image's tag, or an EC2 resource's tags set by `tags.create` (CreateTags).
    case tag
    /// An ECR image's tag, or an EC2 resource's tags removed by `tags.delete` (DeleteTags).
    case untag
    case putLifecyclePolicy
    case deleteLifecyclePolicy

    // ECS
    case register
    case deregister
    case stop
    /// An ECS service event (steady state, placement failure): `detail` is the event, not the service.
    case serviceEvent

    /// Not a change: the watcher's minute samples of account-level gauges, never stored or logged.
    case sample

    // Security groups
    case authorizeIngress
    case authorizeEgress
    case revokeIngress
    case revokeEgress

    // Instances
    case start
    case terminate
}

/// Everything a batch of commands changed, for the store to write in one transaction.
public struct ChangeSet: Sendable {
    /// Resources to upsert (present in the state) or delete (absent), deduplicated.
    public var touched: Set<ResourceRef> = []
    public var events: [ChangeEvent] = []
    /// Client tokens remembered or forgotten, written as the state holds them (present: its record;
    /// absent: deleted), like `touched`: a batch that forgets a token and then remembers it again must
    /// leave the new record in the database, whatever order the writes would otherwise take.
    public var idempotencyKeys: Set<IdempotencyKey> = []
    /// The JSON of touched resources as last recorded, the same text as their change event's detail:
    /// the store writes it as the row's body instead of encoding the resource again. A resource saved
    /// without being recorded has no entry, and is encoded by the store.
    public var bodies: [ResourceRef: String] = [:]

    public init() {}

    public var isEmpty: Bool {
        touched.isEmpty && events.isEmpty && idempotencyKeys.isEmpty
    }

    public mutating func merge(_ other: ChangeSet) {
        touched.formUnion(other.touched)
        events += other.events
        idempotencyKeys.formUnion(other.idempotencyKeys)
        bodies.merge(other.bodies) { _, newer in newer }
    }
}
