import ArgumentParser
import NetctlAPI

struct TgwRouteSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "The routes a hub route table uses, longest prefix first.",
        discussion: "Example: netctl tgw route search tgw-rtb-0123456789abcdef0 --type propagated")

    @Argument(help: "Route table ID (tgw-rtb-…) or name.")
    var routeTable: String

    @Option(help: ArgumentHelp("Only static or propagated routes.", valueName: "type"))
    var type: String?

    @Option(help: ArgumentHelp("Only active or blackhole routes.", valueName: "state"))
    var state: String?

    @Option(name: .customLong("longest-prefix-match"), help: ArgumentHelp("The route the hub picks for this CIDR.", valueName: "cidr"))
    var longestPrefixMatch: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var filters: [Filter] = []
        if let type { filters.append(Filter(name: "type", values: [type])) }
        if let state { filters.append(Filter(name: "state", values: [state])) }
        if let longestPrefixMatch {
            filters.append(Filter(name: "route-search.longest-prefix-match", values: [longestPrefixMatch]))
        }
        let request = TransitGatewayRouteSearch(routeTable: routeTable, filters: filters.isEmpty ? nil : filters)
        try await Runner(global: global).run(request) { TgwView.routes($0.routes) }
    }
}
