import NetctlAPI
import NetctlCore

extension EC2Actions {
    static let vpcs: [EC2Action] = [
        .make("CreateVpc", mutating: true, supported: ["CidrBlock", "TagSpecification", "InstanceTenancy"]) {
            (input: EC2.CreateVpcRequest, context) throws(AWSError) in
            guard let cidr = input.cidrBlock else {
                throw AWSError.missingParameter("The request must contain the parameter CidrBlock")
            }
            if let tenancy = input.instanceTenancy, tenancy != "default" {
                throw AWSError(
                    code: "UnsupportedOperation", message: "netctld models only the default instance tenancy, not '\(tenancy)'.")
            }
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "vpc")
            let vpc = try await context.run(VpcCreate(cidrBlock: cidr, name: name, tags: tags))
            return EC2.CreateVpcResult(vpc: EC2.Vpc(vpc))
        },
        .make("DescribeVpcs", mutating: false, supported: ["Filter", "VpcId", "NextToken", "MaxResults"]) {
            (input: EC2.DescribeVpcsRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.vpcIds, maxResults: input.maxResults, idParameter: "VpcId")
            // Each ID is looked up first so an unknown one fails with InvalidVpcID.NotFound.
            let known = try await context.each(input.vpcIds ?? []) { VpcGet(vpc: $0) }.map(\.vpcId)
            let filters = DescribeByIds.filters(try Filters.netctl(input.filters), ids: known, idFilter: "vpc-id")
            let page = try await context.run(
                VpcList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeVpcsResult(nextToken: page.nextToken, vpcs: page.vpcs.map(EC2.Vpc.init))
        },
        .make("DeleteVpc", mutating: true, supported: ["VpcId"]) {
            (input: EC2.DeleteVpcRequest, context) throws(AWSError) in
            _ = try await context.run(VpcDelete(vpc: input.vpcId))
            return EC2Return()
        },
        .make(
            "ModifyVpcAttribute", mutating: true,
            supported: ["VpcId", "EnableDnsSupport", "EnableDnsHostnames"]
        ) { (input: EC2.ModifyVpcAttributeRequest, context) throws(AWSError) in
            let support = input.enableDnsSupport?.value
            let hostnames = input.enableDnsHostnames?.value
            // AWS changes one attribute per call.
            guard (support == nil) != (hostnames == nil) else {
                throw AWSError(
                    code: "InvalidParameterCombination",
                    message: "Exactly one of EnableDnsSupport and EnableDnsHostnames must be given per request.")
            }
            _ = try await context.run(
                VpcModifyAttribute(vpc: input.vpcId, enableDnsSupport: support, enableDnsHostnames: hostnames))
            return EC2Return()
        },
        .make("DescribeVpcAttribute", mutating: false, supported: ["VpcId", "Attribute"]) {
            (input: EC2.DescribeVpcAttributeRequest, context) throws(AWSError) in
            let vpc = try await context.run(VpcGet(vpc: input.vpcId))
            var result = EC2.DescribeVpcAttributeResult(vpcId: vpc.vpcId)
            switch input.attribute {
            case "enableDnsSupport": result.enableDnsSupport = EC2.AttributeBooleanValue(value: vpc.enableDnsSupport)
            case "enableDnsHostnames": result.enableDnsHostnames = EC2.AttributeBooleanValue(value: vpc.enableDnsHostnames)
            case "enableNetworkAddressUsageMetrics":
                result.enableNetworkAddressUsageMetrics = EC2.AttributeBooleanValue(value: false)
            default:
                throw AWSError.invalidParameterValue(
                    "Value (\(input.attribute)) for parameter attribute is invalid. Expected enableDnsSupport, "
                        + "enableDnsHostnames or enableNetworkAddressUsageMetrics.")
            }
            return result
        },
        .make("AssociateVpcCidrBlock", mutating: true, supported: ["VpcId", "CidrBlock"]) {
            (input: EC2.AssociateVpcCidrBlockRequest, context) throws(AWSError) in
            guard let cidr = input.cidrBlock else {
                throw AWSError.missingParameter(
                    "The request must contain the parameter CidrBlock (netctld models IPv4 CIDRs only).")
            }
            let vpc = try await context.run(VpcAssociateCidr(vpc: input.vpcId, cidrBlock: cidr))
            let added = vpc.cidrBlocks.last ?? cidr
            return EC2.AssociateVpcCidrBlockResult(
                cidrBlockAssociation: EC2.VpcCidrBlockAssociation(vpc: vpc.vpcId, cidr: added, state: "associating"),
                vpcId: vpc.vpcId)
        },
    ]
}
