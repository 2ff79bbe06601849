import NetctlAPI
import Testing

@testable import NetctlCore

@Suite("Quotas")
struct QuotaTests {
    @Test("defaults follow API.md and AWS")
    func defaults() {
        let quotas = Quotas()
        #expect(quotas[.vpcsPerRegion] == 5)
        #expect(quotas[.cidrsPerVpc] == 5)
        #expect(quotas[.subnetsPerVpc] == 200)
        #expect(quotas[.routeTablesPerVpc] == 200)
        #expect(quotas[.routesPerRouteTable] == 50)
        #expect(quotas[.activePeeringsPerVpc] == 50)
        #expect(quotas[.outstandingPeeringsPerAccount] == 25)
        #expect(quotas[.interfaceEndpointsPerVpc] == 50)
        #expect(quotas[.gatewayEndpointsPerRegion] == 20)
        #expect(quotas[.natGatewaysPerAvailabilityZone] == 5)
        #expect(Quotas([.vpcsPerRegion: 6])[.vpcsPerRegion] == 6)
        #expect(Quotas([.vpcsPerRegion: 6])[.cidrsPerVpc] == 5, "an override touches only its quota")
    }

    @Test(
        "NAME=VALUE parses",
        arguments: [
            ("vpcsPerRegion=20", QuotaName.vpcsPerRegion, 20),
            ("activePeeringsPerVpc=125", .activePeeringsPerVpc, 125),
            ("routesPerRouteTable=1000", .routesPerRouteTable, 1000),
            ("cidrsPerVpc=50", .cidrsPerVpc, 50),
            (" subnetsPerVpc = 7 ", .subnetsPerVpc, 7),
            ("routesPerRouteTable=1", .routesPerRouteTable, 1),
        ])
    func parsesAssignment(text: String, name: QuotaName, value: Int) throws {
        let (parsedName, parsedValue) = try Quotas.parseAssignment(text)
        #expect(parsedName == name)
        #expect(parsedValue == value)
    }

    @Test("an unknown quota name is refused, and the message lists the known ones")
    func unknownName() {
        let error = expectError(.invalidParameterValue) { () throws(NetctlError) in
            try Quotas.parseAssignment("vpcsPerUniverse=3")
        }
        #expect(error?.message.contains("vpcsPerUniverse") == true)
        #expect(error?.message.contains("vpcsPerRegion") == true)
        expectError(.invalidParameterValue, "names are case-sensitive") { () throws(NetctlError) in
            try Quotas.parseAssignment("VPCSPERREGION=3")
        }
    }

    @Test(
        "a value that is not a whole number is refused",
        arguments: [
            "vpcsPerRegion=many", "vpcsPerRegion=2.5", "vpcsPerRegion=", "vpcsPerRegion=1e3", "vpcsPerRegion",
            "=5", "",
        ])
    func notANumber(text: String) {
        expectError(.invalidParameterValue, "\(text)") { () throws(NetctlError) in try Quotas.parseAssignment(text) }
    }

    @Test(
        "values above AWS's maximum or below 1 are refused",
        arguments: [
            "activePeeringsPerVpc=200", "activePeeringsPerVpc=126", "routesPerRouteTable=1001", "cidrsPerVpc=51",
            "vpcsPerRegion=0", "vpcsPerRegion=-3",
        ])
    func outOfRange(text: String) {
        let error = expectError(.invalidParameterValue, "\(text)") { () throws(NetctlError) in
            try Quotas.parseAssignment(text)
        }
        #expect(error?.message.contains(String(text.prefix { $0 != "=" })) == true)
    }

    @Test("the exceeded error names the quota, its value and how to raise it")
    func exceededMessage() {
        let error = Quotas([.routesPerRouteTable: 7]).exceeded(.routesPerRouteTable, code: .routeLimitExceeded, "full")
        #expect(error.code == .routeLimitExceeded)
        #expect(error.message.contains("routesPerRouteTable"))
        #expect(error.message.contains("7"))
        #expect(error.message.contains("--quota routesPerRouteTable="))
    }
}
