import Foundation
import Logging
import NIOConcurrencyHelpers
import NetctlAPI
import NetctlCore
import ServiceLifecycle

/// Wakes when something falls due on the daemon's clock (a pending peering expires, a terminal one
/// leaves listings, tokens age out) and has the writer run it, so timed changes are committed with
/// their events like any other. The manual clock runs due work itself in `debug.clock.advance`.
final class Scheduler: Service {
    private let writer: Writer
    private let published: PublishedState
    private let clock: any DaemonClock
    private let scope: Scope
    private let logger: Logger
    private let doorbell = Doorbell()

    init(writer: Writer, published: PublishedState, clock: any DaemonClock, region: String, logger: Logger) {
        self.writer = writer
        self.published = published
        self.clock = clock
        self.scope = Scope(accountId: IdentityConfiguration.standardDefaultAccountId, region: region)
        self.logger = logger
        // Any commit may bring a deadline closer (a new pending peering, a task starting); rings coalesce.
        writer.onCommit { [doorbell] _ in doorbell.ring() }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var lastRun: Date?
            while !Task.isCancelled {
                let now = self.clock.now()
                let deadline = self.published.current.nextDeadline()
                if let deadline, deadline <= now, lastRun != now {
                    lastRun = now
                    await self.runDueWork()
                    continue
                }
                // The manual clock only moves through debug.clock.advance, which runs due work itself.
                var wait = State.sweepInterval
                if let deadline, self.clock is SystemClock { wait = min(wait, max(deadline.timeIntervalSince(now), 0.001)) }
                let rung = await self.doorbell.wait(upTo: .milliseconds(Int64(wait * 1000)))
                if !rung, !Task.isCancelled {
                    lastRun = self.clock.now()
                    await self.runDueWork()
                }
            }
        }
    }

    private func runDueWork() async {
        let job = WriterJob.command(method: "scheduler.dueWork", scope: scope) { state, context throws(NetctlError) in
            state.runDueWork(&context)
            return .value(EmptyResponse())
        }
        writer.enqueue(job)
        if case .failure(let error) = await job.reply.value {
            logger.error("due work failed", metadata: ["error": "\(error.message)"])
            // Do not spin on a failing commit.
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

/// A wake-up signal that can be awaited with a timeout. Ringing while nobody waits is remembered once.
final class Doorbell: Sendable {
    private struct Slot {
        var rung = false
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let slot = NIOLockedValueBox(Slot())

    func ring() {
        let waiter = slot.withLockedValue { slot -> CheckedContinuation<Bool, Never>? in
            if let waiter = slot.waiter {
                slot.waiter = nil
                return waiter
            }
            slot.rung = true
            return nil
        }
        waiter?.resume(returning: true)
    }

    /// True if rung, false on timeout or cancellation.
    func wait(upTo timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        let ready = self.slot.withLockedValue { slot -> Bool? in
                            if slot.rung {
                                slot.rung = false
                                return true
                            }
                            // Cancelled before waiting (onCancel then ran with nobody to wake): do not wait.
                            // Checked under the lock, so a later cancellation finds the waiter stored.
                            if Task.isCancelled { return false }
                            slot.waiter = continuation
                            return nil
                        }
                        if let ready { continuation.resume(returning: ready) }
                    }
                } onCancel: {
                    let waiter = self.slot.withLockedValue { slot -> CheckedContinuation<Bool, Never>? in
                        defer { slot.waiter = nil }
                        return slot.waiter
                    }
                    waiter?.resume(returning: false)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
