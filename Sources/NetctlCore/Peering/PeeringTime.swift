import Foundation
import NetctlAPI

/// Peerings in time: pending requests expire after 7 days, terminal peerings leave listings after
/// their windows.
extension State {
    mutating func runPeeringDueWork(_ context: inout CommandContext) {
        let now = context.now
        for var peering in peerings.children(of: Peering.timedKey) {
            if peering.status.code == PeeringStatus.pendingAcceptance, let expiry = peering.expirationTime, expiry <= now {
                peering.status = PeeringStatus(code: PeeringStatus.expired, message: "Expired: not accepted within 7 days")
                peering.statusUpdatedAt = expiry
                peering.expirationTime = nil
                record(.expire, peering, at: now)
                refreshPeeringRoutes(peering, context)
            }
            // A clock moved far enough expires and forgets in one step.
            if let purge = PeeringRules.purgeTime(peering), purge <= now {
                recordDeletion(peering, at: now)
            }
        }
    }

    func nextPeeringDeadline() -> Date? {
        var next: Date?
        for peering in peerings.children(of: Peering.timedKey) {
            let due = peering.status.code == PeeringStatus.pendingAcceptance ? peering.expirationTime : PeeringRules.purgeTime(peering)
            if let due, next.map({ due < $0 }) ?? true { next = due }
        }
        return next
    }
}
