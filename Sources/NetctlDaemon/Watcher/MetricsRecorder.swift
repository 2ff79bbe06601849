import Foundation
import Logging
import NetctlAPI
import NetctlCore
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The gauges of API.md, recomputed from the committed state for whatever a batch of change events
/// touched: `Netctl/VPC` VpcCount, ActivePeeringConnections and PendingPeeringConnections per VpcId,
/// PeeringConnections per Status, RouteCount per RouteTableId, EndpointCount per Type.
enum NetctlGauges {
    static let namespace = "Netctl/VPC"

    /// The account-level gauges of every account and region, sampled each minute so graphs have a
    /// datapoint per period even when nothing changes.
    static func minuteSamples(_ state: State, now: Int64) -> [StreamStore.MetricEntry] {
        var scopes = Set<Scope>()
        for vpc in state.vpcs.all { scopes.insert(vpc.scope) }
        let synthetic = scopes.flatMap { scope in
            [
                ChangeEvent(at: Date(), accountId: scope.accountId, region: scope.region, resourceType: ResourceKind.vpc.rawValue, resourceId: "", action: "sample", status: nil, detail: "{}"),
                ChangeEvent(at: Date(), accountId: scope.accountId, region: scope.region, resourceType: ResourceKind.peering.rawValue, resourceId: "", action: "sample", status: nil, detail: "{}"),
                ChangeEvent(at: Date(), accountId: scope.accountId, region: scope.region, resourceType: ResourceKind.endpoint.rawValue, resourceId: "", action: "sample", status: nil, detail: "{}"),
            ]
        }
        return samples(for: synthetic, in: state, now: now)
    }

    static func samples(for events: [ChangeEvent], in state: State, now: Int64) -> [StreamStore.MetricEntry] {
        var result: [StreamStore.MetricEntry] = []
        func add(_ scope: Scope, _ name: String, _ dimensions: [MetricDimension], _ value: Int) {
            result.append(
                StreamStore.MetricEntry(
                    scope: scope, namespace: namespace,
                    sample: MetricRules.Sample(
                        metricName: name, dimensions: dimensions, timestamp: now, value: Double(value), unit: "Count",
                        storageResolution: 60)))
        }
        var vpcScopes = Set<Scope>()
        var peeringScopes = Set<Scope>()
        var endpointScopes = Set<Scope>()
        var peeredVpcs = Set<String>()
        var tables = Set<String>()
        for event in events {
            let scope = Scope(accountId: event.accountId, region: event.region)
            switch event.resourceType {
            case ResourceKind.vpc.rawValue: vpcScopes.insert(scope)
            case ResourceKind.routeTable.rawValue: tables.insert(event.resourceId)
            case ResourceKind.endpoint.rawValue: endpointScopes.insert(scope)
            case ResourceKind.peering.rawValue:
                if let peering = state.peerings[event.resourceId] {
                    peeredVpcs.formUnion([peering.requester.vpcId, peering.accepter.vpcId])
                    peeringScopes.formUnion([peering.requesterScope, peering.accepterScope])
                } else {
                    peeringScopes.insert(scope)
                }
            default: break
            }
        }
        for scope in vpcScopes { add(scope, "VpcCount", [], state.vpcs.countInScope(scope)) }
        for vpcId in peeredVpcs.sorted() {
            guard let vpc = state.vpcs[vpcId] else { continue }
            let peerings = state.peerings.children(of: vpcId)
            let dimension = [MetricDimension(name: "VpcId", value: vpcId)]
            add(vpc.scope, "ActivePeeringConnections", dimension, peerings.filter { $0.status.code == PeeringStatus.active }.count)
            add(vpc.scope, "PendingPeeringConnections", dimension, peerings.filter { $0.status.code == PeeringStatus.pendingAcceptance }.count)
        }
        for scope in peeringScopes {
            var counts: [String: Int] = [:]
            for peering in state.peerings.children(of: Peering.scopeKey(scope)) { counts[peering.status.code, default: 0] += 1 }
            for status in [PeeringStatus.pendingAcceptance, PeeringStatus.active] where counts[status] == nil { counts[status] = 0 }
            for (status, count) in counts.sorted(by: { $0.key < $1.key }) {
                add(scope, "PeeringConnections", [MetricDimension(name: "Status", value: status)], count)
            }
        }
        for tableId in tables.sorted() {
            guard let table = state.routeTables[tableId] else { continue }
            add(table.scope, "RouteCount", [MetricDimension(name: "RouteTableId", value: tableId)], table.routes.count)
        }
        for scope in endpointScopes {
            let endpoints = state.endpoints.inScope(scope)
            for type in [Endpoint.gateway, Endpoint.interface] {
                add(scope, "EndpointCount", [MetricDimension(name: "Type", value: type)], endpoints.filter { $0.type == type }.count)
            }
        }
        return result
    }
}

/// Appends every metric datum as one CloudWatch Embedded Metric Format line, for the CloudWatch
/// agent or any log shipper. SIGHUP reopens the file, so logrotate can move it away.
final class EMFWriter: Service {
    private let path: String?
    private let endpoint: EMFEndpoint?
    private let handle = Mutex<FileHandle?>(nil)
    private let logger: Logger

    init(path: String?, endpoint: String?, logger: Logger) throws {
        self.path = path
        self.endpoint = try endpoint.map(EMFEndpoint.init)
        self.logger = logger
        try reopen()
    }

    func reopen() throws {
        guard let path else { return }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ConfigurationError(description: "cannot create the EMF file \(path)")
            }
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        file.seekToEndOfFile()
        let old = handle.withLock { current -> FileHandle? in
            defer { current = file }
            return current
        }
        try old?.close()
    }

    func write(_ entries: [StreamStore.MetricEntry]) {
        guard !entries.isEmpty else { return }
        let lines = entries.map { entry in
            var line = Self.line(entry)
            line.append(UInt8(ascii: "\n"))
            return line
        }
        if path != nil {
            var data = Data()
            for line in lines { data.append(line) }
            handle.withLock { $0?.write(data) }
        }
        endpoint?.send(lines)
    }

    /// `{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":…,"Dimensions":[[…]],"Metrics":[{"Name":…,"Unit":…}]}]},"Dim":"v","Name":value}`
    static func line(_ entry: StreamStore.MetricEntry) -> Data {
        let sample = entry.sample
        var root: [String: JSONValue] = [
            "_aws": [
                "Timestamp": .int(sample.timestamp),
                "CloudWatchMetrics": [
                    [
                        "Namespace": .string(entry.namespace),
                        "Dimensions": .array([.array(sample.dimensions.map { .string($0.name) })]),
                        "Metrics": [["Name": .string(sample.metricName), "Unit": .string(sample.unit)]],
                    ]
                ],
            ]
        ]
        for dimension in sample.dimensions { root[dimension.name] = .string(dimension.value) }
        root[sample.metricName] = .double(sample.value)
        return (try? NetctlJSON.encoder.encode(JSONValue.object(root))) ?? Data()
    }

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            guard let path else { continue }
            do {
                try reopen()
                logger.info("reopened the EMF file", metadata: ["path": "\(path)"])
            } catch {
                logger.error("cannot reopen the EMF file", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
    }
}
