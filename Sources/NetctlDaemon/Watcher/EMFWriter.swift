import Foundation
import NetctlAPI
import NIOConcurrencyHelpers

/// Appends every metric datum as one CloudWatch Embedded Metric Format line, to a file for the
/// CloudWatch agent or any log shipper, and to an agent's socket. Where the lines go can change on
/// SIGHUP (a reload, or logrotate moving the file away).
final class EMFWriter: Sendable {
    /// Where lines go now. Built (file opened, endpoint parsed) before it replaces the old one, so a
    /// reload that cannot open the new file leaves the old target working.
    struct Target: @unchecked Sendable {
        var path: String?
        var file: FileHandle?
        var endpoint: EMFEndpoint?

        static let none = Target(path: nil, file: nil, endpoint: nil)

        init(path: String?, file: FileHandle?, endpoint: EMFEndpoint?) {
            self.path = path
            self.file = file
            self.endpoint = endpoint
        }

        init(path: String?, endpoint: String?) throws {
            self.path = path
            self.file = try path.map(Self.open)
            self.endpoint = try endpoint.map(EMFEndpoint.init)
        }

        static func open(_ path: String) throws -> FileHandle {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw ConfigurationError(description: "cannot create the EMF file \(path)")
                }
            }
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            file.seekToEndOfFile()
            return file
        }
    }

    private let target: NIOLockedValueBox<Target>

    init(_ target: Target = .none) {
        self.target = NIOLockedValueBox(target)
    }

    var path: String? { target.withLockedValue { $0.path } }
    var endpoint: String? { target.withLockedValue { $0.endpoint?.description } }

    /// Makes `new` the target and closes the old file.
    func retarget(_ new: Target) {
        let old = target.withLockedValue { current -> FileHandle? in
            defer { current = new }
            return current.file
        }
        try? old?.close()
    }

    /// Opens the current path again: logrotate has moved the old file away.
    func reopen() throws {
        guard let path else { return }
        let file = try Target.open(path)
        let old = target.withLockedValue { current -> FileHandle? in
            defer { current.file = file }
            return current.file
        }
        try? old?.close()
    }

    func write(_ entries: [StreamStore.MetricEntry]) {
        guard !entries.isEmpty else { return }
        target.withLockedValue { target in
            guard target.file != nil || target.endpoint != nil else { return }
            let lines = entries.map { entry in
                var line = Self.line(entry)
                line.append(UInt8(ascii: "\n"))
                return line
            }
            if let file = target.file {
                var data = Data()
                for line in lines { data.append(line) }
                file.write(data)
            }
            target.endpoint?.send(lines)
        }
    }

    /// `{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":…,"Dimensions":[[…]],"Metrics":[{"Name":…,"Unit":…}]}]},"Dim":"v","Name":value}`
    static func line(_ entry: StreamStore.MetricEntry) -> Data {
        let sample = entry.sample
        var root: [String: JSONValue] = [
            "_aws": [
                "Timestamp": .int(sample.timestamp),
                "CloudWatchMetrics": [
                    [
                        "Namespace": .string(entry.namespace),
                        "Dimensions": .array([.array(sample.dimensions.map { .string($0.name) })]),
                        "Metrics": [["Name": .string(sample.metricName), "Unit": .string(sample.unit)]],
                    ]
                ],
            ]
        ]
        for dimension in sample.dimensions { root[dimension.name] = .string(dimension.value) }
        // A statistic set goes out as its sum: what CloudWatch adds up for Count metrics.
        root[sample.metricName] = .double(entry.statistics?.sum ?? sample.value)
        return (try? NetctlJSON.encoder.encode(JSONValue.object(root))) ?? Data()
    }
}
