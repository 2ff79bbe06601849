import ArgumentParser
import NetctlAPI

struct VpnCustomerGatewayCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a customer gateway: the on-premises device's public address and BGP ASN.",
        discussion: "Example: netctl vpn customer-gateway create 203.0.113.12 --asn 65000 --name office")

    @Argument(help: "The device's public IPv4 address.")
    var ipAddress: String

    @Option(name: .customLong("asn"), help: ArgumentHelp("The device's BGP ASN (default 65000).", valueName: "asn"))
    var bgpAsn: Int64 = 65000

    @Option(help: ArgumentHelp("The gateway's Name tag.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp(
        "The device's name (EC2's DeviceName): another gateway with the same address and ASN.", valueName: "device"))
    var deviceName: String?

    @OptionGroup var mutation: MutationOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let request = VpnCustomerGatewayCreate(ipAddress: ipAddress, bgpAsn: bgpAsn, name: name, deviceName: deviceName)
        try await Runner(global: global).run(request, clientToken: mutation.clientToken, table: VpnView.customerGateway)
    }
}
