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
    mutating func natGateway(_ subnet: String) throws(NetctlError) -> NatGateway {
        try run { s, c throws(NetctlError) in try s.createNatGateway(NatGatewayCreate(subnet: subnet), &c) }
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
        idempotency = Dictionary(uniqueKeysWithValues: state.idempotency.map { ($0.key, $0.value) })
        // The indexes too: a rollback that restored rows but not indexes would break lookups.
        vpcsInScope = state.vpcs.inScope(testScope).map(\.vpcId)
        subnetsByVpc = Dictionary(
            uniqueKeysWithValues: vpcs.keys.map { ($0, state.subnets.children(of: $0).map(\.subnetId)) })
    }
}
