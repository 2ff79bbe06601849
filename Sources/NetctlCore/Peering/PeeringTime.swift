import Foundation
import NetctlAPI

/// Work that falls due with time: pending requests expire after 7 days, terminal peerings leave
/// listings after their windows, idempotency tokens are forgotten. Runs inside the writer when the
/// scheduler wakes it, so every effect is committed with its events like any other change.
extension State {
    public mutating func runDueWork(_ context: inout CommandContext) {
        let now = context.now
        for var peering in peerings.children(of: Peering.timedKey) {
            if peering.status.code == PeeringStatus.pendingAcceptance, let expiry = peering.expirationTime, expiry <= now {
                peering.status = PeeringStatus(code: PeeringStatus.expired, message: "Expired: not accepted within 7 days")
                peering.statusUpdatedAt = expiry
                peering.expirationTime = nil
                record("expire", peering, at: now)
                refreshPeeringRoutes(peering, context)
            }
            // A clock moved far enough expires and forgets in one step.
            if let purge = PeeringRules.purgeTime(peering), purge <= now {
                recordDeletion(peering, at: now)
            }
        }
        expireIdempotencyRecords(now: now)
    }

    /// How long the scheduler sleeps at most: idempotency tokens have no individual deadlines and are
    /// swept at this pace.
    public static let sweepInterval: TimeInterval = 3600

    /// The earliest time at which `runDueWork` has something to do.
    public func nextDeadline() -> Date? {
        var next: Date?
        for peering in peerings.children(of: Peering.timedKey) {
            let due = peering.status.code == PeeringStatus.pendingAcceptance ? peering.expirationTime : PeeringRules.purgeTime(peering)
            if let due, next.map({ due < $0 }) ?? true { next = due }
        }
        return next
    }
}
