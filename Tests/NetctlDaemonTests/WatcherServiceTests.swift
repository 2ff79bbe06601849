import Dispatch
import Foundation
import Logging
import NetctlAPI
import NetctlCore
import ServiceLifecycle
import Testing

@testable import NetctlDaemon

@Suite("Watcher as a service")
struct WatcherServiceTests {
    /// A state.db holding `vpcs` VPCs (two change events each: the VPC and its main route table), and a
    /// watcher over it and a fresh streams.db.
    func watcher(vpcs: Int) async throws -> (watcher: Watcher, store: Store, context: CommandContext) {
        let path = try temporaryDatabasePath()
        let store = try Store(path: path)
        var state = State()
        var ctx = context(quotas: Quotas([.vpcsPerRegion: 10_000]))
        for index in 0..<vpcs {
            try state.transact { s throws(NetctlError) in
                _ = try s.createVpc(VpcCreate(cidrBlock: "10.\(index / 250).\(index % 250).0/24"), &ctx)
            }
        }
        try await store.commit(state.takeChanges(), from: state)
        let published = PublishedState(try store.loadState())
        let writer = Writer(
            store: store, published: published, clock: SystemClock(), quotas: Quotas(), logger: Logger(label: "test"))
        let streams = try StreamStore(path: (path as NSString).deletingLastPathComponent + "/streams.db")
        let watcher = Watcher(
            store: store, streams: streams, hub: LiveHub(), writer: writer, published: published, clock: SystemClock(),
            emf: nil, logger: Logger(label: "test"))
        return (watcher, store, ctx)
    }

    /// Polls streams.db (off the cooperative pool) until the watcher's cursor reaches `sequence`.
    func cursor(of watcher: Watcher, reaches sequence: Int64) async throws -> Bool {
        let streams = watcher.streams
        for _ in 0..<200 {
            if try await watcher.onStreamsPool({ try streams.cursor() }) >= sequence { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test("run() logs what is committed, wakes on wake(), and returns promptly after a graceful shutdown")
    func runsAndStops() async throws {
        let (watcher, store, ctx) = try await watcher(vpcs: 10)
        let group = ServiceGroup(services: [watcher], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        #expect(try await cursor(of: watcher, reaches: 20), "the backlog is logged at start")

        // A change committed behind the watcher's back is logged once it is woken.
        var state = try store.loadState()
        var more = ctx
        _ = try state.transact { s throws(NetctlError) in try s.createVpc(VpcCreate(cidrBlock: "10.99.0.0/24"), &more) }
        try await store.commit(state.takeChanges(), from: state)
        watcher.wake()
        #expect(try await cursor(of: watcher, reaches: 22), "wake() starts a round")

        let started = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - started < .seconds(10))
        try store.close()
    }

    @Test("a cancelled run() returns without waiting for a wake-up")
    func cancelled() async throws {
        let (watcher, store, _) = try await watcher(vpcs: 1)
        let running = Task { try await watcher.run() }
        #expect(try await cursor(of: watcher, reaches: 2))
        let started = ContinuousClock.now
        running.cancel()
        try await running.value
        #expect(ContinuousClock.now - started < .seconds(10), "not the minute's wait")
        try store.close()
    }

    @Test("onStreamsPool returns the body's value and throws its error, typed when the body says so")
    func results() async throws {
        let (watcher, store, _) = try await watcher(vpcs: 0)
        #expect(await watcher.onStreamsPool { 42 } == 42)
        let streams = watcher.streams
        let scope = Scope(accountId: "000000000000", region: "us-east-1")
        do throws(NetctlError) {
            _ = try await watcher.onStreamsPool { () throws(NetctlError) in
                try streams.streams(scope, group: "/missing", prefix: nil)
            }
            Issue.record("a missing group is an error")
        } catch {
            // The closure's thrown type came through: `error` is a NetctlError.
            #expect(error.code == .resourceNotFoundException)
        }
        try store.close()
    }

    @Test("onStreamsPool's bodies run on threads of their own: bodies that block leave the caller's pool free")
    func offTheCooperativePool() async throws {
        let (watcher, store, _) = try await watcher(vpcs: 0)
        let release = DispatchSemaphore(value: 0)
        // Two blocked bodies would hold the whole cooperative pool of a two-core machine if they ran on
        // it, and the release below would never run; the timeouts keep a failure from hanging the suite.
        async let first = watcher.onStreamsPool { release.wait(timeout: .now() + 10) == .success }
        async let second = watcher.onStreamsPool { release.wait(timeout: .now() + 10) == .success }
        try await Task.sleep(for: .milliseconds(100))
        release.signal()
        release.signal()
        #expect(await first)
        #expect(await second)
        try store.close()
    }
}
