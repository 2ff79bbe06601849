import Foundation
import Logging
import NIOConcurrencyHelpers
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
    /// Rung on every commit, request and alarm change; the watcher thread waits on it.
    private let wakeups = DispatchSemaphore(value: 0)
    private let stopping = NIOLockedValueBox(false)
    private let shutdownWaiter = NIOLockedValueBox<CheckedContinuation<Void, Never>?>(nil)
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
            wakeups.signal()
        }
    }

    /// Records one mutating request for `/netctl/rpc` (method, caller, outcome, latency).
    func recordRequest(method: String, caller: Caller, outcome: String, latencyMicroseconds: Int64) {
        // An internal error is the daemon's fault, worth an operator's attention; refusals are not.
        logger.log(
            level: outcome == ErrorCode.internalError.rawValue ? .error : .debug, "request",
            metadata: [
                "method": "\(method)", "account": "\(caller.scope.accountId)", "region": "\(caller.scope.region)",
                "uid": "\(caller.credentials.uid)", "outcome": "\(outcome)",
                "latencyMicroseconds": "\(latencyMicroseconds)",
            ])
        guard enabled else { return }
        // Only the facts are queued on the request path; the watcher thread turns them into a log event
        // and three metrics.
        let record = RequestRecord(
            method: method, scope: caller.scope, uid: caller.credentials.uid, outcome: outcome,
            latencyMicroseconds: latencyMicroseconds, timestamp: Timestamp.epochMilliseconds(clock.now()))
        requests.withLockedValue { $0.append(record) }
        wakeups.signal()
    }

    struct RequestRecord: Sendable {
        var method: String
        var scope: Scope
        var uid: UInt32
        var outcome: String
        var latencyMicroseconds: Int64
        var timestamp: Int64

        var entry: StreamStore.Entry {
            var text =
                #"{"accountId":"# + JSONText.quote(scope.accountId) + #","action":"request","latencyMicroseconds":"#
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

    public func run() async throws {
        // The watcher's SQLite work runs on its own thread at a lower CPU priority: on a busy machine
        // the writer and the clients come first and the watcher catches up (the events are durable in
        // state.db), instead of taking their cores.
        let stopped = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            Self.lowerPriority()
            var lastSweep = Date.distantPast
            var cursor: Int64?
            var lastCatchUp = ContinuousClock.now - Self.gatheringInterval
            while !self.stopping.withLockedValue({ $0 }) {
                let gathered = lastCatchUp.duration(to: .now)
                if gathered < Self.gatheringInterval {
                    Thread.sleep(forTimeInterval: (Self.gatheringInterval - gathered) / .seconds(1))
                }
                lastCatchUp = .now
                self.catchUp(&cursor)
                self.evaluateAlarmsIfDue()
                // Retention and sampling run on the daemon's clock, so --manual-clock tests can drive them.
                let now = self.clock.now()
                if now.timeIntervalSince(lastSweep) >= 60 {
                    lastSweep = now
                    self.minuteWork(now)
                }
                _ = self.wakeups.wait(timeout: .now() + 60)
            }
            // A short final catch-up so a normal stop leaves the logs complete. A large backlog (a state
            // written with --no-watcher, a long burst) must not hold up the stop: its events are durable in
            // state.db and the cursor says where to resume at the next start.
            if !self.catchUp(&cursor, maximumBatches: Self.batchesAtShutdown) {
                self.logger.notice(
                    "stopping before every change event is logged; the rest are logged at the next start",
                    metadata: ["loggedThroughSequence": "\(cursor.map(String.init) ?? "unknown")"])
            }
            stopped.signal()
        }
        thread.name = "netctld-watcher"
        thread.start()
        await withGracefulShutdownHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                self.shutdownWaiter.withLockedValue { $0 = continuation }
                if self.stopping.withLockedValue({ $0 }) { self.resumeShutdown() }
            }
        } onGracefulShutdown: {
            self.stopping.withLockedValue { $0 = true }
            self.resumeShutdown()
        }
        wakeups.signal()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                stopped.wait()
                continuation.resume()
            }
        }
    }

    private func resumeShutdown() {
        let waiter = shutdownWaiter.withLockedValue { waiter -> CheckedContinuation<Void, Never>? in
            defer { waiter = nil }
            return waiter
        }
        waiter?.resume()
    }

    private func minuteWork(_ now: Date) {
        let samples = NetctlGauges.minuteSamples(published.current, now: Timestamp.epochMilliseconds(now))
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

    /// Linux lets a thread have its own nice value (setpriority on the thread ID).
    private static func lowerPriority() {
        #if os(Linux)
            let tid = id_t(netctl_thread_id())
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, 19)
        #endif
    }

    /// Logs every change event after the cursor, in batches. `cursor` is kept by the watcher thread
    /// (nil: read it from streams.db), which is the cursor's only writer.
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
                let entries = batch.map { Self.entry(for: $0.event) } + pending
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
        wakeups.signal()
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
