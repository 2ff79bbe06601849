import Foundation
import NetctlAPI
import NetctlCore

extension SystemHealth: DaemonQuery {
    func answer(_ caller: Caller, _ info: DaemonInfo) throws(NetctlError) -> Response { SystemMethods.health(info) }
}

extension SystemStatus: DaemonQuery {
    func answer(_ caller: Caller, _ info: DaemonInfo) throws(NetctlError) -> Response { try SystemMethods.status(info) }
}

extension SystemWhoami: DaemonQuery {
    func answer(_ caller: Caller, _ info: DaemonInfo) throws(NetctlError) -> Response { SystemMethods.whoami(caller) }
}

extension RPCDiscover: DaemonQuery {
    /// Described at call time so the document includes rpc.discover itself.
    func answer(_ caller: Caller, _ info: DaemonInfo) throws(NetctlError) -> Response {
        OpenRPC.document(for: MethodTable.entries(manualClock: info.manualClock != nil))
    }
}

extension DebugClockAdvance: DaemonCommand {
    func apply(to state: inout State, _ context: inout CommandContext, _ info: DaemonInfo) throws(NetctlError)
        -> Response
    {
        try SystemMethods.advanceClock(self, &state, &context, info)
    }
}

enum SystemMethods {
    static func health(_ info: DaemonInfo) -> HealthResponse {
        let now = info.clock.now()
        return HealthResponse(
            status: "ok", version: NetctlVersion.current,
            uptimeSeconds: (Date().timeIntervalSince(info.startedAt) * 1000).rounded() / 1000, region: info.region,
            now: now)
    }

    static func whoami(_ caller: Caller) -> WhoamiResponse {
        WhoamiResponse(
            uid: caller.credentials.uid, gid: caller.credentials.gid, pid: caller.credentials.pid,
            accountId: caller.accountId, admin: caller.admin, readOnly: caller.readOnly, region: caller.scope.region)
    }

    static func status(_ info: DaemonInfo) throws(NetctlError) -> StatusResponse {
        let configuration = info.configuration
        func size(_ path: String) -> Int64 {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        let last: (sequence: Int64, at: Date?)
        let watched: Int64
        do {
            last = try info.store.lastCommit()
            watched = info.watcher.enabled ? try info.watcher.streams.cursor() : last.sequence
        } catch {
            throw NetctlError(.internalError, "Could not read the databases for system.status: \(error)")
        }
        return StatusResponse(
            status: "ok", version: NetctlVersion.current, pid: getpid(),
            uptimeSeconds: (Date().timeIntervalSince(info.startedAt) * 1000).rounded() / 1000, region: info.region,
            socket: configuration.socketPath, dataDir: configuration.dataDirectory, configFile: configuration.configFile,
            databaseBytes: size(configuration.databasePath), walBytes: size(configuration.databasePath + "-wal"),
            streamsDatabaseBytes: size(configuration.dataDirectory + "/streams.db"),
            resources: info.watcher.published.current.resourceCounts, connections: info.connections.current,
            watcherLagEvents: max(0, last.sequence - watched), lastCommitAt: last.at,
            manualClock: info.manualClock != nil, readOnly: info.store.readOnly)
    }

    /// Moves the manual clock inside the writer, then runs what fell due in the same transaction, so the
    /// reply comes after every expiry it caused is committed.
    static func advanceClock(
        _ request: DebugClockAdvance, _ state: inout State, _ context: inout CommandContext, _ info: DaemonInfo
    ) throws(NetctlError) -> ClockResponse {
        guard let clock = info.manualClock else {
            throw NetctlError(.operationNotPermitted, "The clock only moves when netctld runs with --manual-clock.")
        }
        guard request.seconds >= 0, request.seconds.isFinite else {
            throw NetctlError(.invalidParameterValue, "seconds must be zero or more; time only moves forward.")
        }
        // Every time netctld stores is written with a four-digit year.
        guard clock.now().addingTimeInterval(request.seconds) <= Timestamp.latest else {
            throw NetctlError(
                .invalidParameterValue,
                "seconds would move the clock past \(Timestamp.format(Timestamp.latest)), the last time netctld can store.")
        }
        context.now = Timestamp.millisecondPrecision(clock.advance(by: request.seconds))
        state.runDueWork(&context)
        // Alarms and log retention follow the same clock.
        info.watcher.wake()
        return ClockResponse(now: context.now)
    }
}

