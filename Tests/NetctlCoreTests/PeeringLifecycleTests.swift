import Foundation
import NetctlAPI
import Testing

@testable import NetctlCore

/// The accounts and regions the peering suites act as.
enum Actors {
    static let requesterAccount = "111111111111"
    static let accepterAccount = "222222222222"
    /// The requester of every cross-account peering.
    static let requester = Scope(accountId: requesterAccount, region: "us-east-1")
    /// The accepter of an inter-region peering.
    static let accepterWest = Scope(accountId: accepterAccount, region: "us-west-2")
    /// The accepter account in the requester's region: the accepter of a same-region peering, or the
    /// accepter of an inter-region one acting in the wrong region.
    static let accepterEast = Scope(accountId: accepterAccount, region: "us-east-1")
    /// An account that is neither side.
    static let third = Scope(accountId: "333333333333", region: "us-east-1")
}

let hour: TimeInterval = 3600
let day: TimeInterval = 24 * hour

// MARK: - The lifecycle table

enum LifecycleStatus: String, Sendable, CaseIterable {
    case pending = "pending-acceptance"
    case active, rejected, expired, failed, deleted
}

enum LifecycleAction: String, Sendable, CaseIterable {
    case accept, reject, delete

    func command(_ id: String) -> (inout State, inout CommandContext) throws(NetctlError) -> Peering {
        switch self {
        case .accept: { s, c throws(NetctlError) in try s.acceptPeering(PeeringAccept(peering: id), &c) }
        case .reject: { s, c throws(NetctlError) in try s.rejectPeering(PeeringReject(peering: id), &c) }
        case .delete: { s, c throws(NetctlError) in try s.deletePeering(PeeringDelete(peering: id), &c) }
        }
    }
}

enum LifecycleActor: String, Sendable, CaseIterable {
    case requester
    case accepter
    case accepterWrongRegion = "accepter in the wrong region"
    case thirdAccount = "third account"

    var scope: Scope {
        switch self {
        case .requester: Actors.requester
        case .accepter: Actors.accepterWest
        case .accepterWrongRegion: Actors.accepterEast
        case .thirdAccount: Actors.third
        }
    }
}

enum LifecycleOutcome: Sendable, CustomStringConvertible {
    case becomes(String)
    case fails(ErrorCode)

    var description: String {
        switch self {
        case .becomes(let status): "becomes \(status)"
        case .fails(let code): "fails with \(code.rawValue)"
        }
    }
}

struct LifecycleCase: Sendable, CustomTestStringConvertible {
    var status: LifecycleStatus
    var action: LifecycleAction
    var actor: LifecycleActor
    var expected: LifecycleOutcome

    var testDescription: String {
        "\(action.rawValue) of a \(status.rawValue) peering by the \(actor.rawValue) \(expected)"
    }
}

/// SEMANTICS.md 2.2 as a table, for a cross-account inter-region peering (111111111111 in us-east-1
/// requests, 222222222222 in us-west-2 accepts). Accept and reject belong to the accepter, in its
/// region; delete to either side of an active peering and to the requester of a pending one; every
/// other combination is `InvalidStateTransition`; an account that is neither side cannot see the
/// peering at all; a failed request is visible to its requester only. The accepter's account acting
/// from a region other than the accepter's is `OperationNotPermitted` (API.md: "wrong region"),
/// whatever the status, for as long as the accepter may see the peering.
enum LifecycleTable {
    static let ist = LifecycleOutcome.fails(.invalidStateTransition)
    static let wrongRegion = LifecycleOutcome.fails(.operationNotPermitted)
    static let unseen = LifecycleOutcome.fails(.peeringNotFound)

    /// Columns: requester, accepter, accepter in the wrong region, third account.
    static let rows: [(LifecycleStatus, LifecycleAction, [LifecycleOutcome])] = [
        (.pending, .accept, [ist, .becomes(PeeringStatus.active), wrongRegion, unseen]),
        (.pending, .reject, [ist, .becomes(PeeringStatus.rejected), wrongRegion, unseen]),
        (.pending, .delete, [.becomes(PeeringStatus.deleted), ist, wrongRegion, unseen]),
        (.active, .accept, [ist, ist, wrongRegion, unseen]),
        (.active, .reject, [ist, ist, wrongRegion, unseen]),
        (.active, .delete, [.becomes(PeeringStatus.deleted), .becomes(PeeringStatus.deleted), wrongRegion, unseen]),
        (.rejected, .accept, [ist, ist, wrongRegion, unseen]),
        (.rejected, .reject, [ist, ist, wrongRegion, unseen]),
        (.rejected, .delete, [ist, ist, wrongRegion, unseen]),
        (.expired, .accept, [ist, ist, wrongRegion, unseen]),
        (.expired, .reject, [ist, ist, wrongRegion, unseen]),
        (.expired, .delete, [ist, ist, wrongRegion, unseen]),
        (.failed, .accept, [ist, unseen, unseen, unseen]),
        (.failed, .reject, [ist, unseen, unseen, unseen]),
        (.failed, .delete, [ist, unseen, unseen, unseen]),
        (.deleted, .accept, [ist, ist, wrongRegion, unseen]),
        (.deleted, .reject, [ist, ist, wrongRegion, unseen]),
        (.deleted, .delete, [ist, ist, wrongRegion, unseen]),
    ]

    static let cases: [LifecycleCase] = rows.flatMap { status, action, outcomes in
        zip(LifecycleActor.allCases, outcomes).map { actor, outcome in
            LifecycleCase(status: status, action: action, actor: actor, expected: outcome)
        }
    }

    /// A fixture holding one peering in `status`, reached through the real commands.
    static func setUp(_ status: LifecycleStatus) throws -> (Fixture, Peering) {
        var f = Fixture(scope: Actors.requester)
        try f.vpc("10.10.0.0/16", name: "req", as: Actors.requester)
        // Bystanders own VPCs too, so "cannot see it" is not "has nothing at all".
        try f.vpc("10.30.0.0/16", name: "other", as: Actors.accepterEast)
        try f.vpc("10.40.0.0/16", name: "third", as: Actors.third)
        let accepterCidr = status == .failed ? "10.10.128.0/17" : "10.20.0.0/16"
        let accepter = try f.vpc(accepterCidr, name: "acc", as: Actors.accepterWest)
        var peering = try f.createPeering(
            "req", accepter.vpcId, accepterAccountId: Actors.accepterAccount, accepterRegion: "us-west-2")
        let id = peering.peeringId
        switch status {
        case .pending, .failed:
            break
        case .active:
            peering = try f.acceptPeering(id, as: Actors.accepterWest)
        case .rejected:
            peering = try f.rejectPeering(id, as: Actors.accepterWest)
        case .deleted:
            try f.acceptPeering(id, as: Actors.accepterWest)
            peering = try f.deletePeering(id, as: Actors.requester)
        case .expired:
            let expiry = try #require(peering.expirationTime)
            f.runDueWork(at: expiry.addingTimeInterval(1))
            peering = try f.peering(id)
        }
        try #require(peering.status.code == status.rawValue, "set-up did not reach \(status.rawValue)")
        return (f, peering)
    }
}

@Suite("Peering lifecycle")
struct PeeringLifecycleTests {
    @Test("the table covers every status × action × actor exactly once")
    func tableIsComplete() {
        #expect(LifecycleTable.cases.count == LifecycleStatus.allCases.count * 3 * LifecycleActor.allCases.count)
        for status in LifecycleStatus.allCases {
            for action in LifecycleAction.allCases {
                #expect(LifecycleTable.rows.filter { $0.0 == status && $0.1 == action }.count == 1)
            }
        }
    }

    @Test("status × action × actor", arguments: LifecycleTable.cases)
    func transition(_ c: LifecycleCase) throws {
        var (f, peering) = try LifecycleTable.setUp(c.status)
        let id = peering.peeringId
        switch c.expected {
        case .becomes(let status):
            peering = try f.run(as: c.actor.scope, c.action.command(id))
            #expect(peering.status.code == status)
            #expect(try f.peering(id).status.code == status)
            #expect(peering.expirationTime == nil)
        case .fails(let code):
            let error = f.expectFailure(as: c.actor.scope, code, nil, c.action.command(id))
            if code != .peeringNotFound {
                #expect(error?.message.contains(id) == true, "the message names the peering")
            }
        }
    }

    @Test("the accepter's account in the requester's region cannot accept a same-account inter-region peering")
    func acceptInWrongRegionSameAccount() throws {
        let east = Actors.requester
        let west = Scope(accountId: Actors.requesterAccount, region: "us-west-2")
        var f = Fixture(scope: east)
        try f.vpc("10.10.0.0/16", name: "a", as: east)
        let b = try f.vpc("10.20.0.0/16", name: "b", as: west)
        let peering = try f.createPeering("a", b.vpcId, accepterRegion: "us-west-2")
        #expect(peering.status.code == PeeringStatus.pendingAcceptance)
        let error = f.expectFailure(as: east, .operationNotPermitted) { s, c throws(NetctlError) in
            try s.acceptPeering(PeeringAccept(peering: peering.peeringId), &c)
        }
        #expect(error?.message.contains("us-west-2") == true)
        #expect(try f.acceptPeering(peering.peeringId, as: west).status.code == PeeringStatus.active)
    }

    // MARK: Creation rules

    @Test("a VPC cannot be peered with itself")
    func selfPeering() throws {
        var f = Fixture(scope: Actors.requester)
        let a = try f.vpc("10.10.0.0/16", name: "a", as: Actors.requester)
        f.expectFailure(as: Actors.requester, .invalidParameterValue) { s, c throws(NetctlError) in
            try s.createPeering(PeeringCreate(requesterVpc: "a", accepterVpc: a.vpcId), &c)
        }
        #expect(f.state.peerings.count == 0)
    }

    /// Two VPCs of different accounts, in one region.
    struct Pair {
        var f = Fixture(scope: Actors.requester)
        var a: Vpc
        var b: Vpc

        init(quotas: Quotas = Quotas(), a aCidr: String = "10.10.0.0/16", b bCidr: String = "10.20.0.0/16") throws {
            f = Fixture(scope: Actors.requester, quotas: quotas)
            a = try f.vpc(aCidr, name: "a", as: Actors.requester)
            b = try f.vpc(bCidr, name: "b", as: Actors.accepterEast)
        }

        /// a → b, from the requester's account.
        mutating func request() throws(NetctlError) -> Peering {
            try f.createPeering("a", b.vpcId, accepterAccountId: Actors.accepterAccount)
        }

        /// b → a, from the accepter's account.
        mutating func requestBack() throws(NetctlError) -> Peering {
            try f.createPeering("b", a.vpcId, accepterAccountId: Actors.requesterAccount, as: Actors.accepterEast)
        }

        mutating func expectDuplicate(sourceLocation: SourceLocation = #_sourceLocation) {
            let forward = f.expectFailure(as: Actors.requester, .peeringAlreadyExists, sourceLocation: sourceLocation) {
                [b] s, c throws(NetctlError) in
                try s.createPeering(
                    PeeringCreate(requesterVpc: "a", accepterVpc: b.vpcId, accepterAccountId: Actors.accepterAccount),
                    &c)
            }
            #expect(forward?.message.contains("already exists") == true, sourceLocation: sourceLocation)
            f.expectFailure(
                as: Actors.accepterEast, .peeringAlreadyExists, "the other direction", sourceLocation: sourceLocation
            ) {
                [a] s, c throws(NetctlError) in
                try s.createPeering(
                    PeeringCreate(requesterVpc: "b", accepterVpc: a.vpcId, accepterAccountId: Actors.requesterAccount),
                    &c)
            }
        }
    }

    @Test("a second peering between the same VPCs, in either direction, is refused while the first is live")
    func duplicateWhileLive() throws {
        var p = try Pair()
        let first = try p.request()
        p.expectDuplicate()
        try p.f.acceptPeering(first.peeringId, as: Actors.accepterEast)
        p.expectDuplicate()
    }

    enum Ending: String, CaseIterable, Sendable {
        case rejected, withdrawn, deletedWhileActive, expired
    }

    @Test("once the first peering is over, the pair may be peered again", arguments: Ending.allCases)
    func peerAgainAfterEnd(_ ending: Ending) throws {
        var p = try Pair()
        let first = try p.request()
        switch ending {
        case .rejected: try p.f.rejectPeering(first.peeringId, as: Actors.accepterEast)
        case .withdrawn: try p.f.deletePeering(first.peeringId, as: Actors.requester)
        case .deletedWhileActive:
            try p.f.acceptPeering(first.peeringId, as: Actors.accepterEast)
            try p.f.deletePeering(first.peeringId, as: Actors.accepterEast)
        case .expired:
            p.f.runDueWork(at: try #require(first.expirationTime))
            #expect(try p.f.peering(first.peeringId).status.code == PeeringStatus.expired)
        }
        let second = try p.requestBack()
        #expect(second.peeringId != first.peeringId)
        #expect(second.status.code == PeeringStatus.pendingAcceptance)
        // …and that one blocks a third.
        p.expectDuplicate()
    }

    @Test(
        "overlapping CIDRs create the peering in status failed, naming both CIDRs",
        arguments: [
            ("10.10.0.0/16", "10.10.128.0/17", nil as String?, "10.10.0.0/16", "10.10.128.0/17"),
            ("10.10.0.0/16", "10.10.0.0/16", nil, "10.10.0.0/16", "10.10.0.0/16"),
            // A secondary block counts as much as the primary.
            ("10.10.0.0/16", "10.11.0.0/20", "10.11.0.0/16", "10.11.0.0/16", "10.11.0.0/20"),
        ])
    func overlapFails(aCidr: String, bCidr: String, aSecondary: String?, named first: String, and second: String) throws
    {
        var p = try Pair(a: aCidr, b: bCidr)
        if let aSecondary { try p.f.associateCidr("a", aSecondary, as: Actors.requester) }
        let peering = try p.request()
        #expect(peering.status.code == PeeringStatus.failed)
        #expect(peering.status.message.contains(first))
        #expect(peering.status.message.contains(second))
        #expect(peering.expirationTime == nil)
        #expect(try p.f.peering(peering.peeringId).status.code == PeeringStatus.failed)
        // A failed request is not live: it blocks neither a retry nor the requester's CIDR changes.
        #expect(try p.request().status.code == PeeringStatus.failed)
    }

    @Test("mtu is 9001 within a region and 1500 across regions")
    func mtu() throws {
        var f = Fixture(scope: Actors.requester)
        try f.vpc("10.10.0.0/16", name: "a", as: Actors.requester)
        let east = try f.vpc("10.20.0.0/16", name: "east", as: Actors.accepterEast)
        let west = try f.vpc("10.30.0.0/16", name: "west", as: Actors.accepterWest)
        let same = try f.createPeering("a", east.vpcId, accepterAccountId: Actors.accepterAccount)
        let inter = try f.createPeering(
            "a", west.vpcId, accepterAccountId: Actors.accepterAccount, accepterRegion: "us-west-2")
        #expect(same.mtu == 9001)
        #expect(inter.mtu == 1500)
        #expect(!same.isInterRegion)
        #expect(inter.isInterRegion)
        #expect(inter.accepter.region == "us-west-2")
        #expect(try f.acceptPeering(inter.peeringId, as: Actors.accepterWest).mtu == 1500)
    }

    @Test("expirationTime is createdAt + 7 days while pending and nil once accepted")
    func expirationTime() throws {
        var p = try Pair()
        let peering = try p.request()
        #expect(peering.expirationTime == peering.createdAt.addingTimeInterval(7 * day))
        let seen = try p.f.state.getPeering(PeeringGet(peering: peering.peeringId), p.f.query(as: Actors.accepterEast))
        #expect(seen.expirationTime == peering.expirationTime)
        let accepted = try p.f.acceptPeering(peering.peeringId, as: Actors.accepterEast)
        #expect(accepted.expirationTime == nil)
        #expect(try p.f.peering(peering.peeringId).expirationTime == nil)
    }

    // MARK: Quotas

    @Test("activePeeringsPerVpc is checked on accept, for the requester's VPC and for the accepter's")
    func activeQuota() throws {
        var f = Fixture(scope: Actors.requester, quotas: Quotas([.activePeeringsPerVpc: 2]))
        let hub = try f.vpc("10.10.0.0/16", name: "hub", as: Actors.requester)
        let x1 = try f.vpc("10.21.0.0/16", name: "x1", as: Actors.accepterEast)
        let x2 = try f.vpc("10.22.0.0/16", name: "x2", as: Actors.accepterEast)
        let x3 = try f.vpc("10.23.0.0/16", name: "x3", as: Actors.accepterEast)
        var active: [Peering] = []
        for x in [x1, x2] {
            let p = try f.createPeering("hub", x.vpcId, accepterAccountId: Actors.accepterAccount)
            active.append(try f.acceptPeering(p.peeringId, as: Actors.accepterEast))
        }
        // Pending requests do not count: the third can be made, but not accepted.
        let third = try f.createPeering("hub", x3.vpcId, accepterAccountId: Actors.accepterAccount)
        let error = f.expectFailure(as: Actors.accepterEast, .activePeeringLimitExceeded) { s, c throws(NetctlError) in
            try s.acceptPeering(PeeringAccept(peering: third.peeringId), &c)
        }
        #expect(error?.message.contains(hub.vpcId) == true)
        #expect(error?.message.contains("activePeeringsPerVpc") == true)
        #expect(try f.peering(third.peeringId).status.code == PeeringStatus.pendingAcceptance)

        // The accepter's VPC full: x1 and x2 get a second peering each, then x1 is asked a third time.
        try f.vpc("10.11.0.0/16", name: "a", as: Actors.requester)
        try f.vpc("10.12.0.0/16", name: "b", as: Actors.requester)
        for x in [x1, x2] {
            let p = try f.createPeering("a", x.vpcId, accepterAccountId: Actors.accepterAccount)
            try f.acceptPeering(p.peeringId, as: Actors.accepterEast)
        }
        let fourth = try f.createPeering("b", x1.vpcId, accepterAccountId: Actors.accepterAccount)
        let full = f.expectFailure(as: Actors.accepterEast, .activePeeringLimitExceeded) { s, c throws(NetctlError) in
            try s.acceptPeering(PeeringAccept(peering: fourth.peeringId), &c)
        }
        #expect(full?.message.contains(x1.vpcId) == true, "names the accepter's full VPC")

        // Deleting one of hub's peerings makes room.
        try f.deletePeering(active[0].peeringId, as: Actors.requester)
        #expect(try f.acceptPeering(third.peeringId, as: Actors.accepterEast).status.code == PeeringStatus.active)
        #expect(f.state.activePeerings(of: hub.vpcId).count == 2)
    }

    @Test("outstandingPeeringsPerAccount is checked on create, per requesting account")
    func outstandingQuota() throws {
        var f = Fixture(scope: Actors.requester, quotas: Quotas([.outstandingPeeringsPerAccount: 2]))
        try f.vpc("10.10.0.0/16", name: "a", as: Actors.requester)
        let x = try (1...4).map { i throws(NetctlError) in
            try f.vpc("10.2\(i).0.0/16", name: "x\(i)", as: Actors.accepterEast)
        }
        try f.vpc("10.10.0.0/16", name: "clash", as: Actors.accepterEast)
        // A failed request is not outstanding.
        #expect(
            try f.createPeering("a", "clash", accepterAccountId: Actors.accepterAccount, as: Actors.requester).status
                .code
                == PeeringStatus.failed)
        let first = try f.createPeering("a", x[0].vpcId, accepterAccountId: Actors.accepterAccount)
        try f.createPeering("a", x[1].vpcId, accepterAccountId: Actors.accepterAccount)
        let error = f.expectFailure(as: Actors.requester, .outstandingPeeringLimitExceeded) {
            s, c throws(NetctlError) in
            try s.createPeering(
                PeeringCreate(requesterVpc: "a", accepterVpc: x[2].vpcId, accepterAccountId: Actors.accepterAccount), &c
            )
        }
        #expect(error?.message.contains("outstandingPeeringsPerAccount") == true)
        // The other account's quota is its own.
        let back = try f.createPeering(
            "x4", "a", accepterAccountId: Actors.requesterAccount, as: Actors.accepterEast)
        #expect(back.status.code == PeeringStatus.pendingAcceptance)
        // Accepting one frees a slot.
        try f.acceptPeering(first.peeringId, as: Actors.accepterEast)
        #expect(
            try f.createPeering("a", x[2].vpcId, accepterAccountId: Actors.accepterAccount).status.code
                == PeeringStatus.pendingAcceptance)
    }

    // MARK: Visibility of finished peerings

    /// Whether `scope` sees the peering at `date`; peering.get and peering.list must agree.
    func sees(
        _ f: Fixture, _ id: String, as scope: Scope, at date: Date, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let query = f.query(as: scope, at: date)
        var got = false
        do {
            got = try f.state.getPeering(PeeringGet(peering: id), query).peeringId == id
        } catch {
            #expect(error.code == .peeringNotFound, sourceLocation: sourceLocation)
        }
        let listed = (try? f.state.listPeerings(PeeringList(), query).peerings.contains { $0.peeringId == id }) ?? false
        #expect(got == listed, "peering.get and peering.list disagree", sourceLocation: sourceLocation)
        return got
    }

    @Test("rejected: the requester sees it for 2 days, the accepter for 2 hours")
    func rejectedWindows() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let rejected = try p.f.rejectPeering(id, as: Actors.accepterEast)
        let t = rejected.statusUpdatedAt
        #expect(sees(p.f, id, as: Actors.requester, at: t.addingTimeInterval(47 * hour)))
        #expect(!sees(p.f, id, as: Actors.requester, at: t.addingTimeInterval(49 * hour)))
        #expect(sees(p.f, id, as: Actors.accepterEast, at: t.addingTimeInterval(2 * hour - 60)))
        #expect(!sees(p.f, id, as: Actors.accepterEast, at: t.addingTimeInterval(2 * hour + 60)))
        #expect(!sees(p.f, id, as: Actors.third, at: t))
    }

    @Test("deleted: the deleter sees it for 2 hours, the other side for 2 days", arguments: [true, false])
    func deletedWindows(deletedByRequester: Bool) throws {
        var p = try Pair()
        let id = try p.request().peeringId
        try p.f.acceptPeering(id, as: Actors.accepterEast)
        let (deleter, other) =
            deletedByRequester ? (Actors.requester, Actors.accepterEast) : (Actors.accepterEast, Actors.requester)
        let deleted = try p.f.deletePeering(id, as: deleter)
        #expect(deleted.status.code == PeeringStatus.deleted)
        let t = deleted.statusUpdatedAt
        #expect(sees(p.f, id, as: deleter, at: t.addingTimeInterval(2 * hour - 60)))
        #expect(!sees(p.f, id, as: deleter, at: t.addingTimeInterval(2 * hour + 60)))
        #expect(sees(p.f, id, as: other, at: t.addingTimeInterval(47 * hour)))
        #expect(!sees(p.f, id, as: other, at: t.addingTimeInterval(49 * hour)))
    }

    @Test("same account: rejected and deleted peerings stay visible for 2 hours", arguments: ["reject", "delete"])
    func sameAccountWindow(action: String) throws {
        var f = Fixture(scope: Actors.requester)
        try f.vpc("10.10.0.0/16", name: "a", as: Actors.requester)
        try f.vpc("10.20.0.0/16", name: "b", as: Actors.requester)
        let id = try f.createPeering("a", "b").peeringId
        let ended: Peering
        if action == "reject" {
            ended = try f.rejectPeering(id)
        } else {
            try f.acceptPeering(id)
            ended = try f.deletePeering(id)
        }
        let t = ended.statusUpdatedAt
        #expect(sees(f, id, as: Actors.requester, at: t.addingTimeInterval(2 * hour - 60)))
        #expect(!sees(f, id, as: Actors.requester, at: t.addingTimeInterval(2 * hour + 60)))
        // Gone from listings; forgotten by the next sweep.
        f.runDueWork(at: t.addingTimeInterval(2 * hour))
        #expect(f.state.peerings.count == 0)
    }

    @Test("failed: the requester sees it for 2 hours, the accepter never; expired: both for 2 days")
    func failedAndExpiredWindows() throws {
        var p = try Pair(b: "10.10.0.0/20")
        let failed = try p.request()
        #expect(failed.status.code == PeeringStatus.failed)
        let t = failed.statusUpdatedAt
        #expect(sees(p.f, failed.peeringId, as: Actors.requester, at: t.addingTimeInterval(2 * hour - 60)))
        #expect(!sees(p.f, failed.peeringId, as: Actors.requester, at: t.addingTimeInterval(2 * hour + 60)))
        #expect(!sees(p.f, failed.peeringId, as: Actors.accepterEast, at: t))

        var q = try Pair()
        let pending = try q.request()
        let expiry = try #require(pending.expirationTime)
        q.f.runDueWork(at: expiry.addingTimeInterval(5))
        let expired = try q.f.peering(pending.peeringId)
        #expect(expired.status.code == PeeringStatus.expired)
        #expect(expired.statusUpdatedAt == expiry, "the window runs from the expiry, not from when the sweep ran")
        for scope in [Actors.requester, Actors.accepterEast] {
            #expect(sees(q.f, pending.peeringId, as: scope, at: expiry.addingTimeInterval(2 * day - 60)))
            #expect(!sees(q.f, pending.peeringId, as: scope, at: expiry.addingTimeInterval(2 * day + 60)))
        }
    }

    @Test("runDueWork expires a pending request at its expirationTime and forgets it 2 days later")
    func dueWorkExpiry() throws {
        var p = try Pair()
        #expect(p.f.state.nextDeadline() == nil)
        let pending = try p.request()
        let expiry = try #require(pending.expirationTime)
        #expect(p.f.state.nextDeadline() == expiry)

        p.f.runDueWork(at: expiry.addingTimeInterval(-1))
        #expect(try p.f.peering(pending.peeringId).status.code == PeeringStatus.pendingAcceptance, "not due yet")
        #expect(p.f.state.nextDeadline() == expiry)

        p.f.runDueWork(at: expiry)
        let expired = try p.f.peering(pending.peeringId)
        #expect(expired.status.code == PeeringStatus.expired)
        #expect(expired.expirationTime == nil)
        #expect(p.f.state.nextDeadline() == expiry.addingTimeInterval(2 * day))

        p.f.runDueWork(at: expiry.addingTimeInterval(2 * day - 1))
        #expect(p.f.state.peerings.count == 1)
        _ = p.f.state.takeChanges()
        p.f.runDueWork(at: expiry.addingTimeInterval(2 * day))
        #expect(p.f.state.peerings.count == 0)
        #expect(p.f.state.nextDeadline() == nil)
        let events = p.f.state.takeChanges().events
        #expect(
            events.contains { $0.resourceId == pending.peeringId && $0.action == .delete }, "the purge is an event")
    }

    @Test("runDueWork keeps a finished peering until its longest visibility window has passed")
    func dueWorkPurge() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let rejected = try p.f.rejectPeering(id, as: Actors.accepterEast)
        let t = rejected.statusUpdatedAt
        #expect(
            p.f.state.nextDeadline() == t.addingTimeInterval(2 * day),
            "the requester's 2 days, not the accepter's 2 hours")
        // Past the accepter's window the requester still sees it, so it is kept.
        p.f.runDueWork(at: t.addingTimeInterval(3 * hour))
        #expect(p.f.state.peerings.count == 1)
        #expect(sees(p.f, id, as: Actors.requester, at: p.f.context.now))
        p.f.runDueWork(at: t.addingTimeInterval(2 * day + 1))
        #expect(p.f.state.peerings.count == 0)
        #expect(p.f.state.peerings.children(of: Peering.timedKey).isEmpty)
        #expect(p.f.state.peerings.children(of: p.a.vpcId).isEmpty, "indexes forget it too")
        #expect(p.f.state.nextDeadline() == nil)
    }

    @Test("one runDueWork does everything due by then: a request past expiry + 2 days is expired and forgotten")
    func dueWorkInOnePass() throws {
        var p = try Pair()
        let pending = try p.request()
        let expiry = try #require(pending.expirationTime)
        // As `debug.clock.advance` does with a 10-day jump: one call, one transaction.
        p.f.runDueWork(at: expiry.addingTimeInterval(3 * day))
        #expect(!sees(p.f, pending.peeringId, as: Actors.requester, at: p.f.context.now))
        #expect(p.f.state.peerings.count == 0, "the expired request's 2 days are over too")
        let next = p.f.state.nextDeadline()
        #expect(
            next.map { $0 > p.f.context.now } ?? true, "nothing may still be due (next: \(String(describing: next)))")
    }

    // MARK: Routes over peerings

    @Test("a route over a peering is blackhole while pending, active once accepted, blackhole after delete")
    func routeFollowsPeering() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let aTable = p.a.mainRouteTableId
        let bTable = p.b.mainRouteTableId
        let created = try p.f.peeringRoute(aTable, "10.20.0.0/16", peering: id, as: Actors.requester)
        #expect(created.routes.first { $0.destinationCidrBlock == "10.20.0.0/16" }?.state == .blackhole)
        #expect(
            created.routes.first { $0.destinationCidrBlock == "10.20.0.0/16" }?.target
                == RouteTarget(type: RouteTarget.peering, id: id))
        try p.f.peeringRoute(bTable, "10.10.0.0/24", peering: id, as: Actors.accepterEast)
        #expect(try p.f.route(in: bTable, to: "10.10.0.0/24").state == .blackhole)

        try p.f.acceptPeering(id, as: Actors.accepterEast)
        #expect(try p.f.route(in: aTable, to: "10.20.0.0/16").state == .active)
        #expect(try p.f.route(in: bTable, to: "10.10.0.0/24").state == .active)

        try p.f.deletePeering(id, as: Actors.accepterEast)
        #expect(try p.f.route(in: aTable, to: "10.20.0.0/16").state == .blackhole)
        #expect(try p.f.route(in: bTable, to: "10.10.0.0/24").state == .blackhole)
        // The route stays until someone deletes it, even after the peering is forgotten.
        p.f.runDueWork(at: p.f.context.now.addingTimeInterval(3 * day))
        #expect(p.f.state.peerings.count == 0)
        #expect(try p.f.route(in: aTable, to: "10.20.0.0/16").state == .blackhole)
    }

    @Test("a route to a request that expires or is rejected stays blackhole", arguments: ["expire", "reject"])
    func routeToEndedRequest(ending: String) throws {
        var p = try Pair()
        let pending = try p.request()
        let table = p.a.mainRouteTableId
        try p.f.peeringRoute(table, "10.20.0.0/16", peering: pending.peeringId, as: Actors.requester)
        if ending == "expire" {
            p.f.runDueWork(at: try #require(pending.expirationTime))
            #expect(try p.f.peering(pending.peeringId).status.code == PeeringStatus.expired)
        } else {
            try p.f.rejectPeering(pending.peeringId, as: Actors.accepterEast)
        }
        #expect(try p.f.route(in: table, to: "10.20.0.0/16").state == .blackhole)
        // A new peering of the pair does not revive a route to the old one.
        let second = try p.request()
        try p.f.acceptPeering(second.peeringId, as: Actors.accepterEast)
        #expect(try p.f.route(in: table, to: "10.20.0.0/16").state == .blackhole)
    }

    @Test("a route over another VPC's peering, or one the caller cannot see, is refused")
    func routeOverForeignPeering() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let c = try p.f.vpc("10.30.0.0/16", name: "c", as: Actors.requester)
        p.f.expectFailure(as: Actors.requester, .invalidParameterValue) { s, c2 throws(NetctlError) in
            try s.createRoute(
                RouteCreate(routeTable: c.mainRouteTableId, destinationCidrBlock: "10.20.0.0/16", peering: id), &c2)
        }
        let thirdVpc = try p.f.vpc("10.40.0.0/16", name: "t", as: Actors.third)
        p.f.expectFailure(as: Actors.third, .peeringNotFound) { s, c2 throws(NetctlError) in
            try s.createRoute(
                RouteCreate(routeTable: thirdVpc.mainRouteTableId, destinationCidrBlock: "10.20.0.0/16", peering: id),
                &c2)
        }
    }

    // MARK: Interplay with VPC commands

    @Test("vpc.delete is refused on either side while a peering is active, and for the accepter while pending")
    func vpcDeleteNeedsPeeringGone() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let pendingError = p.f.expectFailure(as: Actors.accepterEast, .dependencyViolation) {
            s, c throws(NetctlError) in
            try s.deleteVpc(VpcDelete(vpc: "b"), &c)
        }
        #expect(pendingError?.message.contains(id) == true)
        try p.f.acceptPeering(id, as: Actors.accepterEast)
        for (scope, vpc) in [(Actors.requester, "a"), (Actors.accepterEast, "b")] {
            let error = p.f.expectFailure(as: scope, .dependencyViolation, "\(vpc)") { s, c throws(NetctlError) in
                try s.deleteVpc(VpcDelete(vpc: vpc), &c)
            }
            #expect(error?.message.contains(id) == true)
        }
        try p.f.deletePeering(id, as: Actors.requester)
        try p.f.run(as: Actors.requester) { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "a"), &c) }
        try p.f.run(as: Actors.accepterEast) { s, c throws(NetctlError) in try s.deleteVpc(VpcDelete(vpc: "b"), &c) }
        #expect(p.f.state.vpcs.count == 0)
    }

    @Test("the requester of a pending request cannot add CIDR blocks; the accepter can")
    func pendingRequesterCannotAddCidr() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let error = p.f.expectFailure(as: Actors.requester, .invalidParameterValue) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.11.0.0/16"), &c)
        }
        #expect(error?.message.contains(id) == true)
        try p.f.associateCidr("b", "10.21.0.0/16", as: Actors.accepterEast)
        let peering = try p.f.peering(id)
        #expect(peering.status.code == PeeringStatus.pendingAcceptance)
        #expect(peering.accepter.cidrBlocks == ["10.20.0.0/16", "10.21.0.0/16"])
        // Once answered, the requester is free again.
        try p.f.acceptPeering(id, as: Actors.accepterEast)
        try p.f.associateCidr("a", "10.11.0.0/16", as: Actors.requester)
        #expect(try p.f.peering(id).requester.cidrBlocks == ["10.10.0.0/16", "10.11.0.0/16"])
    }

    @Test("an accepter block that overlaps the requester fails the pending request")
    func accepterOverlapFailsRequest() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        try p.f.peeringRoute(p.a.mainRouteTableId, "10.20.0.0/16", peering: id, as: Actors.requester)
        try p.f.associateCidr("b", "10.10.128.0/17", as: Actors.accepterEast)
        let failed = try p.f.peering(id)
        #expect(failed.status.code == PeeringStatus.failed)
        #expect(failed.status.message.contains("10.10.0.0/16"))
        #expect(failed.status.message.contains("10.10.128.0/17"))
        #expect(failed.expirationTime == nil)
        #expect(try p.f.route(in: p.a.mainRouteTableId, to: "10.20.0.0/16").state == .blackhole)
        p.f.expectFailure(as: Actors.accepterEast, .peeringNotFound, "the accepter never sees a failed request") {
            s, c throws(NetctlError) in try s.acceptPeering(PeeringAccept(peering: id), &c)
        }
        // No longer pending: the requester may add blocks again.
        try p.f.associateCidr("a", "10.11.0.0/16", as: Actors.requester)
    }

    @Test("a block that overlaps an active peer is refused with InvalidVpc.Range, on either side")
    func overlapWithActivePeer() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        try p.f.acceptPeering(id, as: Actors.accepterEast)
        let error = p.f.expectFailure(as: Actors.requester, .invalidVpcRange) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.20.128.0/17"), &c)
        }
        #expect(error?.message.contains(id) == true)
        p.f.expectFailure(as: Actors.accepterEast, .invalidVpcRange) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "b", cidrBlock: "10.10.0.0/17"), &c)
        }
        // Secondary blocks of the peer count too.
        try p.f.associateCidr("b", "10.21.0.0/16", as: Actors.accepterEast)
        #expect(try p.f.peering(id).accepter.cidrBlocks == ["10.20.0.0/16", "10.21.0.0/16"])
        p.f.expectFailure(as: Actors.requester, .invalidVpcRange) { s, c throws(NetctlError) in
            try s.associateVpcCidr(VpcAssociateCidr(vpc: "a", cidrBlock: "10.21.0.0/20"), &c)
        }
        try p.f.associateCidr("a", "10.11.0.0/16", as: Actors.requester)
        #expect(try p.f.peering(id).status.code == PeeringStatus.active)
    }

    @Test("DNS options can be set only on an active peering, per side, with DNS hostnames on both VPCs")
    func modifyOptions() throws {
        var p = try Pair()
        let id = try p.request().peeringId
        let enable = PeeringModifyOptions(peering: id, requesterAllowDnsResolutionFromRemoteVpc: true)
        p.f.expectFailure(as: Actors.requester, .invalidStateTransition, "pending") { s, c throws(NetctlError) in
            try s.modifyPeeringOptions(enable, &c)
        }
        try p.f.acceptPeering(id, as: Actors.accepterEast)
        let disabled: ErrorCode = "InvalidVpcPeeringConnectionState.DnsHostnamesDisabled"
        p.f.expectFailure(as: Actors.requester, disabled, "no DNS hostnames anywhere") { s, c throws(NetctlError) in
            try s.modifyPeeringOptions(enable, &c)
        }
        try p.f.run(as: Actors.requester) { s, c throws(NetctlError) in
            try s.modifyVpcAttribute(VpcModifyAttribute(vpc: "a", enableDnsHostnames: true), &c)
        }
        let oneSided = p.f.expectFailure(as: Actors.requester, disabled, "only a has them") {
            s, c throws(NetctlError) in
            try s.modifyPeeringOptions(enable, &c)
        }
        #expect(oneSided?.message.contains(p.b.vpcId) == true)
        try p.f.run(as: Actors.accepterEast) { s, c throws(NetctlError) in
            try s.modifyVpcAttribute(VpcModifyAttribute(vpc: "b", enableDnsHostnames: true), &c)
        }
        let modified = try p.f.run(as: Actors.requester) { s, c throws(NetctlError) in
            try s.modifyPeeringOptions(enable, &c)
        }
        #expect(modified.requester.allowDnsResolutionFromRemoteVpc)
        #expect(!modified.accepter.allowDnsResolutionFromRemoteVpc)
        // Each side sets its own options.
        p.f.expectFailure(as: Actors.requester, .operationNotPermitted) { s, c throws(NetctlError) in
            try s.modifyPeeringOptions(
                PeeringModifyOptions(peering: id, accepterAllowDnsResolutionFromRemoteVpc: true), &c)
        }
        let accepterSide = try p.f.run(as: Actors.accepterEast) { s, c throws(NetctlError) in
            try s.modifyPeeringOptions(
                PeeringModifyOptions(peering: id, accepterAllowDnsResolutionFromRemoteVpc: true), &c)
        }
        #expect(accepterSide.accepter.allowDnsResolutionFromRemoteVpc)
        #expect(try p.f.peering(id).requester.allowDnsResolutionFromRemoteVpc)
        try p.f.deletePeering(id, as: Actors.requester)
        p.f.expectFailure(as: Actors.requester, .invalidStateTransition, "deleted") { s, c throws(NetctlError) in
            try s.modifyPeeringOptions(enable, &c)
        }
    }

    // MARK: peering.mesh

    /// Five VPCs of one account, m1…m5, in 10.1–10.5.0.0/16 (or the given blocks).
    static func meshFixture(
        quotas: Quotas = Quotas(), cidrs: [String] = (1...5).map { "10.\($0).0.0/16" }
    ) throws -> (Fixture, [Vpc]) {
        var f = Fixture(scope: Actors.requester, quotas: quotas)
        var vpcs: [Vpc] = []
        for (index, cidr) in cidrs.enumerated() {
            vpcs.append(try f.vpc(cidr, name: "m\(index + 1)", as: Actors.requester))
        }
        return (f, vpcs)
    }

    static func mesh(routes: Bool? = nil, count: Int = 5) -> (inout State, inout CommandContext) throws(NetctlError)
        -> PeeringMeshResponse
    {
        { s, c throws(NetctlError) in
            try s.meshPeerings(PeeringMesh(vpcs: (1...count).map { "m\($0)" }, routes: routes), &c)
        }
    }

    @Test("peering.mesh of 5 VPCs creates the 10 peerings once, and finds them the second time")
    func meshCreatesOnce() throws {
        var (f, vpcs) = try Self.meshFixture()
        let first = try f.run(Self.mesh())
        #expect(first.required == 10)
        #expect(first.created == 10)
        #expect(first.existing == 0)
        #expect(first.accepted == 10)
        #expect(first.peerings.count == 10)
        #expect(first.peerings.allSatisfy { $0.status.code == PeeringStatus.active })
        let pairs = Set(first.peerings.map { Set([$0.requester.vpcId, $0.accepter.vpcId]) })
        #expect(pairs.count == 10, "one peering per pair")
        #expect(pairs.allSatisfy { $0.count == 2 })
        for vpc in vpcs { #expect(f.state.activePeerings(of: vpc.vpcId).count == 4) }

        let second = try f.run(Self.mesh())
        #expect(second.required == 10)
        #expect(second.created == 0)
        #expect(second.existing == 10)
        #expect(f.state.peerings.count == 10)
        #expect(Set(second.peerings.map(\.peeringId)) == Set(first.peerings.map(\.peeringId)))
    }

    @Test("peering.mesh with routes gives each main table one active route per peer")
    func meshRoutes() throws {
        var (f, vpcs) = try Self.meshFixture()
        let result = try f.run(Self.mesh(routes: true))
        #expect(result.routesAdded == 20)
        for vpc in vpcs {
            let table = try f.table(vpc.mainRouteTableId)
            let peerRoutes = table.routes.filter { $0.target.type != RouteTarget.localTypeName }
            #expect(peerRoutes.count == 4)
            #expect(peerRoutes.allSatisfy { $0.state == .active && $0.target.type == RouteTarget.peering })
            let others = Set(vpcs.filter { $0.vpcId != vpc.vpcId }.flatMap(\.cidrBlocks))
            #expect(Set(peerRoutes.compactMap(\.destinationCidrBlock)) == others)
            for route in peerRoutes {
                let peering = try f.peering(route.target.id)
                let remote = peering.requester.vpcId == vpc.vpcId ? peering.accepter : peering.requester
                #expect(
                    remote.cidrBlocks.contains(route.destination), "\(route.destination) goes to the VPC that has it")
            }
        }
        let again = try f.run(Self.mesh(routes: true))
        #expect(again.routesAdded == 0)
        #expect(again.created == 0)
    }

    @Test("a mesh that would exceed activePeeringsPerVpc is refused whole")
    func meshOverQuota() throws {
        var (f, _) = try Self.meshFixture(quotas: Quotas([.activePeeringsPerVpc: 3]))
        let error = f.expectFailure(as: Actors.requester, .activePeeringLimitExceeded, nil, Self.mesh(routes: true))
        #expect(error?.message.contains("activePeeringsPerVpc") == true)
        #expect(f.state.peerings.count == 0)
        // Four VPCs need 3 peerings each: that fits.
        #expect(try f.run(Self.mesh(count: 4)).created == 6)
    }

    @Test("a mesh with overlapping members is refused whole")
    func meshOverlap() throws {
        var (f, vpcs) = try Self.meshFixture(cidrs: [
            "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16", "10.2.128.0/17",
        ])
        let error = f.expectFailure(as: Actors.requester, .invalidParameterValue, nil, Self.mesh())
        #expect(error?.message.contains(vpcs[1].vpcId) == true)
        #expect(error?.message.contains(vpcs[4].vpcId) == true)
        #expect(f.state.peerings.count == 0)
    }
}
