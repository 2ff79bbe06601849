import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// The caller most tests act as.
let testScope = Scope(accountId: "111122223333", region: "us-east-1")
/// Another account in the same region: its resources must be invisible to `testScope`.
let otherAccountScope = Scope(accountId: "444455556666", region: "us-east-1")
let testEpoch = Date(timeIntervalSince1970: 1_750_000_000)

func makeContext(scope: Scope = testScope, quotas: Quotas = Quotas(), seed: UInt64 = 42) -> CommandContext {
    CommandContext(scope: scope, now: testEpoch, quotas: quotas, ids: IDGenerator(seed: seed))
}

/// Runs one command inside `state.transact`, as the daemon's writer does.
@discardableResult
func run<T>(
    _ state: inout State, _ context: inout CommandContext,
    _ body: (inout State, inout CommandContext) throws(NetctlError) -> T
) throws(NetctlError) -> T {
    var local = context
    defer { context = local }
    return try state.transact { s throws(NetctlError) in try body(&s, &local) }
}

/// Expects `body` to throw a `NetctlError` with `code`; returns the error for further checks.
@discardableResult
func expectError<T>(
    _ code: ErrorCode, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(NetctlError) -> T
) -> NetctlError? {
    do {
        let value = try body()
        Issue.record(
            "Expected \(code.rawValue) but the call succeeded with \(value). \(comment?.rawValue ?? "")",
            sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == code, "\(error.description) \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
        return error
    }
}

/// A state plus the context commands run with; each command advances the clock by one second so
/// creation order is unambiguous.
struct Fixture {
    var state = State()
    var context: CommandContext

    init(scope: Scope = testScope, quotas: Quotas = Quotas(), seed: UInt64 = 42) {
        context = makeContext(scope: scope, quotas: quotas, seed: seed)
    }

    var scope: Scope {
        get { context.scope }
        set { context.scope = newValue }
    }

    @discardableResult
    mutating func run<T>(_ body: (inout State, inout CommandContext) throws(NetctlError) -> T) throws(NetctlError)
        -> T
    {
        context.now += 1
        return try NetctlCoreTests.run(&state, &context, body)
    }

    /// Runs a command expected to fail with `code`; also checks that it changed nothing.
    @discardableResult
    mutating func expectFailure<T>(
        _ code: ErrorCode, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (inout State, inout CommandContext) throws(NetctlError) -> T
    ) -> NetctlError? {
        let before = StateSnapshot(state)
        _ = state.takeChanges()  // earlier commands' events are not this check's business
        let error = expectError(code, comment, sourceLocation: sourceLocation) { () throws(NetctlError) -> T in
            try self.run(body)
        }
        #expect(StateSnapshot(state) == before, "a failed command must change nothing", sourceLocation: sourceLocation)
        #expect(
            state.takeChanges().events.isEmpty, "a failed command must emit no events", sourceLocation: sourceLocation)
        return error
    }

    // MARK: Shorthands for the common commands

    @discardableResult
    mutating func vpc(_ cidr: String, name: String? = nil) throws(NetctlError) -> Vpc {
        try run { s, c throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: cidr, name: name), &c) }
    }

    @discardableResult
    mutating func subnet(_ vpc: String, _ cidr: String, zone: String? = nil, name: String? = nil) throws(NetctlError)
        -> Subnet
    {
        try run { s, c throws(NetctlError) in
            try s.createSubnet(SubnetCreate(vpc: vpc, cidrBlock: cidr, availabilityZone: zone, name: name), &c)
        }
    }

    @discardableResult
    mutating func routeTable(_ vpc: String, name: String? = nil) throws(NetctlError) -> RouteTable {
        try run { s, c throws(NetctlError) in try s.createRouteTable(RouteTableCreate(vpc: vpc, name: name), &c) }
    }

    @discardableResult
    mutating func internetGateway(_ vpc: String) throws(NetctlError) -> InternetGateway {
        try run { s, c throws(NetctlError) in try s.createInternetGateway(GatewayCreate(vpc: vpc), &c) }
    }

    @discardableResult
    mutating func natGateway(_ subnet: String, address: String? = nil) throws(NetctlError) -> NatGateway {
        try run { s, c throws(NetctlError) in
            try s.createNatGateway(NatGatewayCreate(subnet: subnet, address: address), &c)
        }
    }

    @discardableResult
    mutating func address(name: String? = nil) throws(NetctlError) -> ElasticIp {
        try run { s, c throws(NetctlError) in
            try s.allocateAddress(AddressAllocate(tags: name.map { ["Name": $0] }), &c)
        }
    }

    @discardableResult
    mutating func route(
        _ table: String, _ destination: String, gateway: String? = nil, natGateway: String? = nil
    ) throws(NetctlError) -> RouteTable {
        try run { s, c throws(NetctlError) in
            let request = RouteCreate(
                routeTable: table, destinationCidrBlock: destination, gateway: gateway, natGateway: natGateway)
            return try s.createRoute(request, &c)
        }
    }

    /// A `route.create` expected to fail with `code` and change nothing.
    @discardableResult
    mutating func expectRouteFailure(
        _ code: ErrorCode, _ table: String, _ destination: String?, gateway: String? = nil,
        natGateway: String? = nil, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> NetctlError? {
        let request = RouteCreate(
            routeTable: table, destinationCidrBlock: destination, gateway: gateway, natGateway: natGateway)
        return expectFailure(code, comment, sourceLocation: sourceLocation) { s, c throws(NetctlError) in
            try s.createRoute(request, &c)
        }
    }

    func table(_ id: String) throws -> RouteTable { try #require(state.routeTables[id]) }

    /// The route with `destination` in table `id`.
    func route(in id: String, to destination: String) throws -> Route {
        try #require(try table(id).routes.first { $0.destinationCidrBlock == destination })
    }
}

/// Everything observable in a `State`, for "nothing changed" comparisons.
struct StateSnapshot: Equatable {
    var vpcs: [String: Vpc]
    var subnets: [String: Subnet]
    var routeTables: [String: RouteTable]
    var internetGateways: [String: InternetGateway]
    var natGateways: [String: NatGateway]
    var networkInterfaces: [String: NetworkInterface]
    var elasticIps: [String: ElasticIp]
    var securityGroups: [String: SecurityGroup]
    var networkAcls: [String: NetworkAcl]
    var instances: [String: Instance]
    var networkInsightsPaths: [String: NetworkInsightsPath]
    var networkInsightsAnalyses: [String: NetworkInsightsAnalysis]
    var transitGateways: [String: TransitGateway]
    var transitGatewayAttachments: [String: TransitGatewayAttachment]
    var transitGatewayRouteTables: [String: TransitGatewayRouteTable]
    var customerGateways: [String: CustomerGateway]
    var vpnGateways: [String: VpnGateway]
    var vpnConnections: [String: VpnConnection]
    var dxGateways: [String: DirectConnectGateway]
    var idempotency: [IdempotencyKey: IdempotencyRecord]
    var vpcsInScope: [String]
    var subnetsByVpc: [String: [String]]

    init(_ state: State) {
        func rows<R: StoredResource>(_ table: Table<R>) -> [String: R] {
            Dictionary(uniqueKeysWithValues: table.all.map { ($0.id, $0) })
        }
        vpcs = rows(state.vpcs)
        subnets = rows(state.subnets)
        routeTables = rows(state.routeTables)
        internetGateways = rows(state.internetGateways)
        natGateways = rows(state.natGateways)
        networkInterfaces = rows(state.networkInterfaces)
        elasticIps = rows(state.elasticIps)
        securityGroups = rows(state.securityGroups)
        networkAcls = rows(state.networkAcls)
        instances = rows(state.instances)
        networkInsightsPaths = rows(state.networkInsightsPaths)
        networkInsightsAnalyses = rows(state.networkInsightsAnalyses)
        transitGateways = rows(state.transitGateways)
        transitGatewayAttachments = rows(state.transitGatewayAttachments)
        transitGatewayRouteTables = rows(state.transitGatewayRouteTables)
        customerGateways = rows(state.customerGateways)
        vpnGateways = rows(state.vpnGateways)
        vpnConnections = rows(state.vpnConnections)
        dxGateways = rows(state.dxGateways)
        idempotency = Dictionary(uniqueKeysWithValues: state.idempotency.map { ($0.key, $0.value) })
        // The indexes too: a rollback that restored rows but not indexes would break lookups.
        vpcsInScope = state.vpcs.inScope(testScope).map(\.vpcId)
        subnetsByVpc = Dictionary(
            uniqueKeysWithValues: vpcs.keys.map { ($0, state.subnets.children(of: $0).map(\.subnetId)) })
    }
}

// MARK: Peering and reachability helpers

/// `StateSnapshot` plus the peerings, their indexes and every scope's VPC index: for "nothing
/// changed" checks of commands that touch peerings, in any account.
struct PeeringSnapshot: Equatable {
    var base: StateSnapshot
    var peerings: [String: Peering]
    var peeringIndex: [String: [String]]
    var vpcsByScope: [Scope: [String]]

    init(_ state: State) {
        base = StateSnapshot(state)
        peerings = Dictionary(uniqueKeysWithValues: state.peerings.all.map { ($0.peeringId, $0) })
        let keys = Set(peerings.values.flatMap(\.indexKeys) + state.vpcs.all.map(\.vpcId) + [Peering.timedKey])
        peeringIndex = Dictionary(
            uniqueKeysWithValues: keys.map { key in (key, state.peerings.children(of: key).map(\.peeringId)) })
        let scopes = Set(state.vpcs.all.map(\.scope))
        vpcsByScope = Dictionary(uniqueKeysWithValues: scopes.map { ($0, state.vpcs.inScope($0).map(\.vpcId)) })
    }
}

extension Fixture {
    /// Runs one command as `scope` (another account or region), then acts as the fixture's scope again.
    @discardableResult
    mutating func run<T>(as scope: Scope, _ body: (inout State, inout CommandContext) throws(NetctlError) -> T)
        throws(NetctlError) -> T
    {
        let saved = context.scope
        context.scope = scope
        defer { context.scope = saved }
        return try run(body)
    }

    /// `expectFailure` as `scope`, also checking that no peering (or its index) changed.
    @discardableResult
    mutating func expectFailure<T>(
        as scope: Scope, _ code: ErrorCode, _ comment: Comment? = nil,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (inout State, inout CommandContext) throws(NetctlError) -> T
    ) -> NetctlError? {
        let saved = context.scope
        context.scope = scope
        defer { context.scope = saved }
        let before = PeeringSnapshot(state)
        let error = expectFailure(code, comment, sourceLocation: sourceLocation, body)
        #expect(
            PeeringSnapshot(state) == before, "a failed command must change no peering", sourceLocation: sourceLocation)
        return error
    }

    /// What a reader in `scope` (default: the fixture's) sees at `date` (default: now).
    func query(as scope: Scope? = nil, at date: Date? = nil) -> QueryContext {
        QueryContext(scope: scope ?? context.scope, now: date ?? context.now, quotas: context.quotas)
    }

    /// Moves the clock to `date` and runs the scheduler's due work in one transaction, as the writer does.
    mutating func runDueWork(at date: Date) {
        context.now = date
        var local = context
        do {
            try state.transact { s throws(NetctlError) in s.runDueWork(&local) }
        } catch {
            Issue.record("runDueWork cannot fail, but threw \(error)")
        }
        context = local
    }

    @discardableResult
    mutating func vpc(_ cidr: String, name: String, as scope: Scope) throws(NetctlError) -> Vpc {
        try run(as: scope) { s, c throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: cidr, name: name), &c) }
    }

    /// `peering.create` from `requester` (in the acting scope) to `accepter`.
    @discardableResult
    mutating func createPeering(
        _ requester: String, _ accepter: String, accepterAccountId: String? = nil, accepterRegion: String? = nil,
        as scope: Scope? = nil
    ) throws(NetctlError) -> Peering {
        let request = PeeringCreate(
            requesterVpc: requester, accepterVpc: accepter, accepterAccountId: accepterAccountId,
            accepterRegion: accepterRegion)
        return try run(as: scope ?? context.scope) { s, c throws(NetctlError) in try s.createPeering(request, &c) }
    }

    @discardableResult
    mutating func acceptPeering(_ peering: String, as scope: Scope? = nil) throws(NetctlError) -> Peering {
        try run(as: scope ?? context.scope) { s, c throws(NetctlError) in
            try s.acceptPeering(PeeringAccept(peering: peering), &c)
        }
    }

    @discardableResult
    mutating func rejectPeering(_ peering: String, as scope: Scope? = nil) throws(NetctlError) -> Peering {
        try run(as: scope ?? context.scope) { s, c throws(NetctlError) in
            try s.rejectPeering(PeeringReject(peering: peering), &c)
        }
    }

    @discardableResult
    mutating func deletePeering(_ peering: String, as scope: Scope? = nil) throws(NetctlError) -> Peering {
        try run(as: scope ?? context.scope) { s, c throws(NetctlError) in
            try s.deletePeering(PeeringDelete(peering: peering), &c)
        }
    }

    /// `route.create` of `destination` over `peering` in `table`.
    @discardableResult
    mutating func peeringRoute(_ table: String, _ destination: String, peering: String, as scope: Scope? = nil)
        throws(NetctlError) -> RouteTable
    {
        let request = RouteCreate(routeTable: table, destinationCidrBlock: destination, peering: peering)
        return try run(as: scope ?? context.scope) { s, c throws(NetctlError) in try s.createRoute(request, &c) }
    }

    @discardableResult
    mutating func associateCidr(_ vpc: String, _ cidr: String, as scope: Scope? = nil) throws(NetctlError) -> Vpc {
        try run(as: scope ?? context.scope) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: vpc, cidrBlock: cidr), &c)
        }
    }

    /// The peering as stored (whatever anyone may see of it).
    func peering(_ id: String) throws -> Peering { try #require(state.peerings[id]) }
}

// MARK: Endpoint helpers

/// `StateSnapshot` plus the endpoints and their VPC index: for "nothing changed" checks of commands
/// that touch endpoints.
struct EndpointSnapshot: Equatable {
    var base: StateSnapshot
    var endpoints: [String: Endpoint]
    var endpointsByVpc: [String: [String]]

    init(_ state: State) {
        base = StateSnapshot(state)
        endpoints = Dictionary(uniqueKeysWithValues: state.endpoints.all.map { ($0.endpointId, $0) })
        endpointsByVpc = Dictionary(
            uniqueKeysWithValues: state.vpcs.all.map { vpc in
                (vpc.vpcId, state.endpoints.children(of: vpc.vpcId).map(\.endpointId).sorted())
            })
    }
}

extension Fixture {
    @discardableResult
    mutating func createEndpoint(_ request: EndpointCreate) throws(NetctlError) -> Endpoint {
        try run { s, c throws(NetctlError) in try s.createEndpoint(request, &c) }
    }

    /// A gateway endpoint for `service` in `vpc`, routed from `routeTables`.
    @discardableResult
    mutating func gatewayEndpoint(_ vpc: String, _ service: String, routeTables: [String] = []) throws(NetctlError)
        -> Endpoint
    {
        try createEndpoint(EndpointCreate(vpc: vpc, service: service, type: Endpoint.gateway, routeTables: routeTables))
    }

    /// An interface endpoint for `service` in `vpc` with an interface in each of `subnets`.
    @discardableResult
    mutating func interfaceEndpoint(
        _ vpc: String, _ service: String, subnets: [String], privateDns: Bool? = false
    ) throws(NetctlError) -> Endpoint {
        try createEndpoint(
            EndpointCreate(
                vpc: vpc, service: service, type: Endpoint.interface, subnets: subnets, privateDnsEnabled: privateDns))
    }

    @discardableResult
    mutating func modifyEndpoint(_ request: EndpointModify) throws(NetctlError) -> Endpoint {
        try run { s, c throws(NetctlError) in try s.modifyEndpoint(request, &c) }
    }

    @discardableResult
    mutating func deleteEndpoint(_ endpoint: String) throws(NetctlError) -> Endpoint {
        try run { s, c throws(NetctlError) in try s.deleteEndpoint(EndpointDelete(endpoint: endpoint), &c) }
    }

    /// Associates `subnet` with `table` (either by ID or name).
    @discardableResult
    mutating func associate(_ table: String, _ subnet: String) throws(NetctlError) -> RouteTableAssociation {
        try run { s, c throws(NetctlError) in
            try s.associateRouteTable(RouteTableAssociate(routeTable: table, subnet: subnet), &c)
        }
    }

    /// Turns on `enableDnsHostnames` (private DNS for interface endpoints needs it).
    @discardableResult
    mutating func enableDnsHostnames(_ vpc: String) throws(NetctlError) -> Vpc {
        try run { s, c throws(NetctlError) in
            try s.modifyVpcAttribute(VpcModifyAttribute(vpc: vpc, enableDnsHostnames: true), &c)
        }
    }

    /// `expectFailure`, also checking that no endpoint (or its index) changed.
    @discardableResult
    mutating func expectEndpointFailure<T>(
        _ code: ErrorCode, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (inout State, inout CommandContext) throws(NetctlError) -> T
    ) -> NetctlError? {
        let before = EndpointSnapshot(state)
        let error = expectFailure(code, comment, sourceLocation: sourceLocation, body)
        #expect(
            EndpointSnapshot(state) == before, "a failed command must change no endpoint",
            sourceLocation: sourceLocation)
        return error
    }

    /// The endpoint as stored.
    func endpoint(_ id: String) throws -> Endpoint { try #require(state.endpoints[id]) }

    /// The routes of table `id` that target an endpoint.
    func endpointRoutes(in id: String) throws -> [Route] {
        try table(id).routes.filter { $0.target.type == RouteTarget.endpoint }
    }

    func subnetNow(_ id: String) throws -> Subnet { try #require(state.subnets[id]) }
}
