import Foundation
import NetctlAPI
import NetctlClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Repeated kill -9 of netctld while 4 clients create, accept and delete VPCs and peerings. After each
/// kill the database is checked as the crash left it (integrity, no half-applied change, the events
/// sequence gapless and replaying to exactly the stored resources); after each restart every
/// acknowledged mutation is checked through the socket.
///
/// `NETCTL_CRASH_CYCLES` sets the number of cycles (default 30, about 15 seconds on two cores);
/// `make crash` runs 100 and prints the totals.
@Suite("Crash loop: kill -9 under load, again and again")
struct CrashLoopTests {
    @Test("every acknowledged mutation survives every kill -9; nothing unacknowledged is half-applied")
    func crashLoop() async throws {
        let cycles = ProcessInfo.processInfo.environment["NETCTL_CRASH_CYCLES"].flatMap { Int($0) } ?? 30
        let totals = try await CrashLoop.run(cycles: cycles)
        print(
            "crash loop: \(totals.cycles) cycles, \(totals.acknowledged) acknowledged mutations, "
                + "\(totals.verified) verified after restart, \(totals.uncertain) in flight at a kill resolved, "
                + "\(totals.events) events in the final check")
        #expect(totals.cycles == cycles)
        // Every cycle waits for at least 20 acknowledgements before it kills the daemon.
        #expect(totals.acknowledged >= 20 * cycles)
    }
}

/// The loop itself, in one place for the suite's short run and `make crash`'s long one.
enum CrashLoop {
    struct Totals {
        var cycles = 0
        var acknowledged = 0
        var verified = 0
        var uncertain = 0
        var events = 0
    }

    static let workers = 4

    static func run(cycles: Int) async throws -> Totals {
        let daemon = try await DaemonProcess.start([
            "--quota", "vpcsPerRegion=1000000", "--quota", "outstandingPeeringsPerAccount=1000000",
        ])
        var models = (0..<workers).map { ClientModel(worker: $0) }
        var totals = Totals()
        for cycle in 0..<cycles {
            let counter = Counter()
            let finished = Counter()
            let threshold = Int.random(in: 20...160)
            let tasks = models.map { model in
                Task { () -> ClientModel in
                    var model = model
                    await model.work(client: daemon.client, counter: counter)
                    finished.increment()
                    return model
                }
            }
            // Pull the plug mid-stream, at a different point each cycle.
            while counter.value < threshold && finished.value < workers {
                try await Task.sleep(for: .milliseconds(2))
            }
            await daemon.killHard()
            models = []
            for task in tasks { models.append(await task.value) }
            for model in models {
                for refusal in model.refusals { Issue.record("cycle \(cycle): a request was refused: \(refusal)") }
                models[model.worker].refusals = []
            }
            totals.acknowledged += counter.value

            // The file exactly as the crash left it.
            totals.events = try checkDatabase(daemon.databasePath, cycle: cycle)

            // Through the socket after a restart; the next cycle's clients find it running.
            try await daemon.start()
            let (verified, resolved) = try await verify(&models, daemon.client, cycle: cycle)
            totals.verified += verified
            totals.uncertain += resolved
            totals.cycles += 1
        }
        await daemon.terminate()
        #expect(try sqlite(daemon.databasePath, "PRAGMA integrity_check") == "ok")
        return totals
    }

    /// Checks the database file: integrity, no half-applied changes, and the events table against the
    /// resources. Returns the number of events.
    static func checkDatabase(_ path: String, cycle: Int) throws -> Int {
        #expect(try sqlite(path, "PRAGMA integrity_check") == "ok", "cycle \(cycle)")
        // A VPC, its main route table and its default security group are created and deleted in one
        // transaction.
        let orphans = try sqlite(
            path,
            """
            SELECT 'vpc without main table ' || id FROM vpcs v WHERE NOT EXISTS
                (SELECT 1 FROM route_tables r WHERE r.id = json_extract(v.body, '$.mainRouteTableId'))
            UNION ALL SELECT 'route table without vpc ' || id FROM route_tables r WHERE NOT EXISTS
                (SELECT 1 FROM vpcs v WHERE v.id = r.parent_id)
            UNION ALL SELECT 'security group without vpc ' || id FROM security_groups g WHERE NOT EXISTS
                (SELECT 1 FROM vpcs v WHERE v.id = g.parent_id)
            UNION ALL SELECT 'live peering without both sides ' || id FROM peerings p
                WHERE p.status NOT IN ('deleted', 'rejected', 'expired', 'failed') AND (
                    NOT EXISTS (SELECT 1 FROM vpcs v WHERE v.id = json_extract(p.body, '$.requester.vpcId'))
                    OR NOT EXISTS (SELECT 1 FROM vpcs v WHERE v.id = json_extract(p.body, '$.accepter.vpcId')))
            """)
        #expect(orphans.isEmpty, "cycle \(cycle): half-applied: \(orphans.prefix(500))")

        // The sequence has no gaps: as many events as the highest sequence number.
        let counts = try sqlite(path, "SELECT count(*) || ' ' || coalesce(min(seq), 0) || ' ' || coalesce(max(seq), 0) FROM events")
            .split(separator: " ").compactMap { Int($0) }
        #expect(counts.count == 3 && counts[0] == counts[2] && counts[1] == 1, "cycle \(cycle): events count/min/max \(counts)")

        // Replaying the events gives exactly the stored resources: a resource is stored iff its last
        // event is not a deletion (peerings stay, marked deleted), with the status of its last event.
        let expected = try sqlite(
            path,
            """
            SELECT e.resource_type || ' ' || e.resource_id || ' ' || coalesce(e.status, '-') FROM events e
            JOIN (SELECT resource_id, max(seq) AS last FROM events GROUP BY resource_id) l ON e.seq = l.last
            WHERE e.resource_type = 'peering' OR e.action != 'delete' ORDER BY 1
            """)
        let stored = try sqlite(
            path,
            """
            SELECT kind || ' ' || id || ' ' || coalesce(status, '-') FROM (
                SELECT 'vpc' AS kind, id, status FROM vpcs
                UNION ALL SELECT 'routeTable', id, status FROM route_tables
                UNION ALL SELECT 'securityGroup', id, status FROM security_groups
                UNION ALL SELECT 'peering', id, status FROM peerings) ORDER BY 1
            """)
        #expect(!stored.isEmpty && expected == stored, "cycle \(cycle): events do not replay to the stored resources")
        return counts.first ?? 0
    }

    /// Compares the daemon's answers with what the clients were told; resolves what was in flight at
    /// the kill (either outcome is allowed, half of one is not). Returns (verified, resolved).
    static func verify(_ models: inout [ClientModel], _ client: NetctlClient, cycle: Int) async throws -> (Int, Int) {
        var vpcs: [String: Vpc] = [:]
        var token: String?
        repeat {
            let page = try await client.send(VpcList(maxResults: 1000, nextToken: token))
            for vpc in page.vpcs { vpcs[vpc.vpcId] = vpc }
            token = page.nextToken
        } while token != nil
        var peerings: [String: Peering] = [:]
        token = nil
        repeat {
            let page = try await client.send(PeeringList(maxResults: 1000, nextToken: token))
            for peering in page.peerings { peerings[peering.peeringId] = peering }
            token = page.nextToken
        } while token != nil

        var verified = 0
        var resolved = 0
        for index in models.indices {
            if models[index].resolve(vpcs: vpcs, peerings: peerings, cycle: cycle) { resolved += 1 }
            let model = models[index]
            for (id, name) in model.vpcs {
                #expect(vpcs[id]?.name == name, "cycle \(cycle): acknowledged VPC \(id) (\(name)) is missing")
                verified += 1
            }
            for id in model.deletedVpcs {
                #expect(vpcs[id] == nil, "cycle \(cycle): VPC \(id) was acknowledged deleted but is back")
                verified += 1
            }
            for (id, status) in model.peerings {
                #expect(peerings[id]?.status.code == status, "cycle \(cycle): peering \(id) should be \(status), is \(peerings[id]?.status.code ?? "missing")")
                verified += 1
            }
        }
        // Nothing exists that no client created or was creating.
        let known = models.reduce(into: Set<String>()) { $0.formUnion($1.vpcs.keys) }
        let strays = Set(vpcs.keys).subtracting(known)
        #expect(strays.isEmpty, "cycle \(cycle): VPCs nobody created: \(strays.prefix(5))")
        let knownPeerings = models.reduce(into: Set<String>()) { $0.formUnion($1.peerings.keys) }
        let strayPeerings = Set(peerings.keys).subtracting(knownPeerings)
        #expect(strayPeerings.isEmpty, "cycle \(cycle): peerings nobody created: \(strayPeerings.prefix(5))")
        return (verified, resolved)
    }
}

/// What one client was told, and the one request it had in flight when the daemon died.
struct ClientModel: Sendable {
    enum InFlight: Sendable {
        case createVpc(name: String)
        case deleteVpc(id: String)
        case createPeering(name: String)
        case acceptPeering(id: String)
        case deletePeering(id: String, was: String)
    }

    let worker: Int
    /// Acknowledged present: ID and Name tag.
    var vpcs: [String: String] = [:]
    var deletedVpcs: Set<String> = []
    /// Acknowledged status of every peering this client created.
    var peerings: [String: String] = [:]
    var inFlight: InFlight?
    /// Numbers VPCs so each gets its own /28 (peered VPCs must not overlap).
    var next = 0
    var refusals: [String] = []

    init(worker: Int) { self.worker = worker }

    private struct Lost: Error {}

    /// Creates two VPCs, peers and accepts them, and every other round deletes it all again, until the
    /// connection dies.
    mutating func work(client: NetctlClient, counter: Counter) async {
        do {
            try await client.withConnection { connection in
                while true {
                    let round = next
                    next += 1
                    let names = ["c\(worker)-\(round)a", "c\(worker)-\(round)b"]
                    var created: [Vpc] = []
                    for (offset, name) in names.enumerated() {
                        let cidr = Self.cidr(worker * 250_000 + round * 2 + offset)
                        let vpc = try await perform(.createVpc(name: name), counter) {
                            try await connection.send(VpcCreate(cidrBlock: cidr, name: name))
                        }
                        vpcs[vpc.vpcId] = name
                        created.append(vpc)
                    }
                    let name = "c\(worker)-\(round)p"
                    let request = PeeringCreate(
                        requesterVpc: created[0].vpcId, accepterVpc: created[1].vpcId, tags: ["Name": name])
                    let peering = try await perform(.createPeering(name: name), counter) {
                        try await connection.send(request)
                    }
                    peerings[peering.peeringId] = peering.status.code
                    let accepted = try await perform(.acceptPeering(id: peering.peeringId), counter) {
                        try await connection.send(PeeringAccept(peering: peering.peeringId))
                    }
                    peerings[peering.peeringId] = accepted.status.code
                    guard round % 2 == 1 else { continue }
                    let deleted = try await perform(.deletePeering(id: peering.peeringId, was: accepted.status.code), counter) {
                        try await connection.send(PeeringDelete(peering: peering.peeringId))
                    }
                    peerings[peering.peeringId] = deleted.status.code
                    for vpc in created.reversed() {
                        _ = try await perform(.deleteVpc(id: vpc.vpcId), counter) {
                            try await connection.send(VpcDelete(vpc: vpc.vpcId))
                        }
                        vpcs[vpc.vpcId] = nil
                        deletedVpcs.insert(vpc.vpcId)
                    }
                }
            }
        } catch {
            // The daemon died (Lost, or it could not be reached at all), or refused (recorded).
        }
    }

    /// Runs one request; an answer clears `inFlight`. A JSON-RPC error is a definite "not applied"
    /// that this workload never expects; a dead connection leaves `inFlight` to be resolved.
    private mutating func perform<R>(_ request: InFlight, _ counter: Counter, _ body: () async throws -> R) async throws -> R {
        inFlight = request
        do {
            let result = try await body()
            inFlight = nil
            counter.increment()
            return result
        } catch ClientError.rpc(let error) {
            inFlight = nil
            refusals.append("\(request): \(error.codeName): \(error.message)")
            throw Lost()
        } catch {
            throw Lost()
        }
    }

    /// After a restart: the request in flight at the kill either happened entirely or not at all.
    /// Returns true if there was one.
    mutating func resolve(vpcs actual: [String: Vpc], peerings actualPeerings: [String: Peering], cycle: Int) -> Bool {
        guard let request = inFlight else { return false }
        inFlight = nil
        switch request {
        case .createVpc(let name):
            let matches = actual.values.filter { $0.name == name }
            #expect(matches.count <= 1, "cycle \(cycle): \(matches.count) VPCs named \(name)")
            if let vpc = matches.first { vpcs[vpc.vpcId] = name }
        case .deleteVpc(let id):
            if actual[id] == nil {
                vpcs[id] = nil
                deletedVpcs.insert(id)
            }
        case .createPeering(let name):
            let matches = actualPeerings.values.filter { $0.tags["Name"] == name }
            #expect(matches.count <= 1, "cycle \(cycle): \(matches.count) peerings named \(name)")
            if let peering = matches.first {
                #expect(peering.status.code == PeeringStatus.pendingAcceptance, "cycle \(cycle): \(peering.peeringId)")
                peerings[peering.peeringId] = peering.status.code
            }
        case .acceptPeering(let id):
            let status = actualPeerings[id]?.status.code
            #expect(status == PeeringStatus.pendingAcceptance || status == PeeringStatus.active, "cycle \(cycle): \(id) is \(status ?? "missing")")
            if let status { peerings[id] = status }
        case .deletePeering(let id, let was):
            let status = actualPeerings[id]?.status.code
            #expect(status == was || status == PeeringStatus.deleted, "cycle \(cycle): \(id) is \(status ?? "missing")")
            if let status { peerings[id] = status }
        }
        return true
    }

    /// The n-th /28 of 10.0.0.0/8.
    static func cidr(_ number: Int) -> String {
        "10.\((number >> 12) & 255).\((number >> 4) & 255).\((number & 15) << 4)/28"
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
