/// Every EC2 action netctld serves, by area; each area's file lists its own.
enum EC2Actions {
    static let all: [EC2Action] =
        account + vpcs + gateways + addresses + vpcCidrs + tags + subnets + routeTables + peerings + endpoints
        + prefixLists + networkInterfaces
        + securityGroups
        + networkAcls
        + instances
        + networkInsights
        + transitGateways
        + siteToSiteVpn
}
