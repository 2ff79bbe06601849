import CSystemd
import Foundation
import Logging
import NetctlAPI
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's log level, shared by every logger so SIGHUP can change it for all of them at once.
public final class LogLevelSetting: Sendable {
    private let level: NIOLockedValueBox<Logger.Level>

    public init(_ level: Logger.Level) { self.level = NIOLockedValueBox(level) }

    public var value: Logger.Level {
        get { level.withLockedValue { $0 } }
        set { level.withLockedValue { $0 = newValue } }
    }
}

/// Where log lines go: the journal (structured fields through sd_journal_sendv) when systemd connected
/// stderr to it, else one plain line per event on stderr.
public enum LogDestination: Sendable, Equatable {
    case journal
    case standardError

    /// The journal only when `JOURNAL_STREAM` names the very file stderr is (device and inode), as
    /// systemd.exec(5) asks: a redirected stderr inherits the variable but is not the journal.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> LogDestination {
        guard let stream = environment["JOURNAL_STREAM"] else { return .standardError }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return .standardError
        }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return .standardError }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode ? .journal : .standardError
    }
}

/// netctld's swift-log handler. Metadata keys become journal fields named `NETCTL_<KEY>` in upper
/// snake case (`method` → `NETCTL_METHOD`, `resourceId` → `NETCTL_RESOURCE_ID`), so
/// `journalctl NETCTL_METHOD=vpc.create` finds every line about that method.
public struct DaemonLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let destination: LogDestination
    private let level: LogLevelSetting

    public init(label: String, destination: LogDestination, level: LogLevelSetting) {
        self.label = label
        self.destination = destination
        self.level = level
    }

    public var logLevel: Logger.Level {
        get { level.value }
        set { level.value = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: Logging.LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        switch destination {
        case .journal:
            let fields = Self.journalFields(
                level: event.level, message: event.message.description, metadata: merged, file: event.file,
                line: event.line, function: event.function)
            if Self.sendToJournal(fields) { return }
            // The journal refused (not running, or gone): the line must not be lost.
            FileHandle.standardError.write(Data(Self.plainLine(event, merged, label: label).utf8))
        case .standardError:
            FileHandle.standardError.write(Data(Self.plainLine(event, merged, label: label).utf8))
        }
    }

    /// syslog(3) priorities, as the journal's PRIORITY field expects.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// `FIELD=value` entries for sd_journal_sendv.
    static func journalFields(
        level: Logger.Level, message: String, metadata: Logger.Metadata, file: String, line: UInt, function: String
    ) -> [String] {
        var fields = [
            "MESSAGE=\(message)", "PRIORITY=\(priority(level))", "SYSLOG_IDENTIFIER=netctld",
            "CODE_FILE=\(file)", "CODE_LINE=\(line)", "CODE_FUNC=\(function)",
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard let name = fieldName(key) else { continue }
            fields.append("\(name)=\(value)")
        }
        return fields
    }

    /// `resourceId` → `NETCTL_RESOURCE_ID`; nil for a key that has no letters or digits at all.
    static func fieldName(_ key: String) -> String? {
        var name = ""
        var previousWasLower = false
        for character in key.unicodeScalars {
            if character.properties.isUppercase, previousWasLower { name.append("_") }
            if ("a"..."z").contains(character) || ("A"..."Z").contains(character) || ("0"..."9").contains(character) {
                name.append(String(character).uppercased())
                previousWasLower = ("a"..."z").contains(character) || ("0"..."9").contains(character)
            } else {
                if !name.hasSuffix("_") { name.append("_") }
                previousWasLower = false
            }
        }
        while name.hasSuffix("_") { name.removeLast() }
        while name.hasPrefix("_") { name.removeFirst() }
        return name.isEmpty ? nil : "NETCTL_" + name
    }

    private static func sendToJournal(_ fields: [String]) -> Bool {
        var storage: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        for field in fields {
            spans.append((storage.count, field.utf8.count))
            storage.append(contentsOf: field.utf8)
        }
        return storage.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return false }
            var vectors = spans.map { iovec(iov_base: base + $0.start, iov_len: $0.count) }
            return sd_journal_sendv(&vectors, Int32(vectors.count)) == 0
        }
    }

    private static func quotedIfNeeded(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.contains(" ") || text.contains("\"") || text.contains("=")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `2026-11-25T20:00:00.123Z info netctld: message key=value …` and a newline.
    static func plainLine(_ event: Logging.LogEvent, _ metadata: Logger.Metadata, label: String) -> String {
        var line = "\(Timestamp.format(Date())) \(event.level) \(label): \(event.message)"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=" + quotedIfNeeded("\(value)")
        }
        return line.replacingOccurrences(of: "\n", with: "\\n") + "\n"
    }
}
