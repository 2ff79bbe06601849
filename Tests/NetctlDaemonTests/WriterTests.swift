import Foundation
import Logging
import NetctlAPI
import NetctlCore
import ServiceLifecycle
import Testing

@testable import NetctlDaemon

@Suite("Writer: ordered group commit")
struct WriterTests {
    func job(
        _ method: String, token: String? = nil, hash: String? = nil,
        _ apply: @escaping @Sendable (inout State, inout CommandContext) throws(NetctlError) -> Data
    ) -> WriterJob {
        .command(
            method: method, scope: Scope(accountId: "000000000000", region: "us-east-1"),
            token: token.map { WriterJob.Token(value: $0, fingerprint: hash ?? method) }
        ) { state, context throws(NetctlError) in .encoded(try apply(&state, &context)) }
    }

    @Test("jobs queued together commit together, in order; a failing one changes nothing and spares the rest")
    func batch() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        let published = PublishedState(State())
        let writer = Writer(store: store, published: published, clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
        let jobs = [
            job("vpc.create") { s, c throws(NetctlError) in try JSONValue.from(s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &c)) },
            job("vpc.create") { s, c throws(NetctlError) in try JSONValue.from(s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/8", name: "bad"), &c)) },
            job("subnet.create") { s, c throws(NetctlError) in
                try JSONValue.from(s.createSubnet(SubnetCreate(vpc: "a", cidrBlock: "10.0.1.0/24"), &c))
            },
        ]
        // Queue all three before the writer runs: they form one batch.
        for job in jobs { writer.enqueue(job) }
        let service = Task { try await writer.run() }
        let results = await [jobs[0].reply.value, jobs[1].reply.value, jobs[2].reply.value]
        service.cancel()

        #expect(results[0].json?["name"] == "a")
        #expect(results[1].failureCode == .invalidVpcRange)
        #expect(results[2].json?["cidrBlock"] == "10.0.1.0/24")
        // Durable before the reply: a fresh look at the file sees them.
        let onDisk = try store.loadState()
        #expect(onDisk.vpcs.count == 1)
        #expect(onDisk.subnets.count == 1)
        #expect(published.current.vpcs.count == 1)
        #expect(try store.events(after: 0).map(\.event.resourceType) == [.vpc, .routeTable, .securityGroup, .subnet])
    }

    @Test("a read queued between writes sees exactly the writes before it")
    func readInOrder() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        let writer = Writer(
            store: store, published: PublishedState(State()), clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
        let create = job("vpc.create") { s, c throws(NetctlError) in try JSONValue.from(s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16", name: "a"), &c)) }
        let read = WriterJob(
            scope: Scope(accountId: "000000000000", region: "us-east-1"),
            step: .read { state in .success(.encoded(Data("\(state.vpcs.count)".utf8))) }, reply: PendingReply())
        let delete = job("vpc.delete") { s, c throws(NetctlError) in try JSONValue.from(s.deleteVpc(VpcDelete(vpc: "a"), &c)) }
        for job in [create, read, delete] { writer.enqueue(job) }
        let service = Task { try await writer.run() }
        #expect(await read.reply.value.json == JSONValue.int(1))
        #expect(await delete.reply.value.json?["state"] == "deleted")
        service.cancel()
    }

    @Test("a client token replays the first result and refuses different params")
    func idempotency() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        let writer = Writer(
            store: store, published: PublishedState(State()), clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
        let service = Task { try await writer.run() }
        defer { service.cancel() }
        func create(_ cidr: String, hash: String) async -> Reply {
            let job = job("vpc.create", token: "t-1", hash: hash) { s, c throws(NetctlError) in
                try JSONValue.from(s.createVpc(VpcCreate(cidrBlock: cidr), &c))
            }
            writer.enqueue(job)
            return await job.reply.value
        }
        let first = await create("10.0.0.0/16", hash: "h1")
        let retry = await create("10.0.0.0/16", hash: "h1")
        #expect(first.json?["vpcId"] != nil)
        #expect(first.json?["vpcId"] == retry.json?["vpcId"])
        #expect(await create("10.1.0.0/16", hash: "h2").failureCode == .idempotentParameterMismatch)
        #expect(try store.loadState().vpcs.count == 1)
    }
}

@Suite("Writer: where answers are encoded")
struct WriterEncodingTests {
    @Test("without a client token the writer leaves an answer to the connection; with one it keeps the bytes it answers")
    func encodedOnlyForTokens() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        let writer = Writer(
            store: store, published: PublishedState(State()), clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
        let service = Task { try await writer.run() }
        defer { service.cancel() }
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        func run(token: WriterJob.Token?) async -> Reply {
            let job = WriterJob.command(method: "system.test", scope: scope, token: token) { _, _ throws(NetctlError) in
                .value(EmptyResponse())
            }
            writer.enqueue(job)
            return await job.reply.value
        }
        guard case .success(.value) = await run(token: nil) else {
            Issue.record("an answer without a token was encoded inside the writer")
            return
        }
        let token = WriterJob.Token(value: "t-1", fingerprint: "f")
        guard case .success(.encoded(let first)) = await run(token: token) else {
            Issue.record("an answer with a token was not encoded to be kept")
            return
        }
        #expect(String(decoding: first, as: UTF8.self) == "{}")
        guard case .success(.encoded(let replayed)) = await run(token: token) else {
            Issue.record("a retry was not answered with the kept bytes")
            return
        }
        #expect(replayed == first)
    }
}

extension JSONValue {
    static func from(_ value: some Encodable) throws(NetctlError) -> Data {
        do { return try NetctlJSON.encoder.encode(value) } catch { throw NetctlError(.internalError, "\(error)") }
    }
}

extension Result where Success == ResultBody {
    /// The result as JSON, for assertions.
    var json: JSONValue? {
        guard case .success(let body) = self, let data = try? WireCodec.encode(body) else { return nil }
        return try? NetctlJSON.decoder.decode(JSONValue.self, from: data)
    }
}

extension Result where Failure == RPCErrorObject {
    var failureCode: ErrorCode? {
        if case .failure(let error) = self { return error.domainCode.map(ErrorCode.init(rawValue:)) }
        return nil
    }
}

@Suite("Doorbell")
struct DoorbellTests {
    @Test("a wait that starts after its task was cancelled returns at once instead of hanging shutdown")
    func cancelledBeforeWaiting() async {
        let doorbell = Doorbell()
        let task = Task {
            // Burn until cancelled, then wait: the cancellation already happened.
            while !Task.isCancelled { await Task.yield() }
            return await doorbell.wait(upTo: .seconds(3600))
        }
        task.cancel()
        let started = ContinuousClock.now
        #expect(await task.value == false)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("a ring wakes a waiter; a ring with nobody waiting is remembered once")
    func ring() async {
        let doorbell = Doorbell()
        doorbell.ring()
        #expect(await doorbell.wait(upTo: .seconds(3600)))
        let waiter = Task { await doorbell.wait(upTo: .seconds(3600)) }
        try? await Task.sleep(for: .milliseconds(50))
        doorbell.ring()
        #expect(await waiter.value)
        #expect(await doorbell.wait(upTo: .milliseconds(10)) == false)
    }
}

@Suite("Writer progress for the watchdog")
struct WriterProgressTests {
    @Test("a job waiting with no writer running counts as stuck; once committed it does not")
    func stuck() async throws {
        let store = try Store(path: try temporaryDatabasePath())
        let writer = Writer(
            store: store, published: PublishedState(State()), clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
        #expect(!writer.isStuck(longerThan: .milliseconds(10)))
        let job = WriterJob.command(method: "vpc.create", scope: Scope(accountId: "000000000000", region: "us-east-1")) {
            s, c throws(NetctlError) in .value(try s.createVpc(VpcCreate(cidrBlock: "10.0.0.0/16"), &c))
        }
        writer.enqueue(job)
        try await Task.sleep(for: .milliseconds(300))
        #expect(writer.isStuck(longerThan: .milliseconds(200)), "nobody drains the queue")
        let service = Task { try await writer.run() }
        _ = await job.reply.value
        try await Task.sleep(for: .milliseconds(50))
        #expect(!writer.isStuck(longerThan: .milliseconds(200)), "the job was taken and committed")
        service.cancel()
    }
}
