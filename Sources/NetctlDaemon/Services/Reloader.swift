import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP: re-reads the configuration and applies what may change while running (identity, quotas,
/// log level, EMF target) as one step, without touching connections. A configuration that does not
/// load leaves the old one in force. Either way the EMF file is reopened, for logrotate.
final class Reloader: Service {
    typealias Load = @Sendable () async throws -> DaemonConfiguration

    private let running: DaemonConfiguration
    private let load: Load?
    private let settings: LiveSettings
    private let logLevel: LogLevelSetting?
    private let emf: EMFWriter
    private let status: @Sendable () -> String
    private let logger: Logger

    init(
        running: DaemonConfiguration, load: Load?, settings: LiveSettings, logLevel: LogLevelSetting?, emf: EMFWriter,
        status: @escaping @Sendable () -> String, logger: Logger
    ) {
        self.running = running
        self.load = load
        self.settings = settings
        self.logLevel = logLevel
        self.emf = emf
        self.status = status
        self.logger = logger
    }

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            ServiceManager.notifyReloading()
            let outcome = await reload()
            ServiceManager.notifyReady(status: outcome + "; " + status())
        }
    }

    /// Returns a short summary for systemd's STATUS=.
    func reload() async -> String {
        guard let load else {
            reopenEMFFile()
            return "Reopened the EMF file"
        }
        let new: DaemonConfiguration
        let level: Logger.Level
        let target: EMFWriter.Target
        do {
            new = try await load()
            guard let parsed = Logger.Level(rawValue: new.logLevel) else {
                throw ConfigurationError(
                    description:
                        "logLevel '\(new.logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            level = parsed
            // Opened before anything is replaced: a path that cannot be opened rejects the whole reload.
            target = try EMFWriter.Target(path: new.emfFile, endpoint: new.emfEndpoint)
        } catch {
            logger.error(
                "configuration reload rejected; the previous configuration stays in force",
                metadata: ["error": "\(error)", "config": "\(running.configFile ?? "none")"])
            reopenEMFFile()
            return "Reload rejected (\(error)); previous configuration in force"
        }
        let restartOnly = Self.restartOnlyChanges(from: running, to: new)
        if !restartOnly.isEmpty {
            logger.warning(
                "configuration keys changed that apply only at the next start; keeping the running values",
                metadata: ["keys": "\(restartOnly.joined(separator: ", "))"])
        }
        let previous = settings.current
        let next = ReloadableSettings(new)
        settings.replace(next)
        logLevel?.value = level
        emf.retarget(target)
        logger.notice(
            "configuration reloaded",
            metadata: [
                "config": "\(new.configFile ?? "none")",
                "changed": "\(Self.changedKeys(from: previous, to: next).joined(separator: ", "))",
            ])
        return "Configuration reloaded"
    }

    private func reopenEMFFile() {
        guard let path = emf.path else { return }
        do {
            try emf.reopen()
            logger.info("reopened the EMF file", metadata: ["path": "\(path)"])
        } catch {
            logger.error("cannot reopen the EMF file", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    /// Keys whose new value is ignored until a restart: the socket, the files and the clock are in use.
    static func restartOnlyChanges(from old: DaemonConfiguration, to new: DaemonConfiguration) -> [String] {
        var keys: [String] = []
        if old.socketPath != new.socketPath { keys.append("socket") }
        if old.socketGroup != new.socketGroup { keys.append("socketGroup") }
        if old.dataDirectory != new.dataDirectory { keys.append("dataDir") }
        if old.region != new.region { keys.append("region") }
        if old.manualClock != new.manualClock { keys.append("manualClock") }
        if old.maximumLineBytes != new.maximumLineBytes { keys.append("maxLineBytes") }
        if old.idleTimeoutSeconds != new.idleTimeoutSeconds { keys.append("idleTimeoutSeconds") }
        if old.watcherEnabled != new.watcherEnabled { keys.append("watcher") }
        if old.aws.listen != new.aws.listen { keys.append("aws.listen") }
        if old.aws.allowRemote != new.aws.allowRemote { keys.append("aws.allowRemote") }
        return keys
    }

    static func changedKeys(from old: ReloadableSettings, to new: ReloadableSettings) -> [String] {
        var keys: [String] = []
        if old.identity != new.identity { keys.append("identity") }
        if old.quotas != new.quotas { keys.append("quotas") }
        if old.logLevel != new.logLevel { keys.append("logLevel") }
        if old.awsCredentials != new.awsCredentials { keys.append("aws.credentials") }
        if old.emfFile != new.emfFile { keys.append("emfFile") }
        if old.emfEndpoint != new.emfEndpoint { keys.append("emfEndpoint") }
        return keys.isEmpty ? ["nothing"] : keys
    }
}
