import NetctlAPI
import NetctlCore

/// Customer gateways, virtual private gateways and VGW route propagation: AWS's actions on netctl's
/// `vpn.customerGateway.*`, `vpn.gateway.*` and `routeTable.enablePropagation|disablePropagation` rules.
extension EC2Actions {
    static let siteToSiteVpn: [EC2Action] = customerGateways + virtualPrivateGateways + vgwPropagation + vpnConnections

    /// AWS's default ASN for a customer gateway created without `BgpAsn`.
    static let defaultCustomerGatewayAsn: Int64 = 65000

    private static let customerGateways: [EC2Action] = [
        .make(
            "CreateCustomerGateway", mutating: true,
            supported: ["Type", "IpAddress", "PublicIp", "BgpAsn", "DeviceName", "TagSpecification"]
        ) { (input: EC2.CreateCustomerGatewayRequest, context) throws(AWSError) in
            try VpnTypeCheck.require(input.type)
            let address: String
            switch (input.ipAddress, input.publicIp) {
            case (let ip?, nil), (nil, let ip?): address = ip
            case (let ip?, let publicIp?) where ip == publicIp: address = ip
            case (.some, .some):
                throw AWSError(
                    code: "InvalidParameterCombination",
                    message:
                        "IpAddress and PublicIp name different addresses; pass IpAddress only (PublicIp is deprecated)."
                )
            case (nil, nil):
                throw AWSError.missingParameter("The request must contain the parameter IpAddress")
            }
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "customer-gateway")
            let gateway = try await context.run(
                VpnCustomerGatewayCreate(
                    ipAddress: address, bgpAsn: input.bgpAsn.map(Int64.init) ?? defaultCustomerGatewayAsn, name: name,
                    deviceName: input.deviceName, tags: tags))
            return EC2.CreateCustomerGatewayResult(customerGateway: EC2.CustomerGateway(gateway))
        },
        .make("DeleteCustomerGateway", mutating: true, supported: ["CustomerGatewayId"]) {
            (input: EC2.DeleteCustomerGatewayRequest, context) throws(AWSError) in
            _ = try await context.run(VpnCustomerGatewayDelete(customerGateway: input.customerGatewayId))
            return EC2Return()
        },
        .make("DescribeCustomerGateways", mutating: false, supported: ["CustomerGatewayId", "Filter"]) {
            (input: EC2.DescribeCustomerGatewaysRequest, context) throws(AWSError) in
            // Each ID is looked up first so an unknown one fails with InvalidCustomerGatewayID.NotFound.
            let known = try await context.each(input.customerGatewayIds ?? []) {
                VpnCustomerGatewayGet(customerGateway: $0)
            }
            .map(\.customerGatewayId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "customer-gateway-id")
            // AWS does not page this Describe: one list of everything that matches.
            let list = try await context.run(VpnCustomerGatewayList(filters: filters))
            return EC2.DescribeCustomerGatewaysResult(
                customerGateways: list.customerGateways.map(EC2.CustomerGateway.init))
        },
    ]

    private static let virtualPrivateGateways: [EC2Action] = [
        .make("CreateVpnGateway", mutating: true, supported: ["Type", "AmazonSideAsn", "TagSpecification"]) {
            (input: EC2.CreateVpnGatewayRequest, context) throws(AWSError) in
            try VpnTypeCheck.require(input.type)
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "vpn-gateway")
            let gateway = try await context.run(
                VpnGatewayCreate(amazonSideAsn: input.amazonSideAsn.map(Int64.init), name: name, tags: tags))
            return EC2.CreateVpnGatewayResult(vpnGateway: EC2.VpnGateway(gateway))
        },
        .make("AttachVpnGateway", mutating: true, supported: ["VpcId", "VpnGatewayId"]) {
            (input: EC2.AttachVpnGatewayRequest, context) throws(AWSError) in
            let gateway = try await context.run(VpnGatewayAttach(vpnGateway: input.vpnGatewayId, vpc: input.vpcId))
            // netctld attaches in the call (no `attaching`): the attachment is already in place.
            let attachment = gateway.vpcAttachments.first.map { EC2.VpcAttachment(vpcId: $0.vpcId, state: $0.state) }
            return EC2.AttachVpnGatewayResult(vpcAttachment: attachment)
        },
        .make("DetachVpnGateway", mutating: true, supported: ["VpcId", "VpnGatewayId"]) {
            (input: EC2.DetachVpnGatewayRequest, context) throws(AWSError) in
            _ = try await context.run(VpnGatewayDetach(vpnGateway: input.vpnGatewayId, vpc: input.vpcId))
            return EC2Return()
        },
        .make("DeleteVpnGateway", mutating: true, supported: ["VpnGatewayId"]) {
            (input: EC2.DeleteVpnGatewayRequest, context) throws(AWSError) in
            _ = try await context.run(VpnGatewayDelete(vpnGateway: input.vpnGatewayId))
            return EC2Return()
        },
        .make("DescribeVpnGateways", mutating: false, supported: ["VpnGatewayId", "Filter"]) {
            (input: EC2.DescribeVpnGatewaysRequest, context) throws(AWSError) in
            let known = try await context.each(input.vpnGatewayIds ?? []) { VpnGatewayGet(vpnGateway: $0) }
                .map(\.vpnGatewayId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "vpn-gateway-id")
            let list = try await context.run(VpnGatewayList(filters: filters))
            return EC2.DescribeVpnGatewaysResult(vpnGateways: list.vpnGateways.map(EC2.VpnGateway.init))
        },
    ]

    private static let vgwPropagation: [EC2Action] = [
        .make("EnableVgwRoutePropagation", mutating: true, supported: ["GatewayId", "RouteTableId"]) {
            (input: EC2.EnableVgwRoutePropagationRequest, context) throws(AWSError) in
            _ = try await context.run(
                RouteTableEnablePropagation(routeTable: input.routeTableId, vpnGateway: input.gatewayId))
            return EC2Return()
        },
        .make("DisableVgwRoutePropagation", mutating: true, supported: ["GatewayId", "RouteTableId"]) {
            (input: EC2.DisableVgwRoutePropagationRequest, context) throws(AWSError) in
            _ = try await context.run(
                RouteTableDisablePropagation(routeTable: input.routeTableId, vpnGateway: input.gatewayId))
            return EC2Return()
        },
    ]
}

/// `Type` of the VPN actions: AWS has one kind, `ipsec.1`, and refuses any other.
enum VpnTypeCheck {
    static func require(_ type: String) throws(AWSError) {
        guard type == VpnConnection.ipsec1 else {
            throw AWSError.invalidParameterValue(
                "Value (\(type)) for parameter type is invalid. The only type is '\(VpnConnection.ipsec1)'.")
        }
    }
}
