import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import NetctlAPI
import NetctlCore
import ServiceLifecycle
import CSystemd

#if canImport(Glibc)
    import Glibc
#endif

/// Turns every committed change into a CloudWatch-style log event: group by resource kind, stream by
/// resource ID. It reads the state database's `events` table after its own cursor and moves the cursor
/// in the same streams.db transaction as the log events, so after a crash it catches up and nothing is
/// logged twice or skipped. Mutating requests are also logged to `/netctl/rpc`.
///
/// A swift-service-lifecycle `Service`: `run()` is an async loop that waits for wake-ups and the
/// gathering interval without blocking, and does its SQLite work on a thread of its own (see `run()`).
/// Request-path streams.db work goes through `onStreamsPool`.
public final class Watcher: Service {
    let store: Store
    public let streams: StreamStore
    let hub: LiveHub
    let clock: any DaemonClock
    let published: PublishedState
    let emf: EMFWriter?
    private let logger: Logger
    /// Off (`--no-watcher`), changes are not logged and nothing queues up for a loop that never runs.
    let enabled: Bool
    /// Rung on every commit, request and alarm change; the loop waits on it, a minute at most. Rings
    /// while the loop is busy are remembered as one: they all ask for the same next round.
    private let wakeups = Doorbell()
    /// Set when a graceful shutdown (or a cancellation) begins: the loop ends and makes its final,
    /// bounded catch-up; a catch-up in progress stops between batches.
    private let stopping = NIOLockedValueBox(false)
    private let requests = NIOLockedValueBox<[RequestRecord]>([])
    /// Committed events handed over in memory, so the watcher need not read back what the writer just
    /// wrote. Bounded: past the limit it is dropped and the watcher reads state.db instead.
    private let committed = NIOLockedValueBox(CommittedQueue())
    /// The last alarm evaluation, on the daemon clock: alarms look at whole periods, so evaluating
    /// again within the same second changes nothing.
    private let lastAlarmEvaluation = NIOLockedValueBox<Int64>(.min)

    struct CommittedQueue {
        /// Ten batches of lag. Events carry whole resources (a route table's event holds all its routes),
        /// so a deeper queue costs tens of megabytes at scale; past it the watcher reads state.db.
        static let limit = 10_000
        var events: [(sequence: Int64, event: ChangeEvent)] = []
        /// The newest sequence number committed since start (0: none yet).
        var lastCommitted: Int64 = 0
    }

    public static let groups: [String: String] = [
        "vpc": "/netctl/vpc", "subnet": "/netctl/vpc", "routeTable": "/netctl/vpc", "internetGateway": "/netctl/vpc",
        "natGateway": "/netctl/vpc", "networkInterface": "/netctl/vpc", "peering": "/netctl/peering",
        "endpoint": "/netctl/endpoint", "ecrRepository": "/netctl/ecr", "ecrImage": "/netctl/ecr",
        "ecsCluster": "/netctl/ecs", "ecsContainerInstance": "/netctl/ecs", "ecsTaskDefinition": "/netctl/ecs",
        "ecsService": "/netctl/ecs", "ecsTask": "/netctl/ecs", "sdNamespace": "/netctl/ecs",
        "eksCluster": "/netctl/eks", "eksNodegroup": "/netctl/eks", "eksFargateProfile": "/netctl/eks",
        "elasticIp": "/netctl/vpc", "sdService": "/netctl/ecs", "sdInstance": "/netctl/ecs",
        "sdOperation": "/netctl/ecs",
        "securityGroup": "/netctl/vpc",
        "networkAcl": "/netctl/vpc",
        "instance": "/netctl/vpc",
        "networkInsightsPath": "/netctl/vpc",
        "networkInsightsAnalysis": "/netctl/vpc",
        "transitGateway": "/netctl/transit",
        "transitGatewayAttachment": "/netctl/transit",
        "transitGatewayRouteTable": "/netctl/transit",
        "customerGateway": "/netctl/transit",
        "vpnGateway": "/netctl/transit",
        "vpnConnection": "/netctl/transit",
        "dxGateway": "/netctl/transit",
        "loadBalancer": "/netctl/elb",
        "targetGroup": "/netctl/elb",
        "listener": "/netctl/elb",
        "listenerRule": "/netctl/elb",
    ]
    public static let rpcGroup = "/netctl/rpc"

    init(
        store: Store, streams: StreamStore, hub: LiveHub, writer: Writer, published: PublishedState,
        clock: any DaemonClock,
        emf: EMFWriter?, enabled: Bool = true, logger: Logger
    ) {
        self.enabled = enabled
        self.published = published
        self.emf = emf
        self.store = store
        self.streams = streams
        self.hub = hub
        self.clock = clock
        self.logger = logger
        writer.onCommit { [self] batch in
            guard enabled else { return }
            committed.withLockedValue { queue in
                queue.lastCommitted = batch.lastSequence
                if queue.events.count + batch.events.count > CommittedQueue.limit {
                    queue.events.removeAll()
                } else {
                    queue.events += batch.numbered
                }
            }
            wakeups.ring()
        }
    }

    /// Records one mutating request for `/netctl/rpc` (method, caller, outcome, latency).
    func recordRequest(method: String, caller: Caller, outcome: String, latencyMicroseconds: Int64) {
        // An internal error is the daemon's fault, worth an operator's attention; refusals are not.
        logger.log(
            level: outcome == ErrorCode.internalError.rawValue ? .error : .debug, "request",
            metadata: [
                "method": "\(method)", "account": "\(caller.scope.accountId)", "region": "\(caller.scope.region)",
                "uid": "\(caller.credentials.uid)", "accessKeyId": "\(caller.accessKeyId ?? "-")", "outcome": "\(outcome)",
                "latencyMicroseconds": "\(latencyMicroseconds)",
            ])
        guard enabled else { return }
        // Only the facts are queued on the request path; the watcher's thread turns them into a log event
        // and three metrics.
        let record = RequestRecord(
            method: method, scope: caller.scope, uid: caller.credentials.uid, accessKeyId: caller.accessKeyId,
            outcome: outcome,
            latencyMicroseconds: latencyMicroseconds, timestamp: Timestamp.epochMilliseconds(clock.now()))
        requests.withLockedValue { $0.append(record) }
        wakeups.ring()
    }

    struct RequestRecord: Sendable {
        var method: String
        var scope: Scope
        var uid: UInt32
        /// The AWS access key of a request that came through the AWS endpoint.
        var accessKeyId: String?
        var outcome: String
        var latencyMicroseconds: Int64
        var timestamp: Int64

        var entry: StreamStore.Entry {
            // Members in sorted order, as the encoder writes them.
            var text = accessKeyId.map { #"{"accessKeyId":"# + JSONText.quote($0) + "," } ?? "{"
            text += #""accountId":"# + JSONText.quote(scope.accountId) + #","action":"request","latencyMicroseconds":"#
            text += String(latencyMicroseconds) + #","method":"# + JSONText.quote(method) + #","outcome":"#
            text += JSONText.quote(outcome) + #","region":"# + JSONText.quote(scope.region) + #","resourceId":"#
            text += JSONText.quote(method) + #","resourceType":"rpc","uid":"# + String(uid) + "}"
            return StreamStore.Entry(
                scope: scope, group: Watcher.rpcGroup, stream: method, timestamp: timestamp, message: text)
        }

    }

    /// `Netctl/RPC` for a batch of requests: Latency per request (percentiles need each value), and
    /// Requests and Errors as one statistic set per account, region, method and second, so a busy
    /// second costs one row each instead of one per request.
    static func metrics(for records: [RequestRecord]) -> [StreamStore.MetricEntry] {
        struct Key: Hashable {
            var scope: Scope
            var method: String
            var second: Int64
        }
        var counts: [Key: (requests: Double, errors: Double)] = [:]
        var order: [Key] = []
        var result: [StreamStore.MetricEntry] = []
        result.reserveCapacity(records.count + 8)
        for record in records {
            let key = Key(scope: record.scope, method: record.method, second: record.timestamp / 1000)
            if counts[key] == nil { order.append(key) }
            counts[key, default: (0, 0)].requests += 1
            if record.outcome != "ok" { counts[key, default: (0, 0)].errors += 1 }
            result.append(
                StreamStore.MetricEntry(
                    scope: record.scope, namespace: "Netctl/RPC",
                    sample: MetricRules.Sample(
                        metricName: "Latency", dimensions: [MetricDimension(name: "Method", value: record.method)],
                        timestamp: record.timestamp, value: Double(record.latencyMicroseconds), unit: "Microseconds",
                        storageResolution: 60)))
        }
        for key in order {
            guard let total = counts[key] else { continue }
            let dimensions = [MetricDimension(name: "Method", value: key.method)]
            let sets: [(String, StreamStore.Statistics)] = [
                ("Requests", .init(sampleCount: total.requests, sum: total.requests, minimum: 1, maximum: 1)),
                (
                    "Errors",
                    .init(
                        sampleCount: total.requests, sum: total.errors, minimum: total.errors == total.requests ? 1 : 0,
                        maximum: total.errors > 0 ? 1 : 0)
                ),
            ]
            for (name, statistics) in sets {
                result.append(
                    StreamStore.MetricEntry(
                        scope: key.scope, namespace: "Netctl/RPC",
                        sample: MetricRules.Sample(
                            metricName: name, dimensions: dimensions, timestamp: key.second * 1000,
                            value: statistics.sum / statistics.sampleCount, unit: "Count", storageResolution: 60),
                        statistics: statistics))
            }
        }
        return result
    }

    /// Under a stream of commits, at most one streams.db transaction per interval: a transaction rewrites
    /// every index page it touches (a new resource's stream lands on a random page of the stream names),
    /// so gathering more changes into each writes far less and leaves the CPU to the write path. A
    /// change after a quiet moment is logged at once; a live tail sees any change within this much more.
    static let gatheringInterval = Duration.milliseconds(50)

    /// Up to 1,000 events each: what a stop waits for, a second or two at most.
    static let batchesAtShutdown = 3

    /// Runs the watcher until a graceful shutdown or a cancellation (either lets the batch in progress
    /// finish and ends the loop), then catches up once more, briefly.
    ///
    /// Its SQLite work runs on a `NIOThreadPool` of one thread, started here and shut down when this
    /// returns: the watcher is the only writer of change events to streams.db and its rounds follow one
    /// another, so one thread is all it can use. The thread runs at the lowest CPU priority: on a busy
    /// machine the writer and the clients come first and the watcher catches up (the events are durable
    /// in state.db), instead of taking their cores. The loop itself is async and never blocks: it waits,
    /// suspended, for a wake-up and for what is left of the gathering interval, and hops to the pool for
    /// each round of SQLite work.
    public func run() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await self.loop(on: pool)
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        try await pool.shutdownGracefully()
    }

    /// Ends the loop: it notices at its next wake-up, and a catch-up in progress stops between batches.
    private func stop() {
        stopping.withLockedValue { $0 = true }
        wakeups.ring()
    }

    private var isStopping: Bool { stopping.withLockedValue { $0 } }

    /// What the loop carries from one round to the next.
    private struct Progress: Sendable {
        /// The last sequence logged (nil: read it from streams.db).
        var cursor: Int64?
        /// When the minute's sampling and sweeps last ran, on the daemon's clock.
        var lastSweep = Date.distantPast
    }

    private func loop(on pool: NIOThreadPool) async {
        await Self.whole(on: pool) { Self.lowerPriority() }
        var progress = Progress()
        var lastRound = ContinuousClock.now - Self.gatheringInterval
        while !isStopping {
            let gathered = lastRound.duration(to: .now)
            if gathered < Self.gatheringInterval {
                try? await Task.sleep(for: Self.gatheringInterval - gathered)
            }
            lastRound = .now
            // runIfActive fails only when this task is cancelled, and stop() has then ended the loop.
            guard let next = try? await pool.runIfActive({ [progress] in self.round(progress) }) else { break }
            progress = next
            // At least one round a minute: sampling, retention and alarms come due without any commit.
            _ = await wakeups.wait(upTo: .seconds(60))
        }
        // A short final catch-up so a normal stop leaves the logs complete. A large backlog (a state
        // written with --no-watcher, a long burst) must not hold up the stop: its events are durable in
        // state.db and the cursor says where to resume at the next start. Done even when the stop is a
        // cancellation.
        let cursor = progress.cursor
        let last = await Self.whole(on: pool) {
            var cursor = cursor
            return (complete: self.catchUp(&cursor, maximumBatches: Self.batchesAtShutdown), cursor: cursor)
        }
        if !last.complete {
            logger.notice(
                "stopping before every change event is logged; the rest are logged at the next start",
                metadata: ["loggedThroughSequence": "\(last.cursor.map(String.init) ?? "unknown")"])
        }
    }

    /// One round of SQLite work, on the watcher's thread: the change events and requests since the last
    /// round, the alarms if due, and the minute's sampling and sweeps once a minute.
    private func round(_ progress: Progress) -> Progress {
        var progress = progress
        catchUp(&progress.cursor)
        evaluateAlarmsIfDue()
        // Retention and sampling run on the daemon's clock, so --manual-clock tests can drive them.
        let now = clock.now()
        if now.timeIntervalSince(progress.lastSweep) >= 60 {
            progress.lastSweep = now
            minuteWork(now)
        }
        return progress
    }

    private func minuteWork(_ now: Date) {
        let state = published.current
        let millis = Timestamp.epochMilliseconds(now)
        let samples =
            NetctlGauges.minuteSamples(state, now: millis) + ContainerInsightsGauges.minuteSamples(state, now: millis)
        do {
            try streams.appendMetrics(samples)
            emf?.write(samples)
        } catch {
            logger.error("minute sampling failed", metadata: ["error": "\(error)"])
        }
        do {
            try streams.sweepRetention(now: Timestamp.epochMilliseconds(now))
            try streams.rollUpMetrics(now: Timestamp.epochMilliseconds(now))
        } catch {
            logger.error("retention sweep failed", metadata: ["error": "\(error)"])
        }
    }

    /// Linux lets a thread have its own nice value (setpriority on the thread ID). The pool's thread
    /// is named too, so `top -H` shows which one it is.
    private static func lowerPriority() {
        #if os(Linux)
            let tid = id_t(netctl_thread_id())
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, 19)
        #endif
        Thread.current.name = "netctld-watcher"
    }

    /// Runs `body` on a thread kept for streams.db I/O and returns its result, or throws its error.
    ///
    /// This is how async code, the request path above all (`logs.put`, `logs.get`, `metrics.*`,
    /// `alarm.*`), does streams.db work: `StreamStore`'s methods block on SQLite, and blocking a task
    /// takes one of the cooperative pool's few threads (two on a two-core machine) from every other
    /// request. Put in `body` the `StreamStore` calls and what must go with them, and nothing that
    /// waits on anything else. To keep `NetctlError` as the thrown type, say so in the closure:
    ///
    ///     let groups = try await call.watcher.onStreamsPool { () throws(NetctlError) in
    ///         try call.watcher.streams.groups(call.caller.scope, prefix: request.prefix)
    ///     }
    ///
    /// Once asked for, `body` runs, even if the calling task is cancelled meanwhile (a write is never
    /// half dropped). It runs whether or not the watcher's loop does (`--no-watcher`, a read-only data
    /// directory, `RequestReplay`), before `run()` and after it returned.
    public func onStreamsPool<T: Sendable, E: Error>(
        _ body: @escaping @Sendable () throws(E) -> T
    ) async throws(E) -> T {
        try await Self.whole(on: Self.streamsPool, body)
    }

    /// Runs `body` on `pool`, which must be running, and waits for its result. Unlike `runIfActive`, a
    /// cancellation of the calling task does not drop the work: once asked for, it is done.
    private static func whole<T: Sendable, E: Error>(
        on pool: NIOThreadPool, _ body: @escaping @Sendable () throws(E) -> T
    ) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            pool.submit { state in
                // `.cancelled` would mean a stopped pool, which runs the item on the submitting thread.
                guard case .active = state else { preconditionFailure("streams.db work given to a stopped pool") }
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
        }
        return try result.get()
    }

    /// The threads of `onStreamsPool`, for reads and writes alike. Not the watcher's thread:
    /// - that one runs at nice 19 and a round of it can take long (a backlog of change events, the
    ///   minute's retention sweep and roll-ups): a request queued behind it would wait for all of that,
    ///   at the lowest priority, exactly when the machine is busy;
    /// - streams.db is in WAL mode, so reads run beside the watcher's write transaction instead of after
    ///   it, and a request's write waits only for the transaction in progress: GRDB's single writer
    ///   connection orders every write to streams.db, whichever thread it comes from, so a pool of its
    ///   own adds no second writer.
    /// Two threads, so that a write waiting for the writer connection does not hold up reads; more
    /// would only take cores from the write path. Process-wide and never shut down, like the
    /// `MultiThreadedEventLoopGroup.singleton` the socket server runs on: requests reach streams.db
    /// whenever the server runs, also where the watcher's loop never does, so these threads cannot
    /// live and die with `run()`. Started on first use.
    private static let streamsPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// Logs every change event after the cursor, in batches. `cursor` is kept by the watcher's loop
    /// (nil: read it from streams.db), which is the cursor's only writer. Blocks on SQLite: the loop
    /// calls it on the watcher's thread.
    /// Returns false when it stopped with events left: after `maximumBatches`, or when netctld is stopping
    /// (the final catch-up then takes over with its own limit).
    @discardableResult
    func catchUp(_ knownCursor: inout Int64?, maximumBatches: Int = .max) -> Bool {
        do {
            var cursor = try knownCursor ?? streams.cursor()
            knownCursor = cursor
            var batches = 0
            while true {
                if batches == maximumBatches || (maximumBatches == .max && stopping.withLockedValue({ $0 })) { return false }
                batches += 1
                let batch = try nextEvents(after: cursor)
                let records = requests.withLockedValue { queued in
                    defer { queued.removeAll() }; return queued
                }
                let pending = records.map(\.entry)
                let rpcMetrics = Self.metrics(for: records)
                if batch.isEmpty && pending.isEmpty && rpcMetrics.isEmpty { return true }
                let now = Timestamp.epochMilliseconds(clock.now())
                for (_, event) in batch {
                    logger.debug(
                        "change",
                        metadata: [
                            "resourceId": "\(event.resourceId)", "resourceType": "\(event.resourceType)",
                            "action": "\(event.action)", "account": "\(event.accountId)", "region": "\(event.region)",
                        ])
                }
                let entries =
                    batch.map { Self.entry(for: $0.event) } + pending
                    + TaskLogLines.entries(
                        for: batch.map(\.event), in: published.current, groups: streams.logGroupNames)
                let metrics =
                    NetctlGauges.samples(for: batch.map(\.event), in: published.current, now: now) + rpcMetrics
                let last = batch.last?.sequence ?? cursor
                let stored = try streams.append(entries, metrics: metrics, now: now, cursor: last)
                emf?.write(metrics)
                cursor = last
                knownCursor = cursor
                if !hub.isEmpty {
                    hub.publish(logs: zip(entries, stored).map { ($0.scope, $1) }, changes: batch.map(\.event))
                }
                if batch.isEmpty { return true }
            }
        } catch let error as UnknownEventValue {
            // Not a write that may succeed next time: logging stays at this event until a netctld that
            // knows it reads the database.
            knownCursor = nil
            logger.error(
                "watcher cannot read a change event; logs and metrics stop before it until netctld is upgraded",
                metadata: ["error": "\(error)"])
            return false
        } catch {
            knownCursor = nil
            logger.error("watcher could not write streams.db; will retry", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Up to 1,000 events after `cursor`: from memory when the handed-over events continue exactly
    /// there, else from state.db (after a restart, or when memory overflowed).
    private func nextEvents(after cursor: Int64) throws -> [(sequence: Int64, event: ChangeEvent)] {
        let fromMemory = committed.withLockedValue { queue -> [(sequence: Int64, event: ChangeEvent)]? in
            queue.events.removeAll { $0.sequence <= cursor }
            if let first = queue.events.first, first.sequence == cursor + 1 {
                let taken = Array(queue.events.prefix(1000))
                queue.events.removeFirst(taken.count)
                return taken
            }
            // Nothing newer was committed since start than what is logged: no need to ask state.db.
            if queue.events.isEmpty, queue.lastCommitted > 0, cursor >= queue.lastCommitted { return [] }
            return nil
        }
        return try fromMemory ?? store.events(after: cursor, limit: 1000)
    }

    /// Wakes the watcher now (a new alarm, a moved manual clock).
    func wake() {
        lastAlarmEvaluation.withLockedValue { $0 = .min }
        wakeups.ring()
    }

    private func evaluateAlarmsIfDue() {
        let second = Timestamp.epochMilliseconds(clock.now()) / 1000
        let due = lastAlarmEvaluation.withLockedValue { last -> Bool in
            defer { last = second }
            return last != second
        }
        if due { evaluateAlarms() }
    }

    /// Evaluates every alarm over its last N complete periods on the daemon clock; each state change
    /// is saved and logged to `/netctl/alarms`.
    func evaluateAlarms() {
        do {
            let now = Timestamp.epochMilliseconds(clock.now())
            var transitions: [StreamStore.Entry] = []
            for (scope, var alarm) in try streams.alarms(nil) {
                let length = Int64(alarm.period) * 1000
                let end = now / length * length
                let start = end - Int64(alarm.evaluationPeriods) * length
                let samples = try streams.metricSamples(
                    scope, namespace: alarm.namespace, name: alarm.metricName, dimensions: alarm.dimensions,
                    start: start,
                    end: end)
                let points = MetricRules.datapoints(
                    samples.map(\.observation), period: alarm.period, statistics: [alarm.statistic],
                    unit: samples.first?.unit ?? "None")
                let byPeriod = Dictionary(points.map { ($0.timestamp, $0) }, uniquingKeysWith: { first, _ in first })
                let values: [Double?] = (0..<alarm.evaluationPeriods).map { index in
                    byPeriod[start + Int64(index) * length]?.value(of: alarm.statistic)
                }
                let (state, reason) = AlarmRules.evaluate(alarm, values: values)
                guard state != alarm.state else { continue }
                let message: JSONValue = [
                    "action": "stateChange", "resourceType": "alarm", "resourceId": .string(alarm.name),
                    "accountId": .string(scope.accountId), "region": .string(scope.region),
                    "oldState": .string(alarm.state), "status": .string(state), "reason": .string(reason),
                ]
                alarm.state = state
                alarm.stateReason = reason
                alarm.stateReasonData = nil
                alarm.stateUpdatedAt = now
                try streams.putAlarm(scope, alarm)
                let text = (try? NetctlJSON.encoder.encode(message)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                transitions.append(
                    StreamStore.Entry(
                        scope: scope, group: "/netctl/alarms", stream: alarm.name, timestamp: now, message: text))
            }
            if !transitions.isEmpty {
                let stored = try streams.append(transitions, now: now)
                hub.publish(logs: zip(transitions, stored).map { ($0.scope, $1) }, changes: [])
            }
        } catch {
            logger.error("alarm evaluation failed", metadata: ["error": "\(error)"])
        }
    }

    static func entry(for event: ChangeEvent) -> StreamStore.Entry {
        // Assembled as text around the already-encoded detail: decoding and re-encoding every
        // resource would cost the watcher more CPU than the commit it follows. Keys stay sorted.
        var text = ""
        text.reserveCapacity(event.detail.utf8.count + 256)
        text += #"{"accountId":"# + JSONText.quote(event.accountId) + #","action":"# + JSONText.quote(event.action.rawValue)
        text += #","at":"# + JSONText.quote(Timestamp.format(event.at)) + #","detail":"# + event.detail
        text += #","region":"# + JSONText.quote(event.region) + #","resourceId":"# + JSONText.quote(event.resourceId)
        text += #","resourceType":"# + JSONText.quote(event.resourceType.rawValue)
        if let status = event.status { text += #","status":"# + JSONText.quote(status) }
        text += "}"
        return StreamStore.Entry(
            scope: Scope(accountId: event.accountId, region: event.region),
            group: groups[event.resourceType.rawValue] ?? "/netctl/\(event.resourceType.rawValue)", stream: event.resourceId,
            timestamp: Timestamp.epochMilliseconds(event.at), message: text)
    }
}
