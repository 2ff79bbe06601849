import ArgumentParser
import Foundation
import NetctlAPI

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Print the topology as Graphviz DOT: VPCs, peerings, hubs, attachments and VPN links, by status.",
        discussion: """
            Peerings are drawn green when active, orange and dashed while pending, red when failed, grey and dotted \
            when rejected, expired or deleted. Transit gateways are hexagons joined to what they attach (blue when \
            available and associated with a route table, red and dashed when not associated), virtual private \
            gateways triangles, and on-premises networks folders joined by their VPN connections (green while a \
            tunnel is up, red and dashed when both are down) or, grey, behind a Direct Connect gateway. \
            --format svg renders through Graphviz's dot (apt-get install graphviz).
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
        var graph = TopologyGraph()
        graph.vpcs = try await Self.everyPage(runner, as: VpcListResponse.self, \.vpcs) {
            VpcList(maxResults: 1000, nextToken: $0)
        }
        graph.peerings = try await Self.everyPage(runner, as: PeeringListResponse.self, \.peerings) {
            PeeringList(maxResults: 1000, nextToken: $0)
        }
        graph.transitGateways = try await Self.everyPage(runner, as: TransitGatewayListResponse.self, \.transitGateways) {
            TransitGatewayList(maxResults: 1000, nextToken: $0)
        }
        graph.attachments = try await Self.everyPage(
            runner, as: TransitGatewayAttachmentListResponse.self, \.attachments
        ) { TransitGatewayAttachmentList(maxResults: 1000, nextToken: $0) }
        graph.vpnGateways = try await Self.everyPage(runner, as: VpnGatewayListResponse.self, \.vpnGateways) {
            VpnGatewayList(maxResults: 1000, nextToken: $0)
        }
        graph.customerGateways = try await Self.everyPage(
            runner, as: VpnCustomerGatewayListResponse.self, \.customerGateways
        ) { VpnCustomerGatewayList(maxResults: 1000, nextToken: $0) }
        graph.vpnConnections = try await Self.everyPage(runner, as: VpnConnectionListResponse.self, \.vpnConnections) {
            VpnConnectionList(maxResults: 1000, nextToken: $0)
        }
        graph.dxGateways = try await Self.everyPage(runner, as: DxGatewayListResponse.self, \.dxGateways) {
            DxGatewayList(maxResults: 1000, nextToken: $0)
        }
        switch format {
        case .dot: print(graph.dot, terminator: "")
        case .svg: print(try Self.render(graph.dot), terminator: "")
        }
    }

    /// Every item of a paged list, following `nextToken`.
    private static func everyPage<Request: RPCMethod, Page: Decodable & Sendable, Item>(
        _ runner: Runner, as page: Page.Type, _ items: KeyPath<Page, [Item]>, _ request: (String?) -> Request
    ) async throws -> [Item] where Page: PagedResponse {
        var all: [Item] = []
        var token: String?
        repeat {
            let page = try await runner.call(request(token)).decode(as: Page.self)
            all += page[keyPath: items]
            token = page.nextToken
        } while token != nil
        return all
    }

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

/// A page of a list method: `GraphCommand.everyPage` follows its `nextToken`.
protocol PagedResponse {
    var nextToken: String? { get }
}

extension VpcListResponse: PagedResponse {}
extension PeeringListResponse: PagedResponse {}
extension TransitGatewayListResponse: PagedResponse {}
extension TransitGatewayAttachmentListResponse: PagedResponse {}
extension VpnGatewayListResponse: PagedResponse {}
extension VpnCustomerGatewayListResponse: PagedResponse {}
extension VpnConnectionListResponse: PagedResponse {}
extension DxGatewayListResponse: PagedResponse {}
