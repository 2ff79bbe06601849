import Foundation
import Logging
import NetctlAPI
import NetctlAWS
import NetctlCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// A configured netctld: its store, writer and server, ready to run. `main` and the tests both build
/// it through `Daemon.build`, so what is tested is what ships.
public final class Daemon: Sendable {
    public let configuration: DaemonConfiguration
    public let store: Store
    public let published: PublishedState
    let writer: Writer
    let scheduler: Scheduler
    let watcher: Watcher
    let reloader: Reloader
    let watchdog: Watchdog?
    let server: SocketServer
    /// The AWS endpoint, when `aws.listen` is set.
    let awsServer: AWSServer?
    /// The container registry on the AWS endpoint, with its blob store.
    let registry: Registry?
    private let logger: Logger

    /// Builds the daemon. `logLevel` is the level every logger reads, so a reload can change it;
    /// `reload` re-reads the configuration on SIGHUP (nil: SIGHUP only reopens the EMF file).
    public static func build(
        _ configuration: DaemonConfiguration, logger: Logger, logLevel: LogLevelSetting? = nil,
        reload: (@Sendable () async throws -> DaemonConfiguration)? = nil
    ) throws -> Daemon {
        // Everything netctld creates is private to its user: the databases hold every account's state,
        // and the socket must not be connectable by others even between bind and chmod.
        umask(0o077)
        try prepareDataDirectory(configuration.dataDirectory)
        let activatedSocket = ServiceManager.activatedSocket()
        if activatedSocket == nil { try SocketPreflight.claim(configuration.socketPath) }
        // A data directory netctld cannot write (a read-only mount, a snapshot) is still worth serving:
        // reads are answered, every change is refused with a message saying so.
        let readOnly = !DatabaseOpening.isWritable(directory: configuration.dataDirectory)
        if readOnly {
            logger.warning(
                "data directory not writable: serving reads only, refusing every change until it is writable and netctld restarts",
                metadata: ["directory": "\(configuration.dataDirectory)"])
        }
        let store = try Store(path: configuration.databasePath, readOnly: readOnly)
        // The method table needs nothing from the state: its params schemas and type look-ups (tens of
        // milliseconds) are made while the state loads instead of after.
        DispatchQueue.global().async { _ = MethodTable.standard }
        let state = try store.loadState()
        let published = PublishedState(state)
        // A manual clock resumes from the newest committed change if that is later than now: time that
        // tests moved forward must not run backwards across a restart.
        let manualClock = try configuration.manualClock
            ? ManualClock(start: max(Date(), store.latestEventTime() ?? .distantPast)) : nil
        let clock: any DaemonClock = manualClock ?? SystemClock()
        let settings = LiveSettings(ReloadableSettings(configuration))
        let streams = try StreamStore(path: configuration.dataDirectory + "/streams.db", readOnly: readOnly)
        let writer = Writer(
            store: store, published: published, clock: clock, quotas: { settings.current.quotas },
            logGroups: streams.logGroupNames, logger: logger)
        let hub = LiveHub()
        let emf = EMFWriter(try EMFWriter.Target(path: configuration.emfFile, endpoint: configuration.emfEndpoint))
        let watcher = Watcher(
            store: store, streams: streams, hub: hub, writer: writer, published: published, clock: clock, emf: emf,
            enabled: configuration.watcherEnabled && !readOnly, logger: logger)
        let connections = ConnectionGauge()
        let queues = try QueueService(
            store: QueueStore(path: configuration.dataDirectory + "/queues.db", readOnly: readOnly), clock: clock)
        let info = DaemonInfo(
            startedAt: Date(), clock: clock, manualClock: manualClock, region: configuration.region, watcher: watcher,
            configuration: configuration, store: store, connections: connections, queues: queues)
        if watcher.enabled { queues.publish(to: streams) }
        let router = Router(
            entries: MethodTable.entries(manualClock: configuration.manualClock), writer: writer, settings: settings,
            defaultRegion: configuration.region, daemonUid: getuid(), info: info)
        let counts = state.resourceCounts
        logger.info(
            "state loaded",
            metadata: ["database": "\(store.path)", "vpcs": "\(counts["vpcs"] ?? 0)", "peerings": "\(counts["peerings"] ?? 0)"])
        // systemd's STATUS= line: what `systemctl status netctld` shows under the unit's name.
        let summary: @Sendable () -> String = {
            let counts = published.current.resourceCounts
            return "Serving on \(configuration.socketPath); \(counts["vpcs"] ?? 0) VPCs, \(counts["peerings"] ?? 0) peerings, "
                + "\(connections.current) connections"
        }
        let server = SocketServer(
            socketPath: configuration.socketPath, socketGroup: configuration.socketGroup, activatedSocket: activatedSocket,
            maximumLineBytes: configuration.maximumLineBytes,
            idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)), router: router, published: published, hub: hub,
            connections: connections, logger: logger,
            onListening: { ServiceManager.notifyReady(status: summary()) })
        // The registry shares the AWS listener, so it exists exactly when the listener does.
        let registry = try configuration.aws.listen.map { _ in
            try Registry(
                dataDirectory: configuration.dataDirectory, readOnly: readOnly, router: router, published: published,
                credentials: { settings.current.awsCredentials }, defaultRegion: configuration.region, logger: logger)
        }
        if let registry { writer.onCommit { registry.observe($0) } }
        HealthRecheck.install(on: writer, published: published)
        let awsServer = try configuration.aws.listen.map { address in
            if configuration.aws.usesTestCredentials {
                logger.warning(
                    "AWS endpoint: no aws.credentials configured, accepting the well-known key test/test",
                    metadata: ["account": "\(configuration.identity.defaultAccountId)"])
            }
            if !address.isLoopback {
                logger.warning("AWS endpoint listens beyond this machine (aws.allowRemote)", metadata: ["address": "\(address)"])
            }
            let server = try AWSServer.bind(
                address, endpoint: AWSEndpoint(backend: AWSGateway(router: router, registry: registry)),
                verifier: { SigV4Verifier(credentials: settings.current.awsCredentials) }, now: { Date() },
                registry: registry, logger: logger)
            if let port = server.localAddress?.port {
                registry?.setListener(HostAndPort(host: address.host, port: port).description)
            }
            return server
        }
        let scheduler = Scheduler(
            writer: writer, published: published, clock: clock, region: configuration.region, logger: logger)
        let reloader = Reloader(
            running: configuration, load: reload, settings: settings, logLevel: logLevel, emf: emf, status: summary,
            logger: logger)
        return Daemon(
            configuration: configuration, store: store, published: published, writer: writer, scheduler: scheduler,
            watcher: watcher, reloader: reloader,
            watchdog: ServiceManager.watchdogInterval().map {
                Watchdog(interval: $0, store: store, writer: writer, logger: logger)
            },
            server: server, awsServer: awsServer, registry: registry, logger: logger)
    }

    private init(
        configuration: DaemonConfiguration, store: Store, published: PublishedState, writer: Writer,
        scheduler: Scheduler, watcher: Watcher, reloader: Reloader, watchdog: Watchdog?, server: SocketServer,
        awsServer: AWSServer?, registry: Registry?, logger: Logger
    ) {
        self.awsServer = awsServer
        self.registry = registry
        self.watchdog = watchdog
        self.reloader = reloader
        self.scheduler = scheduler
        self.watcher = watcher
        self.configuration = configuration
        self.store = store
        self.published = published
        self.writer = writer
        self.server = server
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT, then shuts down in reverse order: the server stops accepting and
    /// answers what it already read, the writer commits what is queued, the database closes.
    public func run() async throws {
        // Shutdown runs in reverse: the server stops first, the writer commits what is queued last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: writer)]
        if watcher.enabled { services.append(.init(service: watcher)) }
        services.append(.init(service: reloader))
        // Expiry and reconciliation change state, which a read-only store cannot take.
        if !store.readOnly { services.append(.init(service: scheduler)) }
        if let watchdog { services.append(.init(service: watchdog)) }
        services.append(.init(service: server))
        if let awsServer { services.append(.init(service: awsServer)) }
        if let registry, !store.readOnly { services.append(.init(service: registry)) }
        services.append(.init(service: StoppingNotice(), successTerminationBehavior: .ignore))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer {
            do { try store.close() } catch { logger.error("closing the database failed", metadata: ["error": "\(error)"]) }
            logger.info("stopped")
        }
        try await group.run()
    }

    /// Raises the soft limit on open files to the hard limit, so many clients can be connected at
    /// once (each connection is a descriptor). Returns "OLD->NEW" (or the unchanged limit) for the
    /// start-up log line; only a failure to raise it gets a line of its own.
    public static func raiseOpenFileLimit(logger: Logger) -> String {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return "unknown" }
        let old = limit.rlim_cur
        guard old < limit.rlim_max else { return "\(old)" }
        limit.rlim_cur = limit.rlim_max
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            logger.warning(
                "could not raise the open file limit", metadata: ["limit": "\(old)", "error": "\(String(cString: strerror(errno)))"])
            return "\(old)"
        }
        return "\(old)->\(limit.rlim_cur)"
    }

    /// The data directory holds the state of every account: only its owner may enter it.
    static func prepareDataDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
    }
}
