import Foundation
import NetctlAPI
import PropertyBased
import Testing

@testable import NetctlCore

/// One random command of the peering model, decoded from four small numbers so that shrinking a
/// failing sequence (fewer steps, smaller numbers) still gives a valid sequence.
struct PeeringStep: Sendable, CustomStringConvertible {
    enum Kind: Sendable { case create, accept, reject, delete, associateCidr, advance, route }

    var kind: Kind
    var a: Int
    var b: Int
    var c: Int

    init(_ selector: Int, _ a: Int, _ b: Int, _ c: Int) {
        kind =
            switch selector {
            case 0...2: .create
            case 3...4: .accept
            case 5: .reject
            case 6: .delete
            case 7: .associateCidr
            case 8: .advance
            default: .route
            }
        self.a = a
        self.b = b
        self.c = c
    }

    static let generator = zip(Gen.int(in: 0...11), Gen.int(in: 0...999), Gen.int(in: 0...999), Gen.int(in: 0...999))
        .map { t in PeeringStep(t.0, t.1, t.2, t.3) }

    // The decoded arguments.
    var requesterIndex: Int { a % PeeringWorld.vpcCount }
    var accepterIndex: Int { (requesterIndex + 1 + b % (PeeringWorld.vpcCount - 1)) % PeeringWorld.vpcCount }
    /// Who answers: the accepter's owner (half the time), the requester's owner, or the accepter's
    /// account acting from the wrong region.
    var actor: Actor { b % 4 < 2 ? .accepter : b % 4 == 2 ? .requester : .wrongRegion }
    enum Actor: String, Sendable { case accepter, requester, wrongRegion = "accepter in the wrong region" }
    var cidr: String { PeeringWorld.pool[b % PeeringWorld.pool.count] }
    var hours: Int { 1 + a % (8 * 24) }
    /// Which side's main table a route goes in, and whether it names the peer's CIDR or one from the pool.
    var routeFromAccepter: Bool { b % 2 == 1 }
    var routeToPool: Bool { a % 3 == 0 }

    var description: String {
        switch kind {
        case .create: "create v\(requesterIndex)→v\(accepterIndex)"
        case .accept: "accept #\(c) as the \(actor.rawValue)"
        case .reject: "reject #\(c) as the \(actor.rawValue)"
        case .delete: "delete #\(c) as the \(actor.rawValue)"
        case .associateCidr: "associateCidr v\(requesterIndex) \(cidr)"
        case .advance: "advance \(hours)h"
        case .route:
            "route over #\(c) from the \(routeFromAccepter ? "accepter" : "requester") to "
                + (routeToPool ? PeeringWorld.pool[a % PeeringWorld.pool.count] : "the peer's first block")
        }
    }
}

/// Five VPCs in two accounts whose blocks, and the pool of blocks they may add, overlap in places.
struct PeeringWorld {
    static let accounts = [
        Scope(accountId: "111111111111", region: "us-east-1"), Scope(accountId: "222222222222", region: "us-east-1"),
    ]
    /// The second account acting from a region where it has no VPC of the model.
    static let wrongRegion = Scope(accountId: "222222222222", region: "us-west-2")
    static let vpcCount = 5
    static let owners = [0, 0, 0, 1, 1]
    static let primaries = ["10.10.0.0/16", "10.11.0.0/16", "10.20.0.0/16", "10.10.128.0/17", "10.21.0.0/16"]
    static let pool = [
        "10.11.128.0/17", "10.20.64.0/18", "10.21.128.0/17", "10.22.0.0/16", "10.22.128.0/17", "10.23.0.0/16",
        "10.10.0.0/20",
    ]
    static let activeQuota = 2
    static let quotas = Quotas([.activePeeringsPerVpc: activeQuota, .outstandingPeeringsPerAccount: 4])

    var f: Fixture
    var vpcIds: [String] = []
    /// Every peering created, in order; steps pick one of those still stored by index.
    var peeringIds: [String] = []

    init() throws {
        f = Fixture(scope: Self.accounts[0], quotas: Self.quotas)
        for (index, cidr) in Self.primaries.enumerated() {
            vpcIds.append(try f.vpc(cidr, name: "v\(index)", as: Self.accounts[Self.owners[index]]).vpcId)
        }
    }

    func owner(of vpcId: String) -> Scope {
        Self.accounts[Self.owners[vpcIds.firstIndex(of: vpcId) ?? 0]]
    }

    mutating func peering(_ step: PeeringStep) -> String? {
        peeringIds.removeAll { f.state.peerings[$0] == nil }
        return peeringIds.isEmpty ? nil : peeringIds[step.c % peeringIds.count]
    }

    /// Runs one step; returns the error of a refused command.
    mutating func apply(_ step: PeeringStep) -> NetctlError? {
        do {
            switch step.kind {
            case .create:
                let requester = step.requesterIndex
                let accepter = step.accepterIndex
                let request = PeeringCreate(
                    requesterVpc: vpcIds[requester], accepterVpc: vpcIds[accepter],
                    accepterAccountId: Self.accounts[Self.owners[accepter]].accountId)
                let peering = try f.run(as: Self.accounts[Self.owners[requester]]) { s, c throws(NetctlError) in
                    try s.createPeering(request, &c)
                }
                peeringIds.append(peering.peeringId)
            case .accept, .reject, .delete:
                guard let id = peering(step), let stored = f.state.peerings[id] else { return nil }
                let action: LifecycleAction = step.kind == .accept ? .accept : step.kind == .reject ? .reject : .delete
                let scope =
                    switch step.actor {
                    case .accepter: stored.accepterScope
                    case .requester: stored.requesterScope
                    case .wrongRegion: Self.wrongRegion
                    }
                try f.run(as: scope, action.command(id))
            case .associateCidr:
                let vpcId = vpcIds[step.requesterIndex]
                try f.associateCidr(vpcId, step.cidr, as: owner(of: vpcId))
            case .advance:
                f.runDueWork(at: f.context.now.addingTimeInterval(TimeInterval(step.hours) * 3600))
            case .route:
                guard let id = peering(step), let stored = f.state.peerings[id] else { return nil }
                let (local, remote) =
                    step.routeFromAccepter ? (stored.accepter, stored.requester) : (stored.requester, stored.accepter)
                guard let vpc = f.state.vpcs[local.vpcId] else { return nil }
                let destination =
                    step.routeToPool
                    ? Self.pool[step.a % Self.pool.count]
                    : f.state.vpcs[remote.vpcId]?.cidrBlocks.first ?? remote.cidrBlocks[0]
                try f.peeringRoute(vpc.mainRouteTableId, destination, peering: id, as: owner(of: vpc.vpcId))
            }
            return nil
        } catch {
            return error
        }
    }

    /// The rules that must hold after every step; returns what is broken.
    func violations() -> [String] {
        let state = f.state
        var broken: [String] = []
        let peerings = state.peerings.all
        let live = peerings.filter { PeeringStatus.live.contains($0.status.code) }
        let active = peerings.filter { $0.status.code == PeeringStatus.active }

        var livePerPair: [Set<String>: [String]] = [:]
        for peering in live {
            livePerPair[[peering.requester.vpcId, peering.accepter.vpcId], default: []].append(peering.peeringId)
        }
        for (pair, ids) in livePerPair where ids.count > 1 {
            broken.append("\(ids.count) live peerings between \(pair.sorted()): \(ids)")
        }

        for vpcId in vpcIds {
            let count = active.filter { $0.requester.vpcId == vpcId || $0.accepter.vpcId == vpcId }.count
            if count > Self.activeQuota {
                broken.append("\(vpcId) has \(count) active peerings, quota \(Self.activeQuota)")
            }
        }

        for peering in active {
            guard let left = state.vpcs[peering.requester.vpcId], let right = state.vpcs[peering.accepter.vpcId] else {
                broken.append("active \(peering.peeringId) joins a VPC that does not exist")
                continue
            }
            if let (x, y) = State.firstOverlap(left.cidrBlocks, right.cidrBlocks) {
                broken.append("active \(peering.peeringId) joins overlapping VPCs (\(x) and \(y))")
            }
        }
        for peering in live {
            for info in [peering.requester, peering.accepter] {
                if let vpc = state.vpcs[info.vpcId], vpc.cidrBlocks != info.cidrBlocks {
                    broken.append(
                        "\(peering.peeringId) shows \(info.cidrBlocks) for \(info.vpcId), which has \(vpc.cidrBlocks)")
                }
            }
        }

        for table in state.routeTables.all {
            for route in table.routes where route.target.type == RouteTarget.peering {
                let peering = state.peerings[route.target.id]
                let usable =
                    peering.map {
                        $0.status.code == PeeringStatus.active
                            && ($0.requester.vpcId == table.vpcId || $0.accepter.vpcId == table.vpcId)
                    } ?? false
                let label = "\(table.routeTableId): \(route.destination) → \(route.target.id)"
                if route.state == .active && !usable {
                    broken.append("\(label) is active but the peering is \(peering?.status.code ?? "gone")")
                }
                if usable && route.state != .active {
                    broken.append("\(label) is \(route.state) over an active peering")
                }
            }
        }
        return broken
    }

    /// After the scheduler ran, nothing may be overdue: no pending request past its expiry, no deadline
    /// at or before now.
    func overdue() -> [String] {
        let now = f.context.now
        var broken = f.state.peerings.all.compactMap { peering -> String? in
            guard peering.status.code == PeeringStatus.pendingAcceptance, let expiry = peering.expirationTime,
                expiry <= now
            else { return nil }
            return "\(peering.peeringId) is still pending after its expiry \(expiry)"
        }
        if let next = f.state.nextDeadline(), next <= now {
            broken.append("nextDeadline \(next) is not after now (\(now)): due work was left undone")
        }
        return broken
    }
}

/// How much of the model a batch of runs exercised, so the property cannot pass vacuously.
struct PeeringCoverage {
    var runs = 0
    var activations = 0
    var failedByOverlap = 0
    var refusals: [ErrorCode: Int] = [:]
    var expiries = 0
    var purges = 0
    var activeRoutes = 0
}

@Suite("Peering properties")
struct PeeringPropertyTests {
    @Test("random peering histories keep the peering invariants, and refused steps change nothing")
    func invariantsHold() async throws {
        var coverage = PeeringCoverage()
        await propertyCheck(count: 300, input: PeeringStep.generator.array(of: 30...60)) { steps in
            coverage.runs += 1
            var world = try PeeringWorld()
            for (index, step) in steps.enumerated() {
                let before = world.f.state  // a cheap copy: the tables share structure
                if let error = world.apply(step) {
                    coverage.refusals[error.code, default: 0] += 1
                    guard PeeringSnapshot(world.f.state) == PeeringSnapshot(before) else {
                        Issue.record("step \(index) (\(step)) failed with \(error) but changed the state")
                        return
                    }
                }
                var broken = world.violations()
                if step.kind == .advance { broken += world.overdue() }
                guard broken.isEmpty else {
                    Issue.record("after step \(index) (\(step)): \(broken.joined(separator: "; "))")
                    return
                }
                for peering in world.f.state.peerings.all
                where before.peerings[peering.peeringId]?.status != peering.status {
                    switch peering.status.code {
                    case PeeringStatus.active: coverage.activations += 1
                    case PeeringStatus.failed: coverage.failedByOverlap += 1
                    case PeeringStatus.expired: coverage.expiries += 1
                    default: break
                    }
                }
                if step.kind == .advance && world.f.state.peerings.count < before.peerings.count {
                    coverage.purges += 1
                }
            }
            coverage.activeRoutes +=
                world.f.state.routeTables.all.flatMap(\.routes).filter {
                    $0.target.type == RouteTarget.peering && $0.state == .active
                }.count
        }
        // With a fixed seed only one history runs; the minimums are for the full batch.
        if coverage.runs >= 300 {
            #expect(coverage.activations > 50)
            #expect(coverage.failedByOverlap > 10)
            #expect(coverage.expiries > 5)
            #expect(coverage.purges > 5)
            #expect(coverage.activeRoutes > 10)
            #expect(coverage.refusals[.activePeeringLimitExceeded, default: 0] > 0)
            #expect(coverage.refusals[.peeringAlreadyExists, default: 0] > 0)
            #expect(coverage.refusals[.invalidStateTransition, default: 0] > 0)
            #expect(coverage.refusals[.invalidVpcRange, default: 0] > 0)
        }
    }

    @Test("the invariant checker notices a broken state, so the property cannot pass vacuously")
    func checkerIsNotVacuous() throws {
        var world = try PeeringWorld()
        #expect(world.violations().isEmpty)
        let owner = PeeringWorld.accounts[0]
        let peering = try world.f.createPeering("v0", "v1", as: owner)
        let mainTable = try #require(world.f.state.vpcs[world.vpcIds[0]]).mainRouteTableId
        try world.f.peeringRoute(mainTable, "10.11.0.0/16", peering: peering.peeringId, as: owner)
        #expect(world.violations().isEmpty, "a pending peering with a blackhole route is fine")

        // An active route over a pending peering.
        var table = try #require(world.f.state.routeTables[mainTable])
        let index = try #require(table.routes.firstIndex { $0.target.id == peering.peeringId })
        table.routes[index].state = .active
        var broken = world
        broken.f.state.load(table)
        #expect(broken.violations().contains { $0.contains("is active but the peering is pending-acceptance") })

        // Two live peerings for one pair, a peering between overlapping VPCs, a VPC over quota, a
        // blackhole route over an active peering.
        broken = world
        let v3 = PeeringVpcInfo(
            vpcId: world.vpcIds[3], accountId: "222222222222", region: "us-east-1", cidrBlocks: ["10.10.128.0/17"])
        for (n, id) in [peering.peeringId, "pcx-00000000000000001", "pcx-00000000000000002"].enumerated() {
            var copy = peering
            copy.peeringId = id
            copy.status = PeeringStatus(code: PeeringStatus.active, message: "Active")
            if n == 2 { copy.accepter = v3 }
            broken.f.state.load(copy)
        }
        let found = broken.violations()
        #expect(found.contains { $0.contains("live peerings between") })
        #expect(found.contains { $0.contains("active peerings, quota 2") })
        #expect(found.contains { $0.contains("joins overlapping VPCs") })
        #expect(found.contains { $0.contains("over an active peering") })
    }
}
