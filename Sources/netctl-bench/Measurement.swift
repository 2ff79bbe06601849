import Foundation
import Histogram

/// Latencies in nanoseconds: reads on this machine take tens of microseconds, which whole
/// microseconds would round too coarsely for a p99 target of 0.5 ms.
struct Latencies: Sendable {
    private(set) var histogram = Histogram<UInt64>(
        highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)

    var count: Int { Int(histogram.totalCount) }

    mutating func record(from begin: ContinuousClock.Instant, to end: ContinuousClock.Instant = .now) {
        histogram.record(UInt64(max(1, Self.nanoseconds(end - begin))))
    }

    mutating func add(_ other: Latencies) { histogram.add(other.histogram) }

    func milliseconds(atPercentile percentile: Double) -> Double {
        Double(histogram.valueAtPercentile(percentile)) / 1e6
    }

    var maxMilliseconds: Double { Double(histogram.maxRecorded) / 1e6 }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func seconds(_ duration: Duration) -> Double { Double(nanoseconds(duration)) / 1e9 }
}

/// A goal of issue 15 (or of another issue, named in its text), carried beside the measurement it
/// applies to so every output shows it.
struct Target: Sendable {
    var text: String
    var minimumThroughput: Double?
    var maximumP99Ms: Double?
    /// For single-number measurements (seconds, megabytes): the value must stay below it.
    var maximumValue: Double?
    /// For single-number measurements (microseconds of CPU): the value may reach it, not pass it.
    var atMostValue: Double?

    static let reads = Target(text: "≥ 50,000/s, p99 < 0.5 ms", minimumThroughput: 50_000, maximumP99Ms: 0.5)
    static let pipelinedReads = Target(text: "≥ 100,000/s", minimumThroughput: 100_000)
    static let mutationsOneClient = Target(text: "≥ 3,500/s", minimumThroughput: 3_500)
    static let mutationsSixteenClients = Target(text: "≥ 20,000/s", minimumThroughput: 20_000)
    /// One request at a time over the socket from `scripts/python-client-bench.py`.
    static let pythonReads = Target(text: "≥ 4,000/s", minimumThroughput: 4_000)
    static let pythonMutations = Target(text: "≥ 2,500/s", minimumThroughput: 2_500)
    /// netctld's CPU time (utime + stime) per request, measured by `scripts/bench.sh`.
    static let cpuPerRead = Target(text: "≤ 25 µs", atMostValue: 25)
    static let cpuPerCreate = Target(text: "≤ 60 µs", atMostValue: 60)
    /// Issue 15 sets no goal for it: issue 9's, marked as such.
    static let reach = Target(text: "p99 < 5 ms (issue 9)", maximumP99Ms: 5)
    static let reachWithSecurity = Target(text: "p99 < 5 ms (issue 18)", maximumP99Ms: 5)
    /// One whole matrix per request: every ordered pair of 500 instances.
    static let reachMatrix = Target(text: "< 2 s per matrix (issue 18)", maximumP99Ms: 2_000)
    /// One `topology.migrate {deletePeerings: true}` of a 50-VPC mesh (1,225 peerings), one transaction.
    /// `reach.analyze` between VPCs attached to one hub whose table holds 10,000 propagated routes.
    static let reachThroughHub = Target(text: "p99 < 5 ms (issue 19)", maximumP99Ms: 5)
    static let topologyMigrate = Target(text: "< 2 s (issue 19)", maximumP99Ms: 2_000)
    static let peeringListPage = Target(text: "p99 < 5 ms", maximumP99Ms: 5)
    static let restartToReady = Target(text: "< 0.5 s", maximumValue: 0.5)
    /// Issue 16: signed EC2 Query requests on the AWS endpoint, one client, one request at a time.
    static let awsDescribePeerings = Target(text: "≥ 2,000/s (issue 16)", minimumThroughput: 2_000)
    static let awsCreates = Target(text: "≥ 1,500/s (issue 16)", minimumThroughput: 1_500)
    static let memory = Target(text: "< 300 MB", maximumValue: 300)
    /// Mutation throughput with the watcher on, as a fraction of the same run with it off, at 16 clients.
    static let watcherRatio = 0.95
    static let watcherRatioText = "≥ 95%"
    static let watcherRatioClients = 16

    /// Targets of the JSON lines that scripts write (netctl-bench judges its own when it emits them):
    /// `--summary` judges a line without a target by its workload.
    static let byRecordedWorkload: [String: Target] = [
        Recorded.cpuPerRead: .cpuPerRead,
        Recorded.cpuPerCreate: .cpuPerCreate,
        Recorded.pythonReads: .pythonReads,
        Recorded.pythonMutations: .pythonMutations,
    ]

    func isMet(by measurement: Measurement) -> Bool {
        // A run whose requests failed measured something other than what the target is about.
        if (measurement.errors ?? 0) > 0 { return false }
        if let minimumThroughput, (measurement.throughput ?? 0) < minimumThroughput { return false }
        if let maximumP99Ms, (measurement.p99Ms ?? .infinity) >= maximumP99Ms { return false }
        if let maximumValue, (measurement.value ?? .infinity) >= maximumValue { return false }
        if let atMostValue, (measurement.value ?? .infinity) > atMostValue { return false }
        return true
    }
}

/// Workload names of the JSON lines written outside netctl-bench, spelled exactly as those scripts
/// write them.
enum Recorded {
    /// `scripts/bench.sh`: netctld's CPU over the 16-connection `vpc.get` workload, per request.
    static let cpuPerRead = "CPU of netctld per vpc.get"
    /// `scripts/bench.sh`: netctld's CPU over the `creates` workload until the watcher caught up.
    static let cpuPerCreate = "CPU of netctld per vpc.create, until the watcher caught up"
    /// `scripts/python-client-bench.py`.
    static let pythonReads = "vpc.get from a plain Python client"
    static let pythonMutations = "vpc.create from a plain Python client"
}

/// One measured workload: what `--json` prints, one object per line, and what `--summary` reads back.
struct Measurement: Codable, Sendable {
    var workload: String
    var clients: Int?
    /// Requests each connection keeps unanswered (1: one at a time).
    var window: Int?
    var requests: Int?
    var seconds: Double?
    var throughput: Double?
    var p50Ms: Double?
    var p90Ms: Double?
    var p99Ms: Double?
    var maxMs: Double?
    /// A single-number measurement (time to ready, resident memory) in `unit`.
    var value: Double?
    var unit: String?
    /// `on` or `off`, for the runs compared to measure what the watcher costs.
    var watcher: String?
    /// Mutations: from the last answer until the watcher had caught up with the run's commits.
    var drainSeconds: Double?
    /// Requests answered with anything but success (AWS workloads: not 200, or not what was asked).
    var errors: Int?
    /// Why the workload could not run at all (the server lacks an action it needs).
    var unavailable: String?
    /// What the number was measured at or on (scale, reachable pairs, pages).
    var note: String?
    var target: String?
    var met: Bool?

    init(workload: String, note: String? = nil) {
        self.workload = workload
        self.note = note
    }

    /// `requests` in `elapsed`, each with its own latency in `latencies`.
    init(
        workload: String, clients: Int, window: Int? = nil, requests: Int, elapsed: Duration, latencies: Latencies,
        target: Target? = nil, watcher: String? = nil, note: String? = nil
    ) {
        self.workload = workload
        self.clients = clients
        self.window = window
        self.requests = requests
        let seconds = Latencies.seconds(elapsed)
        self.seconds = seconds
        self.throughput = seconds > 0 ? Double(requests) / seconds : nil
        self.p50Ms = latencies.milliseconds(atPercentile: 50)
        self.p90Ms = latencies.milliseconds(atPercentile: 90)
        self.p99Ms = latencies.milliseconds(atPercentile: 99)
        self.maxMs = latencies.maxMilliseconds
        self.watcher = watcher
        self.note = note
        if let target { judge(by: target) }
    }

    mutating func judge(by target: Target) {
        self.target = target.text
        met = target.isMet(by: self)
    }

    /// The workload with what distinguishes it from runs of the same workload.
    var label: String {
        var parts = [workload]
        if let clients { parts.append(clients == 1 ? "1 client" : "\(clients) clients") }
        if let window, window > 1 { parts.append("\(window) in flight each") }
        if let watcher { parts.append("watcher \(watcher)") }
        return parts.joined(separator: ", ")
    }

    var result: String {
        var text: String
        if let unavailable {
            text = "not available: \(unavailable)"
        } else if let value, let unit {
            // Microseconds of CPU sit near targets of tens: one decimal shows how near.
            text = "\(Format.decimal(value, digits: unit == "µs" ? 1 : value < 10 ? 3 : 0)) \(unit)"
        } else if let throughput, let p50Ms, let p90Ms, let p99Ms, let maxMs {
            text =
                "\(Format.grouped(throughput))/s; p50 \(Format.ms(p50Ms)), p90 \(Format.ms(p90Ms)), "
                + "p99 \(Format.ms(p99Ms)), max \(Format.ms(maxMs)) ms"
        } else if let seconds {
            text = "\(Format.decimal(seconds, digits: 2)) s"
        } else {
            text = "—"
        }
        if let note { text += " (\(note))" }
        return text
    }
}

enum Format {
    static func grouped(_ value: Double) -> String {
        let whole = Int(value.rounded())
        let digits = String(abs(whole))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return whole < 0 ? "-" + out : out
    }

    static func decimal(_ value: Double, digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// Three significant figures at most, the precision the histogram keeps.
    static func ms(_ value: Double) -> String {
        String(format: value < 1 ? "%.3f" : value < 10 ? "%.2f" : "%.1f", value)
    }
}

/// Where measurements go: a text line each on standard output, or a JSON object each with `json`;
/// `record` also appends the JSON line to a file, so a run of several workloads can be summarised.
/// Progress goes to standard error so standard output stays one measurement per line.
struct Output: Sendable {
    var json: Bool
    var record: String?

    func emit(_ measurement: Measurement) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(measurement)
        line.append(UInt8(ascii: "\n"))
        if let record {
            guard let file = FileHandle(forWritingAtPath: record) ?? Self.create(record) else {
                throw BenchError("cannot write \(record)")
            }
            defer { try? file.close() }
            try file.seekToEnd()
            try file.write(contentsOf: line)
        }
        if json {
            FileHandle.standardOutput.write(line)
        } else {
            var text = "\(measurement.label): \(measurement.result)"
            if let target = measurement.target {
                let verdict = measurement.met.map { $0 ? "met" : "not met" } ?? "not judged"
                text += "  [target \(target): \(verdict)]"
            }
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }

    private static func create(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("  " + text + "\n").utf8))
    }
}

/// The table `make bench` ends with, made from the JSON lines of a run.
enum Summary {
    static func table(fromLinesIn path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        var measurements: [Measurement] = []
        for line in text.split(separator: "\n") where line.hasPrefix("{") {
            measurements.append(try decoder.decode(Measurement.self, from: Data(line.utf8)))
        }
        var rows = measurements.filter { !$0.workload.hasSuffix(Workloads.inTheMix) }.map { recorded in
            var measurement = recorded
            if measurement.target == nil, let target = Target.byRecordedWorkload[measurement.workload] {
                measurement.judge(by: target)
            }
            return [measurement.label, measurement.result, measurement.target ?? "—", verdict(measurement.met)]
        }
        rows += watcherRatios(measurements)
        return markdown(header: ["workload", "result", "target (issue 15 unless named)", "met?"], rows: rows)
    }

    /// Watcher on over off for each client count, from the mean throughput of each side's runs: the
    /// runs alternate on and off so drift in the machine's load falls on both. The second ratio counts
    /// the time the watcher took after the last answer to finish the run's log events and metrics.
    private static func watcherRatios(_ measurements: [Measurement]) -> [[String]] {
        let runs = measurements.filter { $0.workload == Workloads.mutationsName && $0.watcher != nil }
        let clientCounts = Array(Set(runs.compactMap(\.clients))).sorted()
        return clientCounts.flatMap { clients -> [[String]] in
            func mean(_ watcher: String, drained: Bool) -> (Double, Int)? {
                let values = runs.filter { $0.clients == clients && $0.watcher == watcher }.compactMap {
                    run -> Double? in
                    guard let requests = run.requests, let seconds = run.seconds, seconds > 0 else { return nil }
                    return Double(requests) / (seconds + (drained ? run.drainSeconds ?? 0 : 0))
                }
                return values.isEmpty ? nil : (values.reduce(0, +) / Double(values.count), values.count)
            }
            let who = clients == 1 ? "1 client" : "\(clients) clients"
            return [false, true].compactMap { drained in
                guard let (on, onRuns) = mean("on", drained: drained),
                    let (off, offRuns) = mean("off", drained: drained),
                    off > 0
                else { return nil }
                let ratio = on / off
                let judged = clients >= Target.watcherRatioClients
                return [
                    "watcher on / off, \(Workloads.mutationsName), \(who)"
                        + (drained ? ", until the watcher caught up" : ""),
                    "\(Format.decimal(ratio * 100, digits: 0))% (\(Format.grouped(on))/s over \(Format.grouped(off))/s; "
                        + "means of \(onRuns) and \(offRuns) runs)",
                    judged ? Target.watcherRatioText : "—", judged ? verdict(ratio >= Target.watcherRatio) : "",
                ]
            }
        }
    }

    private static func verdict(_ met: Bool?) -> String {
        switch met {
        case true?: "yes"
        case false?: "no"
        case nil: ""
        }
    }

    private static func markdown(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
