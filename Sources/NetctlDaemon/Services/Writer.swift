import Foundation
import Logging
import NetctlAPI
import NetctlCore
import ServiceLifecycle
import Synchronization

/// One mutation waiting for the writer.
struct WriterJob: Sendable {
    var method: String
    var scope: Scope
    var clientToken: String?
    var paramsHash: String
    var apply: @Sendable (inout State, inout CommandContext) throws(NetctlError) -> JSONValue
    var reply: PendingReply
}

/// Applies mutations in arrival order and commits them in groups: everything queued while the
/// previous commit was in flight goes into the next transaction, so one fsync serves many clients.
/// A reply is released only after its change is durable and published.
public final class Writer: Service {
    private let store: Store
    private let published: PublishedState
    private let clock: any DaemonClock
    private let quotas: Quotas
    private let logger: Logger
    private let queue = Mutex<Queue>(Queue())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let observers = Mutex<[@Sendable ([ChangeEvent]) -> Void]>([])

    private struct Queue {
        var jobs: [WriterJob] = []
        var accepting = true
    }

    /// How often tokens older than their lifetime are swept out.
    private static let maintenanceInterval: TimeInterval = 3600

    public init(store: Store, published: PublishedState, clock: any DaemonClock, quotas: Quotas, logger: Logger) {
        self.store = store
        self.published = published
        self.clock = clock
        self.quotas = quotas
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Called with the change events of every committed batch, in commit order.
    public func onCommit(_ observer: @escaping @Sendable ([ChangeEvent]) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Queues a job without waiting: callers enqueue in the order requests arrived, then await replies.
    func enqueue(_ job: WriterJob) {
        let accepted = queue.withLock { queue in
            guard queue.accepting else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted {
            wake.yield()
        } else {
            job.reply.fulfill(
                .failure(NetctlError(.unavailable, "netctld is shutting down; retry once it is running again.")))
        }
    }

    public func run() async throws {
        var ids = IDGenerator.random()
        var lastMaintenance = Date.distantPast
        await withGracefulShutdownHandler {
            for await _ in wakeups {
                await drain(&ids, &lastMaintenance)
            }
        } onGracefulShutdown: {
            // Jobs already queued still commit; new ones are refused.
            self.queue.withLock { $0.accepting = false }
            self.wake.finish()
        }
        await drain(&ids, &lastMaintenance)
    }

    private func drain(_ ids: inout IDGenerator, _ lastMaintenance: inout Date) async {
        while true {
            let batch = queue.withLock { queue in
                defer { queue.jobs.removeAll(keepingCapacity: true) }
                return queue.jobs
            }
            if batch.isEmpty { return }
            await commit(batch, &ids, &lastMaintenance)
        }
    }

    private func commit(_ batch: [WriterJob], _ ids: inout IDGenerator, _ lastMaintenance: inout Date) async {
        let now = clock.now()
        var working = published.current
        var outcomes: [Result<JSONValue, NetctlError>] = []
        outcomes.reserveCapacity(batch.count)
        for job in batch {
            var context = CommandContext(scope: job.scope, now: now, quotas: quotas, ids: ids)
            let outcome = Result { () throws(NetctlError) -> JSONValue in
                try working.transact { state throws(NetctlError) in
                    if let token = job.clientToken,
                        let earlier = try state.replay(
                            token: token, method: job.method, paramsHash: job.paramsHash, scope: job.scope, now: now)
                    {
                        return earlier
                    }
                    let result = try job.apply(&state, &context)
                    if let token = job.clientToken {
                        state.remember(
                            IdempotencyRecord(
                                accountId: job.scope.accountId, region: job.scope.region, token: token,
                                method: job.method, paramsHash: job.paramsHash, result: result, createdAt: now))
                    }
                    return result
                }
            }
            ids = context.ids
            outcomes.append(outcome)
        }
        if now.timeIntervalSince(lastMaintenance) >= Self.maintenanceInterval {
            try? working.transact { state throws(NetctlError) in state.expireIdempotencyRecords(now: now) }
            lastMaintenance = now
        }
        let changes = working.takeChanges()
        if !changes.isEmpty {
            do {
                try await store.commit(changes, from: working)
            } catch {
                logger.error("commit failed; the batch was not applied", metadata: ["error": "\(error)", "jobs": "\(batch.count)"])
                let failure = NetctlError(
                    .internalError,
                    "The change could not be written to \(store.path) (\(error)). Nothing was changed; check the disk "
                        + "and retry.")
                for job in batch { job.reply.fulfill(.failure(failure)) }
                return
            }
            published.publish(working)
            let events = changes.events
            if !events.isEmpty {
                for observer in observers.withLock({ $0 }) { observer(events) }
            }
        }
        for (job, outcome) in zip(batch, outcomes) { job.reply.fulfill(outcome) }
    }
}

/// A reply that will exist later: fulfilled once by the writer, awaited once by the connection.
final class PendingReply: Sendable {
    private enum Slot {
        case empty
        case waiting(CheckedContinuation<Result<JSONValue, NetctlError>, Never>)
        case done(Result<JSONValue, NetctlError>)
    }

    private let slot = Mutex<Slot>(.empty)

    init() {}

    func fulfill(_ result: Result<JSONValue, NetctlError>) {
        let waiter: CheckedContinuation<Result<JSONValue, NetctlError>, Never>? = slot.withLock { slot in
            switch slot {
            case .empty:
                slot = .done(result)
                return nil
            case .waiting(let continuation):
                slot = .done(result)
                return continuation
            case .done:
                return nil
            }
        }
        waiter?.resume(returning: result)
    }

    var value: Result<JSONValue, NetctlError> {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Result<JSONValue, NetctlError>? = slot.withLock { slot in
                    if case .done(let result) = slot { return result }
                    slot = .waiting(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
