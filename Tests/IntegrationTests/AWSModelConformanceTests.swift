import Foundation
import Testing

/// What netctld's EC2 endpoint sends, walked against botocore's EC2 model member for member by
/// `scripts/check-ec2-response.py` (botocore itself skips what it does not know). The actions
/// checked are the ones netctld serves when the test runs: every operation of the model is called
/// with a raw signed request (with `DryRun` where it has one, so nothing changes), and each that
/// does not answer `InvalidAction` must answer successfully in at least one scenario below.
@Suite(.serialized) struct AWSModelConformanceTests {
    /// Calls of one area, in Python with boto3's `ec2` (and `error_code`), every response captured raw.
    /// An area whose actions land adds its scenario here; the test names the actions still missing one.
    struct Scenario: Sendable {
        var name: String
        var python: String
    }

    static let scenarios: [Scenario] = [
        Scenario(
            name: "account",
            python: """
                ec2.describe_account_attributes()
                ec2.describe_account_attributes(AttributeNames=["default-vpc", "max-instances"])
                ec2.describe_regions()
                ec2.describe_regions(
                    RegionNames=["us-east-1"], Filters=[{"Name": "opt-in-status", "Values": ["opt-in-not-required"]}])
                ec2.describe_availability_zones()
                ec2.describe_availability_zones(ZoneNames=["us-east-1a"])
                error_code(lambda: ec2.describe_availability_zones(ZoneNames=["xx-nowhere-1a"]))
                """),
        Scenario(
            name: "vpc",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
                    {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "conformance"}]}])["Vpc"]["VpcId"]
                ec2.describe_vpcs()
                ec2.describe_vpcs(VpcIds=[vpc])
                ec2.describe_vpcs(MaxResults=5, Filters=[{"Name": "tag:Name", "Values": ["conf*"]}])
                ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
                for attribute in ["enableDnsSupport", "enableDnsHostnames", "enableNetworkAddressUsageMetrics"]:
                    ec2.describe_vpc_attribute(VpcId=vpc, Attribute=attribute)
                ec2.associate_vpc_cidr_block(VpcId=vpc, CidrBlock="10.1.0.0/16")
                ec2.describe_vpcs(VpcIds=[vpc])
                error_code(lambda: ec2.describe_vpcs(VpcIds=["vpc-0123456789abcdef0"]))
                error_code(lambda: ec2.create_vpc(CidrBlock="10.0.0.0/8"))
                spare = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
                ec2.delete_vpc(VpcId=spare)
                """),
        Scenario(
            name: "tags",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
                ec2.create_tags(Resources=[vpc], Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(6)] + [{"Key": "e"}])
                ec2.describe_tags()
                page = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [vpc]}], MaxResults=5)
                ec2.describe_tags(MaxResults=5, NextToken=page["NextToken"])
                ec2.delete_tags(Resources=[vpc], Tags=[{"Key": "k0", "Value": "v"}, {"Key": "k1"}])
                ec2.delete_tags(Resources=[vpc])
                error_code(lambda: ec2.create_tags(Resources=["vpc-0123456789abcdef0"], Tags=[{"Key": "k", "Value": "v"}]))
                error_code(lambda: ec2.describe_tags(MaxResults=4))
                """),
        Scenario(
            name: "gateways",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
                try:
                    subnet_id = ec2.create_subnet(VpcId=vpc, CidrBlock="10.30.1.0/24")["Subnet"]["SubnetId"]
                except Exception:
                    subnet_id = None  # CreateSubnet not served yet: the NAT gateway calls wait for it
                igw = ec2.create_internet_gateway(TagSpecifications=[
                    {"ResourceType": "internet-gateway", "Tags": [{"Key": "Name", "Value": "edge"}]}])
                igw = igw["InternetGateway"]["InternetGatewayId"]
                ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
                ec2.describe_internet_gateways()
                ec2.describe_internet_gateways(InternetGatewayIds=[igw])
                ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}], MaxResults=5)
                error_code(lambda: ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc))
                address = ec2.allocate_address(Domain="vpc")
                ec2.describe_addresses()
                ec2.describe_addresses(AllocationIds=[address["AllocationId"]])
                ec2.describe_addresses(Filters=[{"Name": "domain", "Values": ["vpc"]}])
                error_code(lambda: ec2.describe_addresses(AllocationIds=["eipalloc-0123456789abcdef0"]))
                if subnet_id:
                    nat = ec2.create_nat_gateway(SubnetId=subnet_id, AllocationId=address["AllocationId"])
                    nat = nat["NatGateway"]["NatGatewayId"]
                    ec2.describe_nat_gateways()
                    ec2.describe_nat_gateways(NatGatewayIds=[nat])
                    ec2.describe_nat_gateways(Filter=[{"Name": "vpc-id", "Values": [vpc]}], MaxResults=5)
                    ec2.delete_nat_gateway(NatGatewayId=nat)
                ec2.release_address(AllocationId=address["AllocationId"])
                ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
                ec2.delete_internet_gateway(InternetGatewayId=igw)
                ec2.associate_vpc_cidr_block(VpcId=vpc, CidrBlock="10.31.0.0/16")
                association = [a for a in ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["CidrBlockAssociationSet"]
                               if a["CidrBlock"] == "10.31.0.0/16"][0]["AssociationId"]
                ec2.disassociate_vpc_cidr_block(AssociationId=association)
                error_code(lambda: ec2.disassociate_vpc_cidr_block(AssociationId="vpc-cidr-assoc-0123456789abcdef0"))
                """),
        Scenario(
            name: "subnets and routes",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
                named = [{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": "conformance"}]}]
                subnet = ec2.create_subnet(
                    VpcId=vpc, CidrBlock="10.40.1.0/24", AvailabilityZoneId="use1-az2", TagSpecifications=named)
                subnet = subnet["Subnet"]["SubnetId"]
                ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
                ec2.describe_subnets()
                ec2.describe_subnets(SubnetIds=[subnet])
                ec2.describe_subnets(MaxResults=5, Filters=[{"Name": "vpc-id", "Values": [vpc]}])
                error_code(lambda: ec2.describe_subnets(SubnetIds=["subnet-0123456789abcdef0"]))
                igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
                ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
                nat = ec2.create_nat_gateway(SubnetId=subnet, ConnectivityType="private")["NatGateway"]["NatGatewayId"]
                named = [{"ResourceType": "route-table", "Tags": [{"Key": "Name", "Value": "conformance"}]}]
                rtb = ec2.create_route_table(VpcId=vpc, ClientToken="conformance", TagSpecifications=named)
                rtb = rtb["RouteTable"]["RouteTableId"]
                ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
                ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="192.168.0.0/16", NatGatewayId=nat)
                ec2.replace_route(RouteTableId=rtb, DestinationCidrBlock="192.168.0.0/16", GatewayId=igw)
                association = ec2.associate_route_table(RouteTableId=rtb, SubnetId=subnet)["AssociationId"]
                ec2.describe_route_tables()
                ec2.describe_route_tables(RouteTableIds=[rtb])
                main = ec2.describe_route_tables(MaxResults=5, Filters=[
                    {"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
                spare = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
                association = ec2.replace_route_table_association(AssociationId=association, RouteTableId=spare)
                association = association["NewAssociationId"]
                ec2.replace_route_table_association(
                    AssociationId=main["Associations"][0]["RouteTableAssociationId"], RouteTableId=spare)
                ec2.disassociate_route_table(AssociationId=association)
                ec2.delete_route(RouteTableId=rtb, DestinationCidrBlock="192.168.0.0/16")
                error_code(lambda: ec2.delete_route(RouteTableId=rtb, DestinationCidrBlock="192.168.0.0/16"))
                error_code(lambda: ec2.delete_route_table(RouteTableId=spare))
                ec2.delete_route_table(RouteTableId=main["RouteTableId"])
                other = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.2.0/24")["Subnet"]["SubnetId"]
                ec2.delete_subnet(SubnetId=other)
                error_code(lambda: ec2.delete_subnet(SubnetId=subnet))
                """),
        Scenario(
            name: "peering",
            python: """
                a = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
                b = ec2.create_vpc(CidrBlock="10.41.0.0/16")["Vpc"]["VpcId"]
                for vpc in (a, b):
                    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
                pcx = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b, TagSpecifications=[
                    {"ResourceType": "vpc-peering-connection", "Tags": [{"Key": "Name", "Value": "a-b"}]}])
                pcx = pcx["VpcPeeringConnection"]["VpcPeeringConnectionId"]
                ec2.describe_vpc_peering_connections(VpcPeeringConnectionIds=[pcx])
                ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
                ec2.modify_vpc_peering_connection_options(VpcPeeringConnectionId=pcx,
                    RequesterPeeringConnectionOptions={"AllowDnsResolutionFromRemoteVpc": True},
                    AccepterPeeringConnectionOptions={"AllowDnsResolutionFromRemoteVpc": True})
                ec2.describe_vpc_peering_connections(MaxResults=5, Filters=[{"Name": "status-code", "Values": ["active"]}])
                error_code(lambda: ec2.create_vpc_peering_connection(VpcId=b, PeerVpcId=a))
                ec2.delete_vpc_peering_connection(VpcPeeringConnectionId=pcx)
                pending = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b)["VpcPeeringConnection"]
                ec2.reject_vpc_peering_connection(VpcPeeringConnectionId=pending["VpcPeeringConnectionId"])
                ec2.describe_vpc_peering_connections()
                error_code(lambda: ec2.describe_vpc_peering_connections(VpcPeeringConnectionIds=["pcx-0123456789abcdef0"]))
                """),
        Scenario(
            name: "endpoints",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
                ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
                ec2.describe_vpc_endpoint_services()
                ec2.describe_vpc_endpoint_services(ServiceNames=["com.amazonaws.us-east-1.s3"], MaxResults=5)
                gateway = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.s3", ClientToken="c1",
                    TagSpecifications=[{"ResourceType": "vpc-endpoint", "Tags": [{"Key": "Name", "Value": "s3"}]}])
                gateway = gateway["VpcEndpoint"]["VpcEndpointId"]
                ec2.modify_vpc_endpoint(VpcEndpointId=gateway, ResetPolicy=True)
                try:
                    subnet_id = ec2.create_subnet(VpcId=vpc, CidrBlock="10.50.1.0/24")["Subnet"]["SubnetId"]
                except Exception:
                    subnet_id = None  # CreateSubnet not served yet: the interface endpoint waits for it
                endpoints = [gateway, "vpce-0123456789abcdef0"]
                if subnet_id:
                    interface = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.logs",
                        VpcEndpointType="Interface", SubnetIds=[subnet_id], PrivateDnsEnabled=True)
                    endpoints.append(interface["VpcEndpoint"]["VpcEndpointId"])
                    eni = interface["VpcEndpoint"]["NetworkInterfaceIds"][0]
                    ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])
                ec2.describe_network_interfaces(MaxResults=5, Filters=[{"Name": "vpc-id", "Values": [vpc]}])
                error_code(lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=["eni-0123456789abcdef0"]))
                ec2.describe_vpc_endpoints()
                ec2.describe_vpc_endpoints(VpcEndpointIds=[gateway], Filters=[{"Name": "vpc-endpoint-type", "Values": ["Gateway"]}])
                error_code(lambda: ec2.describe_vpc_endpoints(VpcEndpointIds=["vpce-0123456789abcdef0"]))
                ec2.delete_vpc_endpoints(VpcEndpointIds=endpoints)
                lists = ec2.describe_prefix_lists()["PrefixLists"]
                ec2.describe_prefix_lists(PrefixListIds=[lists[0]["PrefixListId"]])
                page = ec2.describe_managed_prefix_lists(MaxResults=1)
                ec2.describe_managed_prefix_lists(MaxResults=1, NextToken=page["NextToken"])
                entries = ec2.get_managed_prefix_list_entries(PrefixListId=lists[0]["PrefixListId"], MaxResults=1)
                ec2.get_managed_prefix_list_entries(PrefixListId=lists[0]["PrefixListId"], NextToken=entries["NextToken"])
                error_code(lambda: ec2.get_managed_prefix_list_entries(PrefixListId="pl-00000000"))
                """),
        Scenario(
            name: "security groups",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
                peer = ec2.create_vpc(CidrBlock="10.51.0.0/16")["Vpc"]["VpcId"]
                web = ec2.create_security_group(VpcId=vpc, GroupName="web", Description="web tier", TagSpecifications=[
                    {"ResourceType": "security-group", "Tags": [{"Key": "Name", "Value": "web"}]}])["GroupId"]
                db = ec2.create_security_group(VpcId=vpc, GroupName="db", Description="db")["GroupId"]
                remote = ec2.create_security_group(VpcId=peer, GroupName="remote", Description="remote")["GroupId"]
                pcx = ec2.create_vpc_peering_connection(VpcId=vpc, PeerVpcId=peer)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
                ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
                pl = ec2.describe_prefix_lists()["PrefixLists"][0]["PrefixListId"]
                ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "https"}]},
                    {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": remote}]}])
                ec2.authorize_security_group_ingress(GroupId=db, IpProtocol="tcp", FromPort=5432, ToPort=5432, CidrIp="10.50.0.0/16")
                ec2.authorize_security_group_egress(GroupId=web, IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": pl}]},
                    {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "UserIdGroupPairs": [{"GroupId": db}]}])
                error_code(lambda: ec2.authorize_security_group_ingress(GroupId=db, IpProtocol="tcp", FromPort=5432, ToPort=5432, CidrIp="10.50.0.0/16"))
                ec2.describe_security_groups()
                ec2.describe_security_groups(GroupIds=[web, db])
                ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}])
                ec2.describe_security_groups(MaxResults=5)
                error_code(lambda: ec2.describe_security_groups(GroupIds=["sg-0123456789abcdef0"]))
                rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [web]}])["SecurityGroupRules"]
                ec2.describe_security_group_rules(SecurityGroupRuleIds=[rules[0]["SecurityGroupRuleId"]])
                ec2.describe_security_group_rules(MaxResults=5)
                ec2.revoke_security_group_ingress(GroupId=db, IpProtocol="tcp", FromPort=5432, ToPort=5432, CidrIp="10.50.0.0/16")
                ec2.revoke_security_group_egress(GroupId=web, IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": pl}]}])
                error_code(lambda: ec2.revoke_security_group_ingress(GroupId=db, IpPermissions=[
                    {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]))
                ec2.delete_vpc_peering_connection(VpcPeeringConnectionId=pcx)
                ec2.describe_stale_security_groups(VpcId=vpc)
                error_code(lambda: ec2.delete_security_group(GroupId=db))
                ec2.revoke_security_group_egress(GroupId=web, SecurityGroupRuleIds=[
                    r["SecurityGroupRuleId"] for r in rules if r["IsEgress"] and r.get("ReferencedGroupInfo")])
                ec2.delete_security_group(GroupId=db)
                """),
        Scenario(
            name: "network ACLs",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24")["Subnet"]["SubnetId"]
                acl = ec2.create_network_acl(VpcId=vpc, ClientToken="n1", TagSpecifications=[
                    {"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                acl = acl["NetworkAcl"]["NetworkAclId"]
                ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow",
                    Egress=False, CidrBlock="0.0.0.0/0", PortRange={"From": 443, "To": 443})
                ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=110, Protocol="1", RuleAction="deny",
                    Egress=False, CidrBlock="10.0.0.0/8", IcmpTypeCode={"Type": 3, "Code": 4})
                ec2.replace_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="17", RuleAction="allow",
                    Egress=False, CidrBlock="0.0.0.0/0", PortRange={"From": 53, "To": 53})
                ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=110, Egress=False)
                current = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])
                association = current["NetworkAcls"][0]["Associations"][0]["NetworkAclAssociationId"]
                moved = ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl)
                ec2.describe_network_acls()
                ec2.describe_network_acls(NetworkAclIds=[acl])
                ec2.describe_network_acls(MaxResults=5, Filters=[{"Name": "default", "Values": ["true"]}])
                error_code(lambda: ec2.describe_network_acls(NetworkAclIds=["acl-0123456789abcdef0"]))
                error_code(lambda: ec2.delete_network_acl(NetworkAclId=acl))
                default = current["NetworkAcls"][0]["NetworkAclId"]
                ec2.replace_network_acl_association(AssociationId=moved["NewAssociationId"], NetworkAclId=default)
                ec2.delete_network_acl(NetworkAclId=acl)
                """),
        Scenario(
            name: "instances and interfaces",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24")["Subnet"]["SubnetId"]
                sg = ec2.create_security_group(VpcId=vpc, GroupName="app", Description="app")["GroupId"]
                run = ec2.run_instances(ImageId="ami-0123456789abcdef0", InstanceType="t3.micro", MinCount=2, MaxCount=2,
                    SubnetId=subnet, SecurityGroupIds=[sg], TagSpecifications=[
                        {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                ids = [i["InstanceId"] for i in run["Instances"]]
                third = ec2.run_instances(ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1, NetworkInterfaces=[
                    {"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": True}])["Instances"][0]["InstanceId"]
                ec2.describe_instances()
                ec2.describe_instances(InstanceIds=ids)
                ec2.describe_instances(MaxResults=5, Filters=[{"Name": "instance-state-name", "Values": ["pending"]}])
                error_code(lambda: ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"]))
                error_code(lambda: ec2.stop_instances(InstanceIds=ids))
                __import__("time").sleep(5.5)  # pending lasts 5 seconds on the daemon's clock
                ec2.stop_instances(InstanceIds=ids)
                ec2.start_instances(InstanceIds=[third])
                error_code(lambda: ec2.start_instances(InstanceIds=ids))
                eni = ec2.create_network_interface(SubnetId=subnet, Groups=[sg], Description="spare")
                eni = eni["NetworkInterface"]["NetworkInterfaceId"]
                ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, SourceDestCheck={"Value": False})
                ec2.modify_network_interface_attribute(NetworkInterfaceId=eni, Groups=[sg])
                ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])
                ec2.delete_network_interface(NetworkInterfaceId=eni)
                error_code(lambda: ec2.delete_network_interface(NetworkInterfaceId=eni))
                ec2.terminate_instances(InstanceIds=ids)
                ec2.describe_instances(InstanceIds=ids)
                """),
        Scenario(
            name: "network insights",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.61.0.0/16")["Vpc"]["VpcId"]
                web = ec2.create_subnet(VpcId=vpc, CidrBlock="10.61.1.0/24")["Subnet"]["SubnetId"]
                db = ec2.create_subnet(VpcId=vpc, CidrBlock="10.61.2.0/24")["Subnet"]["SubnetId"]
                sg = ec2.create_security_group(VpcId=vpc, GroupName="db", Description="db")["GroupId"]
                source = ec2.run_instances(ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1,
                    SubnetId=web)["Instances"][0]["InstanceId"]
                target = ec2.run_instances(ImageId="ami-0123456789abcdef0", MinCount=1, MaxCount=1, SubnetId=db,
                    SecurityGroupIds=[sg])["Instances"][0]["InstanceId"]
                path = ec2.create_network_insights_path(Source=source, Destination=target, Protocol="tcp",
                    DestinationPort=5432, TagSpecifications=[
                        {"ResourceType": "network-insights-path", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                path = path["NetworkInsightsPath"]["NetworkInsightsPathId"]
                blocked = ec2.start_network_insights_analysis(NetworkInsightsPathId=path)
                blocked = blocked["NetworkInsightsAnalysis"]["NetworkInsightsAnalysisId"]
                ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.61.1.0/24"}]}])
                found = ec2.start_network_insights_analysis(NetworkInsightsPathId=path)
                found = found["NetworkInsightsAnalysis"]["NetworkInsightsAnalysisId"]
                ec2.describe_network_insights_analyses(NetworkInsightsAnalysisIds=[blocked, found])
                ec2.describe_network_insights_analyses(NetworkInsightsPathId=path, MaxResults=5)
                ec2.describe_network_insights_paths(NetworkInsightsPathIds=[path])
                ec2.describe_network_insights_paths(Filters=[{"Name": "protocol", "Values": ["tcp"]}])
                error_code(lambda: ec2.delete_network_insights_path(NetworkInsightsPathId=path))
                ec2.delete_network_insights_analysis(NetworkInsightsAnalysisId=blocked)
                ec2.delete_network_insights_analysis(NetworkInsightsAnalysisId=found)
                ec2.delete_network_insights_path(NetworkInsightsPathId=path)
                error_code(lambda: ec2.describe_network_insights_paths(NetworkInsightsPathIds=[path]))
                """),
        Scenario(
            name: "transit gateways",
            python: """
                created = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]
                a, ec2_account = created["VpcId"], created["OwnerId"]
                b = ec2.create_vpc(CidrBlock="10.71.0.0/16")["Vpc"]["VpcId"]
                a1 = ec2.create_subnet(VpcId=a, CidrBlock="10.70.1.0/24")["Subnet"]["SubnetId"]
                b1 = ec2.create_subnet(VpcId=b, CidrBlock="10.71.1.0/24")["Subnet"]["SubnetId"]
                hub = ec2.create_transit_gateway(Description="conformance", TagSpecifications=[
                    {"ResourceType": "transit-gateway", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                hub = hub["TransitGateway"]["TransitGatewayId"]
                __import__("time").sleep(5.5)  # pending lasts 5 seconds on the daemon's clock
                ec2.describe_transit_gateways()
                ec2.describe_transit_gateways(TransitGatewayIds=[hub])
                error_code(lambda: ec2.describe_transit_gateways(TransitGatewayIds=["tgw-0123456789abcdef0"]))
                att_a = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=a, SubnetIds=[a1])
                att_a = att_a["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
                att_b = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=b, SubnetIds=[b1])
                att_b = att_b["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
                __import__("time").sleep(5.5)
                ec2.describe_transit_gateway_attachments()
                ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[att_a])
                table = ec2.create_transit_gateway_route_table(TransitGatewayId=hub)
                table = table["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
                ec2.describe_transit_gateway_route_tables(MaxResults=5)
                default = ec2.describe_transit_gateways(TransitGatewayIds=[hub])["TransitGateways"][0]
                default = default["Options"]["AssociationDefaultRouteTableId"]
                ec2.disassociate_transit_gateway_route_table(TransitGatewayRouteTableId=default, TransitGatewayAttachmentId=att_a)
                ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=att_a)
                ec2.enable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=att_b)
                ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=table)
                ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=table)
                ec2.create_transit_gateway_route(TransitGatewayRouteTableId=table, DestinationCidrBlock="10.99.0.0/16", Blackhole=True)
                ec2.replace_transit_gateway_route(
                    TransitGatewayRouteTableId=table, DestinationCidrBlock="10.99.0.0/16", TransitGatewayAttachmentId=att_b)
                ec2.search_transit_gateway_routes(
                    TransitGatewayRouteTableId=table, Filters=[{"Name": "type", "Values": ["static", "propagated"]}])
                ec2.delete_transit_gateway_route(TransitGatewayRouteTableId=table, DestinationCidrBlock="10.99.0.0/16")
                ec2.disable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=att_b)
                ec2.disassociate_transit_gateway_route_table(TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=att_a)
                ec2.delete_transit_gateway_route_table(TransitGatewayRouteTableId=table)
                ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=att_a)
                ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=att_b)
                peer = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
                __import__("time").sleep(5.5)
                link = ec2.create_transit_gateway_peering_attachment(
                    TransitGatewayId=hub, PeerTransitGatewayId=peer, PeerAccountId=ec2_account, PeerRegion="us-east-1")
                link = link["TransitGatewayPeeringAttachment"]["TransitGatewayAttachmentId"]
                ec2.describe_transit_gateway_peering_attachments(TransitGatewayAttachmentIds=[link])
                __import__("time").sleep(2.5)  # initiatingRequest, then pendingAcceptance
                ec2.reject_transit_gateway_peering_attachment(TransitGatewayAttachmentId=link)
                link = ec2.create_transit_gateway_peering_attachment(
                    TransitGatewayId=peer, PeerTransitGatewayId=hub, PeerAccountId=ec2_account, PeerRegion="us-east-1")
                link = link["TransitGatewayPeeringAttachment"]["TransitGatewayAttachmentId"]
                __import__("time").sleep(2.5)
                ec2.accept_transit_gateway_peering_attachment(TransitGatewayAttachmentId=link)
                __import__("time").sleep(5.5)
                ec2.delete_transit_gateway_peering_attachment(TransitGatewayAttachmentId=link)
                __import__("time").sleep(5.5)
                ec2.delete_transit_gateway(TransitGatewayId=hub)
                ec2.delete_transit_gateway(TransitGatewayId=peer)
                """),
        Scenario(
            name: "vpn",
            python: """
                vpc = ec2.create_vpc(CidrBlock="10.80.0.0/16")["Vpc"]["VpcId"]
                table = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"][0]
                table = table["RouteTableId"]
                cgw = ec2.create_customer_gateway(Type="ipsec.1", IpAddress="203.0.113.80", DeviceName="conformance",
                    TagSpecifications=[{"ResourceType": "customer-gateway", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                cgw = cgw["CustomerGateway"]["CustomerGatewayId"]
                vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=64700, TagSpecifications=[
                    {"ResourceType": "vpn-gateway", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                vgw = vgw["VpnGateway"]["VpnGatewayId"]
                __import__("time").sleep(5.5)  # pending lasts 5 seconds on the daemon's clock
                ec2.describe_customer_gateways()
                ec2.describe_customer_gateways(CustomerGatewayIds=[cgw], Filters=[{"Name": "state", "Values": ["available"]}])
                error_code(lambda: ec2.describe_customer_gateways(CustomerGatewayIds=["cgw-0123456789abcdef0"]))
                ec2.attach_vpn_gateway(VpcId=vpc, VpnGatewayId=vgw)
                ec2.describe_vpn_gateways(VpnGatewayIds=[vgw])
                ec2.describe_vpn_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])
                static = ec2.create_vpn_connection(CustomerGatewayId=cgw, Type="ipsec.1", VpnGatewayId=vgw,
                    Options={"StaticRoutesOnly": True}, TagSpecifications=[
                        {"ResourceType": "vpn-connection", "Tags": [{"Key": "Name", "Value": "conformance"}]}])
                static = static["VpnConnection"]["VpnConnectionId"]
                bgp = ec2.create_vpn_connection(CustomerGatewayId=cgw, Type="ipsec.1", VpnGatewayId=vgw,
                    Options={"LocalIpv4NetworkCidr": "172.31.0.0/16"})["VpnConnection"]["VpnConnectionId"]
                __import__("time").sleep(5.5)
                ec2.create_vpn_connection_route(VpnConnectionId=static, DestinationCidrBlock="192.168.80.0/24")
                ec2.describe_vpn_connections()
                ec2.describe_vpn_connections(VpnConnectionIds=[static, bgp])
                ec2.describe_vpn_connections(Filters=[{"Name": "route.destination-cidr-block", "Values": ["192.168.80.0/24"]}])
                error_code(lambda: ec2.describe_vpn_connections(VpnConnectionIds=["vpn-0123456789abcdef0"]))
                ec2.enable_vgw_route_propagation(GatewayId=vgw, RouteTableId=table)
                ec2.create_route(RouteTableId=table, DestinationCidrBlock="10.81.0.0/16", GatewayId=vgw)
                ec2.describe_route_tables(RouteTableIds=[table])
                ec2.disable_vgw_route_propagation(GatewayId=vgw, RouteTableId=table)
                ec2.delete_vpn_connection_route(VpnConnectionId=static, DestinationCidrBlock="192.168.80.0/24")
                ec2.delete_vpn_connection(VpnConnectionId=static)
                ec2.delete_vpn_connection(VpnConnectionId=bgp)
                ec2.detach_vpn_gateway(VpcId=vpc, VpnGatewayId=vgw)
                ec2.delete_vpn_gateway(VpnGatewayId=vgw)
                ec2.delete_customer_gateway(CustomerGatewayId=cgw)
                error_code(lambda: ec2.delete_customer_gateway(CustomerGatewayId="cgw-0123456789abcdef0"))
                """),
    ]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let checker = repository.appendingPathComponent("scripts/check-ec2-response.py").path

    @Test func everyServedActionAnswersAsBotocoresModelSays() async throws {
        // The scenarios share one daemon: room for every scenario's VPCs at once.
        let aws = try await AWSDaemon.start(["--quota", "vpcsPerRegion=50"])
        defer { Task { await aws.terminate() } }
        let result = try aws.boto3(try Self.harness())
        #expect(result.status == 0, "\(result)")
        let served = try #require(result.object["served"] as? [String], "\(result)")
        // The probe itself works: the actions every build serves are among those found.
        #expect(Set(served).isSuperset(of: ["DescribeVpcs", "CreateVpc", "CreateTags", "DescribeTags"]), "\(served)")
        let succeeded = Set(result.object["succeeded"] as? [String] ?? [])
        #expect(
            served.filter { !succeeded.contains($0) } == [],
            "served actions no scenario answers successfully: add calls to AWSModelConformanceTests.scenarios")
        #expect(result.object["scenarioErrors"] as? [String: String] == [:])
        let problems = result.object["problems"] as? [String] ?? ["no problem list in \(result)"]
        #expect(problems == [], "\(problems.prefix(20).joined(separator: "\n"))")
        #expect((result.object["checked"] as? Int ?? 0) > served.count, "responses checked")
    }

    @Test func theCheckerCatchesWhatBotocoreLetsThrough() throws {
        let good = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>\
            <tagSet><item><key>k</key><resourceId>vpc-1</resourceId><resourceType>vpc</resourceType>\
            <value>v</value></item></tagSet><nextToken>t</nextToken></DescribeTagsResponse>
            """
        let captures: [[String: Any]] = [
            ["action": "DescribeTags", "status": 200, "body": good],
            ["action": "DescribeTags", "status": 200, "body": good.replacingOccurrences(of: "item>", with: "member>")],
            ["action": "DescribeTags", "status": 200, "body": good.replacingOccurrences(of: "nextToken>", with: "NextToken>")],
            [
                "action": "DescribeTags", "status": 200,
                "body": good.replacingOccurrences(of: "<resourceType>vpc", with: "<resourceType>vpc-thing"),
            ],
            [
                "action": "DescribeVpcs", "status": 200,
                "body": """
                    <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>\
                    <vpcSet><item><isDefault>no</isDefault><vpcId>a</vpcId><vpcId>b</vpcId></item></vpcSet>\
                    </DescribeVpcsResponse>
                    """,
            ],
            [
                "action": "CreateTags", "status": 400,
                "body": "<Response><Errors><Error><Code>X</Code></Error></Errors><RequestId>r</RequestId></Response>",
            ],
        ]
        let input = try TemporaryDirectory()
        let path = input.path + "/captures.json"
        try JSONSerialization.data(withJSONObject: captures).write(to: URL(fileURLWithPath: path))
        let checked = try runProcess(
            AWSClients.python, [Self.checker, "--batch"], environment: ProcessInfo.processInfo.environment, stdin: path)
        #expect(checked.status == 1, "\(checked.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let problems = try #require(report["problems"] as? [String]).joined(separator: "\n")
        for expected in [
            "tagSet/member: a TagDescriptionList holds <item> elements only",
            "/NextToken: not a member of DescribeTagsResult",
            "'vpc-thing' is not one of ResourceType's values",
            "isDefault: 'no' is not a boolean",
            "vpcId: Vpc.vpcId appears more than once",
            "children ['Errors', 'RequestId'], expected ['Errors', 'RequestID']",
            "children ['Code'], expected ['Code', 'Message']",
        ] {
            #expect(problems.contains(expected), "\(expected) not in:\n\(problems)")
        }
        // One problem each, none about the good body.
        #expect(problems.split(separator: "\n").count == 7, "\(problems)")
        #expect(report["checked"] as? Int == captures.count)
    }

    /// The Python run against the daemon: probe, scenarios, checks; prints one JSON report.
    static func harness() throws -> String {
        let scenarios = String(
            decoding: try JSONSerialization.data(
                withJSONObject: Dictionary(uniqueKeysWithValues: scenarios.map { ($0.name, $0.python) })),
            as: UTF8.self)
        return """
            import http.client, importlib.util, os, traceback, urllib.parse
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            spec = importlib.util.spec_from_file_location("check_ec2_response", \(try Self.pythonString(checker)))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            checker = module.Checker()
            captures = []
            def capture(http_response, model, **kwargs):
                captures.append({"action": model.name, "status": http_response.status_code,
                                 "body": http_response.content})
            ec2.meta.events.register("after-call.ec2", capture)

            # Which actions netctld serves: raw signed calls of every operation in the model, each
            # in one write on one kept-alive connection (botocore's own session writes the body
            # apart, and Nagle then holds every call ~40 ms).
            credentials = boto3.session.Session().get_credentials()
            region = os.environ["AWS_DEFAULT_REGION"]
            endpoint = urllib.parse.urlsplit(os.environ["AWS_ENDPOINT_URL"])
            connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port)
            served = []
            for name in checker.operation_names:
                operation = checker.model.operation_model(name)
                params = {"Action": name, "Version": "2016-11-15"}
                # Nothing may change: DryRun where the action has it, else a parameter no action has,
                # which every action refuses before it runs.
                if operation.input_shape is not None and "DryRun" in operation.input_shape.members:
                    params["DryRun"] = "true"
                else:
                    params["NetctlConformanceProbe"] = "1"
                body = urllib.parse.urlencode(params).encode()
                request = AWSRequest(method="POST", url=os.environ["AWS_ENDPOINT_URL"] + "/", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
                SigV4Auth(credentials, "ec2", region).add_auth(request)
                connection.request("POST", "/", body=body, headers=dict(request.headers.items()))
                response = connection.getresponse()
                content = response.read()
                captures.append({"action": name, "status": response.status, "body": content})
                if response.status < 300 or b"<Code>InvalidAction</Code>" not in content:
                    served.append(name)

            scenario_errors = {}
            probes = len(captures)
            for scenario, code in json.loads(\(try Self.pythonString(scenarios))).items():
                try:
                    exec(code, {"ec2": ec2, "error_code": error_code, "json": json})
                except Exception:
                    scenario_errors[scenario] = traceback.format_exc()
            succeeded = sorted({c["action"] for c in captures[probes:] if c["status"] < 300})
            problems = []
            for c in captures:
                problems += checker.check(c["action"], c["status"], c["body"])
            print(json.dumps({"served": served, "succeeded": succeeded, "scenarioErrors": scenario_errors,
                              "problems": problems, "checked": len(captures)}))
            """
    }

    /// `text` as a Python string literal: JSON's escapes are Python's, once `/` is left unescaped.
    static func pythonString(_ text: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try encoder.encode(text), as: UTF8.self)
    }
}
