import NetctlAPI

/// Each state change is logged to /netctl/rpc with its outcome and latency, from routing to commit.
struct RequestMetrics: Sendable {
    let watcher: Watcher

    func timed(method: String, caller: Caller, _ reply: @escaping @Sendable () async -> Reply) -> PendingAnswer {
        let started = ContinuousClock.now
        return .later {
            let result = await reply()
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
            return result
        }
    }
}
