import ArgumentParser
import Foundation
import NetctlAPI

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Is netctld up, what is it doing, and who am I to it?",
        discussion: """
            Version, uptime, socket, data directory, database and WAL sizes, resource counts, open \
            connections, watcher lag and the last commit, then the caller's identity. With --output json, \
            prints {health, status, whoami}: the results of system.health, system.status and system.whoami.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        let health = try await runner.call(SystemHealth())
        let status = try await runner.call(SystemStatus())
        let whoami = try await runner.call(SystemWhoami())
        try runner.emit(["health": health, "status": status, "whoami": whoami], as: Combined.self) { combined in
            let status = combined.status
            let whoami = combined.whoami
            let resources = status.resources.filter { $0.value > 0 }.sorted { $0.key < $1.key }
                .map { "\($0.value) \(Self.label($0.key))" }.joined(separator: ", ")
            return Output.details([
                ("Status", status.status), ("Version", status.version), ("PID", "\(status.pid)"),
                ("Uptime", Self.duration(status.uptimeSeconds)), ("Socket", status.socket),
                ("Data dir", status.dataDir + (status.readOnly ? " (not writable: serving reads, refusing changes)" : "")),
                ("Config", status.configFile ?? "none (built-in defaults)"),
                ("Database", "\(Self.bytes(status.databaseBytes)) (WAL \(Self.bytes(status.walBytes)))"),
                ("Streams", Self.bytes(status.streamsDatabaseBytes)),
                ("Resources", resources.isEmpty ? "none" : resources),
                ("Connections", "\(status.connections)"),
                ("Watcher lag", "\(status.watcherLagEvents) event\(status.watcherLagEvents == 1 ? "" : "s")"),
                ("Last commit", status.lastCommitAt.map(Output.time) ?? "never"),
                ("Clock", status.manualClock ? "manual (debug.clock.advance)" : "system"),
                ("Account", whoami.accountId), ("Region", whoami.region), ("Admin", whoami.admin ? "yes" : "no"),
                ("Read-only", whoami.readOnly ? "yes" : "no"), ("uid", "\(whoami.uid)"),
            ])
        }
    }

    /// `routeTables` → `route tables`; acronyms as AWS writes them.
    static func label(_ key: String) -> String {
        var words: [String] = [""]
        for character in key {
            if character.isUppercase { words.append("") }
            words[words.count - 1].append(character.lowercased())
        }
        let acronyms = ["vpcs": "VPCs", "nat": "NAT", "ecs": "ECS", "eks": "EKS", "ecr": "ECR"]
        return words.map { acronyms[$0] ?? $0 }.joined(separator: " ")
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes, rest) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h \(minutes)m" }
        if hours > 0 { return "\(hours)h \(minutes)m \(rest)s" }
        if minutes > 0 { return "\(minutes)m \(rest)s" }
        return "\(rest)s"
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    private struct Combined: Decodable {
        var health: HealthResponse
        var status: StatusResponse
        var whoami: WhoamiResponse
    }
}
