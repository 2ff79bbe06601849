import Foundation
import Logging
import NIOConcurrencyHelpers
import NetctlAPI
import NetctlCore
import ServiceLifecycle

/// One unit of work waiting for the writer.
struct WriterJob: Sendable {
    enum Step: Sendable {
        /// A state change, validated and applied by NetctlCore.
        case command(Command)
        /// A read pipelined behind writes of the same connection: it must see exactly the writes sent
        /// before it, so it takes its place in the writer's order.
        case read(@Sendable (State) -> Reply)
    }

    struct Command: Sendable {
        var method: String
        var token: Token?
        var apply: @Sendable (inout State, inout CommandContext) throws(NetctlError) -> ResultBody
    }

    /// A `clientToken` and the fingerprint of the params it was sent with.
    struct Token: Sendable {
        var value: String
        var fingerprint: String
    }

    var scope: Scope
    var step: Step
    var reply: PendingReply

    static func command(
        method: String, scope: Scope, token: Token? = nil,
        apply: @escaping @Sendable (inout State, inout CommandContext) throws(NetctlError) -> ResultBody
    ) -> WriterJob {
        WriterJob(scope: scope, step: .command(Command(method: method, token: token, apply: apply)), reply: PendingReply())
    }
}

/// Applies mutations in arrival order and commits them in groups: everything queued while the
/// previous commit was in flight goes into the next transaction, so one fsync serves many clients.
/// A reply is released only after its change is durable and published.
public final class Writer: Service {
    private let store: Store
    private let published: PublishedState
    private let clock: any DaemonClock
    /// Read once per batch: a reload (SIGHUP) applies from the next batch on.
    private let quotas: @Sendable () -> Quotas
    private let logger: Logger
    /// streams.db's log groups, which starting ECS tasks' `awslogs` containers need.
    private let logGroups: any LogGroupDirectory
    /// Where resource IDs start: random in the daemon, seeded where a replay must give the same IDs.
    private let firstIds: IDGenerator
    private let queue = NIOLockedValueBox<Queue>(Queue())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let observers = NIOLockedValueBox<[@Sendable (CommittedEvents) -> Void]>([])

    private struct Queue {
        var jobs: [WriterJob] = []
        var accepting = true
        /// When the oldest job not yet taken was queued, and when the commit in flight began: the
        /// watchdog's measures of progress.
        var waitingSince: ContinuousClock.Instant?
        var committingSince: ContinuousClock.Instant?
    }

    /// True when a job has waited, or a commit has run, longer than `limit`: the writer is stuck (a
    /// hung disk, a deadlock).
    func isStuck(longerThan limit: Duration) -> Bool {
        let now = ContinuousClock.now
        return queue.withLockedValue { queue in
            [queue.waitingSince, queue.committingSince].contains { $0.map { now - $0 > limit } ?? false }
        }
    }

    public convenience init(store: Store, published: PublishedState, clock: any DaemonClock, quotas: Quotas, logger: Logger) {
        self.init(
            store: store, published: published, clock: clock, quotas: { quotas }, logGroups: KnownLogGroups(),
            logger: logger)
    }

    public init(
        store: Store, published: PublishedState, clock: any DaemonClock, quotas: @escaping @Sendable () -> Quotas,
        logGroups: any LogGroupDirectory, logger: Logger, ids: IDGenerator = .random()
    ) {
        self.firstIds = ids
        self.logGroups = logGroups
        self.store = store
        self.published = published
        self.clock = clock
        self.quotas = quotas
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Called with the change events of every committed batch, in commit order.
    public func onCommit(_ observer: @escaping @Sendable (CommittedEvents) -> Void) {
        observers.withLockedValue { $0.append(observer) }
    }

    /// Queues a job without waiting: callers enqueue in the order requests arrived, then await replies.
    func enqueue(_ job: WriterJob) {
        let accepted = queue.withLockedValue { queue in
            guard queue.accepting else { return false }
            if queue.waitingSince == nil { queue.waitingSince = ContinuousClock.now }
            queue.jobs.append(job)
            return true
        }
        if accepted {
            wake.yield()
        } else {
            job.reply.fulfill(
                .failure(
                    RPCErrorObject(NetctlError(.unavailable, "netctld is shutting down; retry once it is running again."))))
        }
    }

    public func run() async throws {
        var ids = firstIds
        await withGracefulShutdownHandler {
            for await _ in wakeups {
                await drain(&ids)
            }
        } onGracefulShutdown: {
            // Jobs already queued still commit; new ones are refused.
            self.queue.withLockedValue { $0.accepting = false }
            self.wake.finish()
        }
        await drain(&ids)
    }

    private func drain(_ ids: inout IDGenerator) async {
        while true {
            let batch = queue.withLockedValue { queue in
                defer {
                    queue.jobs.removeAll(keepingCapacity: true)
                    queue.waitingSince = nil
                    queue.committingSince = ContinuousClock.now
                }
                return queue.jobs
            }
            if batch.isEmpty {
                queue.withLockedValue { $0.committingSince = nil }
                return
            }
            await commit(batch, &ids)
            queue.withLockedValue { $0.committingSince = nil }
        }
    }

    private func commit(_ batch: [WriterJob], _ ids: inout IDGenerator) async {
        // Millisecond precision: what is stored, so state after a restart orders exactly as before it.
        let now = Timestamp.millisecondPrecision(clock.now())
        var working = published.current
        let quotas = self.quotas()
        var outcomes: [Reply] = []
        outcomes.reserveCapacity(batch.count)
        for job in batch {
            switch job.step {
            case .read(let evaluate):
                outcomes.append(evaluate(working))
            case .command(let command):
                var context = CommandContext(scope: job.scope, now: now, quotas: quotas, ids: ids, logGroups: logGroups)
                let outcome = Result { () throws(NetctlError) -> ResultBody in
                    try working.transact { state throws(NetctlError) in
                        try Self.run(command, &state, &context, scope: job.scope, now: now)
                    }
                }
                ids = context.ids
                outcomes.append(outcome.mapError(RPCErrorObject.init))
            }
        }
        let changes = working.takeChanges()
        if !changes.isEmpty {
            let lastSequence: Int64?
            do {
                lastSequence = try await store.commit(changes, from: working)
            } catch {
                logger.error("commit failed; the batch was not applied", metadata: ["error": "\(error)", "jobs": "\(batch.count)"])
                let failure = RPCErrorObject(NetctlError(.internalError, store.explainWriteFailure(error)))
                for job in batch { job.reply.fulfill(.failure(failure)) }
                return
            }
            published.publish(working)
            let events = changes.events
            if !events.isEmpty, let lastSequence {
                let committed = CommittedEvents(firstSequence: lastSequence - Int64(events.count) + 1, events: events)
                for observer in observers.withLockedValue({ $0 }) { observer(committed) }
            }
        }
        for (job, outcome) in zip(batch, outcomes) { job.reply.fulfill(outcome) }
    }
}

extension Writer {
    /// One command inside its transaction. With a client token, a retry gets the first answer back,
    /// and a first answer is encoded here to be kept; without one, the answer is encoded later, off
    /// the writer, unless it is already bytes.
    fileprivate static func run(
        _ command: WriterJob.Command, _ state: inout State, _ context: inout CommandContext, scope: Scope, now: Date
    ) throws(NetctlError) -> ResultBody {
        guard let token = command.token else { return try command.apply(&state, &context) }
        if let earlier = try state.replay(
            token: token.value, method: command.method, paramsHash: token.fingerprint, scope: scope, now: now)
        {
            return .encoded(Data(earlier.utf8))
        }
        let bytes: Data
        do { bytes = try WireCodec.encode(try command.apply(&state, &context)) } catch let error as NetctlError {
            throw error
        } catch {
            throw NetctlError(.internalError, "Could not encode the result of \(command.method): \(error)")
        }
        state.remember(
            IdempotencyRecord(
                accountId: scope.accountId, region: scope.region, token: token.value, method: command.method,
                paramsHash: token.fingerprint, result: String(decoding: bytes, as: UTF8.self), createdAt: now))
        return .encoded(bytes)
    }
}

/// The change events of one commit with their sequence numbers in the `events` table.
public struct CommittedEvents: Sendable {
    public var firstSequence: Int64
    public var events: [ChangeEvent]

    public var lastSequence: Int64 { firstSequence + Int64(events.count) - 1 }

    /// `(sequence, event)` pairs, as `Store.events(after:)` returns them.
    public var numbered: [(sequence: Int64, event: ChangeEvent)] {
        events.enumerated().map { (firstSequence + Int64($0.offset), $0.element) }
    }
}

/// A reply that will exist later: fulfilled once by the writer, taken once by the connection, either
/// awaited or handed to a callback (the socket's event loop, which has no task to suspend).
final class PendingReply: Sendable {
    private enum Slot {
        case empty
        case waiting(@Sendable (Reply) -> Void)
        case done(Reply)
    }

    private let slot = NIOLockedValueBox<Slot>(.empty)

    init() {}

    /// True once the writer has answered.
    var isDone: Bool {
        slot.withLockedValue { slot in
            if case .done = slot { return true }
            return false
        }
    }

    func fulfill(_ result: Reply) {
        let waiter: (@Sendable (Reply) -> Void)? = slot.withLockedValue { slot in
            switch slot {
            case .empty:
                slot = .done(result)
                return nil
            case .waiting(let callback):
                slot = .done(result)
                return callback
            case .done:
                return nil
            }
        }
        waiter?(result)
    }

    /// Calls `callback` with the reply: at once when it is there, else on the writer's thread when it
    /// comes. At most one taker.
    func whenDone(_ callback: @escaping @Sendable (Reply) -> Void) {
        let ready: Reply? = slot.withLockedValue { slot in
            if case .done(let result) = slot { return result }
            slot = .waiting(callback)
            return nil
        }
        if let ready { callback(ready) }
    }

    var value: Reply {
        get async {
            await withCheckedContinuation { continuation in
                whenDone { continuation.resume(returning: $0) }
            }
        }
    }
}
