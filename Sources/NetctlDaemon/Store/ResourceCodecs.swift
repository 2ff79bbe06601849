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
    /// ranges are decoded on several threads at once; the rows then go into the state one piece at a time.
    let decodeAll: @Sendable (Database, ClosedRange<Int64>) throws -> DecodedTable
    let ids: @Sendable (State) -> [String]

    static func of<R: StoredResource>(_ type: R.Type, table tableName: String) -> ResourceCodec {
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
                let decoder = NetctlJSON.decoder
                var resources: [R] = []
                // As bytes: the decoder reads UTF-8, so no String is made of each body on the way.
                let bodies = try Data.fetchCursor(
                    db, sql: "SELECT body FROM \(tableName) WHERE rowid BETWEEN ? AND ?",
                    arguments: [rows.lowerBound, rows.upperBound])
                while let body = try bodies.next() {
                    resources.append(try decoder.decode(R.self, from: body))
                }
                return DecodedTable { [resources] state in
                    for resource in resources { state.load(resource) }
                }
            },
            ids: { state in Array(state[keyPath: R.table].byId.keys) })
    }
}

/// One table's decoded rows, waiting to be put into the state.
struct DecodedTable: Sendable {
    let apply: @Sendable (inout State) -> Void
}

enum ResourceCodecs {
    static let all: [ResourceCodec] = [
        .of(Vpc.self, table: "vpcs"),
        .of(Subnet.self, table: "subnets"),
        .of(RouteTable.self, table: "route_tables"),
        .of(InternetGateway.self, table: "internet_gateways"),
        .of(NatGateway.self, table: "nat_gateways"),
        .of(NetworkInterface.self, table: "network_interfaces"),
        .of(Peering.self, table: "peerings"),
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
