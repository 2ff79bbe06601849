import NetctlAPI

/// Each state change is logged to /netctl/rpc with its outcome and latency, from routing to commit.
struct RequestMetrics: Sendable {
    let watcher: Watcher

    func timed(method: String, caller: Caller, _ reply: @escaping @Sendable () async -> Reply) -> PendingAnswer {
        .later { await measured(method: method, caller: caller, reply) }
    }

    func measured(method: String, caller: Caller, _ reply: @Sendable () async -> Reply) async -> Reply {
        let started = ContinuousClock.now
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
