import Dispatch
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import NetctlAPI
import NetctlCore

/// SQS: the book of queues and messages (NetctlCore's `SqsBook`, SQS's rules) and queues.db under it.
/// Every call runs on one thread of its own, off the cooperative pool and away from the writer: a
/// change is written to queues.db (fsync'd) before it is answered. A receive that finds nothing and
/// may wait is parked as a `Waiter` holding only its callback; a send, a visibility change or a
/// once-a-second recheck answers it, and nothing blocks meanwhile.
public final class QueueService: Sendable {
    let store: QueueStore
    let clock: any DaemonClock
    private let inner: NIOLockedValueBox<Inner>
    /// The watcher's store, for `/netctl/sqs` and `AWS/SQS`; nil while the watcher is off.
    private let streams = NIOLockedValueBox<StreamStore?>(nil)

    private struct Inner: Sendable {
        var book: SqsBook
        var ids: IDGenerator
        var waiters: [SqsQueueKey: [Waiter]] = [:]
        var nextWaiter = 0
    }

    /// A long poll waiting for messages: answered once, by whichever comes first of a message or its end.
    private struct Waiter: Sendable {
        var id: Int
        var maxNumberOfMessages: Int?
        var visibilityTimeout: Int?
        var deadline: DispatchTime
        var answer: @Sendable (Result<SqsReceiveResponse, NetctlError>) -> Void
    }

    init(store: QueueStore, clock: any DaemonClock, ids: IDGenerator = .random()) throws {
        self.store = store
        self.clock = clock
        inner = NIOLockedValueBox(Inner(book: try store.load(), ids: ids))
    }

    /// One thread: the book's changes follow one another, each with its write to queues.db. Process-wide
    /// and started on first use, like the watcher's streams pool.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// Runs `body` on the queue thread.
    func submit(_ body: @escaping @Sendable () -> Void) {
        Self.pool.submit { _ in body() }
    }

    /// A look at the book, changing nothing.
    func read<T>(_ body: (SqsBook, Date) throws(NetctlError) -> T) throws(NetctlError) -> T {
        let now = clock.now()
        let result = inner.withLockedValue { inner in Result { () throws(NetctlError) in try body(inner.book, now) } }
        return try result.get()
    }

    /// A change to the book, written to queues.db before it returns. A rule refuses before it changes
    /// anything but housekeeping (messages past their retention), which is written all the same; a
    /// failed write puts the book back as queues.db has it. Long polls on the queues it touched are
    /// then tried again.
    func change<T>(_ body: (inout SqsBook, inout IDGenerator, Date) throws(NetctlError) -> T) throws(NetctlError) -> T {
        let now = clock.now()
        let outcome = inner.withLockedValue { inner in
            Result { () throws(NetctlError) -> (T, Set<SqsQueueKey>) in try commit(&inner, now, body) }
        }
        let (result, touched) = try outcome.get()
        if !touched.isEmpty { serveWaiters(touched) }
        return result
    }

    private func commit<T>(
        _ inner: inout Inner, _ now: Date, _ body: (inout SqsBook, inout IDGenerator, Date) throws(NetctlError) -> T
    ) throws(NetctlError) -> (T, Set<SqsQueueKey>) {
        // No copy of the book is kept to roll back to: copying it would copy every message it holds.
        let outcome = Result { () throws(NetctlError) in try body(&inner.book, &inner.ids, now) }
        let changes = inner.book.changes
        inner.book.changes = SqsChanges()
        do {
            try store.write(changes, of: inner.book)
        } catch {
            if let stored = try? store.load() { inner.book = stored }
            throw NetctlError(
                .internalError, "Could not write \(store.path): \(error). Nothing was changed; try again.")
        }
        let result = try outcome.get()
        return (result, Set(changes.messages.map(\.queue)).union(changes.queues.filter { inner.book.queue($0) != nil }))
    }

    /// ReceiveMessage with long polling: answers at once when messages are there or `wait` is 0, else
    /// parks the call until a message arrives or `wait` seconds have passed.
    func receive(
        _ scope: Scope, _ request: SqsReceive,
        answer: @escaping @Sendable (Result<SqsReceiveResponse, NetctlError>) -> Void
    ) {
        do throws(NetctlError) {
            let key = try read { book, _ throws(NetctlError) in try book.key(scope, request.queue) }
            let queueDefault = try read { book, _ in
                book.queue(key).map {
                    SqsAttributes.integer($0.record.attributes, SqsAttributes.receiveMessageWaitTimeSeconds)
                } ?? 0
            }
            let wait = request.waitTimeSeconds ?? queueDefault
            guard (0...20).contains(wait) else {
                throw NetctlError(
                    .invalidParameterValue,
                    "Value \(wait) for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."
                )
            }
            let messages = try change { book, ids, now throws(NetctlError) in
                try book.receive(
                    key, maxNumberOfMessages: request.maxNumberOfMessages, visibilityTimeout: request.visibilityTimeout,
                    now: now, ids: &ids)
            }
            guard messages.isEmpty, wait > 0 else {
                answer(.success(SqsReceiveResponse(messages: messages)))
                return
            }
            let id = inner.withLockedValue { inner in
                inner.nextWaiter += 1
                inner.waiters[key, default: []].append(
                    Waiter(
                        id: inner.nextWaiter, maxNumberOfMessages: request.maxNumberOfMessages,
                        visibilityTimeout: request.visibilityTimeout,
                        deadline: .now() + .seconds(wait), answer: answer))
                return inner.nextWaiter
            }
            scheduleRecheck(key, id)
        } catch {
            answer(.failure(error))
        }
    }

    /// Delays and visibility timeouts end on the daemon's clock, which no event announces: a parked
    /// poll looks again each second, and at its end answers what it finds, or nothing.
    private func scheduleRecheck(_ key: SqsQueueKey, _ id: Int) {
        let deadline = inner.withLockedValue { $0.waiters[key]?.first { $0.id == id }?.deadline }
        guard let deadline else { return }
        let next = min(deadline, .now() + .seconds(1))
        DispatchQueue.global().asyncAfter(deadline: next) { [self] in
            submit { [self] in
                let expired = DispatchTime.now() >= deadline
                if !serve(key, only: id, finalAnswer: expired) && !expired { scheduleRecheck(key, id) }
            }
        }
    }

    /// Tries the parked polls of these queues, oldest first.
    private func serveWaiters(_ keys: Set<SqsQueueKey>) {
        for key in keys {
            let ids = inner.withLockedValue { $0.waiters[key]?.map(\.id) ?? [] }
            for id in ids { _ = serve(key, only: id, finalAnswer: false) }
        }
    }

    /// Receives for one parked poll; answers it (and forgets it) when it got messages, or when this is
    /// its final answer, or when its queue is gone. True when it was answered.
    private func serve(_ key: SqsQueueKey, only id: Int, finalAnswer: Bool) -> Bool {
        let now = clock.now()
        let outcome: (Waiter, Result<SqsReceiveResponse, NetctlError>)? = inner.withLockedValue { inner in
            guard let index = inner.waiters[key]?.firstIndex(where: { $0.id == id }),
                let waiter = inner.waiters[key]?[index]
            else { return nil }
            let result: Result<SqsReceiveResponse, NetctlError>
            do throws(NetctlError) {
                let (messages, _) = try commit(&inner, now) { book, ids, now throws(NetctlError) in
                    try book.receive(
                        key, maxNumberOfMessages: waiter.maxNumberOfMessages,
                        visibilityTimeout: waiter.visibilityTimeout,
                        now: now, ids: &ids)
                }
                guard !messages.isEmpty || finalAnswer else { return nil }
                result = .success(SqsReceiveResponse(messages: messages))
            } catch {
                result = .failure(error)
            }
            inner.waiters[key]?.remove(at: index)
            if inner.waiters[key]?.isEmpty == true { inner.waiters[key] = nil }
            return (waiter, result)
        }
        guard let (waiter, result) = outcome else { return false }
        waiter.answer(result)
        return true
    }
}

// MARK: AWS/SQS metrics

extension QueueService {
    /// Logs queue changes under `/netctl/sqs` and samples every queue's `AWS/SQS` metrics into
    /// streams.db once a minute of the daemon's clock, looking every few seconds so that a manual
    /// clock moved forward is followed soon.
    func publish(to streams: StreamStore) {
        self.streams.withLockedValue { $0 = streams }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + .seconds(5), repeating: .seconds(5))
        let last = NIOLockedValueBox(Date.distantPast)
        timer.setEventHandler { [weak self] in
            guard let self else {
                timer.cancel()
                return
            }
            self.submit { self.sampleIfDue(last, streams) }
        }
        timer.resume()
    }

    private func sampleIfDue(_ last: NIOLockedValueBox<Date>, _ streams: StreamStore) {
        let now = clock.now()
        guard last.withLockedValue({ now.timeIntervalSince($0) >= 60 }) else { return }
        last.withLockedValue { $0 = now }
        let samples = inner.withLockedValue { $0.book.sampleMetrics(now: now) }
        let millis = Timestamp.epochMilliseconds(now)
        let entries = samples.flatMap { queue, metrics in
            metrics.map { metric in
                StreamStore.MetricEntry(
                    scope: queue.scope, namespace: SqsBook.metricsNamespace,
                    sample: MetricRules.Sample(
                        metricName: metric.name, dimensions: [MetricDimension(name: "QueueName", value: queue.name)],
                        timestamp: millis, value: metric.value, unit: metric.unit, storageResolution: 60))
            }
        }
        guard !entries.isEmpty else { return }
        // Metrics are best effort: a failed write loses this minute's sample, never a message.
        _ = try? streams.append([], metrics: entries, now: millis)
    }
}

// MARK: /netctl/sqs

extension QueueService {
    static let logGroup = "/netctl/sqs"

    /// One event per change of a queue (not per message: their volume is for metrics), in the stream
    /// named by the queue's ARN: `{accountId, action, at, detail, region, resourceId, resourceType}`.
    func log(_ action: String, _ key: SqsQueueKey, detail: SqsQueue?) {
        guard let streams = streams.withLockedValue({ $0 }) else { return }
        let now = clock.now()
        var message: [String: JSONValue] = [
            "accountId": .string(key.accountId), "action": .string(action), "at": .string(Timestamp.format(now)),
            "region": .string(key.region), "resourceId": .string(key.arn), "resourceType": .string("queue"),
        ]
        if let detail, let value = try? JSONValue(encoding: detail) { message["detail"] = value }
        guard let data = try? NetctlJSON.encoder.encode(JSONValue.object(message)) else { return }
        let entry = StreamStore.Entry(
            scope: key.scope, group: Self.logGroup, stream: key.arn, timestamp: Timestamp.epochMilliseconds(now),
            message: String(decoding: data, as: UTF8.self))
        // Best effort, as the watcher's own logging: a failed write loses the line, never the change.
        _ = try? streams.append([entry], now: Timestamp.epochMilliseconds(now))
    }
}
