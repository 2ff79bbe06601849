import ArgumentParser
import NetctlAPI

struct ReachMatrixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix", abstract: "Which endpoints reach which: every ordered pair of them, in one call.",
        discussion: """
            The endpoints are a VPC's instances (--vpc; those not terminated, by ID), some subnets (--subnet, \
            repeatable) or some instances (--instance, repeatable): exactly one kind. Each pair is answered as \
            `netctl reach SOURCE DESTINATION` answers it. The table has a row per source and a column per \
            destination: ok, or the short form of the first reason it is blocked (a legend follows). --format dot \
            prints a Graphviz digraph: an edge per reachable pair, blocked pairs as dashed red edges labelled with \
            their code. Exits 0 whenever the matrix was computed, blocked pairs or not.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case dot
    }

    @Option(help: ArgumentHelp("Every instance of this VPC (ID or name).", valueName: "vpc"))
    var vpc: String?

    @Option(name: .customLong("subnet"), help: ArgumentHelp("A subnet (ID or name); repeatable.", valueName: "subnet"))
    var subnets: [String] = []

    @Option(
        name: .customLong("instance"), help: ArgumentHelp("An instance (ID or name); repeatable.", valueName: "instance"))
    var instances: [String] = []

    @Option(help: ArgumentHelp("tcp, udp, icmp or -1.", valueName: "protocol"))
    var `protocol`: String?

    @Option(help: "Destination port, checked against security groups and network ACLs (tcp unless --protocol says).")
    var port: Int?

    @Option(help: "table (a grid of source rows and destination columns) or dot (Graphviz).")
    var format: Format = .table

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        let raw = try await runner.call(
            ReachMatrix(
                vpc: vpc, subnets: subnets.isEmpty ? nil : subnets, instances: instances.isEmpty ? nil : instances,
                protocol: `protocol`, port: port))
        try runner.emit(raw, as: ReachMatrixResult.self, format == .dot ? Self.dot : Self.table)
    }

    /// Short forms of the codes, so a column stays narrow.
    static let shortCodes: [String: String] = [
        ReachExplanation.securityGroupDeniesEgress: "SG-OUT",
        ReachExplanation.securityGroupDeniesIngress: "SG-IN",
        ReachExplanation.naclDeniesOutbound: "ACL-OUT",
        ReachExplanation.naclDeniesInbound: "ACL-IN",
        ReachExplanation.naclDeniesReturn: "ACL-RET",
        ReachExplanation.noRouteToDestination: "NO-ROUTE",
        ReachExplanation.noReturnRoute: "NO-RETURN",
        ReachExplanation.routeBlackhole: "BLACKHOLE",
        ReachExplanation.peeringNotActive: "PCX-DOWN",
        ReachExplanation.peeringNotTransitive: "TRANSIT",
        ReachExplanation.noEdgeToEdgeRouting: "EDGE",
    ]

    static func cell(_ pair: ReachMatrixPair) -> String {
        if pair.reachable { return "ok" }
        guard let code = pair.explanation?.code else { return "no" }
        return shortCodes[code] ?? code
    }

    static func table(_ matrix: ReachMatrixResult) -> String {
        let index = Dictionary(matrix.endpoints.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var grid = matrix.endpoints.map { _ in matrix.endpoints.map { _ in "-" } }
        var codes: Set<String> = []
        for pair in matrix.pairs {
            guard let row = index[pair.source], let column = index[pair.destination] else { continue }
            grid[row][column] = cell(pair)
            if !pair.reachable { codes.insert(pair.explanation?.code ?? "") }
        }
        let headers = ["#", "SOURCE \\ DESTINATION"] + matrix.endpoints.indices.map { String($0 + 1) }
        let rows = matrix.endpoints.enumerated().map { [String($0 + 1), $1] + grid[$0] }
        let reachable = matrix.pairs.filter(\.reachable).count
        var lines = [
            Output.table(headers, rows), "",
            "\(matrix.pairs.count) pairs: \(reachable) reachable, \(matrix.pairs.count - reachable) blocked.",
        ]
        if !codes.isEmpty {
            lines.append("ok reachable; - itself; the first reason a pair is blocked:")
            for code in codes.sorted() {
                let short = code.isEmpty ? "no" : shortCodes[code] ?? code
                lines.append("  \(short.padding(toLength: 10, withPad: " ", startingAt: 0)) \(code.isEmpty ? "not reachable" : code)")
            }
            lines.append("`netctl reach SOURCE DESTINATION` shows a pair's path and every reason.")
        }
        return lines.joined(separator: "\n")
    }

    static func dot(_ matrix: ReachMatrixResult) -> String {
        var lines = [
            "digraph reach {", "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for endpoint in matrix.endpoints { lines.append("  \"\(endpoint)\";") }
        for pair in matrix.pairs {
            let edge = "  \"\(pair.source)\" -> \"\(pair.destination)\""
            if pair.reachable {
                lines.append(edge + ";")
            } else {
                lines.append(
                    edge + " [style=dashed, color=\"#c62828\", label=\"\(pair.explanation?.code ?? "unreachable")\"];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
