import ArgumentParser
import NetctlAPI

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Is netctld up, and who am I to it?",
        discussion: "With --output json, prints {health, whoami}: the results of system.health and system.whoami.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        let health = try await runner.call(SystemHealth())
        let whoami = try await runner.call(SystemWhoami())
        try runner.emit(["health": health, "whoami": whoami], as: Combined.self) { status in
            Output.details([
                ("Status", status.health.status), ("Version", status.health.version),
                ("Uptime", "\(Int(status.health.uptimeSeconds))s"), ("Socket", global.client.socketPath),
                ("Account", status.whoami.accountId), ("Region", status.whoami.region),
                ("Admin", status.whoami.admin ? "yes" : "no"), ("uid", "\(status.whoami.uid)"),
            ])
        }
    }

    private struct Combined: Decodable {
        var health: HealthResponse
        var whoami: WhoamiResponse
    }
}
