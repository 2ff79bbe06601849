import NetctlAPI

/// Each state change is logged to /netctl/rpc with its outcome and latency, from routing to commit.
struct RequestMetrics: Sendable {
    let watcher: Watcher

    /// A command's reply from the writer, recorded when it comes (on whatever thread brings it).
    func timed(method: String, caller: Caller, _ reply: PendingReply) -> PendingAnswer {
        let started = ContinuousClock.now
        return .writer(reply) { result in record(method: method, caller: caller, since: started, result) }
    }

    func measured(method: String, caller: Caller, _ reply: @Sendable () async -> Reply) async -> Reply {
        let started = ContinuousClock.now
        let result = await reply()
        record(method: method, caller: caller, since: started, result)
        return result
    }

    private func record(method: String, caller: Caller, since started: ContinuousClock.Instant, _ result: Reply) {
        let elapsed = ContinuousClock.now - started
        let outcome: String
        switch result {
        case .success: outcome = "ok"
        case .failure(let error): outcome = error.codeName
        }
        watcher.recordRequest(
            method: method, caller: caller, outcome: outcome,
            latencyMicroseconds: elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds
                / 1_000_000_000_000)
    }
}
