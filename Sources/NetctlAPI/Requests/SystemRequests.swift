import Foundation

public struct SystemHealth: RPCMethod {
    public typealias Response = HealthResponse
    public static let method = "system.health"
    public static let summary = "Liveness of the daemon: status, version and uptime."
    public init() {}
}

public struct HealthResponse: Codable, Sendable, Hashable {
    public var status: String
    public var version: String
    public var uptimeSeconds: Double
    public var region: String?
    public var now: Date?
    public init(status: String, version: String, uptimeSeconds: Double, region: String?, now: Date?) {
        self.status = status
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.region = region
        self.now = now
    }
}

public struct SystemWhoami: RPCMethod {
    public typealias Response = WhoamiResponse
    public static let method = "system.whoami"
    public static let summary = "The caller as the daemon sees it: uid, account and admin rights."
    public init() {}
}

public struct WhoamiResponse: Codable, Sendable, Hashable {
    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32
    public var accountId: String
    public var admin: Bool
    /// In `identity.readOnlyGroups` and not an admin: only methods that change nothing are allowed.
    public var readOnly: Bool
    public var region: String
    public init(uid: UInt32, gid: UInt32, pid: Int32, accountId: String, admin: Bool, readOnly: Bool, region: String) {
        self.readOnly = readOnly
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.accountId = accountId
        self.admin = admin
        self.region = region
    }
}

public struct SystemStatus: RPCMethod {
    public typealias Response = StatusResponse
    public static let method = "system.status"
    public static let summary =
        "What the daemon is doing: version, uptime, socket, data dir, database and WAL size, resource counts, connections, watcher lag, last commit."
    public init() {}
}

public struct StatusResponse: Codable, Sendable, Hashable {
    public var status: String
    public var version: String
    public var pid: Int32
    public var uptimeSeconds: Double
    public var region: String
    public var socket: String
    public var dataDir: String
    public var configFile: String?
    /// Bytes of state.db, of its write-ahead log (state.db-wal) and of the watcher's streams.db.
    public var databaseBytes: Int64
    public var walBytes: Int64
    public var streamsDatabaseBytes: Int64
    /// Resources of every account and region, by type (`vpcs`, `subnets`, `peerings`, …).
    public var resources: [String: Int]
    public var connections: Int
    /// Committed change events the watcher has not turned into log events and metrics yet.
    public var watcherLagEvents: Int64
    public var lastCommitAt: Date?
    public var manualClock: Bool
    /// True when the data directory was not writable at start: reads are served, changes refused.
    public var readOnly: Bool

    public init(
        status: String, version: String, pid: Int32, uptimeSeconds: Double, region: String, socket: String,
        dataDir: String, configFile: String?, databaseBytes: Int64, walBytes: Int64, streamsDatabaseBytes: Int64,
        resources: [String: Int], connections: Int, watcherLagEvents: Int64, lastCommitAt: Date?, manualClock: Bool,
        readOnly: Bool = false
    ) {
        self.status = status
        self.version = version
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.region = region
        self.socket = socket
        self.dataDir = dataDir
        self.configFile = configFile
        self.databaseBytes = databaseBytes
        self.walBytes = walBytes
        self.streamsDatabaseBytes = streamsDatabaseBytes
        self.resources = resources
        self.connections = connections
        self.watcherLagEvents = watcherLagEvents
        self.lastCommitAt = lastCommitAt
        self.manualClock = manualClock
        self.readOnly = readOnly
    }
}

public struct RPCDiscover: RPCMethod {
    public typealias Response = JSONValue
    public static let method = "rpc.discover"
    public static let summary = "The OpenRPC document of every method this daemon serves."
    public init() {}
}

public struct DebugClockAdvance: RPCMethod {
    public typealias Response = ClockResponse
    public static let method = "debug.clock.advance"
    public static let summary =
        "Move the manual clock forward and run everything that falls due (only with netctld --manual-clock)."
    public var seconds: Double
    public init(seconds: Double) { self.seconds = seconds }
}

public struct ClockResponse: Codable, Sendable, Hashable {
    public var now: Date
    public init(now: Date) { self.now = now }
}

/// An EC2-style filter: matches when the named attribute equals any of the values.
public struct Filter: Codable, Sendable, Hashable {
    public var name: String
    public var values: [String]
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
