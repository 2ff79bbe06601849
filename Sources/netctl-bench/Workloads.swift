import Foundation
import Histogram
import NetctlAPI
import NetctlClient
import Synchronization

/// The workloads of issues 9 and 15, each measured from outside through netctld's socket.
struct Workloads: Sendable {
    static let mutationsName = "vpc.create + subnet.create"
    /// The `creates` workload: vpc.create alone, for netctld's CPU per create (see scripts/bench.sh).
    static let createsName = "vpc.create alone"
    /// Marks each method's share of the mutation workload: in the JSON lines, left out of the summary.
    static let inTheMix = " (in the mix)"

    var socket: String
    var clients: Int
    var output: Output

    var client: NetctlClient { NetctlClient(socketPath: socket) }

    // MARK: Reads

    /// `vpc.get` by ID, spread over a few VPCs: `requests` in all, shared by `clients` connections
    /// that each keep `window` requests unanswered. `typed` sends them through NetctlClient instead,
    /// one at a time, to show what the client library adds (for comparison: no target).
    func reads(requests: Int, window: Int, typed: Bool) async throws {
        let ids = try await readTargets(count: 64)
        try await waitForWatcher()
        let perConnection = max(1, requests / clients)
        let params = try ids.map { String(decoding: try NetctlJSON.encoder.encode(VpcGet(vpc: $0)), as: UTF8.self) }
        let lineClient = LineClient(socketPath: socket, method: VpcGet.method, params: params)
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: Latencies.self) { group in
            for _ in 0..<clients {
                if typed {
                    group.addTask { [client] in
                        try await client.withConnection { connection in
                            var latencies = Latencies()
                            for index in 0..<perConnection {
                                let begin = ContinuousClock.now
                                _ = try await connection.send(VpcGet(vpc: ids[index % ids.count]))
                                latencies.record(from: begin)
                            }
                            return latencies
                        }
                    }
                } else {
                    group.addTask { try await lineClient.run(count: perConnection, window: window) }
                }
            }
            return try await group.reduce(into: Latencies()) { $0.add($1) }
        }
        let elapsed = ContinuousClock.now - started
        let name = typed ? "vpc.get through NetctlClient" : window > 1 ? "vpc.get pipelined" : "vpc.get"
        let target: Target? = typed ? nil : window > 1 ? .pipelinedReads : clients >= 16 ? .reads : nil
        try output.emit(
            Measurement(
                workload: name, clients: clients, window: typed ? 1 : window, requests: perConnection * clients,
                elapsed: elapsed, latencies: latencies, target: target,
                note: "by ID over \(ids.count) VPCs"))
    }

    /// VPCs tagged for the read workloads, made on first use so repeated runs read the same ones.
    private func readTargets(count: Int) async throws -> [String] {
        let tag = Filter(name: "tag:netctl-bench", values: ["read"])
        var ids = try await client.send(VpcList(filters: [tag], maxResults: 1000)).vpcs.map(\.vpcId)
        while ids.count < count {
            ids.append(try await client.send(VpcCreate(cidrBlock: "10.0.0.0/16", tags: ["netctl-bench": "read"])).vpcId)
        }
        return ids
    }

    // MARK: Durable mutations

    /// Each client, on its own connection, creates a VPC and then a subnet in it, `iterations` times;
    /// without `subnets` (the `creates` workload) only the VPC. Either way the run ends once the
    /// watcher has caught up with its commits, so what the daemon spent on them is all behind it.
    func mutations(iterations: Int, watcher: String, subnets withSubnets: Bool = true) async throws {
        try await waitForWatcher()
        let started = ContinuousClock.now
        let (vpcs, subnets) = try await withThrowingTaskGroup(of: (Latencies, Latencies).self) { group in
            for _ in 0..<clients {
                group.addTask { [client] in
                    try await client.withConnection { connection in
                        var vpcs = Latencies()
                        var subnets = Latencies()
                        for _ in 0..<iterations {
                            let begin = ContinuousClock.now
                            let vpc = try await connection.send(VpcCreate(cidrBlock: "10.0.0.0/16"))
                            let middle = ContinuousClock.now
                            vpcs.record(from: begin, to: middle)
                            guard withSubnets else { continue }
                            _ = try await connection.send(SubnetCreate(vpc: vpc.vpcId, cidrBlock: "10.0.0.0/24"))
                            subnets.record(from: middle)
                        }
                        return (vpcs, subnets)
                    }
                }
            }
            var vpcs = Latencies()
            var subnets = Latencies()
            for try await (vpc, subnet) in group {
                vpcs.add(vpc)
                subnets.add(subnet)
            }
            return (vpcs, subnets)
        }
        let elapsed = ContinuousClock.now - started
        // The watcher turns commits into log events after they are answered: what it has not done
        // by the last answer is work the run caused but the throughput above does not pay for.
        let lag = try await client.send(SystemStatus()).watcherLagEvents
        try await waitForWatcher()
        let drained = ContinuousClock.now - started - elapsed
        var both = vpcs
        both.add(subnets)
        let target: Target? =
            watcher != "on" || !withSubnets
            ? nil : clients == 1 ? .mutationsOneClient : clients >= 16 ? .mutationsSixteenClients : nil
        var measurement = Measurement(
            workload: withSubnets ? Self.mutationsName : Self.createsName, clients: clients, requests: both.count,
            elapsed: elapsed, latencies: both, target: target, watcher: watcher)
        measurement.drainSeconds = Latencies.seconds(drained)
        if watcher == "on" {
            measurement.note =
                "watcher \(lag) events behind at the last answer, caught up \(Format.decimal(Latencies.seconds(drained), digits: 2)) s later"
        }
        try output.emit(measurement)
        guard withSubnets else { return }
        for (name, latencies) in [("vpc.create" + Self.inTheMix, vpcs), ("subnet.create" + Self.inTheMix, subnets)] {
            try output.emit(
                Measurement(
                    workload: name, clients: clients, requests: latencies.count, elapsed: elapsed, latencies: latencies,
                    watcher: watcher))
        }
    }

    // MARK: The peering workflow

    /// `vpcs` VPCs, `peerings` peerings requested then accepted, `gets` peering.get of random ones,
    /// and `lists` whole peering.list walks following nextToken: each phase timed on its own.
    func peeringWorkflow(vpcs: Int, peerings: Int, gets: Int, lists: Int, pageSize: Int) async throws {
        guard vpcs >= 3, peerings <= vpcs * ((vpcs - 1) / 2) else {
            throw BenchError("\(peerings) distinct peerings do not fit among \(vpcs) VPCs")
        }
        let run = UInt32.random(in: 0...UInt32.max)
        let created = try await phase("workflow: vpc.create", count: vpcs) { connection, index in
            try await connection.send(VpcCreate(cidrBlock: Self.disjointCIDR(index), name: "wf\(run)-\(index)")).vpcId
        }
        // Peering n joins VPC i to VPC i+k (k = 1, 2, …): every pair distinct, each VPC in 2k of them.
        let requested = try await phase("workflow: peering.create", count: peerings) { connection, index in
            let (i, k) = (index % vpcs, index / vpcs + 1)
            let peering = try await connection.send(
                PeeringCreate(requesterVpc: created[i], accepterVpc: created[(i + k) % vpcs]))
            guard peering.status.code == PeeringStatus.pendingAcceptance else {
                throw BenchError("peering \(peering.peeringId) is \(peering.status.code): \(peering.status.message)")
            }
            return peering.peeringId
        }
        _ = try await phase("workflow: peering.accept", count: peerings) { connection, index in
            let peering = try await connection.send(PeeringAccept(peering: requested[index]))
            guard peering.status.code == PeeringStatus.active else {
                throw BenchError("peering \(peering.peeringId) is \(peering.status.code) after accept")
            }
            return peering.peeringId
        }
        _ = try await phase("workflow: peering.get", count: gets) { connection, _ in
            try await connection.send(PeeringGet(peering: requested.randomElement()!)).peeringId
        }

        try await waitForWatcher()
        var walks = Latencies()
        var pages = 0
        var listed = 0
        let started = ContinuousClock.now
        try await client.withConnection { connection in
            for _ in 0..<lists {
                let begin = ContinuousClock.now
                var token: String?
                var seen = 0
                repeat {
                    let page = try await connection.send(PeeringList(maxResults: pageSize, nextToken: token))
                    seen += page.peerings.count
                    pages += 1
                    token = page.nextToken
                } while token != nil
                walks.record(from: begin)
                listed = seen
            }
        }
        guard listed >= peerings else {
            throw BenchError("peering.list walked \(listed) peerings, fewer than \(peerings)")
        }
        try output.emit(
            Measurement(
                workload: "workflow: peering.list, every page", clients: 1, requests: lists,
                elapsed: ContinuousClock.now - started, latencies: walks,
                note: "one latency per whole walk: \(listed) peerings in \(pages / lists) pages of up to \(pageSize)"))
    }

    /// `count` calls shared by `clients` connections (call n on connection n % clients), timed as one
    /// measurement; returns each call's result by n. Unless `settled` is false, the watcher first
    /// finishes what the phase before left it.
    func phase(
        _ name: String, count: Int, settled: Bool = true,
        _ call: @escaping @Sendable (NetctlConnection, Int) async throws -> String
    ) async throws -> [String] {
        if settled { try await waitForWatcher() }
        let started = ContinuousClock.now
        let clients = min(self.clients, count)
        let (latencies, results) = try await withThrowingTaskGroup(of: (Latencies, [(Int, String)]).self) { group in
            for worker in 0..<clients {
                group.addTask { [client] in
                    try await client.withConnection { connection in
                        var latencies = Latencies()
                        var results: [(Int, String)] = []
                        for index in Swift.stride(from: worker, to: count, by: clients) {
                            let begin = ContinuousClock.now
                            results.append((index, try await call(connection, index)))
                            latencies.record(from: begin)
                        }
                        return (latencies, results)
                    }
                }
            }
            var all = Latencies()
            var results = [String](repeating: "", count: count)
            for try await (latencies, pairs) in group {
                all.add(latencies)
                for (index, result) in pairs { results[index] = result }
            }
            return (all, results)
        }
        try output.emit(
            Measurement(
                workload: name, clients: clients, requests: count, elapsed: ContinuousClock.now - started,
                latencies: latencies))
        return results
    }

    /// A /24 of 10.0.0.0/8 per index, none overlapping another: overlapping VPCs cannot be peered.
    static func disjointCIDR(_ index: Int) -> String { "10.\(index / 256 % 256).\(index % 256).0/24" }

    // MARK: Scale

    /// Loads `vpcs` VPCs and about `peerings` active, routed peerings (overlapping full meshes through
    /// peering.mesh, topped up to the exact count with single peerings), then times reach.analyze
    /// between random pairs, peering.list {vpc}, and `pages` pages of peering.list without `vpc`
    /// (`pageSize` each, following nextToken, from the start again at the end), from one connection.
    ///
    /// With `instancesPerVpc` > 0 each VPC also gets a subnet, `groupsPerVpc` security groups of
    /// `rulesPerGroup` inbound rules each and that many instances carrying every group, and reach.analyze
    /// is timed between instances on tcp 5432, through the groups and the subnets' ACLs.
    func scale(
        vpcs: Int, peerings: Int, samples: Int, pages: Int, pageSize: Int, instancesPerVpc: Int = 0,
        groupsPerVpc: Int = 2, rulesPerGroup: Int = 20
    ) async throws {
        guard vpcs <= 65_536 else { throw BenchError("at most 65,536 disjoint /24s fit in 10.0.0.0/8") }
        let names = (0..<vpcs).map { "s\($0)" }
        let progress = Progress(label: "VPCs", total: vpcs)
        // The load runs as one stream of work, the watcher behind it; its catch-up is timed at the end.
        _ = try await phase("scale load: vpc.create", count: vpcs, settled: false) { connection, index in
            let vpc = try await connection.send(VpcCreate(cidrBlock: Self.disjointCIDR(index), name: names[index]))
            progress.advance()
            return vpc.vpcId
        }

        // Meshes of n VPCs where neighbours share one VPC give n/2 peerings per VPC: n follows from the
        // requested ratio, and each VPC has at most 2(n-1) peers, within the active-peering quota.
        let meshSize = max(2, Int((2 * Double(peerings) / Double(vpcs)).rounded()))
        var meshes: [[Int]] = []
        var meshed = 0
        for start in Swift.stride(from: 0, to: vpcs - 1, by: meshSize - 1) {
            let members = Array(start..<min(start + meshSize, vpcs))
            let pairs = members.count * (members.count - 1) / 2
            guard meshed + pairs <= peerings else { break }
            meshes.append(members)
            meshed += pairs
        }
        let meshProgress = Progress(label: "peerings", total: meshed)
        let meshStart = ContinuousClock.now
        let workers = min(8, max(1, meshes.count))
        // Neighbouring meshes share a VPC: each worker takes every `workers`th mesh, in order.
        let (created, routes, meshLatencies) = try await withThrowingTaskGroup(of: (Int, Int, Latencies).self) {
            group in
            for worker in 0..<workers {
                group.addTask { [client, meshes] in
                    try await client.withConnection { connection in
                        var created = 0
                        var routes = 0
                        var latencies = Latencies()
                        for index in Swift.stride(from: worker, to: meshes.count, by: workers) {
                            let begin = ContinuousClock.now
                            let mesh = try await connection.send(
                                PeeringMesh(vpcs: meshes[index].map { names[$0] }, routes: true))
                            latencies.record(from: begin)
                            guard mesh.accepted == mesh.created else {
                                throw BenchError("a mesh accepted \(mesh.accepted) of \(mesh.created) new peerings")
                            }
                            created += mesh.created
                            routes += mesh.routesAdded
                            meshProgress.advance(by: mesh.created)
                        }
                        return (created, routes, latencies)
                    }
                }
            }
            return try await group.reduce(into: (0, 0, Latencies())) {
                $0.0 += $1.0
                $0.1 += $1.1
                $0.2.add($1.2)
            }
        }
        try output.emit(
            Measurement(
                workload: "scale load: peering.mesh", clients: workers, requests: meshes.count,
                elapsed: ContinuousClock.now - meshStart, latencies: meshLatencies,
                note: "meshes of \(meshSize): \(created) peerings, \(routes) routes"))

        // The remainder joins VPCs half the range apart, never in one mesh: requested and accepted.
        let inMesh = Set(meshes.flatMap { members in members.flatMap { a in members.map { b in a * vpcs + b } } })
        let extra = (0..<vpcs).lazy.map { ($0, ($0 + vpcs / 2) % vpcs) }
            .filter { $0 != $1 && !inMesh.contains($0 * vpcs + $1) && $0 < $1 }.prefix(peerings - created)
        let pairs = Array(extra)
        if !pairs.isEmpty {
            _ = try await phase("scale load: peering.create + accept", count: pairs.count, settled: false) {
                connection, index in
                let (a, b) = pairs[index]
                let peering = try await connection.send(PeeringCreate(requesterVpc: names[a], accepterVpc: names[b]))
                return try await connection.send(PeeringAccept(peering: peering.peeringId)).peeringId
            }
        }
        let catchUp = ContinuousClock.now
        try await waitForWatcher()
        var caughtUp = Measurement(workload: "scale load: watcher catch-up after the load")
        caughtUp.seconds = Latencies.seconds(ContinuousClock.now - catchUp)
        try output.emit(caughtUp)

        // Every mesh and top-up peering was checked active when it was answered: the count is enough.
        let status = try await client.send(SystemStatus())
        let active = created + pairs.count
        guard status.resources["peerings"] == active else {
            throw BenchError("netctld holds \(status.resources["peerings"] ?? 0) peerings; \(active) were made")
        }
        let loadedVpcs = Format.grouped(Double(status.resources["vpcs"] ?? 0))
        let scale = "\(loadedVpcs) VPCs, \(Format.grouped(Double(active))) active peerings"
        Output.progress("loaded: \(scale)")

        var reach = Latencies()
        var reachable = 0
        let reachStart = ContinuousClock.now
        try await client.withConnection { connection in
            for sample in 0..<samples {
                let (source, destination) = Self.samplePair(sample, meshes: meshes, count: vpcs)
                let begin = ContinuousClock.now
                let analysis = try await connection.send(
                    ReachAnalyze(source: names[source], destination: names[destination]))
                reach.record(from: begin)
                if analysis.reachable { reachable += 1 }
            }
        }
        try output.emit(
            Measurement(
                workload: "reach.analyze, random pairs", clients: 1, requests: samples,
                elapsed: ContinuousClock.now - reachStart, latencies: reach, target: .reach,
                note: "\(scale); \(reachable) of \(samples) pairs reachable"))

        if instancesPerVpc > 0 {
            let instances = try await loadSecurity(
                names: names, instancesPerVpc: instancesPerVpc, groupsPerVpc: groupsPerVpc, rulesPerGroup: rulesPerGroup)
            // Measured in steady state, as the rows before: 20,000 instances turning running on the
            // daemon clock, and the watcher logging them, would otherwise share the cores with it.
            let settling = ContinuousClock.now
            try await waitForInstancesRunning()
            try await waitForWatcher()
            var settled = Measurement(workload: "scale load: instances running, watcher caught up")
            settled.seconds = Latencies.seconds(ContinuousClock.now - settling)
            try output.emit(settled)
            try await reachBetweenInstances(instances, meshes: meshes, samples: samples, scale: scale)
        }

        var list = Latencies()
        var listed = 0
        let listStart = ContinuousClock.now
        try await client.withConnection { connection in
            for _ in 0..<samples {
                let begin = ContinuousClock.now
                listed += try await connection.send(PeeringList(vpc: names.randomElement()!)).peerings.count
                list.record(from: begin)
            }
        }
        try output.emit(
            Measurement(
                workload: "peering.list {vpc}, random VPCs", clients: 1, requests: samples,
                elapsed: ContinuousClock.now - listStart, latencies: list,
                note: "\(scale); \(Format.decimal(Double(listed) / Double(samples), digits: 1)) peerings per answer"))

        var page = Latencies()
        var walks = 0
        var paged = 0
        let pageStart = ContinuousClock.now
        try await client.withConnection { connection in
            var token: String?
            for _ in 0..<pages {
                let begin = ContinuousClock.now
                let answer = try await connection.send(PeeringList(maxResults: pageSize, nextToken: token))
                page.record(from: begin)
                paged += answer.peerings.count
                token = answer.nextToken
                if token == nil { walks += 1 }
            }
        }
        try output.emit(
            Measurement(
                workload: "peering.list, pages of \(pageSize) following nextToken", clients: 1, requests: pages,
                elapsed: ContinuousClock.now - pageStart, latencies: page, target: .peeringListPage,
                note: "\(scale); \(Format.grouped(Double(paged))) peerings, \(walks) walks to the end"))
        try await memory(label: "resident memory of netctld after the load", note: scale)
    }

    /// Per VPC: a subnet over its whole /24, the groups (the first allows 5432 from 10.0.0.0/8 among
    /// rules for other ports and sources, so a match scans them; the others allow other ports only) and
    /// the instances, each in every group. Returns the instance IDs of each VPC.
    private func loadSecurity(names: [String], instancesPerVpc: Int, groupsPerVpc: Int, rulesPerGroup: Int)
        async throws -> [[String]]
    {
        let progress = Progress(label: "VPCs with instances", total: names.count)
        let joined = try await phase("scale load: subnet, \(groupsPerVpc) groups of \(rulesPerGroup) rules, "
            + "\(instancesPerVpc) instances per VPC", count: names.count, settled: false) { connection, index in
            let subnet = try await connection.send(
                SubnetCreate(vpc: names[index], cidrBlock: Self.disjointCIDR(index), name: "\(names[index])-app"))
            var groups: [String] = []
            for number in 0..<groupsPerVpc {
                let group = try await connection.send(
                    SecurityGroupCreate(vpc: names[index], name: "g\(number)", description: "bench"))
                _ = try await connection.send(
                    SecurityGroupAuthorizeIngress(
                        group: group.groupId,
                        rules: Self.benchRules(count: rulesPerGroup, allowingPostgres: number == 0, vpcIndex: index)))
                groups.append(group.groupId)
            }
            let launched = try await connection.send(
                InstanceRun(subnet: subnet.subnetId, securityGroups: groups, count: instancesPerVpc))
            progress.advance()
            return launched.instances.map(\.instanceId).joined(separator: " ")
        }
        return joined.map { $0.split(separator: " ").map(String.init) }
    }

    /// `count` distinct inbound rules: tcp ports from 20 upwards from /24s of other VPCs, and, when
    /// `allowingPostgres`, tcp 5432 from 10.0.0.0/8 last, so a match passes every other rule first.
    static func benchRules(count: Int, allowingPostgres: Bool, vpcIndex: Int) -> [SecurityGroupPermission] {
        var rules = (0..<(allowingPostgres ? count - 1 : count)).map { number in
            SecurityGroupPermission(
                protocol: "tcp", fromPort: 20 + number, toPort: 20 + number,
                cidrIpv4: disjointCIDR((vpcIndex + number + 1) % 65_536))
        }
        if allowingPostgres { rules.append(SecurityGroupPermission(protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/8")) }
        return rules
    }

    /// VPC indexes for the `sample`th reach.analyze: even samples two VPCs of one mesh (reachable through
    /// one peering), odd ones two at random (mostly not).
    static func samplePair(_ sample: Int, meshes: [[Int]], count: Int) -> (Int, Int) {
        if sample % 2 == 0, let mesh = meshes.randomElement() {
            let pair = mesh.shuffled().prefix(2)
            return (pair.first!, pair.last!)
        }
        return (Int.random(in: 0..<count), Int.random(in: 0..<count))
    }

    /// reach.analyze on tcp 5432 between instances: half the pairs in VPCs of one mesh (reachable through
    /// a peering, both groups and both ACLs), half random (mostly no route).
    private func reachBetweenInstances(_ instances: [[String]], meshes: [[Int]], samples: Int, scale: String)
        async throws
    {
        var reach = Latencies()
        var reachable = 0
        let started = ContinuousClock.now
        try await client.withConnection { connection in
            for sample in 0..<samples {
                let (source, destination) = Self.samplePair(sample, meshes: meshes, count: instances.count)
                let begin = ContinuousClock.now
                let analysis = try await connection.send(
                    ReachAnalyze(
                        source: instances[source].randomElement()!, destination: instances[destination].randomElement()!,
                        port: 5432, protocol: "tcp"))
                reach.record(from: begin)
                if analysis.reachable { reachable += 1 }
            }
        }
        let count = Format.grouped(Double(instances.reduce(0) { $0 + $1.count }))
        try output.emit(
            Measurement(
                workload: "reach.analyze tcp 5432 between instances, with security", clients: 1, requests: samples,
                elapsed: ContinuousClock.now - started, latencies: reach, target: .reachWithSecurity,
                note: "\(scale), \(count) instances; \(reachable) of \(samples) pairs reachable"))
    }

    // MARK: Connectivity matrix

    /// One VPC of `instances` instances spread over four subnets, each instance in two groups of
    /// `rulesPerGroup` inbound rules (the first allowing tcp 5432 from the VPC last), one subnet behind a
    /// custom ACL that admits 5432 only from half the VPC; then `samples` reach.matrix calls over the VPC
    /// on tcp 5432, each every ordered pair of instances.
    func matrix(instances: Int, rulesPerGroup: Int, samples: Int) async throws {
        let endpoints = try await client.withConnection { connection -> Int in
            let vpc = try await connection.send(VpcCreate(cidrBlock: "10.0.0.0/16", name: "matrix"))
            var groups: [String] = []
            for number in 0..<2 {
                let group = try await connection.send(
                    SecurityGroupCreate(vpc: vpc.vpcId, name: "m\(number)", description: "bench"))
                var rules = Self.benchRules(count: rulesPerGroup, allowingPostgres: false, vpcIndex: 1_000 + number)
                if number == 0 {
                    rules[rules.count - 1] = SecurityGroupPermission(
                        protocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/16")
                }
                _ = try await connection.send(SecurityGroupAuthorizeIngress(group: group.groupId, rules: rules))
                groups.append(group.groupId)
            }
            let acl = try await connection.send(NetworkAclCreate(vpc: vpc.vpcId))
            for (number, egress) in [(100, false), (100, true)] {
                _ = try await connection.send(
                    NetworkAclCreateEntry(
                        networkAcl: acl.networkAclId, ruleNumber: number, egress: egress, protocol: "-1",
                        ruleAction: "allow", cidrBlock: egress ? "0.0.0.0/0" : "10.0.0.0/17"))
            }
            let subnets = 4
            var launched = 0
            for index in 0..<subnets {
                let subnet = try await connection.send(
                    SubnetCreate(vpc: vpc.vpcId, cidrBlock: "10.0.\(index * 64).0/18", name: "matrix-\(index)"))
                if index == subnets - 1 {
                    _ = try await connection.send(NetworkAclAssociate(networkAcl: acl.networkAclId, subnet: subnet.subnetId))
                }
                var remaining = instances / subnets + (index < instances % subnets ? 1 : 0)
                while remaining > 0 {
                    let count = min(remaining, 100)
                    _ = try await connection.send(
                        InstanceRun(subnet: subnet.subnetId, securityGroups: groups, count: count))
                    remaining -= count
                    launched += count
                }
            }
            return launched
        }
        // Each latency runs until the answer's last byte has arrived; the typed client's decoding of
        // it (JSONDecoder, as `netctl` does) is timed apart, since it is the client's cost, not the daemon's.
        var latencies = Latencies()
        var decoding = Latencies()
        var reachable = 0
        var pairs = 0
        var bytes = 0
        let started = ContinuousClock.now
        try await client.withConnection { connection in
            for _ in 0..<samples {
                let begin = ContinuousClock.now
                let line = try await connection.sendForLine(ReachMatrix(vpc: "matrix", protocol: "tcp", port: 5432))
                latencies.record(from: begin)
                let decodeBegin = ContinuousClock.now
                let matrix = try NetctlConnection.decode(ReachMatrix.self, from: line)
                decoding.record(from: decodeBegin)
                pairs = matrix.pairs.count
                reachable = matrix.pairs.count { $0.reachable }
                bytes = line.count
            }
        }
        try output.emit(
            Measurement(
                workload: "reach.matrix tcp 5432 over a VPC's instances", clients: 1, requests: samples,
                elapsed: ContinuousClock.now - started, latencies: latencies, target: .reachMatrix,
                note: "\(endpoints) instances in 4 subnets, 2 groups of \(rulesPerGroup) rules each; "
                    + "\(Format.grouped(Double(pairs))) pairs, \(Format.grouped(Double(reachable))) reachable; "
                    + "\(Format.decimal(Double(bytes) / 1e6, digits: 1)) MB, the client's typed decoding "
                    + "p50 \(Format.decimal(decoding.milliseconds(atPercentile: 50), digits: 0)) ms more"))
    }

    // MARK: The daemon itself

    /// VmRSS of the daemon behind the socket (it reports its pid), with the peak VmHWM beside it.
    func memory(label: String, note: String? = nil) async throws {
        let pid = try await client.send(SystemStatus()).pid
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kilobytes(_ key: String) throws -> Double {
            // A line reads `VmRSS:    188224 kB`.
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
            guard let fields = line?.split(separator: " "), fields.count >= 2, let value = Double(fields[1]) else {
                throw BenchError("/proc/\(pid)/status has no \(key)")
            }
            return value
        }
        var measurement = Measurement(workload: label)
        measurement.value = try kilobytes("VmRSS") * 1024 / 1e6
        measurement.unit = "MB"
        let peak = "peak \(Format.decimal(try kilobytes("VmHWM") * 1024 / 1e6, digits: 0)) MB"
        measurement.note = note.map { "\($0); \(peak)" } ?? peak
        measurement.judge(by: .memory)
        try output.emit(measurement)
    }

    /// Time from `since` (wall clock, taken just before netctld was started) until a request that
    /// needs the loaded state succeeds: `vpc.get` of `probe`.
    func ready(sinceEpochNanoseconds since: Int64, probe: String) async throws {
        var attempts = 0
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            attempts += 1
            do {
                _ = try await client.send(VpcGet(vpc: probe))
                break
            } catch let error as ClientError {
                if case .rpc = error { throw error }
                guard ContinuousClock.now < deadline else {
                    throw BenchError("netctld not ready after 120 s: \(error)")
                }
                try await Task.sleep(for: .milliseconds(2))
            }
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let elapsed = (Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)) - since
        var measurement = Measurement(
            workload: "restart to ready", note: "until vpc.get \(probe) succeeds; \(attempts) attempts")
        measurement.value = Double(elapsed) / 1e9
        measurement.unit = "s"
        measurement.judge(by: .restartToReady)
        try output.emit(measurement)
    }

    /// Waits until the scheduler has moved every launched instance out of `pending`.
    func waitForInstancesRunning() async throws {
        let started = ContinuousClock.now
        let pending = InstanceList(filters: [Filter(name: "instance-state-name", values: ["pending"])], maxResults: 5)
        while try await !client.send(pending).instances.isEmpty {
            guard ContinuousClock.now - started < .seconds(600) else {
                throw BenchError("instances are still pending after 10 minutes")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Lets the watcher finish what earlier work left it, so a measurement does not pay for its
    /// predecessor's log events.
    func waitForWatcher() async throws {
        let started = ContinuousClock.now
        var reported = started
        while true {
            let lag = try await client.send(SystemStatus()).watcherLagEvents
            if lag == 0 { return }
            if ContinuousClock.now - reported > .seconds(5) {
                Output.progress("watcher \(lag) events behind, waiting")
                reported = .now
            }
            guard ContinuousClock.now - started < .seconds(600) else {
                throw BenchError("the watcher is still \(lag) events behind after 10 minutes")
            }
            // Short enough that the catch-up time after a mutation run is not mostly this sleep.
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// Progress of a long load on standard error, about every tenth of the way.
final class Progress: Sendable {
    private let done = Atomic<Int>(0)
    private let label: String
    private let total: Int
    private let started = ContinuousClock.now

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    func advance(by count: Int = 1) {
        let (before, after) = done.add(count, ordering: .relaxed)
        let step = max(1, total / 10)
        guard before / step != after / step || after == total else { return }
        let seconds = Latencies.seconds(ContinuousClock.now - started)
        Output.progress("\(after) of \(total) \(label) (\(Format.decimal(seconds, digits: 1)) s)")
    }
}
