import Foundation
import NIOCore
import NetctlAPI
import NetctlClient

/// Issue 16's workloads on the AWS endpoint: SigV4-signed EC2 Query requests on keep-alive HTTP/1.1
/// connections, one at a time on each of `clients`, every answer checked. With netctld's socket a
/// run also waits for the watcher and prepares peerings there; without one (moto) the endpoint is
/// all the bench can reach.
struct AWSWorkloads: Sendable {
    static let netctld = "netctld"
    static let createsAction = "CreateVpc"
    static let describeAction = "DescribeVpcPeeringConnections by ID"
    /// /28s in 10.0.0.0/8: CreateVpc's CIDRs are distinct within a run of at most this many.
    static let cidrSpace = 1 << 20

    var endpoint: AWSHTTPClient
    var request: EC2Request
    var socket: String?
    /// netctld, or what else serves the endpoint: its rows are a comparison, judged by no target.
    var server: String
    var clients: Int
    var output: Output

    static func workload(_ action: String, server: String) -> String {
        server == netctld ? "\(action) over the AWS endpoint" : "\(action) on \(server), for comparison"
    }

    private var watcher: Workloads? { socket.map { Workloads(socket: $0, clients: 1, output: output) } }
    private var judged: Bool { server == Self.netctld && clients == 1 }

    // MARK: CreateVpc

    /// `iterations` durable CreateVpc from each client, each VPC with a /28 no other in the run has.
    /// With the socket the run ends once the watcher has caught up with its commits, as `creates` does,
    /// so netctld's CPU measured around it holds all the work the creates caused.
    func creates(iterations: Int) async throws {
        guard iterations * clients <= Self.cidrSpace else {
            throw BenchError("at most \(Self.cidrSpace) distinct /28s fit in 10.0.0.0/8")
        }
        try await warmUp()
        try await watcher?.waitForWatcher()
        // A different start each run, so a second run on the same server does not repeat the first's.
        let base = Int.random(in: 0..<Self.cidrSpace)
        let started = ContinuousClock.now
        let outcome = try await drive(perClient: iterations) { client, index in
            let cidr = Self.cidr28((base + client * iterations + index) % Self.cidrSpace)
            return Call(action: "CreateVpc", parameters: [("CidrBlock", cidr)])
        }
        let elapsed = ContinuousClock.now - started
        var note = outcome.describe("a /28 of its own each", clients: clients)
        var drained: Double?
        if let watcher, let socket {
            let lag = try await NetctlClient(socketPath: socket).send(SystemStatus()).watcherLagEvents
            try await watcher.waitForWatcher()
            let seconds = Latencies.seconds(ContinuousClock.now - started - elapsed)
            drained = seconds
            note +=
                "; watcher \(lag) events behind at the last answer, caught up "
                + "\(Format.decimal(seconds, digits: 2)) s later"
        }
        var measurement = Measurement(
            workload: Self.workload(Self.createsAction, server: server), clients: clients,
            requests: outcome.latencies.count, elapsed: elapsed, latencies: outcome.latencies, note: note)
        measurement.drainSeconds = drained
        measurement.errors = outcome.errors
        if judged { measurement.judge(by: .awsCreates) }
        try output.emit(measurement)
    }

    /// One untimed DescribeVpcs, which changes nothing: moto loads its EC2 backend on the first
    /// request (about 3 s here), which would otherwise land in the first timed one. A refusal here
    /// (a key or signature the server rejects) stops the run before it times anything.
    private func warmUp() async throws {
        var request = self.request
        let response = try await endpoint.withConnection { exchange in
            let (head, body) = request.make("DescribeVpcs", [("MaxResults", "5")])
            return try await exchange.send(head, body: body)
        }
        guard response.status == .ok else { throw BenchError("DescribeVpcs answered \(AWSXML.error(in: response))") }
    }

    /// The `index`th /28 of 10.0.0.0/8.
    static func cidr28(_ index: Int) -> String {
        "10.\(index >> 12 & 255).\(index >> 4 & 255).\((index & 15) << 4)/28"
    }

    // MARK: DescribeVpcPeeringConnections

    /// `requests` DescribeVpcPeeringConnections, shared by the clients, each naming one of `peerings`
    /// prepared peerings by its ID; each answer must be 200 and name it. `prepareOnly` makes the
    /// peerings and stops, so that a later run's CPU measurement leaves their making out.
    func describePeerings(requests: Int, peerings: Int, prepareOnly: Bool) async throws {
        let name = Self.workload(Self.describeAction, server: server)
        let action = "DescribeVpcPeeringConnections"
        // An ID no server holds: a server with the action answers NotFound or nothing, one without it
        // InvalidAction. Asked before preparing, so an endpoint without it costs no preparation.
        if let reason = try await unavailability(action, [("VpcPeeringConnectionId.1", "pcx-00000000000000000")]) {
            try report(name, unavailable: reason, prepareOnly: prepareOnly)
            return
        }
        let ids: [String]
        do {
            ids = try await PeeringSupply(socket: socket, endpoint: endpoint, request: request).ids(count: peerings)
        } catch let error as AWSCallError where error.code == "InvalidAction" {
            try report(name, unavailable: "\(server) answers \(error)", prepareOnly: prepareOnly)
            return
        }
        if prepareOnly {
            Output.progress("\(ids.count) peerings ready for \(action)")
            return
        }
        try await watcher?.waitForWatcher()
        let perClient = max(1, requests / clients)
        let clients = self.clients
        let started = ContinuousClock.now
        let outcome = try await drive(perClient: perClient) { client, index in
            // Interleaved, so the clients ask for different peerings at any moment.
            let id = ids[(index * clients + client) % ids.count]
            return Call(action: action, parameters: [("VpcPeeringConnectionId.1", id)], mustName: Array(id.utf8))
        }
        var measurement = Measurement(
            workload: name, clients: clients, requests: outcome.latencies.count,
            elapsed: ContinuousClock.now - started, latencies: outcome.latencies,
            note: outcome.describe(
                "one ID per request over \(Format.grouped(Double(ids.count))) active peerings", clients: clients))
        measurement.errors = outcome.errors
        if judged { measurement.judge(by: .awsDescribePeerings) }
        try output.emit(measurement)
    }

    /// Why the server cannot run `action`, or nil when it can.
    private func unavailability(_ action: String, _ parameters: [(String, String)]) async throws -> String? {
        var request = self.request
        let response = try await endpoint.withConnection { exchange in
            let (head, body) = request.make(action, parameters)
            return try await exchange.send(head, body: body)
        }
        guard response.status != .ok else { return nil }
        let error = AWSXML.error(in: response)
        return error.code == "InvalidAction" ? "\(server) answers \(error)" : nil
    }

    /// A row saying the workload could not run, and why: the rest of the bench goes on.
    private func report(_ name: String, unavailable reason: String, prepareOnly: Bool) throws {
        Output.progress("\(name): not available: \(reason)")
        guard !prepareOnly else { return }
        var measurement = Measurement(workload: name)
        measurement.clients = clients
        measurement.unavailable = reason
        // Shown, not judged: nothing was measured.
        if judged { measurement.target = Target.awsDescribePeerings.text }
        try output.emit(measurement)
    }

    // MARK: Driving the connections

    /// One request: its action, its parameters, and text a successful answer must contain.
    struct Call: Sendable {
        var action: String
        var parameters: [(String, String)]
        var mustName: [UInt8]?
    }

    /// What the requests of a run came to.
    struct Outcome: Sendable {
        var latencies = Latencies()
        var errors = 0
        var firstError: String?
        var connections = 0

        mutating func fail(_ why: String) {
            errors += 1
            if firstError == nil { firstError = why }
        }

        mutating func add(_ other: Outcome) {
            latencies.add(other.latencies)
            errors += other.errors
            firstError = firstError ?? other.firstError
            connections += other.connections
        }

        /// `what` the requests were, and whatever went wrong.
        func describe(_ what: String, clients: Int) -> String {
            var text = what
            // A server that closes each connection after one answer makes every request pay for a new one.
            if connections > clients {
                text += "; \(Format.grouped(Double(connections))) connections, the server closing them"
            }
            if errors > 0 { text += "; \(Format.grouped(Double(errors))) errors, the first: \(firstError ?? "?")" }
            return text
        }
    }

    /// `perClient` requests from each client on its own connection, the next one sent when the last
    /// is answered; a client whose server closes the connection opens another. Latency runs from the
    /// write of a signed request to the end of its answer; signing is in the throughput, not in it.
    private func drive(perClient: Int, _ call: @escaping @Sendable (Int, Int) -> Call) async throws -> Outcome {
        let outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for client in 0..<clients {
                group.addTask { [endpoint, request] in
                    try await Self.run(client: client, count: perClient, on: endpoint, signing: request, call)
                }
            }
            return try await group.reduce(into: Outcome()) { $0.add($1) }
        }
        if outcome.errors > 0 {
            Output.progress("\(outcome.errors) errors; the first: \(outcome.firstError ?? "?")")
        }
        return outcome
    }

    /// One client's `count` requests, on as many connections as the server's closing takes.
    private static func run(
        client: Int, count: Int, on endpoint: AWSHTTPClient, signing request: EC2Request,
        _ call: @Sendable (Int, Int) -> Call
    ) async throws -> Outcome {
        var request = request
        var outcome = Outcome()
        var index = 0
        while index < count {
            outcome.connections += 1
            try await endpoint.withConnection { exchange in
                while index < count {
                    let next = call(client, index)
                    let (head, body) = request.make(next.action, next.parameters)
                    let begin = ContinuousClock.now
                    let response = try await exchange.send(head, body: body)
                    outcome.latencies.record(from: begin)
                    index += 1
                    if let failure = failure(of: response, to: next) { outcome.fail(failure) }
                    if !response.keepAlive { return }
                }
            }
        }
        return outcome
    }

    /// What is wrong with an answer, or nil: anything but 200, or a 200 without the text it must hold.
    private static func failure(of response: AWSHTTPClient.Response, to call: Call) -> String? {
        guard response.status == .ok else { return AWSXML.error(in: response).description }
        guard let text = call.mustName, !occurs(text, in: response.body) else { return nil }
        return "a 200 answer to \(call.action) without \(String(decoding: text, as: UTF8.self))"
    }

    /// Whether `needle` occurs in the buffer's readable bytes, searched on the raw bytes: the standard
    /// library's generic `firstRange(of:)` over a ByteBufferView cost the bench more CPU per answer
    /// than netctld spent making it (perf: generic metadata look-ups inside its searcher).
    static func occurs(_ needle: [UInt8], in buffer: ByteBuffer) -> Bool {
        guard let first = needle.first else { return true }
        return buffer.withUnsafeReadableBytes { haystack in
            needle.withUnsafeBytes { needle in
                guard haystack.count >= needle.count else { return false }
                for start in 0...(haystack.count - needle.count)
                where haystack[start] == first
                    && memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0
                {
                    return true
                }
                return false
            }
        }
    }
}
