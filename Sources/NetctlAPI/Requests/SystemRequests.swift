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
    public var region: String
    public init(uid: UInt32, gid: UInt32, pid: Int32, accountId: String, admin: Bool, region: String) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.accountId = accountId
        self.admin = admin
        self.region = region
    }
}

public struct RPCDiscover: RPCMethod {
    public typealias Response = JSONValue
    public static let method = "rpc.discover"
    public static let summary = "The OpenRPC document of every method this daemon serves."
    public init() {}
}

public struct DebugClockAdvance: MutatingRPCMethod {
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
