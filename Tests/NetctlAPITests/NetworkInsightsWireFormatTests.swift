import Foundation
import NetctlAPI
import Testing

/// Golden JSON of a Network Insights path and analysis, and of the path's create params.
@Suite("Wire format of Network Insights (golden JSON)")
struct NetworkInsightsWireFormatTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try NetctlJSON.encoder.encode(value), as: UTF8.self)
    }

    static let time = Date(timeIntervalSince1970: 1_764_091_474.123)

    @Test("a path: camelCase fields, createdDate, no absent members")
    func path() throws {
        let path = NetworkInsightsPath(
            networkInsightsPathId: "nip-0123456789abcdef0",
            networkInsightsPathArn: "arn:aws:ec2:us-east-1:000000000000:network-insights-path/nip-0123456789abcdef0",
            name: "web-to-db", accountId: "000000000000", region: "us-east-1", source: "i-1", destination: "i-2",
            sourceIp: nil, destinationIp: "10.0.2.4", protocol: "tcp", destinationPort: 5432, tags: ["Name": "web-to-db"],
            createdDate: Self.time)
        #expect(
            try json(path)
                == #"{"accountId":"000000000000","createdDate":"2025-11-25T17:24:34.123Z","destination":"i-2","destinationIp":"10.0.2.4","destinationPort":5432,"name":"web-to-db","networkInsightsPathArn":"arn:aws:ec2:us-east-1:000000000000:network-insights-path/nip-0123456789abcdef0","networkInsightsPathId":"nip-0123456789abcdef0","protocol":"tcp","region":"us-east-1","source":"i-1","tags":{"Name":"web-to-db"}}"#)
        #expect(try NetctlJSON.decoder.decode(NetworkInsightsPath.self, from: try NetctlJSON.encoder.encode(path)) == path)
    }

    @Test("an analysis: components with their route, rule and ACL entry; explanations with both codes")
    func analysis() throws {
        let analysis = NetworkInsightsAnalysis(
            networkInsightsAnalysisId: "nia-0123456789abcdef0",
            networkInsightsAnalysisArn: "arn:aws:ec2:us-east-1:000000000000:network-insights-analysis/nia-0123456789abcdef0",
            networkInsightsPathId: "nip-0123456789abcdef0", name: nil, accountId: "000000000000", region: "us-east-1",
            status: NetworkInsightsAnalysis.succeeded, startDate: Self.time, networkPathFound: false,
            forwardPathComponents: [
                NetworkInsightsPathComponent(
                    sequenceNumber: 1, componentType: "routeTable", componentId: "rtb-1", detail: "main route table",
                    vpcId: "vpc-1",
                    routeTableRoute: NetworkInsightsRouteTableRoute(
                        destinationCidr: "10.0.0.0/16", destinationPrefixListId: nil, targetType: "local",
                        targetId: "local", state: "active", origin: "CreateRouteTable")),
                NetworkInsightsPathComponent(
                    sequenceNumber: 2, componentType: "securityGroup", componentId: "sg-1", detail: "egress",
                    securityGroupRule: NetworkInsightsSecurityGroupRule(
                        securityGroupId: "sg-1", ruleId: "sgr-1", direction: "egress", protocol: "-1", fromPort: nil,
                        toPort: nil, cidr: "0.0.0.0/0", prefixListId: nil, referencedGroupId: nil)),
            ],
            explanations: [
                NetworkInsightsExplanation(
                    explanationCode: "SUBNET_ACL_RESTRICTION", code: "NACL_DENIES_INBOUND", message: "denied",
                    direction: "ingress", componentId: "acl-1", subnetId: "subnet-2",
                    aclRule: NetworkInsightsAclRule(
                        networkAclId: "acl-1", ruleNumber: 32767, egress: false, protocol: "-1", ruleAction: "deny",
                        cidr: "0.0.0.0/0", fromPort: nil, toPort: nil))
            ],
            tags: [:])
        #expect(
            try json(analysis)
                == #"{"accountId":"000000000000","explanations":[{"aclRule":{"cidr":"0.0.0.0/0","egress":false,"networkAclId":"acl-1","protocol":"-1","ruleAction":"deny","ruleNumber":32767},"code":"NACL_DENIES_INBOUND","componentId":"acl-1","direction":"ingress","explanationCode":"SUBNET_ACL_RESTRICTION","message":"denied","subnetId":"subnet-2"}],"forwardPathComponents":[{"componentId":"rtb-1","componentType":"routeTable","detail":"main route table","routeTableRoute":{"destinationCidr":"10.0.0.0/16","origin":"CreateRouteTable","state":"active","targetId":"local","targetType":"local"},"sequenceNumber":1,"vpcId":"vpc-1"},{"componentId":"sg-1","componentType":"securityGroup","detail":"egress","securityGroupRule":{"cidr":"0.0.0.0/0","direction":"egress","protocol":"-1","ruleId":"sgr-1","securityGroupId":"sg-1"},"sequenceNumber":2}],"networkInsightsAnalysisArn":"arn:aws:ec2:us-east-1:000000000000:network-insights-analysis/nia-0123456789abcdef0","networkInsightsAnalysisId":"nia-0123456789abcdef0","networkInsightsPathId":"nip-0123456789abcdef0","networkPathFound":false,"region":"us-east-1","returnPathComponents":[],"startDate":"2025-11-25T17:24:34.123Z","status":"succeeded","tags":{}}"#)
        #expect(
            try NetctlJSON.decoder.decode(NetworkInsightsAnalysis.self, from: try NetctlJSON.encoder.encode(analysis))
                == analysis)
    }

    @Test("networkInsightsPath.create params as scripts send them")
    func createParams() throws {
        let create = try NetctlJSON.decoder.decode(
            NetworkInsightsPathCreate.self,
            from: Data(#"{"source":"web","destination":"db","protocol":"tcp","destinationPort":5432,"name":"p"}"#.utf8))
        #expect(create.source == "web" && create.destination == "db" && create.protocol == "tcp")
        #expect(create.destinationPort == 5432 && create.name == "p" && create.destinationIp == nil)
    }
}
