import NetctlAPI
import NetctlCore

/// Internet gateways (created detached, as AWS does) and NAT gateways.
extension EC2Actions {
    static let gateways: [EC2Action] = internetGateways + natGateways

    private static let internetGateways: [EC2Action] = [
        .make("CreateInternetGateway", mutating: true, supported: ["TagSpecification"]) {
            (input: EC2.CreateInternetGatewayRequest, context) throws(AWSError) in
            let tags = try Tagging.tags(input.tagSpecifications, for: "internet-gateway")
            let gateway = try await context.run(GatewayCreate(type: "internet", vpc: nil, tags: tags))
            return EC2.CreateInternetGatewayResult(internetGateway: EC2.InternetGateway(gateway))
        },
        .make("AttachInternetGateway", mutating: true, supported: ["InternetGatewayId", "VpcId"]) {
            (input: EC2.AttachInternetGatewayRequest, context) throws(AWSError) in
            _ = try await context.run(GatewayAttach(gateway: input.internetGatewayId, vpc: input.vpcId))
            return EC2Return()
        },
        .make("DetachInternetGateway", mutating: true, supported: ["InternetGatewayId", "VpcId"]) {
            (input: EC2.DetachInternetGatewayRequest, context) throws(AWSError) in
            _ = try await context.run(GatewayDetach(gateway: input.internetGatewayId, vpc: input.vpcId))
            return EC2Return()
        },
        .make("DeleteInternetGateway", mutating: true, supported: ["InternetGatewayId"]) {
            (input: EC2.DeleteInternetGatewayRequest, context) throws(AWSError) in
            _ = try await context.run(GatewayDelete(gateway: input.internetGatewayId))
            return EC2Return()
        },
        .make(
            "DescribeInternetGateways", mutating: false,
            supported: ["Filter", "InternetGatewayId", "MaxResults", "NextToken"]
        ) { (input: EC2.DescribeInternetGatewaysRequest, context) throws(AWSError) in
            try DescribeByIds.check(
                ids: input.internetGatewayIds, maxResults: input.maxResults, idParameter: "InternetGatewayId")
            let known = try await context.each(input.internetGatewayIds ?? []) { GatewayGet(gateway: $0) }
                .map(\.internetGatewayId)
            let filters = DescribeByIds.filters(
                try Filters.netctl(input.filters), ids: known, idFilter: "internet-gateway-id")
            let page = try await context.run(
                GatewayList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeInternetGatewaysResult(
                internetGateways: page.gateways.map(EC2.InternetGateway.init), nextToken: page.nextToken)
        },
    ]

    private static let natGateways: [EC2Action] = [
        .make(
            "CreateNatGateway", mutating: true,
            supported: ["SubnetId", "AllocationId", "ConnectivityType", "ClientToken", "TagSpecification"],
            clientToken: { $0.clientToken }
        ) { (input: EC2.CreateNatGatewayRequest, context) throws(AWSError) in
            guard let subnet = input.subnetId else {
                throw AWSError.missingParameter(
                    "The request must contain the parameter SubnetId (netctld models zonal NAT gateways only).")
            }
            // AWS requires the address of a public gateway at creation; netctl's own natGateway.create
            // still makes one without, as it always has.
            if input.connectivityType ?? "public" == "public", input.allocationId == nil {
                throw AWSError.missingParameter(
                    "The request must contain the parameter AllocationId: a public NAT gateway needs an Elastic IP "
                        + "address (AllocateAddress).")
            }
            let tags = try Tagging.tags(input.tagSpecifications, for: "natgateway")
            let nat = try await context.run(
                NatGatewayCreate(
                    subnet: subnet, connectivityType: input.connectivityType, address: input.allocationId, tags: tags))
            return EC2.CreateNatGatewayResult(clientToken: input.clientToken, natGateway: EC2.NatGateway(nat))
        },
        .make("DescribeNatGateways", mutating: false, supported: ["Filter", "NatGatewayId", "MaxResults", "NextToken"]) {
            (input: EC2.DescribeNatGatewaysRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.natGatewayIds, maxResults: input.maxResults, idParameter: "NatGatewayId")
            let known: [String]
            do throws(AWSError) {
                known = try await context.each(input.natGatewayIds ?? []) { NatGatewayGet(natGateway: $0) }
                    .map(\.natGatewayId)
            } catch {
                throw natGatewayNotFound(error)
            }
            let filters = DescribeByIds.filters(try Filters.netctl(input.filter), ids: known, idFilter: "nat-gateway-id")
            let page = try await context.run(
                NatGatewayList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeNatGatewaysResult(
                natGateways: page.natGateways.map(EC2.NatGateway.init), nextToken: page.nextToken)
        },
        .make("DeleteNatGateway", mutating: true, supported: ["NatGatewayId"]) {
            (input: EC2.DeleteNatGatewayRequest, context) throws(AWSError) in
            do throws(AWSError) {
                let nat = try await context.run(NatGatewayDelete(natGateway: input.natGatewayId))
                return EC2.DeleteNatGatewayResult(natGatewayId: nat.natGatewayId)
            } catch {
                throw natGatewayNotFound(error)
            }
        },
    ]

    /// DescribeNatGateways and DeleteNatGateway name an unknown NAT gateway `NatGatewayNotFound`
    /// (botocore's NAT gateway waiters wait on that code); CreateRoute and the socket say
    /// `InvalidNatGatewayID.NotFound`. Same refusal, same message: only the code differs by action.
    private static func natGatewayNotFound(_ error: AWSError) -> AWSError {
        guard error.code == ErrorCode.natGatewayNotFound.rawValue else { return error }
        return AWSError(code: "NatGatewayNotFound", message: error.message, status: error.status)
    }
}
