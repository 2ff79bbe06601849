import Foundation
import NetctlAPI

/// What the health checker keeps for itself about one target group: when it checks next, how many
/// checks in a row each target passed or failed, and when each draining target leaves. Stored beside
/// the group but never on the wire (CONTRIBUTING: bookkeeping lives in NetctlCore); saved without
/// change events. Exists while the group has targets.
public struct HealthCheckProgress: StoredResource {
    public static let kind = ResourceKind.healthCheckProgress
    public static var table: WritableKeyPath<State, Table<HealthCheckProgress>> { \.healthCheckProgress }

    public var targetGroupArn: String
    public var accountId: String
    public var region: String
    /// When the health checks run next; nil once no target is left to check.
    public var nextCheckAt: Date?
    public var targets: [TargetCheckCount]
    public var createdAt: Date

    public var id: String { targetGroupArn }
    public var parentId: String? { targetGroupArn }
    public var currentStatus: String? { nil }
    public var referenceName: String? { nil }
    /// The timed marker while a check or the end of a drain is due.
    public var indexKeys: [String] { nextDeadline == nil ? [] : [LoadBalancingTiming.timedKey] }

    init(of group: TargetGroup, createdAt: Date) {
        targetGroupArn = group.targetGroupArn
        accountId = group.accountId
        region = group.region
        nextCheckAt = nil
        targets = []
        self.createdAt = createdAt
    }

    /// The next health check or end of a drain, whichever is first.
    var nextDeadline: Date? {
        ([nextCheckAt] + targets.map(\.drainingUntil)).compactMap { $0 }.min()
    }

    /// The count of the target `id`:`port`; a target not counted yet has passed and failed nothing.
    subscript(id: String, port: Int) -> TargetCheckCount {
        get { targets.first { $0.id == id && $0.port == port } ?? TargetCheckCount(id: id, port: port) }
        set {
            if let index = targets.firstIndex(where: { $0.id == id && $0.port == port }) {
                targets[index] = newValue
            } else {
                targets.append(newValue)
            }
        }
    }

    /// Forgets the targets the group no longer holds, and the next check when none is left.
    mutating func keep(only group: TargetGroup) {
        let registered = Set(group.targets.map { "\($0.id):\($0.port)" })
        targets.removeAll { !registered.contains("\($0.id):\($0.port)") }
        if group.targets.isEmpty { nextCheckAt = nil }
    }
}

/// One target's run of health checks.
public struct TargetCheckCount: Codable, Sendable, Hashable {
    public var id: String
    public var port: Int
    /// Passing (positive) or failing (negative) checks in a row, towards the thresholds.
    public var consecutive: Int = 0
    /// While draining: when the target leaves the group.
    public var drainingUntil: Date?
}

extension State {
    /// The group's progress as stored, or a fresh one.
    func healthCheckProgress(of group: TargetGroup, _ now: Date) -> HealthCheckProgress {
        healthCheckProgress[group.targetGroupArn] ?? HealthCheckProgress(of: group, createdAt: now)
    }

    /// Stores `progress` trimmed to the group's targets, or removes it once there is nothing to keep.
    mutating func save(_ progress: HealthCheckProgress, for group: TargetGroup) {
        var progress = progress
        progress.keep(only: group)
        if progress.targets.isEmpty && progress.nextCheckAt == nil {
            if let stored = healthCheckProgress[progress.id] { delete(stored) }
        } else if progress != healthCheckProgress[progress.id] {
            save(progress)
        }
    }
}
