import Foundation
import Logging
import Testing

@testable import NetctlDaemon

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Log handler: journal fields, destination, level")
struct LogHandlerTests {
    @Test("metadata keys become NETCTL_ fields in upper snake case")
    func fieldNames() {
        #expect(DaemonLogHandler.fieldName("method") == "NETCTL_METHOD")
        #expect(DaemonLogHandler.fieldName("resourceId") == "NETCTL_RESOURCE_ID")
        #expect(DaemonLogHandler.fieldName("account") == "NETCTL_ACCOUNT")
        #expect(DaemonLogHandler.fieldName("data-dir") == "NETCTL_DATA_DIR")
        #expect(DaemonLogHandler.fieldName("latencyMicroseconds") == "NETCTL_LATENCY_MICROSECONDS")
        #expect(DaemonLogHandler.fieldName("--") == nil)
    }

    @Test("a journal entry carries MESSAGE, PRIORITY, SYSLOG_IDENTIFIER, CODE_FILE/LINE/FUNC and the metadata")
    func journalFields() {
        let fields = DaemonLogHandler.journalFields(
            level: .warning, message: "two\nlines", metadata: ["method": "vpc.create", "resourceId": "vpc-1"],
            file: "NetctlDaemon/Router.swift", line: 42, function: "call(_:)")
        #expect(
            fields == [
                "MESSAGE=two\nlines", "PRIORITY=4", "SYSLOG_IDENTIFIER=netctld", "CODE_FILE=NetctlDaemon/Router.swift",
                "CODE_LINE=42", "CODE_FUNC=call(_:)", "NETCTL_METHOD=vpc.create", "NETCTL_RESOURCE_ID=vpc-1",
            ])
        #expect(
            [Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical].map(DaemonLogHandler.priority)
                == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test("the journal is used only when JOURNAL_STREAM names the file stderr is")
    func destination() {
        var status = stat()
        #expect(fstat(STDERR_FILENO, &status) == 0)
        let matching = "\(status.st_dev):\(status.st_ino)"
        #expect(LogDestination.detect(environment: ["JOURNAL_STREAM": matching]) == .journal)
        #expect(LogDestination.detect(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino + 1)"]) == .standardError)
        #expect(LogDestination.detect(environment: ["JOURNAL_STREAM": "garbage"]) == .standardError)
        #expect(LogDestination.detect(environment: [:]) == .standardError)
    }

    @Test("every handler follows the shared level, so a reload changes it everywhere")
    func sharedLevel() {
        let level = LogLevelSetting(.info)
        let first = DaemonLogHandler(label: "a", destination: .standardError, level: level)
        let second = DaemonLogHandler(label: "b", destination: .standardError, level: level)
        #expect(first.logLevel == .info)
        level.value = .debug
        #expect(first.logLevel == .debug && second.logLevel == .debug)
    }

    @Test("a plain line is one line: newlines escaped, values with spaces quoted")
    func plainLine() {
        let event = Logging.LogEvent(
            level: .error, message: "commit failed\nbadly", metadata: nil, source: nil, file: "f", function: "g", line: 1)
        let line = DaemonLogHandler.plainLine(event, ["error": "disk full", "jobs": "3"], label: "netctld")
        #expect(line.hasSuffix(" error netctld: commit failed\\nbadly error=\"disk full\" jobs=3\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
    }
}
