import Foundation
import HashTreeCollections
import NetctlAPI

/// The kinds of resource the state holds; the raw value is the `resourceType` of change events.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case vpc
    case subnet
    case routeTable
    case internetGateway
    case natGateway
    case networkInterface
    case peering
    case endpoint
    case ecrRepository
    case ecrImage
    case ecsCluster
    case ecsContainerInstance
    case ecsTaskDefinition
    case ecsService
    case ecsTask
    case sdNamespace
    case eksCluster
    case eksNodegroup
    case eksFargateProfile
    case elasticIp
    case sdService
    case sdInstance
    case sdOperation
    case securityGroup
    case networkAcl
    case instance
    case networkInsightsPath
    case networkInsightsAnalysis
    case transitGateway
    case transitGatewayAttachment
    case transitGatewayRouteTable
    case customerGateway
    case vpnGateway
    case vpnConnection
    case dxGateway
    case loadBalancer
    case targetGroup
    case listener
    case listenerRule
    /// A target group's health-check counts and deadlines: the checker's own, never in a change event.
    case healthCheckProgress
}

extension ResourceKind {
    /// The kinds change events can name: what `watch.subscribe` filters by.
    public static let changeEventKinds = allCases.filter { $0 != .healthCheckProgress }
}

public struct ResourceRef: Sendable, Hashable {
    public var kind: ResourceKind
    public var id: String
    public init(kind: ResourceKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// An account and region: every resource lives in exactly one, and callers only see their own.
public struct Scope: Sendable, Hashable, CustomStringConvertible {
    public var accountId: String
    public var region: String
    public init(accountId: String, region: String) {
        self.accountId = accountId
        self.region = region
    }
    public var description: String { "account \(accountId) in \(region)" }
}

/// What the state needs to know of a resource to store, index and persist it.
public protocol StoredResource: Codable, Sendable, Equatable {
    static var kind: ResourceKind { get }
    static var table: WritableKeyPath<State, Table<Self>> { get }
    var id: String { get }
    var accountId: String { get }
    var region: String { get }
    /// The resource this one belongs to (a subnet's VPC, an interface's subnet), indexed for lookups.
    var parentId: String? { get }
    /// The Name tag, by which callers may refer to the resource.
    var referenceName: String? { get }
    /// Keys under which the resource is indexed for `Table.children(of:)`: its parent by default; a
    /// peering adds both VPCs, both sides' scopes and a marker while a deadline is pending.
    var indexKeys: [String] { get }
    var currentStatus: String? { get }
    var createdAt: Date { get }
    /// The loading of a table of the resources of `pieces` (as the store decodes them, in pieces of
    /// rows). A requirement rather than only a generic function so that each kind's conformance holds
    /// a copy compiled for that kind: the store calls it from another module, where generic code would
    /// run unspecialized (a runtime metadata look-up and value-witness calls per resource and index,
    /// most of a start-up's indexing time).
    static func loading(_ pieces: [[Self]]) -> TableLoading<Self>
}

extension StoredResource {
    public static func loading(_ pieces: [[Self]]) -> TableLoading<Self> {
        TableLoading(pieces)
    }

    public var indexKeys: [String] { parentId.map { [$0] } ?? [] }
    public var scope: Scope { Scope(accountId: accountId, region: region) }
    public var ref: ResourceRef { ResourceRef(kind: Self.kind, id: id) }
}

/// All resources of one kind, with the indexes every lookup needs: by ID, parent, scope and name.
/// Hash-array-mapped tries share structure between copies, so the writer's working copy and the
/// snapshot readers hold cost O(log n) per change instead of a full copy per batch.
public struct Table<Resource: StoredResource>: Sendable {
    public private(set) var byId: TreeDictionary<String, Resource> = [:]
    private var idsByKey: TreeDictionary<String, TreeSet<String>> = [:]
    private var idsByScope: TreeDictionary<Scope, TreeSet<String>> = [:]
    private var idsByName: TreeDictionary<ScopedName, TreeSet<String>> = [:]
    /// Creation time in milliseconds by ID: ordering a large set by it needs no copy of each resource.
    private var createdMillis: TreeDictionary<String, Int64> = [:]
    /// Each index key's members in creation order, sorted at most once per version of that key's
    /// members: a change gives the key a new, empty order, and snapshots that hold the old version
    /// keep theirs.
    private var creationOrders: TreeDictionary<String, CreationOrder> = [:]

    struct ScopedName: Hashable, Sendable {
        var scope: Scope
        var name: String
    }

    public init() {}

    /// A table of parts built apart: loading's (`TableLoading`).
    init(
        byId: TreeDictionary<String, Resource>, createdMillis: TreeDictionary<String, Int64>,
        idsByKey: TreeDictionary<String, TreeSet<String>>, idsByScope: TreeDictionary<Scope, TreeSet<String>>,
        idsByName: TreeDictionary<ScopedName, TreeSet<String>>, creationOrders: TreeDictionary<String, CreationOrder>
    ) {
        self.byId = byId
        self.createdMillis = createdMillis
        self.idsByKey = idsByKey
        self.idsByScope = idsByScope
        self.idsByName = idsByName
        self.creationOrders = creationOrders
    }

    public subscript(id: String) -> Resource? { byId[id] }
    public var count: Int { byId.count }
    public var all: [Resource] { Array(byId.values) }

    /// The resources indexed under `key` (a parent's ID, or another index key) in creation order.
    public func children(of key: String) -> [Resource] {
        resources(idsByKey[key])
    }

    public func childCount(of key: String) -> Int { idsByKey[key]?.count ?? 0 }

    /// The IDs indexed under `key`, unordered: for hot paths that need no order.
    public func childIds(of key: String) -> TreeSet<String> { idsByKey[key] ?? [] }

    /// The scope's resources in creation order.
    public func inScope(_ scope: Scope) -> [Resource] { resources(idsByScope[scope]) }

    public func countInScope(_ scope: Scope) -> Int { idsByScope[scope]?.count ?? 0 }

    /// The resources of the scope whose Name tag is `name`, in creation order.
    public func named(_ name: String, in scope: Scope) -> [Resource] {
        resources(idsByName[ScopedName(scope: scope, name: name)])
    }

    /// The keys of the resources indexed under `key`, in creation order, for paging before reading
    /// any resource (`Pagination.page(ordered:…)`).
    public func childKeysInCreationOrder(of key: String) -> [Pagination.Key] {
        guard let order = creationOrders[key] else { return [] }
        return order.keys {
            (idsByKey[key] ?? []).compactMap { id in createdMillis[id].map { Pagination.Key(millis: $0, id: id) } }
                .sorted()
        }
    }

    private func resources(_ ids: TreeSet<String>?) -> [Resource] {
        (ids ?? []).compactMap { byId[$0] }.sorted(by: creationOrder)
    }

    mutating func upsert(_ resource: Resource) {
        if let old = byId[resource.id] { unindex(old) }
        byId[resource.id] = resource
        createdMillis[resource.id] = Timestamp.epochMilliseconds(resource.createdAt)
        for key in resource.indexKeys {
            idsByKey[key, default: []].insert(resource.id)
            creationOrders[key] = CreationOrder()
        }
        idsByScope[resource.scope, default: []].insert(resource.id)
        if let name = resource.referenceName {
            idsByName[ScopedName(scope: resource.scope, name: name), default: []].insert(resource.id)
        }
    }

    @discardableResult
    mutating func remove(_ id: String) -> Resource? {
        guard let old = byId.removeValue(forKey: id) else { return nil }
        createdMillis[id] = nil
        unindex(old)
        return old
    }

    private mutating func unindex(_ resource: Resource) {
        for key in resource.indexKeys {
            Self.remove(resource.id, from: &idsByKey, at: key)
            creationOrders[key] = idsByKey[key] == nil ? nil : CreationOrder()
        }
        Self.remove(resource.id, from: &idsByScope, at: resource.scope)
        if let name = resource.referenceName {
            Self.remove(resource.id, from: &idsByName, at: ScopedName(scope: resource.scope, name: name))
        }
    }

    private static func remove<Key: Hashable>(_ id: String, from index: inout TreeDictionary<Key, TreeSet<String>>, at key: Key) {
        index[key]?.remove(id)
        if index[key]?.isEmpty == true { index[key] = nil }
    }
}

/// The creation order of one version of an index key's members, sorted by the first reader that
/// needs it. Shared by every copy of the table that holds that version, whichever thread reads.
final class CreationOrder: @unchecked Sendable {
    private let lock = NSLock()
    private var sorted: [Pagination.Key]?

    func keys(_ sort: () -> [Pagination.Key]) -> [Pagination.Key] {
        lock.lock()
        defer { lock.unlock() }
        if let sorted { return sorted }
        let keys = sort()
        sorted = keys
        return keys
    }
}

/// Creation time at the millisecond precision that is stored and paged on, then ID.
func creationOrder<R: StoredResource>(_ lhs: R, _ rhs: R) -> Bool {
    let left = Timestamp.epochMilliseconds(lhs.createdAt)
    let right = Timestamp.epochMilliseconds(rhs.createdAt)
    return left != right ? left < right : lhs.id < rhs.id
}

extension Vpc: StoredResource {
    public var referenceName: String? { name }
    public static let kind = ResourceKind.vpc
    public static var table: WritableKeyPath<State, Table<Vpc>> { \.vpcs }
    public var id: String { vpcId }
    public var parentId: String? { nil }
    public var currentStatus: String? { state.rawValue }
}

extension Subnet: StoredResource {
    public var referenceName: String? { name }
    public static let kind = ResourceKind.subnet
    public static var table: WritableKeyPath<State, Table<Subnet>> { \.subnets }
    public var id: String { subnetId }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { state.rawValue }
}

extension RouteTable: StoredResource {
    public var referenceName: String? { name }
    public static let kind = ResourceKind.routeTable
    public static var table: WritableKeyPath<State, Table<RouteTable>> { \.routeTables }
    public var id: String { routeTableId }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { nil }
}

extension InternetGateway: StoredResource {
    public var referenceName: String? { tags["Name"] }
    public static let kind = ResourceKind.internetGateway
    public static var table: WritableKeyPath<State, Table<InternetGateway>> { \.internetGateways }
    public var id: String { internetGatewayId }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { state.rawValue }
}

extension NatGateway: StoredResource {
    public var referenceName: String? { tags["Name"] }
    public static let kind = ResourceKind.natGateway
    public static var table: WritableKeyPath<State, Table<NatGateway>> { \.natGateways }
    public var id: String { natGatewayId }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { state.rawValue }
}

extension NetworkInterface: StoredResource {
    public var referenceName: String? { nil }
    public static let kind = ResourceKind.networkInterface
    public static var table: WritableKeyPath<State, Table<NetworkInterface>> { \.networkInterfaces }
    public var id: String { networkInterfaceId }
    public var parentId: String? { subnetId }
    public var currentStatus: String? { status }
    /// The subnet, and the auto-assigned public address while there is one: the public pool finds a
    /// free address without a scan.
    public var indexKeys: [String] { [subnetId] + (publicIpAddress.map { [ElasticIp.publicIpKey($0)] } ?? []) }
}

extension Peering: StoredResource {
    public static let kind = ResourceKind.peering
    public static var table: WritableKeyPath<State, Table<Peering>> { \.peerings }
    public var id: String { peeringId }
    public var accountId: String { requester.accountId }
    public var region: String { requester.region }
    public var parentId: String? { requester.vpcId }
    public var currentStatus: String? { status.code }
    public var referenceName: String? { tags["Name"] }
    public var indexKeys: [String] {
        var keys = [requester.vpcId, accepter.vpcId, Self.scopeKey(requesterScope)]
        if accepterScope != requesterScope { keys.append(Self.scopeKey(accepterScope)) }
        if status.code == PeeringStatus.pendingAcceptance || PeeringStatus.terminal.contains(status.code) {
            keys.append(Self.timedKey)
        }
        if status.code == PeeringStatus.pendingAcceptance { keys.append(Self.outstandingKey(requesterScope)) }
        return keys
    }

    /// Index key of the pending requests an account made in a region: the outstanding-requests quota.
    public static func outstandingKey(_ scope: Scope) -> String { "outstanding:\(scope.accountId)/\(scope.region)" }

    public var requesterScope: Scope { Scope(accountId: requester.accountId, region: requester.region) }
    public var accepterScope: Scope { Scope(accountId: accepter.accountId, region: accepter.region) }

    /// Index key of the peerings either side of which is in `scope`.
    public static func scopeKey(_ scope: Scope) -> String { "scope:\(scope.accountId)/\(scope.region)" }
    /// Index key of the peerings with a deadline: pending ones expire, terminal ones leave listings.
    public static let timedKey = "timed:peering"
}

extension Endpoint: StoredResource {
    public static let kind = ResourceKind.endpoint
    public static var table: WritableKeyPath<State, Table<Endpoint>> { \.endpoints }
    public var id: String { endpointId }
    public var parentId: String? { vpcId }
    public var currentStatus: String? { state.rawValue }
    public var referenceName: String? { tags["Name"] }
}

extension EcrRepository: StoredResource {
    public static let kind = ResourceKind.ecrRepository
    public static var table: WritableKeyPath<State, Table<EcrRepository>> { \.ecrRepositories }
    /// The ARN: unique across accounts and regions, and the log stream API.md asks for.
    public var id: String { repositoryArn }
    public var parentId: String? { nil }
    public var currentStatus: String? { nil }
    /// Looked up by ARN, which the name and the caller's scope determine; no name index needed.
    public var referenceName: String? { nil }
    public var indexKeys: [String] { lifecyclePolicy?.nextEvaluationAt == nil ? [] : [Self.timedKey] }
    /// Index key of the repositories whose lifecycle policy falls due at a time.
    public static let timedKey = "timed:ecrLifecycle"
}

extension EcrImage: StoredResource {
    public static let kind = ResourceKind.ecrImage
    public static var table: WritableKeyPath<State, Table<EcrImage>> { \.ecrImages }
    /// `REPOSITORY-ARN@DIGEST`: a digest names one image per repository.
    public var id: String { EcrRules.imageId(repositoryArn: repositoryArn, digest: imageDigest) }
    public var parentId: String? { repositoryArn }
    public var currentStatus: String? { nil }
    public var referenceName: String? { nil }
    public var createdAt: Date { imagePushedAt }
    /// The repository, and one key per tag so a tag finds its image without a scan.
    public var indexKeys: [String] { [repositoryArn] + imageTags.map { EcrRules.tagKey(repositoryArn: repositoryArn, tag: $0) } }
}
