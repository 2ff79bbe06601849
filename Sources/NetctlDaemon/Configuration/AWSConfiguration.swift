import Configuration
import NetctlAPI
import NetctlAWS

/// The `aws` section: where the AWS-compatible endpoint listens and which access keys it accepts.
public struct AWSConfiguration: Sendable {
    /// `HOST:PORT`; nil leaves the endpoint off.
    public var listen: HostAndPort?
    /// Whether a non-loopback `listen` address is allowed (anyone who can reach it can try keys).
    public var allowRemote: Bool
    /// Each as `ACCESS_KEY_ID:SECRET_ACCESS_KEY:ACCOUNT[:readOnly|:admin]`. The YAML reader of
    /// swift-configuration takes lists of scalars only, so a key is one string, not a mapping.
    public var credentials: [AWSCredential]
    /// True when none are configured and the well-known `test`/`test` pair stands in.
    public var usesTestCredentials: Bool

    public init(
        listen: HostAndPort? = nil, allowRemote: Bool = false, credentials: [AWSCredential] = [],
        defaultAccountId: String = IdentityConfiguration.standardDefaultAccountId
    ) {
        self.listen = listen
        self.allowRemote = allowRemote
        self.usesTestCredentials = credentials.isEmpty
        self.credentials = credentials.isEmpty ? [.wellKnownTest(accountId: defaultAccountId)] : credentials
    }

    init(_ reader: ConfigReader, defaultAccountId: String) throws {
        let listen = try reader.string(forKey: "listen").map { try HostAndPort.parse($0, key: "aws.listen") }
        let allowRemote = try DaemonConfiguration.strictBool(reader, "allowRemote") ?? false
        if let listen, !listen.isLoopback, !allowRemote {
            throw ConfigurationError(
                description: "aws.listen \(listen) is not a loopback address; the AWS endpoint accepts any signed request "
                    + "it can read, so set aws.allowRemote: true to serve it beyond this machine")
        }
        let credentials = try reader.stringArray(forKey: "credentials", default: []).map(Self.credential)
        var seen = Set<String>()
        for credential in credentials where !seen.insert(credential.accessKeyId).inserted {
            throw ConfigurationError(description: "aws.credentials lists the access key \(credential.accessKeyId) twice")
        }
        self.init(listen: listen, allowRemote: allowRemote, credentials: credentials, defaultAccountId: defaultAccountId)
    }

    static func credential(_ entry: String) throws -> AWSCredential {
        let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (3...4).contains(parts.count), !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ConfigurationError(
                description: "aws.credentials entry '\(parts.first ?? ""):…' must be ACCESS_KEY_ID:SECRET:ACCOUNT, "
                    + "optionally followed by :readOnly or :admin")
        }
        guard AccountID.isValid(parts[2]) else {
            throw ConfigurationError(description: "aws.credentials entry \(parts[0]): account '\(parts[2])' is not 12 digits")
        }
        let power = parts.count == 4 ? parts[3] : ""
        guard ["", "readOnly", "admin"].contains(power) else {
            throw ConfigurationError(
                description: "aws.credentials entry \(parts[0]): '\(power)' is neither readOnly nor admin")
        }
        return AWSCredential(
            accessKeyId: parts[0], secretAccessKey: parts[1], accountId: parts[2], readOnly: power == "readOnly",
            admin: power == "admin")
    }
}

/// `127.0.0.1:4566`, `[::1]:4566`, `localhost:4566`.
public struct HostAndPort: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }

    public static func parse(_ text: String, key: String) throws -> HostAndPort {
        let host: Substring
        let port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            port = text[close...].dropFirst().drop { $0 == ":" }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        } else {
            throw ConfigurationError(description: "\(key) '\(text)' must be HOST:PORT, like 127.0.0.1:4566")
        }
        guard !host.isEmpty, let number = Int(port), (0...65535).contains(number) else {
            throw ConfigurationError(description: "\(key) '\(text)' must be HOST:PORT with a port from 0 to 65535")
        }
        return HostAndPort(host: String(host), port: number)
    }
}
