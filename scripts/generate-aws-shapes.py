#!/usr/bin/env python3
"""Generates Swift request and response shapes for netctld's AWS endpoint from botocore's own
service models, as AWS's SDK generators do, so every element name, list wrapper and member follows
the model exactly. Run from the repository root after changing an operation list below:

    python3 scripts/generate-aws-shapes.py

and commit the files it writes under Sources/NetctlAWS/Generated/. The model files are those of the
pip-installed botocore (`pip show botocore`); the version used is written into each file's header.

Input shapes get `init(query:prefix:)`, reading the form-encoded parameters the way botocore's
EC2/query serializers write them; output shapes get `write(to:)`, writing the XML elements botocore's
parsers read. Every member of every reachable shape is generated, whether or not netctld fills it.
"""
import gzip
import json
import os
import sys

import botocore

SERVICES = {
    "EC2": {
        "model": "ec2/2016-11-15",
        "operations": """
            CreateVpc DescribeVpcs DeleteVpc ModifyVpcAttribute DescribeVpcAttribute AssociateVpcCidrBlock
            DisassociateVpcCidrBlock
            CreateSubnet DescribeSubnets DeleteSubnet ModifySubnetAttribute
            CreateRouteTable DescribeRouteTables DeleteRouteTable AssociateRouteTable DisassociateRouteTable
            ReplaceRouteTableAssociation CreateRoute ReplaceRoute DeleteRoute
            CreateInternetGateway AttachInternetGateway DetachInternetGateway DeleteInternetGateway
            DescribeInternetGateways
            CreateNatGateway DescribeNatGateways DeleteNatGateway AllocateAddress ReleaseAddress DescribeAddresses
            CreateVpcPeeringConnection AcceptVpcPeeringConnection RejectVpcPeeringConnection
            DeleteVpcPeeringConnection DescribeVpcPeeringConnections ModifyVpcPeeringConnectionOptions
            CreateVpcEndpoint ModifyVpcEndpoint DeleteVpcEndpoints DescribeVpcEndpoints DescribeVpcEndpointServices
            DescribePrefixLists DescribeManagedPrefixLists GetManagedPrefixListEntries
            DescribeNetworkInterfaces
            CreateTags DeleteTags DescribeTags
            DescribeAvailabilityZones DescribeRegions DescribeAccountAttributes
            CreateSecurityGroup DeleteSecurityGroup DescribeSecurityGroups DescribeSecurityGroupRules
            AuthorizeSecurityGroupIngress AuthorizeSecurityGroupEgress RevokeSecurityGroupIngress
            RevokeSecurityGroupEgress DescribeStaleSecurityGroups
            CreateNetworkAcl DeleteNetworkAcl DescribeNetworkAcls CreateNetworkAclEntry ReplaceNetworkAclEntry
            DeleteNetworkAclEntry ReplaceNetworkAclAssociation
            RunInstances DescribeInstances StartInstances StopInstances TerminateInstances
            CreateNetworkInterface DeleteNetworkInterface ModifyNetworkInterfaceAttribute
            CreateNetworkInsightsPath DescribeNetworkInsightsPaths DeleteNetworkInsightsPath
            StartNetworkInsightsAnalysis DescribeNetworkInsightsAnalyses DeleteNetworkInsightsAnalysis
            CreateTransitGateway DescribeTransitGateways DeleteTransitGateway
            CreateTransitGatewayVpcAttachment DeleteTransitGatewayVpcAttachment DescribeTransitGatewayVpcAttachments
            CreateTransitGatewayPeeringAttachment AcceptTransitGatewayPeeringAttachment
            RejectTransitGatewayPeeringAttachment DeleteTransitGatewayPeeringAttachment
            DescribeTransitGatewayPeeringAttachments DescribeTransitGatewayAttachments
            CreateTransitGatewayRouteTable DeleteTransitGatewayRouteTable DescribeTransitGatewayRouteTables
            AssociateTransitGatewayRouteTable DisassociateTransitGatewayRouteTable
            EnableTransitGatewayRouteTablePropagation DisableTransitGatewayRouteTablePropagation
            GetTransitGatewayRouteTablePropagations GetTransitGatewayRouteTableAssociations
            CreateTransitGatewayRoute DeleteTransitGatewayRoute ReplaceTransitGatewayRoute SearchTransitGatewayRoutes
            CreateCustomerGateway DeleteCustomerGateway DescribeCustomerGateways
            CreateVpnGateway AttachVpnGateway DetachVpnGateway DeleteVpnGateway DescribeVpnGateways
            CreateVpnConnection DeleteVpnConnection DescribeVpnConnections CreateVpnConnectionRoute
            DeleteVpnConnectionRoute EnableVgwRoutePropagation DisableVgwRoutePropagation
        """.split(),
    },
    "STS": {
        "model": "sts/2011-06-15",
        "operations": ["GetCallerIdentity"],
    },
    "ELBv2": {
        "model": "elbv2/2015-12-01",
        "operations": """
            CreateLoadBalancer DescribeLoadBalancers DeleteLoadBalancer
            CreateTargetGroup DescribeTargetGroups DeleteTargetGroup
            RegisterTargets DeregisterTargets DescribeTargetHealth
            CreateListener DescribeListeners DeleteListener
            CreateRule DescribeRules DeleteRule
        """.split(),
    },
}

# JSON-protocol services (json 1.0/1.1, rest-json): Codable shapes whose coding keys are the wire
# member names. rest-json members bound to the URI, query string or headers are left out of the
# coding keys; the service's router fills them.
JSON_SERVICES = {
    "ECS": {
        "model": "ecs/2014-11-13",
        "operations": """
            CreateCluster DeleteCluster DescribeClusters ListClusters UpdateCluster
            RegisterContainerInstance DeregisterContainerInstance ListContainerInstances DescribeContainerInstances
            RegisterTaskDefinition DescribeTaskDefinition ListTaskDefinitions ListTaskDefinitionFamilies
            DeregisterTaskDefinition
            CreateService UpdateService DeleteService DescribeServices ListServices
            RunTask StopTask DescribeTasks ListTasks
            ListTagsForResource TagResource UntagResource PutAccountSetting ListAccountSettings
        """.split(),
    },
    "ECR": {
        "model": "ecr/2015-09-21",
        "operations": """
            CreateRepository DescribeRepositories DeleteRepository PutImageTagMutability
            PutImage BatchGetImage BatchDeleteImage DescribeImages ListImages
            PutLifecyclePolicy GetLifecyclePolicy DeleteLifecyclePolicy StartLifecyclePolicyPreview
            GetLifecyclePolicyPreview GetAuthorizationToken
            InitiateLayerUpload UploadLayerPart CompleteLayerUpload BatchCheckLayerAvailability GetDownloadUrlForLayer
            ListTagsForResource TagResource UntagResource
        """.split(),
    },
    "Logs": {
        "model": "logs/2014-03-28",
        "operations": """
            CreateLogGroup CreateLogStream DeleteLogGroup DeleteLogStream DescribeLogGroups DescribeLogStreams
            PutLogEvents GetLogEvents FilterLogEvents PutRetentionPolicy DeleteRetentionPolicy
        """.split(),
    },
    "ServiceDiscovery": {
        "model": "servicediscovery/2017-03-14",
        "operations": """
            CreatePrivateDnsNamespace GetNamespace ListNamespaces DeleteNamespace GetOperation
            CreateService GetService ListServices DeleteService
            RegisterInstance DeregisterInstance GetInstance ListInstances DiscoverInstances
        """.split(),
    },
    "EKS": {
        "model": "eks/2017-11-01",
        "operations": """
            CreateCluster DescribeCluster ListClusters DeleteCluster UpdateClusterConfig UpdateClusterVersion
            CreateNodegroup DescribeNodegroup ListNodegroups DeleteNodegroup UpdateNodegroupConfig
            CreateFargateProfile DescribeFargateProfile ListFargateProfiles DeleteFargateProfile
            DescribeUpdate ListUpdates TagResource UntagResource ListTagsForResource
        """.split(),
    },
    "DirectConnect": {
        "model": "directconnect/2012-10-25",
        "operations": """
            CreateDirectConnectGateway DescribeDirectConnectGateways DeleteDirectConnectGateway
            CreateDirectConnectGatewayAssociation DescribeDirectConnectGatewayAssociations
            DeleteDirectConnectGatewayAssociation UpdateDirectConnectGatewayAssociation
        """.split(),
    },
    "CloudWatch": {
        "model": "cloudwatch/2010-08-01",
        "operations": """
            PutMetricData GetMetricStatistics GetMetricData ListMetrics
            PutMetricAlarm DescribeAlarms DeleteAlarms SetAlarmState
        """.split(),
        # awsQueryCompatible: older SDKs still speak the query protocol to it.
        "query": True,
    },
    # awsQueryCompatible too, but botocore 1.43.11's model no longer names the query codes of its errors:
    # SQSActions maps them (SEMANTICS-2 5.4).
    "SQS": {
        "model": "sqs/2012-11-05",
        "operations": """
            CreateQueue GetQueueUrl ListQueues DeleteQueue GetQueueAttributes SetQueueAttributes PurgeQueue
            SendMessage SendMessageBatch ReceiveMessage DeleteMessage DeleteMessageBatch
            ChangeMessageVisibility ChangeMessageVisibilityBatch TagQueue UntagQueue ListQueueTags
        """.split(),
    },
}

SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
    "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
    "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else", "fallthrough",
    "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "catch", "false", "is", "nil",
    "super", "self", "Self", "throw", "throws", "true", "try", "Type", "Protocol",
}

SCALARS = {
    "string": "String", "integer": "Int", "long": "Int", "boolean": "Bool", "timestamp": "Date",
    "double": "Double", "float": "Double",
}


def load(model):
    path = os.path.join(os.path.dirname(botocore.__file__), "data", model, "service-2.json.gz")
    with gzip.open(path) as handle:
        return json.load(handle)


def property_name(member):
    name = member[0].lower() + member[1:]
    # Leading acronyms read as one word: `VpcId` -> `vpcId`, `DNSName` -> `dnsName`, `IPv6` -> `ipv6`.
    index = 0
    while index + 1 < len(member) and member[index].isupper() and member[index + 1].isupper():
        index += 1
    if index > 0:
        keep = index if index + 1 < len(member) and member[index + 1].islower() else index + 1
        name = member[:keep].lower() + member[keep:]
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


class Generator:
    def __init__(self, namespace, model):
        self.namespace = namespace
        self.model = model
        self.shapes = model["shapes"]
        self.protocol = model["metadata"]["protocol"]
        self.inputs = set()
        self.outputs = set()

    def reach(self, name, into):
        shape = self.shapes[name]
        if shape["type"] == "structure":
            if name in into:
                return
            into.add(name)
            for member in shape["members"].values():
                self.reach(member["shape"], into)
        elif shape["type"] == "list":
            self.reach(shape["member"]["shape"], into)
        elif shape["type"] == "map":
            # Query maps (ELBv2's authenticate actions' extra parameters): string keys, any value.
            if self.shapes[shape["key"]["shape"]]["type"] != "string":
                raise SystemExit(f"{name}: only maps with string keys are generated")
            self.reach(shape["value"]["shape"], into)

    def swift_type(self, name):
        shape = self.shapes[name]
        kind = shape["type"]
        if kind in SCALARS:
            return SCALARS[kind]
        if kind == "list":
            return f"[{self.swift_type(shape['member']['shape'])}]"
        if kind == "structure":
            return name
        if kind == "map":
            return f"[Swift.String: {self.swift_type(shape['value']['shape'])}]"
        raise SystemExit(f"{name}: unsupported shape type {kind}")

    # Input: the names botocore's serializer writes.
    def query_name(self, member_name, member):
        if self.protocol == "ec2":
            if "queryName" in member:
                return member["queryName"]
            if "locationName" in member:
                return member["locationName"][0].upper() + member["locationName"][1:]
            return member_name
        return member.get("locationName", member_name)

    def list_prefix(self, list_shape):
        """What follows a list's key before the index: EC2 lists are `Key.N`, query lists `Key.member.N`."""
        if self.protocol == "ec2" or list_shape.get("flattened"):
            return ""
        return "." + list_shape["member"].get("locationName", "member")

    def read_expression(self, shape_name, key):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind in SCALARS:
            bounds = ""
            if kind in ("integer", "long") and ("min" in shape or "max" in shape):
                bounds = f", in: {shape.get('min', -2**63)}...{shape.get('max', 2**63 - 1)}"
            return f"try query.{SCALARS[kind].lower()}({key}{bounds})"
        if kind == "structure":
            return f"try query.structure({key}, as: {self.namespace}.{shape_name}.self)"
        if kind == "list":
            element = self.read_expression(shape["member"]["shape"], "key")
            suffix = self.list_prefix(shape)
            key = f'{key} + "{suffix}"' if suffix else key
            return f"try query.list({key}) {{ key throws(AWSError) in {element} }}"
        if kind == "map" and not shape.get("flattened"):
            # Query maps are `Key.entry.N.key` and `Key.entry.N.value` (botocore's QuerySerializer).
            element = self.read_expression(shape["value"]["shape"], "key")
            names = (shape["key"].get("locationName", "key"), shape["value"].get("locationName", "value"))
            return (f'try query.map({key} + ".entry", key: "{names[0]}", value: "{names[1]}") '
                    f'{{ key throws(AWSError) in {element} }}')
        raise SystemExit(f"{shape_name}: cannot read {kind}")

    # Output: the element names botocore's parser reads.
    def element_name(self, member_name, member):
        return member.get("locationName", member_name)

    def write_statement(self, shape_name, element, value):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind in SCALARS or kind == "structure":
            return f'xml.element("{element}", {value})'
        if kind == "list":
            item = shape["member"].get("locationName", "member")
            if shape.get("flattened"):
                return f'xml.flattenedList("{element}", {value})'
            return f'xml.list("{element}", item: "{item}", {value})'
        if kind == "map" and not shape.get("flattened"):
            names = (shape["key"].get("locationName", "key"), shape["value"].get("locationName", "value"))
            return f'xml.map("{element}", key: "{names[0]}", value: "{names[1]}", {value})'
        raise SystemExit(f"{shape_name}: cannot write {kind}")

    def structure(self, name):
        members = self.shapes[name]["members"]
        # A request's required members are never nil once read; shapes that are also responses keep
        # every member optional, as responses may leave any out.
        required = set(self.shapes[name].get("required", [])) if name not in self.outputs else set()
        lines = [f"    struct {name}: Sendable {{"]
        for member_name, member in members.items():
            swift_type = self.swift_type(member["shape"])
            if member_name in required:
                lines.append(f"        var {property_name(member_name)}: {swift_type}")
            else:
                lines.append(f"        var {property_name(member_name)}: {swift_type}? = nil")
        lines.append("    }")
        return "\n".join(lines)

    def reader(self, name):
        """In an extension, so the struct keeps its memberwise initializer for building responses."""
        shape = self.shapes[name]
        members = shape["members"]
        required = set(shape.get("required", []))
        keys = ", ".join(f'"{self.query_name(n, m)}"' for n, m in members.items())
        lines = [f"extension {self.namespace}.{name}: QueryShape {{"]
        lines.append(f"    static let queryKeys: Set<String> = [{keys}]")
        lines.append("")
        lines.append("    init(query: QueryInput, prefix: String) throws(AWSError) {")
        for member_name, member in members.items():
            key = f'prefix + "{self.query_name(member_name, member)}"'
            expression = self.read_expression(member["shape"], key)
            if member_name in required:
                expression = f"try query.required({key}, {expression})"
            # A member named `Query` would otherwise assign to the `query` parameter.
            target = property_name(member_name)
            target = f"self.{target}" if target == "query" else target
            lines.append(f"        {target} = {expression}")
        lines += ["    }", "}", ""]
        return "\n".join(lines)

    def writer(self, name):
        members = self.shapes[name]["members"]
        lines = [f"extension {self.namespace}.{name}: XMLShape {{", "    func write(to xml: inout XMLWriter) {"]
        for member_name, member in members.items():
            lines.append("        " + self.write_statement(
                member["shape"], self.element_name(member_name, member), property_name(member_name)))
        lines += ["    }", "}", ""]
        return "\n".join(lines)

    def generate(self, operations):
        entries = []
        for operation in operations:
            op = self.model["operations"][operation]
            input_name = op.get("input", {}).get("shape")
            output_name = op.get("output", {}).get("shape")
            if input_name:
                self.reach(input_name, self.inputs)
            if output_name:
                self.reach(output_name, self.outputs)
            wrapper = op.get("output", {}).get("resultWrapper")
            entries.append((operation, input_name, output_name, wrapper))
        names = sorted(self.inputs | self.outputs)
        version = botocore.__version__
        out = [
            f"// Generated by scripts/generate-aws-shapes.py from botocore {version}'s {self.model['metadata']['uid']}",
            "// model. Do not edit: change the script's operation list and run it again.",
            "",
            "import Foundation",
            "",
            f"enum {self.namespace} {{",
            f'    static let apiVersion = "{self.model["metadata"]["apiVersion"]}"',
            f'    static let xmlNamespace = "{self.model["metadata"]["xmlNamespace"]}"',
            "",
        ]
        out.append("    /// Each generated operation: its input and output shapes, and the result wrapper query")
        out.append("    /// protocols put around the output.")
        out.append("    static let operations: [String: (input: String?, output: String?, resultWrapper: String?)] = [")
        for operation, input_name, output_name, wrapper in entries:
            def quoted(value):
                return f'"{value}"' if value else "nil"
            out.append(f'        "{operation}": ({quoted(input_name)}, {quoted(output_name)}, {quoted(wrapper)}),')
        out.append("    ]")
        out.append("")
        for name in names:
            out.append(self.structure(name))
            out.append("")
        out.append("}")
        out.append("")
        for name in names:
            if name in self.inputs:
                out.append(self.reader(name))
            if name in self.outputs:
                out.append(self.writer(name))
        return "\n".join(out).rstrip() + "\n"


JSON_SCALARS = {
    "string": "Swift.String", "integer": "Swift.Int", "long": "Swift.Int", "boolean": "Swift.Bool",
    "timestamp": "Foundation.Date", "double": "Swift.Double", "float": "Swift.Double", "blob": "Foundation.Data",
}


class JSONGenerator:
    """Codable shapes for the JSON protocols. Outputs encode with `JSONShapeCoding.encoder` (dates as
    epoch seconds, as botocore's JSON parsers read them; blobs as base64)."""

    def __init__(self, namespace, model, query=False):
        self.namespace = namespace
        self.model = model
        self.shapes = model["shapes"]
        self.protocol = model["metadata"]["protocol"]
        self.query = query
        self.inputs = set()
        self.outputs = set()

    def reach(self, name, into, path=()):
        shape = self.shapes[name]
        if shape["type"] == "structure":
            if name in path:
                raise SystemExit(f"{name}: recursive shapes are not generated ({' > '.join(path + (name,))})")
            if name in into:
                return
            into.add(name)
            for member in shape["members"].values():
                self.reach(member["shape"], into, path + (name,))
        elif shape["type"] == "list":
            self.reach(shape["member"]["shape"], into, path)
        elif shape["type"] == "map":
            self.reach(shape["key"]["shape"], into, path)
            self.reach(shape["value"]["shape"], into, path)

    def swift_type(self, name):
        shape = self.shapes[name]
        kind = shape["type"]
        if shape.get("document"):
            return "JSONValue"
        if kind in JSON_SCALARS:
            return JSON_SCALARS[kind]
        if kind == "list":
            return f"[{self.swift_type(shape['member']['shape'])}]"
        if kind == "map":
            return f"[{self.swift_type(shape['key']['shape'])}: {self.swift_type(shape['value']['shape'])}]"
        if kind == "structure":
            return f"{self.namespace}.{name}"
        raise SystemExit(f"{name}: unsupported shape type {kind}")

    @staticmethod
    def in_body(member):
        return member.get("location") in (None, "body")

    def structure(self, name):
        shape = self.shapes[name]
        members = shape["members"]
        required = set(shape.get("required", [])) if name not in self.outputs else set()
        conformances = ["Sendable"]
        if name in self.inputs:
            conformances.append("Decodable")
        if name in self.outputs:
            conformances.append("Encodable")
        lines = [f"    struct {name}: {', '.join(conformances)} {{"]
        for member_name, member in members.items():
            swift_type = self.swift_type(member["shape"])
            # Members bound to the URI, query string or headers are filled by the router, not decoded.
            if member_name in required and self.in_body(member):
                lines.append(f"        var {property_name(member_name)}: {swift_type}")
            else:
                lines.append(f"        var {property_name(member_name)}: {swift_type}? = nil")
        body_members = [(n, m) for n, m in members.items() if self.in_body(m)]
        if members:
            lines.append("")
            # Without body members the keys have no cases, which cannot have a raw type.
            raw = "Swift.String, " if body_members else ""
            lines.append(f"        enum CodingKeys: {raw}CodingKey {{")
            for member_name, member in body_members:
                wire = member.get("locationName", member_name)
                lines.append(f'            case {property_name(member_name)} = "{wire}"')
            lines.append("        }")
        lines.append("    }")
        return "\n".join(lines)

    def generate(self, operations):
        entries = []
        for operation in operations:
            op = self.model["operations"][operation]
            input_name = op.get("input", {}).get("shape")
            output_name = op.get("output", {}).get("shape")
            if input_name:
                self.reach(input_name, self.inputs)
            if output_name:
                self.reach(output_name, self.outputs)
            http = op.get("http", {})
            entries.append((operation, input_name, output_name, http.get("method"), http.get("requestUri"),
                            http.get("responseCode")))
        metadata = self.model["metadata"]
        names = sorted(self.inputs | self.outputs)
        out = [
            f"// Generated by scripts/generate-aws-shapes.py from botocore {botocore.__version__}'s {metadata['uid']}",
            "// model. Do not edit: change the script's operation list and run it again.",
            "",
            "import Foundation",
            "import NetctlAPI",
            "",
            f"enum {self.namespace} {{",
            f'    static let apiVersion = "{metadata["apiVersion"]}"',
            f'    static let signingName = "{metadata.get("signingName", metadata["endpointPrefix"])}"',
        ]
        if "targetPrefix" in metadata:
            out.append(f'    static let targetPrefix = "{metadata["targetPrefix"]}"')
            out.append(f'    static let jsonVersion = "{metadata.get("jsonVersion", "1.0")}"')
        out.append("")
        out.append("    /// Each generated operation: its input and output shapes and, for REST protocols, its HTTP")
        out.append("    /// method, URI pattern and success status.")
        out.append("    static let operations: [Swift.String: OperationShapes] = [")
        for operation, input_name, output_name, method, uri, code in entries:
            def quoted(value):
                return f'"{value}"' if value else "nil"
            out.append(f'        "{operation}": OperationShapes(input: {quoted(input_name)}, output: {quoted(output_name)}, '
                       f'method: {quoted(method)}, requestURI: {quoted(uri)}, successStatus: {code or 200}),')
        out.append("    ]")
        out.append("")
        out.append("    /// The HTTP status the model gives each of the service's errors (400 when it gives none).")
        out.append("    static let errorStatuses: [Swift.String: Swift.Int] = [")
        for name in sorted(self.shapes):
            shape = self.shapes[name]
            if shape.get("exception"):
                status = shape.get("error", {}).get("httpStatusCode", 400)
                out.append(f'        "{name}": {status},')
        out.append("    ]")
        out.append("")
        if self.query:
            out += self.query_metadata(entries)
        for name in names:
            if self.shapes[name]["type"] == "structure":
                out.append(self.structure(name))
                out.append("")
        out.append("}")
        if self.query:
            out += self.query_extensions(names)
        if self.protocol == "rest-json":
            for input_name in sorted({entry[1] for entry in entries if entry[1]}):
                out.append("")
                out.append(self.rest_binding(input_name))
        return "\n".join(out).rstrip() + "\n"

    def query_metadata(self, entries):
        """What the query protocol adds: the XML namespace, each output's result wrapper, and the
        query code of each error (the shape name is the JSON `__type`)."""
        metadata = self.model["metadata"]
        out = [f'    static let xmlNamespace = "{metadata["xmlNamespace"]}"', ""]
        out.append("    /// The element query responses wrap each operation's output in (`<OpResult>`).")
        out.append("    static let resultWrappers: [Swift.String: Swift.String] = [")
        for operation, *_ in entries:
            wrapper = self.model["operations"][operation].get("output", {}).get("resultWrapper")
            if wrapper:
                out.append(f'        "{operation}": "{wrapper}",')
        out.append("    ]")
        out.append("")
        out.append("    /// Each error's query code, by shape name: the code query responses carry, and the one")
        out.append("    /// JSON responses name in `x-amzn-query-error` (awsQueryCompatible).")
        out.append("    static let queryErrorCodes: [Swift.String: Swift.String] = [")
        for name in sorted(self.shapes):
            shape = self.shapes[name]
            if shape.get("exception"):
                out.append(f'        "{name}": "{shape.get("error", {}).get("code", name)}",')
        out.append("    ]")
        out.append("")
        return out

    def query_extensions(self, names):
        """`QueryShape` readers and `XMLShape` writers on the same structs, as the query Generator
        writes them for EC2 and STS."""
        query = Generator(self.namespace, self.model)
        query.inputs, query.outputs = self.inputs, self.outputs
        out = [""]
        for name in names:
            if self.shapes[name]["type"] != "structure":
                continue
            if name in self.inputs:
                out.append(query.reader(name))
            if name in self.outputs:
                out.append(query.writer(name))
        return out

    # How each location's member is read from the request, by the member's shape type.
    REST_READERS = {
        ("uri", "string"): "label",
        ("querystring", "string"): "query",
        ("querystring", "integer"): "queryInt",
        ("querystring", "boolean"): "queryBool",
        ("querystring", "list"): "queryList",
        ("header", "string"): "header",
    }

    def rest_binding(self, name):
        """A rest-json input's members bound to the URI, query string or headers: their wire names, and
        how the router fills them in after decoding the body."""
        members = [(n, m) for n, m in self.shapes[name]["members"].items() if not self.in_body(m)]
        required = set(self.shapes[name].get("required", []))
        lines = [f"extension {self.namespace}.{name}: RESTInput {{"]
        wire = ", ".join(f'"{m.get("locationName", n)}"' for n, m in members if m["location"] == "querystring")
        lines.append(f"    static let queryMembers: Swift.Set<Swift.String> = [{wire}]")
        lines.append("")
        lines.append("    mutating func bind(_ rest: RESTRequestValues) throws(AWSError) {")
        for member_name, member in members:
            kind = self.shapes[member["shape"]]["type"]
            reader = self.REST_READERS.get((member["location"], kind))
            if reader is None:
                raise SystemExit(f"{name}.{member_name}: no REST reader for a {kind} in {member['location']}")
            location_name = member.get("locationName", member_name)
            call = f'rest.{reader}("{location_name}")'
            if member_name in required:
                call = f'rest.required("{location_name}", {call})'
            lines.append(f"        {property_name(member_name)} = try {call}")
        lines.append("    }")
        lines.append("}")
        return "\n".join(lines)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(root, "Sources", "NetctlAWS", "Generated")
    os.makedirs(target, exist_ok=True)
    for namespace, service in SERVICES.items():
        generator = Generator(namespace, load(service["model"]))
        text = generator.generate(service["operations"])
        path = os.path.join(target, f"{namespace}Shapes.swift")
        with open(path, "w") as handle:
            handle.write(text)
        print(f"{path}: {len(generator.inputs | generator.outputs)} shapes, {text.count(chr(10))} lines")
    for namespace, service in JSON_SERVICES.items():
        generator = JSONGenerator(namespace, load(service["model"]), query=service.get("query", False))
        text = generator.generate(service["operations"])
        path = os.path.join(target, f"{namespace}Shapes.swift")
        with open(path, "w") as handle:
            handle.write(text)
        print(f"{path}: {len(generator.inputs | generator.outputs)} shapes, {text.count(chr(10))} lines")


if __name__ == "__main__":
    sys.exit(main())
