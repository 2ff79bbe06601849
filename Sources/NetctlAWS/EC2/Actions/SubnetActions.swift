import NetctlAPI
import NetctlCore

extension EC2Actions {
    static let subnets: [EC2Action] = [
        .make(
            "CreateSubnet", mutating: true,
            supported: ["VpcId", "CidrBlock", "AvailabilityZone", "AvailabilityZoneId", "TagSpecification"]
        ) { (input: EC2.CreateSubnetRequest, context) throws(AWSError) in
            guard let cidr = input.cidrBlock else {
                throw AWSError.missingParameter(
                    "The request must contain the parameter CidrBlock (netctld models IPv4 subnets only).")
            }
            let (name, tags) = try Tagging.split(input.tagSpecifications, for: "subnet")
            let subnet = try await context.run(
                SubnetCreate(
                    vpc: input.vpcId, cidrBlock: cidr, availabilityZone: input.availabilityZone,
                    availabilityZoneId: input.availabilityZoneId, name: name, tags: tags))
            return EC2.CreateSubnetResult(subnet: EC2.Subnet(subnet))
        },
        .make("DescribeSubnets", mutating: false, supported: ["Filter", "SubnetId", "NextToken", "MaxResults"]) {
            (input: EC2.DescribeSubnetsRequest, context) throws(AWSError) in
            try DescribeByIds.check(ids: input.subnetIds, maxResults: input.maxResults, idParameter: "SubnetId")
            // Each ID is looked up first so an unknown one fails with InvalidSubnetID.NotFound.
            let known = try await context.each(input.subnetIds ?? []) { SubnetGet(subnet: $0) }.map(\.subnetId)
            let filters = DescribeByIds.filters(try Filters.netctl(input.filters), ids: known, idFilter: "subnet-id")
            let page = try await context.run(
                SubnetList(filters: filters, maxResults: input.maxResults, nextToken: input.nextToken))
            return EC2.DescribeSubnetsResult(nextToken: page.nextToken, subnets: page.subnets.map(EC2.Subnet.init))
        },
        .make("DeleteSubnet", mutating: true, supported: ["SubnetId"]) {
            (input: EC2.DeleteSubnetRequest, context) throws(AWSError) in
            _ = try await context.run(SubnetDelete(subnet: input.subnetId))
            return EC2Return()
        },
        .make("ModifySubnetAttribute", mutating: true, supported: ["SubnetId", "MapPublicIpOnLaunch"]) {
            (input: EC2.ModifySubnetAttributeRequest, context) throws(AWSError) in
            _ = try await context.run(
                SubnetModifyAttribute(subnet: input.subnetId, mapPublicIpOnLaunch: input.mapPublicIpOnLaunch?.value))
            return EC2Return()
        },
    ]
}
