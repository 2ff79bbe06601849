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
        """.split(),
    },
    "STS": {
        "model": "sts/2011-06-15",
        "operations": ["GetCallerIdentity"],
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
            raise SystemExit(f"{name}: map shapes are not generated yet")

    def swift_type(self, name):
        shape = self.shapes[name]
        kind = shape["type"]
        if kind in SCALARS:
            return SCALARS[kind]
        if kind == "list":
            return f"[{self.swift_type(shape['member']['shape'])}]"
        if kind == "structure":
            return name
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
            lines.append(f"        {property_name(member_name)} = {expression}")
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


if __name__ == "__main__":
    sys.exit(main())
