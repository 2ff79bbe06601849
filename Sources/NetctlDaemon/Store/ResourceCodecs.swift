import Foundation
import GRDB
import NetctlAPI
import NetctlCore

struct ResourceRow: Sendable, Equatable {
    var id: String
    var accountId: String
    var region: String
    var parentId: String?
    var status: String?
    var createdAt: String
    var body: String
}

/// How one resource kind maps to its table. Adding a kind is one line in `ResourceCodecs.all` and a
/// migration creating its table.
struct ResourceCodec: Sendable {
    let kind: ResourceKind
    let tableName: String
    /// The row of a resource in the state; `body`, when given, is its JSON already encoded.
    let row: @Sendable (State, String, _ body: String?, JSONEncoder) throws -> ResourceRow?
    /// Reads and decodes the table's rows in a rowid range. Decoding is most of a start-up's work, so
    /// ranges are decoded on several threads at once.
    let decodeAll: @Sendable (Database, ClosedRange<Int64>) throws -> DecodedRows
    /// The loading of the kind's table, indexes and all, from its decoded pieces in rowid order: the
    /// parts of every table are built on several threads at once, then the tables go to one state.
    let loading: @Sendable ([DecodedRows]) -> LoadingTable
    let ids: @Sendable (State) -> [String]

    /// `reader`: the kind's hand-written reader of a row body (`RowDecoding/`), for the kinds that
    /// hold most rows; rows it does not vouch for, and every row of the other kinds, go to JSONDecoder.
    static func of<R: StoredResource>(
        _ type: R.Type, table tableName: String, reader: (@Sendable (UnsafeBufferPointer<UInt8>) -> R?)? = nil
    ) -> ResourceCodec {
        ResourceCodec(
            kind: R.kind, tableName: tableName,
            row: { state, id, body, encoder in
                guard let resource = state[keyPath: R.table][id] else { return nil }
                return ResourceRow(
                    id: resource.id, accountId: resource.accountId, region: resource.region,
                    parentId: resource.parentId, status: resource.currentStatus,
                    createdAt: Timestamp.format(resource.createdAt),
                    body: try body ?? String(decoding: encoder.encode(resource), as: UTF8.self))
            },
            decodeAll: { db, rows in
                var resources: [R] = []
                // The body's bytes where SQLite holds them: no copy and no String is made of each one.
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT body FROM \(tableName) WHERE rowid BETWEEN ? AND ?",
                    arguments: [rows.lowerBound, rows.upperBound])
                while let row = try cursor.next() {
                    resources.append(try row.withUnsafeData(atIndex: 0) { body in try decode(body ?? Data(), reader) })
                }
                return DecodedRows(resources: resources, count: resources.count)
            },
            loading: { pieces in
                // Every piece came from this codec's decodeAll: a failed cast is a bug in loadState.
                let loading = R.loading(pieces.map { $0.resources as! [R] })
                return LoadingTable(parts: loading.parts) { state in state.load(loading.table) }
            },
            ids: { state in Array(state[keyPath: R.table].byId.keys) })
    }

    /// A row body as `R`: by `reader` when it vouches for the bytes, else by JSONDecoder, whose
    /// answer (or error) is the contract.
    static func decode<R: StoredResource>(
        _ body: Data, _ reader: (@Sendable (UnsafeBufferPointer<UInt8>) -> R?)?
    ) throws -> R {
        if let reader, let resource = body.withUnsafeBytes({ reader($0.assumingMemoryBound(to: UInt8.self)) }) {
            return resource
        }
        return try NetctlJSON.decoder.decode(R.self, from: body)
    }
}

/// One piece of a table's decoded rows: an array of the codec's kind.
struct DecodedRows: Sendable {
    let resources: any Sendable
    let count: Int
}

/// One kind's table being loaded: its parts to build, then its place in the state.
struct LoadingTable: Sendable {
    let parts: [@Sendable () -> Void]
    /// Puts the table into the state, once every part has run.
    let install: @Sendable (inout State) -> Void
}

enum ResourceCodecs {
    static let all: [ResourceCodec] = [
        .of(Vpc.self, table: "vpcs", reader: VpcRowDecoder.decode),
        .of(Subnet.self, table: "subnets", reader: SubnetRowDecoder.decode),
        .of(RouteTable.self, table: "route_tables", reader: RouteTableRowDecoder.decode),
        .of(InternetGateway.self, table: "internet_gateways"),
        .of(NatGateway.self, table: "nat_gateways"),
        .of(NetworkInterface.self, table: "network_interfaces", reader: NetworkInterfaceRowDecoder.decode),
        .of(Peering.self, table: "peerings", reader: PeeringRowDecoder.decode),
        .of(Endpoint.self, table: "endpoints"),
        .of(EcrRepository.self, table: "ecr_repositories"),
        .of(EcrImage.self, table: "ecr_images"),
        .of(EcsCluster.self, table: "ecs_clusters"),
        .of(ContainerInstance.self, table: "ecs_container_instances"),
        .of(TaskDefinition.self, table: "ecs_task_definitions"),
        .of(EcsService.self, table: "ecs_services"),
        .of(EcsTask.self, table: "ecs_tasks"),
        .of(SdNamespace.self, table: "sd_namespaces"),
        .of(EksCluster.self, table: "eks_clusters"),
        .of(EksNodegroup.self, table: "eks_nodegroups"),
        .of(FargateProfile.self, table: "eks_fargate_profiles"),
        .of(ElasticIp.self, table: "elastic_ips"),
        .of(SdService.self, table: "sd_services"),
        .of(SdInstance.self, table: "sd_instances"),
        .of(SdOperation.self, table: "sd_operations"),
        .of(NetworkAcl.self, table: "network_acls", reader: NetworkAclRowDecoder.decode),
        .of(SecurityGroup.self, table: "security_groups", reader: SecurityGroupRowDecoder.decode),
        .of(Instance.self, table: "instances", reader: InstanceRowDecoder.decode),
        .of(NetworkInsightsPath.self, table: "network_insights_paths"),
        .of(NetworkInsightsAnalysis.self, table: "network_insights_analyses"),
        .of(TransitGateway.self, table: "transit_gateways"),
        .of(TransitGatewayAttachment.self, table: "transit_gateway_attachments"),
        .of(TransitGatewayRouteTable.self, table: "transit_gateway_route_tables"),
        .of(CustomerGateway.self, table: "customer_gateways"),
        .of(VpnGateway.self, table: "vpn_gateways"),
        .of(VpnConnection.self, table: "vpn_connections"),
        .of(DirectConnectGateway.self, table: "dx_gateways"),
        .of(LoadBalancer.self, table: "load_balancers"),
        .of(TargetGroup.self, table: "target_groups"),
        .of(Listener.self, table: "listeners"),
        .of(ListenerRule.self, table: "listener_rules"),
        .of(HealthCheckProgress.self, table: "health_check_progress"),
    ]

    private static let byKind = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })

    static func codec(for kind: ResourceKind) -> ResourceCodec {
        guard let codec = byKind[kind] else { preconditionFailure("no table for resource kind \(kind)") }
        return codec
    }

    /// Every row `state` is stored as, by table and ID: what loading it back must reproduce.
    static func rows(of state: State) throws -> [String: [String: ResourceRow]] {
        let encoder = NetctlJSON.encoder
        var tables: [String: [String: ResourceRow]] = [:]
        for codec in all {
            var rows: [String: ResourceRow] = [:]
            for id in codec.ids(state) { rows[id] = try codec.row(state, id, nil, encoder) }
            tables[codec.tableName] = rows
        }
        return tables
    }
}
