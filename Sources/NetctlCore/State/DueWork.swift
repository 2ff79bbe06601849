import Foundation

/// Work that falls due with time, domain by domain. Runs inside the writer when the scheduler wakes
/// it (or inside `debug.clock.advance`), so every effect is committed with its events like any other
/// change.
extension State {
    public mutating func runDueWork(_ context: inout CommandContext) {
        runPeeringDueWork(&context)
        runEcsDueWork(&context)
        runEcrDueWork(&context)
        runEksDueWork(&context)
        runInstanceDueWork(&context)
        runTransitGatewayDueWork(&context)
        runVpnDueWork(&context)
        runLoadBalancingDueWork(&context)
        // After the health checks, whose results it acts on.
        runEcsLoadBalancerDueWork(&context)
        expireIdempotencyRecords(now: context.now)
    }

    /// The earliest time at which `runDueWork` has something to do.
    public func nextDeadline() -> Date? {
        [nextPeeringDeadline(), nextEcrDeadline(), nextEcsDeadline(), nextEksDeadline(), nextInstanceDeadline(),
         nextTransitGatewayDeadline(), nextVpnDeadline(), nextLoadBalancingDeadline()]
            .compactMap { $0 }.min()
    }

    /// How long the scheduler sleeps at most: idempotency tokens have no individual deadlines and are
    /// swept at this pace.
    public static let sweepInterval: TimeInterval = 3600
}
