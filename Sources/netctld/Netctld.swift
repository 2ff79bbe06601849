import ArgumentParser
import Foundation
import Logging
import NetctlAPI
import NetctlDaemon

@main
struct Netctld: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netctld",
        abstract: "The netctl control plane: VPCs, peering, endpoints and container clusters over a Unix socket.",
        discussion: """
            Flags override NETCTLD_* environment variables, which override the config file \
            (/etc/netctld/netctld.yaml when present, or --config FILE). See netctld(8) and netctld.yaml(5).
            """,
        version: NetctlVersion.current)

    @Option(name: .long, help: ArgumentHelp("YAML config file.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Directory holding state.db.", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Unix socket to listen on.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("Default region of requests (us-east-1).", valueName: "region"))
    var region: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Change a quota, e.g. --quota vpcsPerRegion=20 (repeatable).", valueName: "name=value"))
    var quota: [String] = []

    @Option(
        name: .customLong("emf-file"),
        help: ArgumentHelp("Also append every metric datum as a CloudWatch EMF line to this file.", valueName: "path"))
    var emfFile: String?

    @Option(
        name: .customLong("emf-endpoint"),
        help: ArgumentHelp(
            "Also send every metric datum as an EMF line to a CloudWatch agent: udp://HOST:PORT or tcp://HOST:PORT.",
            valueName: "url"))
    var emfEndpoint: String?

    @Flag(
        name: .customLong("manual-clock"),
        help: "Freeze time; it moves only through debug.clock.advance (for tests).")
    var manualClock = false

    @Flag(
        name: .customLong("no-watcher"),
        help: "Do not turn changes into log events and metrics (to measure what the watcher costs).")
    var noWatcher = false

    @Option(
        name: .customLong("aws-listen"),
        help: ArgumentHelp(
            "Serve AWS's own protocols (EC2 Query, STS) with SigV4 on HOST:PORT, e.g. 127.0.0.1:4566.",
            valueName: "host:port"))
    var awsListen: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        let overrides = CommandLineOverrides(
            configFile: config, dataDirectory: dataDir, socketPath: socket, region: region, quotas: quota,
            emfFile: emfFile, emfEndpoint: emfEndpoint, manualClock: manualClock ? true : nil, logLevel: logLevel,
            watcherEnabled: noWatcher ? false : nil, awsListen: awsListen)
        let configuration: DaemonConfiguration
        do {
            configuration = try await DaemonConfiguration.load(overrides)
        } catch {
            throw ValidationError("\(error)")
        }
        // load() accepted the level, so this cannot fall back.
        let level = LogLevelSetting(Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let destination = LogDestination.detect()
        LoggingSystem.bootstrap { label in DaemonLogHandler(label: label, destination: destination, level: level) }
        let logger = Logger(label: "netctld")
        // Part of the start-up line rather than a line of its own: journald's socket holds few datagrams.
        let openFiles = Daemon.raiseOpenFileLimit(logger: logger)
        let daemon: Daemon
        do {
            // SIGHUP reads the same sources again: these flags, the environment at start, the config file.
            daemon = try Daemon.build(configuration, logger: logger, logLevel: level) {
                try await DaemonConfiguration.load(overrides)
            }
        } catch {
            logger.critical("netctld cannot start: \(error)")
            throw ExitCode(1)
        }
        logger.info(
            "netctld \(NetctlVersion.current) starting",
            metadata: [
                "socket": "\(configuration.socketPath)", "data-dir": "\(configuration.dataDirectory)",
                "region": "\(configuration.region)", "config": "\(configuration.configFile ?? "none")",
                "manual-clock": "\(configuration.manualClock)", "open-files": "\(openFiles)",
                "log": "\(destination == .journal ? "journal" : "stderr")",
            ])
        try await daemon.run()
    }
}
