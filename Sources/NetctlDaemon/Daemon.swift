import Foundation
import Logging
import NetctlAPI
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
    let emf: EMFWriter?
    let watchdog: Watchdog?
    let server: SocketServer
    private let logger: Logger

    public static func build(_ configuration: DaemonConfiguration, logger: Logger) throws -> Daemon {
        try prepareDataDirectory(configuration.dataDirectory)
        let activatedSocket = ServiceManager.activatedSocket()
        if activatedSocket == nil { try SocketPreflight.claim(configuration.socketPath) }
        let store = try Store(path: configuration.databasePath)
        let state = try store.loadState()
        let published = PublishedState(state)
        // A manual clock resumes from the newest committed change if that is later than now: time that
        // tests moved forward must not run backwards across a restart.
        let manualClock = try configuration.manualClock
            ? ManualClock(start: max(Date(), store.latestEventTime() ?? .distantPast)) : nil
        let clock: any DaemonClock = manualClock ?? SystemClock()
        let writer = Writer(
            store: store, published: published, clock: clock, quotas: configuration.quotas, logger: logger)
        let streams = try StreamStore(path: configuration.dataDirectory + "/streams.db")
        let hub = LiveHub()
        let emf =
            configuration.emfFile == nil && configuration.emfEndpoint == nil
            ? nil : try EMFWriter(path: configuration.emfFile, endpoint: configuration.emfEndpoint, logger: logger)
        let watcher = Watcher(
            store: store, streams: streams, hub: hub, writer: writer, published: published, clock: clock, emf: emf,
            enabled: configuration.watcherEnabled, logger: logger)
        let info = DaemonInfo(
            startedAt: Date(), clock: clock, manualClock: manualClock, region: configuration.region, watcher: watcher)
        let router = Router(
            entries: MethodTable.entries(manualClock: configuration.manualClock), writer: writer,
            identity: IdentityResolver(
                configuration: configuration.identity, defaultRegion: configuration.region, daemonUid: getuid()),
            info: info)
        let counts = "\(state.vpcs.count) VPCs, \(state.subnets.count) subnets, \(state.routeTables.count) route tables"
        logger.info("state loaded", metadata: ["database": "\(store.path)", "resources": "\(counts)"])
        let server = SocketServer(
            socketPath: configuration.socketPath, activatedSocket: activatedSocket,
            maximumLineBytes: configuration.maximumLineBytes, router: router,
            published: published, hub: hub, logger: logger,
            onListening: { ServiceManager.notifyReady(status: "Serving on \(configuration.socketPath); \(counts)") })
        let scheduler = Scheduler(
            writer: writer, published: published, clock: clock, region: configuration.region, logger: logger)
        return Daemon(
            configuration: configuration, store: store, published: published, writer: writer, scheduler: scheduler,
            watcher: watcher, emf: emf,
            watchdog: ServiceManager.watchdogInterval().map {
                Watchdog(interval: $0, store: store, writer: writer, logger: logger)
            },
            server: server, logger: logger)
    }

    private init(
        configuration: DaemonConfiguration, store: Store, published: PublishedState, writer: Writer,
        scheduler: Scheduler, watcher: Watcher, emf: EMFWriter?, watchdog: Watchdog?, server: SocketServer,
        logger: Logger
    ) {
        self.watchdog = watchdog
        self.emf = emf
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
        if configuration.watcherEnabled { services.append(.init(service: watcher)) }
        if let emf { services.append(.init(service: emf)) }
        services.append(.init(service: scheduler))
        if let watchdog { services.append(.init(service: watchdog)) }
        services.append(.init(service: server))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer {
            ServiceManager.notifyStopping()
            do { try store.close() } catch { logger.error("closing the database failed", metadata: ["error": "\(error)"]) }
            logger.info("stopped")
        }
        try await group.run()
    }

    /// The data directory holds the state of every account: only its owner may enter it.
    static func prepareDataDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
    }
}
