import Foundation
import NetctlAPI
import Testing

@testable import NetctlAWS

/// Where netctl's VPN model and EC2's VPN shapes differ: the on-premises network and the options
/// netctld does not model.
struct VpnShapesTests {
    func options(_ edit: (inout EC2.VpnConnectionOptionsSpecification) -> Void) throws(AWSError)
        -> VpnConnectionOptionsCheck
    {
        var options = EC2.VpnConnectionOptionsSpecification()
        edit(&options)
        return try VpnConnectionOptionsCheck(options)
    }

    func refusal(_ edit: (inout EC2.VpnConnectionOptionsSpecification) -> Void) -> String? {
        do {
            _ = try options(edit)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func localNetworkIsWhatTheCustomerGatewayAdvertises() throws {
        #expect(try VpnConnectionOptionsCheck(nil).advertisedCidrs == [])
        #expect(
            try options { $0.localIpv4NetworkCidr = "0.0.0.0/0" }.advertisedCidrs == [], "AWS's default: any network")
        let bgp = try options { $0.localIpv4NetworkCidr = "192.168.0.0/16" }
        #expect(bgp.advertisedCidrs == ["192.168.0.0/16"] && bgp.staticRoutesOnly == nil)
        #expect(try options { $0.staticRoutesOnly = true }.staticRoutesOnly == true)
        #expect(refusal { $0.localIpv4NetworkCidr = "192.168.0.0" } == "InvalidParameterValue")
    }

    @Test func unmodelledOptionsAreRefusedUnlessTheyAskForWhatNetctldDoes() {
        #expect(refusal { $0.remoteIpv4NetworkCidr = "0.0.0.0/0" } == nil)
        #expect(refusal { $0.remoteIpv4NetworkCidr = "10.0.0.0/16" } == "UnsupportedOperation")
        #expect(
            refusal {
                $0.tunnelInsideIpVersion = "ipv4"; $0.outsideIpAddressType = "PublicIpv4"
            } == nil)
        #expect(refusal { $0.tunnelInsideIpVersion = "ipv6" } == "UnsupportedOperation")
        #expect(refusal { $0.outsideIpAddressType = "PrivateIpv4" } == "UnsupportedOperation")
        #expect(refusal { $0.enableAcceleration = false } == nil)
        #expect(refusal { $0.enableAcceleration = true } == "UnsupportedOperation")
        #expect(refusal { $0.tunnelBandwidth = "large" } == "UnsupportedOperation")
        #expect(
            refusal { $0.tunnelOptions = [EC2.VpnTunnelOptionsSpecification(tunnelInsideCidr: "169.254.10.0/30")] }
                == "UnsupportedOperation")
        #expect(refusal { $0.localIpv6NetworkCidr = "::/0" } == "UnsupportedOperation")
    }

    @Test func aConnectionShowsItsTunnelsAndNoSecrets() {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let connection = VpnConnection(
            vpnConnectionId: "vpn-0123456789abcdef0", name: "office", accountId: "000000000000", region: "us-east-1",
            state: "available", customerGatewayId: "cgw-0123456789abcdef0", vpnGatewayId: "vgw-0123456789abcdef0",
            transitGatewayId: nil, transitGatewayAttachmentId: nil, staticRoutesOnly: false,
            advertisedCidrs: ["192.168.0.0/16", "172.16.0.0/12"],
            tunnels: [
                VpnTunnel(
                    outsideIpAddress: "3.1.2.3", insideCidr: "169.254.10.0/30", state: "UP", acceptedRouteCount: 2,
                    lastStatusChange: at),
                VpnTunnel(
                    outsideIpAddress: "3.4.5.6", insideCidr: "169.254.11.4/30", state: "DOWN", acceptedRouteCount: 0,
                    lastStatusChange: at),
            ],
            tags: ["Name": "office"], createdAt: at, stateChangedAt: at)
        let shape = EC2.VpnConnection(connection)
        #expect(shape.vgwTelemetry?.map(\.status) == ["UP", "DOWN"])
        #expect(shape.vgwTelemetry?.map(\.acceptedRouteCount) == [2, 0])
        #expect(shape.options?.tunnelOptions?.map(\.tunnelInsideCidr) == ["169.254.10.0/30", "169.254.11.4/30"])
        #expect(shape.options?.tunnelOptions?.allSatisfy { $0.preSharedKey == nil } == true)
        #expect(shape.customerGatewayConfiguration == nil)
        #expect(shape.options?.localIpv4NetworkCidr == "0.0.0.0/0", "two networks are not one traffic selector")
        #expect(shape.options?.staticRoutesOnly == false && shape.category == "VPN")
        #expect(shape.tags?.map(\.key) == ["Name"])
    }
}
