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
    let server: SocketServer
    private let logger: Logger

    public static func build(_ configuration: DaemonConfiguration, logger: Logger) throws -> Daemon {
        try prepareDataDirectory(configuration.dataDirectory)
        try SocketPreflight.claim(configuration.socketPath)
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
            socketPath: configuration.socketPath, maximumLineBytes: configuration.maximumLineBytes, router: router,
            published: published, hub: hub, logger: logger,
            onListening: { ServiceManager.notifyReady(status: "Serving on \(configuration.socketPath); \(counts)") })
        let scheduler = Scheduler(
            writer: writer, published: published, clock: clock, region: configuration.region, logger: logger)
        return Daemon(
            configuration: configuration, store: store, published: published, writer: writer, scheduler: scheduler,
            watcher: watcher, emf: emf, server: server, logger: logger)
    }

    private init(
        configuration: DaemonConfiguration, store: Store, published: PublishedState, writer: Writer,
        scheduler: Scheduler, watcher: Watcher, emf: EMFWriter?, server: SocketServer, logger: Logger
    ) {
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
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: writer)]
                    + (configuration.watcherEnabled ? [.init(service: watcher)] : [])
                    + (emf.map { [.init(service: $0)] } ?? [])
                    + [.init(service: scheduler), .init(service: server)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
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
