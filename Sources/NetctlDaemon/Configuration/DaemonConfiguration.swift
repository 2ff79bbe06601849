import Configuration
import Foundation
import Logging
import NetctlAPI
import NetctlCore
import SystemPackage

/// Everything netctld needs to start, resolved from (highest first) command-line flags, `NETCTLD_*`
/// environment variables, the YAML config file, and built-in defaults.
public struct DaemonConfiguration: Sendable {
    public var socketPath: String
    /// The group that owns the socket netctld binds (mode 0660): its members may connect. Nil keeps
    /// netctld's own primary group. Not used under socket activation, where the .socket unit decides.
    public var socketGroup: UInt32?
    public var dataDirectory: String
    public var region: String
    public var quotas: Quotas
    public var manualClock: Bool
    public var emfFile: String?
    /// `udp://HOST:PORT` or `tcp://HOST:PORT` of a CloudWatch agent that receives the EMF lines too.
    public var emfEndpoint: String?
    public var maximumLineBytes: Int
    /// Seconds a connection may sit on part of a line (bytes without their newline) before it is closed.
    public var idleTimeoutSeconds: Int
    public var identity: IdentityConfiguration
    public var logLevel: String
    /// Whether change events become log events and metrics (off only to measure what the watcher costs).
    public var watcherEnabled: Bool
    /// The config file that was read, if any.
    public var configFile: String?
    /// The AWS-compatible HTTP endpoint (off unless `aws.listen` is set).
    public var aws: AWSConfiguration

    public static let defaultRegion = "us-east-1"
    public static let defaultConfigFile = "/etc/netctld/netctld.yaml"
    public static let defaultMaximumLineBytes = 1 << 20
    public static let defaultIdleTimeoutSeconds = 30

    public init(
        socketPath: String, dataDirectory: String, region: String = defaultRegion, quotas: Quotas = Quotas(),
        manualClock: Bool = false, emfFile: String? = nil, emfEndpoint: String? = nil,
        maximumLineBytes: Int = defaultMaximumLineBytes,
        identity: IdentityConfiguration = IdentityConfiguration(), logLevel: String = "info",
        watcherEnabled: Bool = true,
        configFile: String? = nil, socketGroup: UInt32? = nil, idleTimeoutSeconds: Int = defaultIdleTimeoutSeconds,
        aws: AWSConfiguration = AWSConfiguration()
    ) {
        self.aws = aws
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.socketGroup = socketGroup
        self.watcherEnabled = watcherEnabled
        self.socketPath = socketPath
        self.dataDirectory = dataDirectory
        self.region = region
        self.quotas = quotas
        self.manualClock = manualClock
        self.emfFile = emfFile
        self.emfEndpoint = emfEndpoint
        self.maximumLineBytes = maximumLineBytes
        self.identity = identity
        self.logLevel = logLevel
        self.configFile = configFile
    }

    public var databasePath: String { dataDirectory + "/" + DefaultPaths.databaseFileName }
}

/// The flags given on the command line; nil means "not given", so lower layers can supply a value.
public struct CommandLineOverrides: Sendable {
    public var configFile: String?
    public var dataDirectory: String?
    public var socketPath: String?
    public var region: String?
    public var quotas: [String]
    public var emfFile: String?
    public var emfEndpoint: String?
    public var manualClock: Bool?
    public var logLevel: String?
    public var watcherEnabled: Bool?
    public var awsListen: String?

    public init(
        configFile: String? = nil, dataDirectory: String? = nil, socketPath: String? = nil, region: String? = nil,
        quotas: [String] = [], emfFile: String? = nil, emfEndpoint: String? = nil, manualClock: Bool? = nil,
        logLevel: String? = nil,
        watcherEnabled: Bool? = nil, awsListen: String? = nil
    ) {
        self.awsListen = awsListen
        self.watcherEnabled = watcherEnabled
        self.configFile = configFile
        self.dataDirectory = dataDirectory
        self.socketPath = socketPath
        self.region = region
        self.quotas = quotas
        self.emfFile = emfFile
        self.emfEndpoint = emfEndpoint
        self.manualClock = manualClock
        self.logLevel = logLevel
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
}

extension DaemonConfiguration {
    /// Builds the configuration. `environment` is the process environment (a parameter so tests can vary
    /// it); a config file named with `--config` must exist, the default one may be absent.
    public static func load(
        _ flags: CommandLineOverrides, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> DaemonConfiguration {
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        func set(_ key: String, _ value: ConfigContent?) {
            if let value {
                flagValues[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = .init(
                    value, isSecret: false)
            }
        }
        set("socket", flags.socketPath.map { .string($0) })
        set("dataDir", flags.dataDirectory.map { .string($0) })
        set("region", flags.region.map { .string($0) })
        set("emfFile", flags.emfFile.map { .string($0) })
        set("emfEndpoint", flags.emfEndpoint.map { .string($0) })
        set("manualClock", flags.manualClock.map { .bool($0) })
        set("logLevel", flags.logLevel.map { .string($0) })
        set("watcher", flags.watcherEnabled.map { .bool($0) })
        set("aws.listen", flags.awsListen.map { .string($0) })
        for assignment in flags.quotas {
            let (name, value) = try wrap { () throws(NetctlError) in try Quotas.parseAssignment(assignment) }
            set("quotas.\(name.rawValue)", .int(value))
        }

        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "command line", values: flagValues),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "netctld"),
        ]
        let configPath = flags.configFile ?? environment["NETCTLD_CONFIG"]
        var configFileRead: String?
        if let configPath {
            guard FileManager.default.fileExists(atPath: configPath) else {
                throw ConfigurationError(description: "config file \(configPath) does not exist")
            }
            providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(configPath)))
            configFileRead = configPath
        } else if FileManager.default.fileExists(atPath: defaultConfigFile) {
            providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(defaultConfigFile)))
            configFileRead = defaultConfigFile
        }
        let reader = ConfigReader(providers: providers)

        let paths = DefaultPaths.resolve(
            .init(
                variables: environment, uid: getuid(),
                homeDirectory: environment["HOME"] ?? NSHomeDirectory()))
        var quotas = Quotas()
        for name in QuotaName.allCases {
            if let value = try strictInt(reader, "quotas.\(name.rawValue)") {
                try wrap { () throws(NetctlError) in try Quotas.validate(name, value) }
                quotas[name] = value
            }
        }
        let region = reader.string(forKey: "region", default: defaultRegion)
        guard RegionName.isValid(region) else {
            throw ConfigurationError(description: "region '\(region)' is not a region name like us-east-1")
        }
        let maximumLine = try strictInt(reader, "maxLineBytes") ?? defaultMaximumLineBytes
        guard maximumLine >= 1024 else {
            throw ConfigurationError(description: "maxLineBytes must be at least 1024, got \(maximumLine)")
        }
        let idleTimeout = try strictInt(reader, "idleTimeoutSeconds") ?? defaultIdleTimeoutSeconds
        guard (1...86400).contains(idleTimeout) else {
            throw ConfigurationError(description: "idleTimeoutSeconds must be between 1 and 86400, got \(idleTimeout)")
        }
        let logLevel = reader.string(forKey: "logLevel", default: "info")
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ConfigurationError(
                description: "logLevel '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical"
            )
        }
        let identity = try IdentityConfiguration(reader.scoped(to: "identity"))
        return DaemonConfiguration(
            socketPath: reader.string(forKey: "socket", default: paths.socketPath),
            dataDirectory: reader.string(forKey: "dataDir", default: paths.dataDirectory),
            region: region,
            quotas: quotas,
            manualClock: try strictBool(reader, "manualClock") ?? false,
            emfFile: reader.string(forKey: "emfFile"),
            emfEndpoint: reader.string(forKey: "emfEndpoint"),
            maximumLineBytes: maximumLine,
            identity: identity,
            logLevel: logLevel,
            watcherEnabled: try strictBool(reader, "watcher") ?? true,
            configFile: configFileRead,
            socketGroup: try reader.string(forKey: "socketGroup").map {
                try IdentityConfiguration.groupID($0, key: "socketGroup")
            },
            idleTimeoutSeconds: idleTimeout,
            aws: try AWSConfiguration(reader.scoped(to: "aws"), defaultAccountId: identity.defaultAccountId))
    }

    /// The non-throwing reader methods fall back to the default on a value of the wrong type; a typo in
    /// the config must not silently become "use the default", so read the text and check it.
    static func strictInt(_ reader: ConfigReader, _ key: String) throws -> Int? {
        guard let text = reader.string(forKey: ConfigKey(key)) else { return reader.int(forKey: ConfigKey(key)) }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError(description: "\(key) must be a whole number, not '\(text)'")
        }
        return value
    }

    static func strictBool(_ reader: ConfigReader, _ key: String) throws -> Bool? {
        guard let text = reader.string(forKey: ConfigKey(key)) else { return reader.bool(forKey: ConfigKey(key)) }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw ConfigurationError(description: "\(key) must be true or false, not '\(text)'")
        }
    }

    private static func wrap<T>(_ body: () throws(NetctlError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ConfigurationError(description: error.message)
        }
    }
}

public enum RegionName {
    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`…
    public static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count), let number = parts.last, !number.isEmpty,
            number.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
