import ArgumentParser
import Foundation
import NetctlAPI

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Print the topology as Graphviz DOT: VPCs with their CIDRs, peerings by status.",
        discussion: """
            Peerings are drawn green when active, orange and dashed while pending, red when failed, grey and dotted \
            when rejected, expired or deleted. --format svg renders through Graphviz's dot (apt-get install graphviz).
            Example: netctl graph | dot -Tpng > topology.png
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot
        case svg
    }

    @Option(help: "dot (text) or svg (rendered by Graphviz).")
    var format: Format = .dot

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(global: global)
        var vpcs: [Vpc] = []
        var token: String?
        repeat {
            let page = try await runner.call(VpcList(maxResults: 1000, nextToken: token)).decode(as: VpcListResponse.self)
            vpcs += page.vpcs
            token = page.nextToken
        } while token != nil
        var peerings: [Peering] = []
        repeat {
            let page = try await runner.call(PeeringList(maxResults: 1000, nextToken: token)).decode(as: PeeringListResponse.self)
            peerings += page.peerings
            token = page.nextToken
        } while token != nil
        let dot = Self.dot(vpcs: vpcs, peerings: peerings)
        switch format {
        case .dot: print(dot, terminator: "")
        case .svg: print(try Self.render(dot), terminator: "")
        }
    }

    static func dot(vpcs: [Vpc], peerings: [Peering]) -> String {
        var lines = ["graph netctl {", "  graph [overlap=false, splines=true];", "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"]
        var known = Set(vpcs.map(\.vpcId))
        for vpc in vpcs {
            let label = [vpc.name, vpc.vpcId, vpc.cidrBlocks.joined(separator: "\\n")].compactMap { $0 }.joined(separator: "\\n")
            lines.append("  \"\(vpc.vpcId)\" [label=\"\(escape(label))\"];")
        }
        for peering in peerings {
            // The other side may be another account's VPC: draw it too, dashed.
            for side in [peering.requester, peering.accepter] where !known.contains(side.vpcId) {
                known.insert(side.vpcId)
                let label = "\(side.vpcId)\\n\(side.cidrBlocks.joined(separator: "\\n"))\\n\(side.accountId) \(side.region)"
                lines.append("  \"\(side.vpcId)\" [label=\"\(escape(label))\", style=\"rounded,dashed\"];")
            }
            let style: String
            switch peering.status.code {
            case PeeringStatus.active: style = "color=\"#2e7d32\", penwidth=2"
            case PeeringStatus.pendingAcceptance, PeeringStatus.initiatingRequest, PeeringStatus.provisioning:
                style = "color=\"#ef6c00\", style=dashed"
            case PeeringStatus.failed: style = "color=\"#c62828\", style=dashed"
            default: style = "color=\"#9e9e9e\", style=dotted"
            }
            lines.append(
                "  \"\(peering.requester.vpcId)\" -- \"\(peering.accepter.vpcId)\" "
                    + "[label=\"\(peering.peeringId)\\n\(peering.status.code)\", fontsize=9, \(style)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escape(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "\\\"") }

    private static func render(_ dot: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dot", "-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw CLIFailure(status: ExitStatus.refused, message: "error: cannot run Graphviz's dot: \(error)")
        }
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIFailure(
                status: ExitStatus.refused,
                message: "error: rendering SVG needs Graphviz's dot (apt-get install graphviz); use --format dot to get "
                    + "the text instead.")
        }
        return String(decoding: svg, as: UTF8.self)
    }
}
