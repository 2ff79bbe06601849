import ArgumentParser
import NetctlAPI

struct VpnConnectionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List VPN connections.")

    @OptionGroup var page: PageOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = VpnConnectionList(maxResults: page.maxResults, nextToken: page.nextToken)
        try await Runner(global: global).run(request) {
            VpnView.connections($0.vpnConnections) + Output.nextPage($0.nextToken)
        }
    }
}
