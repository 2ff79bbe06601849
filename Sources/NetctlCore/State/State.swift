import Foundation
import HashTreeCollections
import NetctlAPI

/// The whole control plane as one value. Commands mutate a copy through `transact`, which either
/// applies all of a command's changes or none of them; readers get published copies and never see a
/// half-applied command.
public struct State: Sendable {
    public internal(set) var vpcs = Table<Vpc>()
    public internal(set) var subnets = Table<Subnet>()
    public internal(set) var routeTables = Table<RouteTable>()
    public internal(set) var internetGateways = Table<InternetGateway>()
    public internal(set) var natGateways = Table<NatGateway>()
    public internal(set) var networkInterfaces = Table<NetworkInterface>()
    public internal(set) var peerings = Table<Peering>()
    public internal(set) var endpoints = Table<Endpoint>()
    public internal(set) var ecrRepositories = Table<EcrRepository>()
    public internal(set) var ecrImages = Table<EcrImage>()
    public internal(set) var ecsClusters = Table<EcsCluster>()
    public internal(set) var containerInstances = Table<ContainerInstance>()
    public internal(set) var taskDefinitions = Table<TaskDefinition>()
    public internal(set) var ecsServices = Table<EcsService>()
    public internal(set) var ecsTasks = Table<EcsTask>()
    public internal(set) var sdNamespaces = Table<SdNamespace>()
    public internal(set) var eksClusters = Table<EksCluster>()
    public internal(set) var eksNodegroups = Table<EksNodegroup>()
    public internal(set) var fargateProfiles = Table<FargateProfile>()
    public internal(set) var elasticIps = Table<ElasticIp>()
    public internal(set) var sdServices = Table<SdService>()
    public internal(set) var sdInstances = Table<SdInstance>()
    public internal(set) var sdOperations = Table<SdOperation>()
    public internal(set) var securityGroups = Table<SecurityGroup>()
    public internal(set) var networkAcls = Table<NetworkAcl>()
    public internal(set) var instances = Table<Instance>()
    public internal(set) var networkInsightsPaths = Table<NetworkInsightsPath>()
    public internal(set) var networkInsightsAnalyses = Table<NetworkInsightsAnalysis>()
    public internal(set) var transitGateways = Table<TransitGateway>()
    public internal(set) var transitGatewayAttachments = Table<TransitGatewayAttachment>()
    public internal(set) var transitGatewayRouteTables = Table<TransitGatewayRouteTable>()
    public internal(set) var customerGateways = Table<CustomerGateway>()
    public internal(set) var vpnGateways = Table<VpnGateway>()
    public internal(set) var vpnConnections = Table<VpnConnection>()
    public internal(set) var dxGateways = Table<DirectConnectGateway>()
    public internal(set) var loadBalancers = Table<LoadBalancer>()
    public internal(set) var targetGroups = Table<TargetGroup>()
    public internal(set) var listeners = Table<Listener>()
    public internal(set) var listenerRules = Table<ListenerRule>()
    public internal(set) var healthCheckProgress = Table<HealthCheckProgress>()
    /// How many resources of each type there are, across every account and region.
    public var resourceCounts: [String: Int] {
        [
            "vpcs": vpcs.count, "subnets": subnets.count, "routeTables": routeTables.count,
            "internetGateways": internetGateways.count, "natGateways": natGateways.count,
            "networkInterfaces": networkInterfaces.count, "peerings": peerings.count, "endpoints": endpoints.count,
            "ecrRepositories": ecrRepositories.count, "ecrImages": ecrImages.count,
            "ecsClusters": ecsClusters.count, "ecsContainerInstances": containerInstances.count,
            "ecsTaskDefinitions": taskDefinitions.count, "ecsServices": ecsServices.count, "ecsTasks": ecsTasks.count,
            "sdNamespaces": sdNamespaces.count,
            "eksClusters": eksClusters.count, "eksNodegroups": eksNodegroups.count,
            "eksFargateProfiles": fargateProfiles.count, "elasticIps": elasticIps.count,
            "securityGroups": securityGroups.count,
            "networkAcls": networkAcls.count,
            "instances": instances.count,
            "networkInsightsPaths": networkInsightsPaths.count,
            "networkInsightsAnalyses": networkInsightsAnalyses.count,
            "transitGateways": transitGateways.count,
            "transitGatewayAttachments": transitGatewayAttachments.count,
            "transitGatewayRouteTables": transitGatewayRouteTables.count,
            "customerGateways": customerGateways.count,
            "vpnGateways": vpnGateways.count,
            "vpnConnections": vpnConnections.count,
            "dxGateways": dxGateways.count,
            "loadBalancers": loadBalancers.count,
            "targetGroups": targetGroups.count,
            "listeners": listeners.count,
            "listenerRules": listenerRules.count,
        ]
    }
    public internal(set) var idempotency: TreeDictionary<IdempotencyKey, IdempotencyRecord> = [:]

    /// Taken anew by every change to a table, so memos of derived data (`hubRouteCache`) know
    /// whether they still hold for this copy.
    private(set) var revision = StateRevision.next()
    /// Hub route tables indexed for longest-prefix look-ups, shared by the copies of this state.
    let hubRouteCache = HubRouteCache()
    /// Where `elb.route` goes next in each target group, shared by the copies of this state.
    let loadBalancerRoundRobin = LoadBalancerRoundRobin()

    /// What committed commands changed since the last `takeChanges()`.
    private var changes = ChangeSet()
    /// Undo steps of the command in progress, newest last.
    private var undoLog: [@Sendable (inout State) -> Void] = []
    private var inTransaction = false

    public init() {}

    // MARK: Loading

    /// Puts a stored resource back without recording a change: used when loading from the database.
    public mutating func load<R: StoredResource>(_ resource: R) {
        self[keyPath: R.table].upsert(resource)
        revision = .next()
    }

    /// Puts a kind's table, built by `R.loading(_:)` from its stored resources, in place of the empty
    /// one: loading builds the tables' parts on several threads, then hands the tables to one state.
    public mutating func load<R: StoredResource>(_ table: Table<R>) {
        precondition(self[keyPath: R.table].count == 0, "a loaded table replaces an empty one only")
        self[keyPath: R.table] = table
        revision = .next()
    }

    public mutating func load(_ record: IdempotencyRecord) {
        idempotency[record.key] = record
    }

    // MARK: Transactions

    /// Runs one command: on success its changes stay and are queued for the store; on error the state
    /// is exactly as before.
    public mutating func transact<T>(_ body: (inout State) throws(NetctlError) -> T) throws(NetctlError) -> T {
        precondition(!inTransaction, "transactions do not nest")
        inTransaction = true
        // Counts, not a copy: copying would make every command pay for the whole batch's changes.
        // A rolled-back resource or token may stay in `touched` or `idempotencyKeys`; rewriting its
        // restored row is harmless.
        let eventCount = changes.events.count
        undoLog.removeAll(keepingCapacity: true)
        do {
            let result = try body(&self)
            undoLog.removeAll(keepingCapacity: true)
            inTransaction = false
            return result
        } catch {
            for undo in undoLog.reversed() { undo(&self) }
            revision = .next()
            undoLog.removeAll(keepingCapacity: true)
            changes.events.removeSubrange(eventCount...)
            inTransaction = false
            throw error
        }
    }

    /// Hands the pending changes to the caller (the writer) and forgets them.
    public mutating func takeChanges() -> ChangeSet {
        defer { changes = ChangeSet() }
        return changes
    }

    // MARK: Recording changes (only inside `transact`)

    mutating func save<R: StoredResource>(_ resource: R) {
        precondition(inTransaction, "state changes must happen inside transact")
        let previous = self[keyPath: R.table][resource.id]
        undoLog.append { state in
            if let previous { state[keyPath: R.table].upsert(previous) } else { state[keyPath: R.table].remove(resource.id) }
        }
        self[keyPath: R.table].upsert(resource)
        revision = .next()
        changes.touched.insert(resource.ref)
        setBody(nil, of: resource.ref)
    }

    mutating func delete<R: StoredResource>(_ resource: R) {
        precondition(inTransaction, "state changes must happen inside transact")
        guard let previous = self[keyPath: R.table].remove(resource.id) else { return }
        undoLog.append { state in state[keyPath: R.table].upsert(previous) }
        revision = .next()
        changes.touched.insert(resource.ref)
    }

    mutating func emit<R: StoredResource>(_ action: ChangeAction, _ resource: R, at now: Date) {
        emit(action, resource, detail: Self.encode(resource), at: now)
    }

    private mutating func emit<R: StoredResource>(_ action: ChangeAction, _ resource: R, detail: String, at now: Date) {
        changes.events.append(
            ChangeEvent(
                at: now, accountId: resource.accountId, region: resource.region,
                resourceType: R.kind, resourceId: resource.id, action: action,
                status: resource.currentStatus, detail: detail))
    }

    /// A change event that is not a resource's new state (an ECS service event): `detail` is its own JSON.
    mutating func emitEvent<R: StoredResource>(
        _ action: ChangeAction, about resource: R, detail: String, at now: Date
    ) {
        changes.events.append(
            ChangeEvent(
                at: now, accountId: resource.accountId, region: resource.region, resourceType: R.kind,
                resourceId: resource.id, action: action, status: resource.currentStatus, detail: detail))
    }

    /// Saves and emits in one step: the common case of a command's effect.
    /// The resource is encoded once: the event's detail is also its row's body.
    mutating func record<R: StoredResource>(_ action: ChangeAction, _ resource: R, at now: Date) {
        save(resource)
        let body = Self.encode(resource)
        setBody(body, of: resource.ref)
        emit(action, resource, detail: body, at: now)
    }

    private static func encode<R: StoredResource>(_ resource: R) -> String {
        (try? NetctlJSON.encoder.encode(resource)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// Undone with the command, like the change it describes.
    private mutating func setBody(_ body: String?, of ref: ResourceRef) {
        let previous = changes.bodies[ref]
        guard previous != nil || body != nil else { return }
        undoLog.append { state in state.changes.bodies[ref] = previous }
        changes.bodies[ref] = body
    }

    /// The JSON `resource` was last recorded as in this batch, if it is exactly the resource the state
    /// now holds: what a command that returns the resource it changed answers with.
    public func encodedBody(matching resource: some StoredResource) -> String? {
        guard let body = changes.bodies[resource.ref], Self.current(resource, in: self) else { return nil }
        return body
    }

    private static func current<R: StoredResource>(_ resource: R, in state: State) -> Bool {
        state[keyPath: R.table][resource.id] == resource
    }

    mutating func recordDeletion<R: StoredResource>(_ resource: R, at now: Date) {
        delete(resource)
        emit(.delete, resource, at: now)
    }

    mutating func addIdempotencyRecord(_ record: IdempotencyRecord) {
        let previous = idempotency[record.key]
        undoLog.append { state in state.idempotency[record.key] = previous }
        idempotency[record.key] = record
        changes.idempotencyKeys.insert(record.key)
    }

    mutating func removeIdempotencyRecord(_ key: IdempotencyKey) {
        guard let previous = idempotency.removeValue(forKey: key) else { return }
        undoLog.append { state in state.idempotency[key] = previous }
        changes.idempotencyKeys.insert(key)
    }

    /// A fresh ID that no resource of the kind has yet.
    mutating func newID<R: StoredResource>(for type: R.Type, prefix: String, _ context: inout CommandContext) -> String {
        while true {
            let candidate = context.ids.make(prefix)
            if self[keyPath: R.table][candidate] == nil { return candidate }
        }
    }
}
