#!/usr/bin/env python3
"""Checks raw EC2 Query responses against botocore's EC2 model (API 2016-11-15), element by element.

botocore's parser is lenient: it skips elements it does not know, reads any child of a list as an
item and turns any text but "true" into False. A response can parse without error and still not be
what AWS sends. This walks the XML against the output shape of the action instead:

  * a success is <ActionResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"> holding one
    <requestId> and then only members of the action's output shape (by their XML name); an action
    with no output shape may answer <return>true</return>, as EC2 does;
  * below it, every element is a member of the structure at that point, at most once; a list's
    children all carry the model's item name (<item> in EC2); a map's entries hold key and value;
  * scalars parse as the member's type: booleans are true/false, integers and longs are decimal
    integers, floats parse, timestamps are ISO 8601, strings with an enum take one of its values;
  * an error (status >= 300) is <Response><Errors><Error><Code/><Message/></Error>...</Errors>
    <RequestID/></Response>, nothing more.

Usage:
    check-ec2-response.py ACTION FILE [--status N]     one body; problems on stdout, exit 1 if any
    check-ec2-response.py --batch < captures.json      [{"action","status","body"}, ...];
                                                       prints {"checked": N, "problems": [...]}

As a module (the integration tests load it with importlib): `Checker().check(action, status, body)`
returns the problems of one response as strings naming the element path.
"""
import json
import re
import sys
import xml.etree.ElementTree as ElementTree

import botocore.session

NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")
INTEGER = re.compile(r"^-?\d+$")
BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


def split_tag(tag):
    """`{namespace}name` → (namespace, name)."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return None, tag


# Values real EC2 sends outside the model's enum, which SDKs and Terraform rely on: an internet
# gateway's attachment is `available` once attached (Terraform's aws_internet_gateway waits for it),
# though AttachmentStatus lists only attaching, attached, detaching and detached.
# A VPC endpoint's State is sent in lowerCamelCase (`available`, `pendingAcceptance`), though the
# model spells it PascalCase; the CLI prints and Terraform's aws_vpc_endpoint waits for `available`.
ENUM_VALUES_EC2_SENDS = {("AttachmentStatus", "available")} | {
    ("State", value)
    for value in ["pendingAcceptance", "pending", "available", "deleting", "deleted", "rejected", "failed", "expired", "partial"]
}


class Checker:
    def __init__(self, model=None):
        self.model = model or botocore.session.get_session().get_service_model("ec2", api_version="2016-11-15")

    @property
    def operation_names(self):
        return list(self.model.operation_names)

    def check(self, action, status, body):
        """The problems of one response, each a string naming where it is."""
        try:
            root = ElementTree.fromstring(body.encode("utf-8") if isinstance(body, str) else body)
        except ElementTree.ParseError as error:
            return [f"{action}: the body is not XML ({error})"]
        problems = []
        if status >= 300:
            self._check_error(root, problems)
        else:
            self._check_success(action, root, problems)
        return [f"{action} ({status}): {problem}" for problem in problems]

    # Errors

    def _check_error(self, root, problems):
        namespace, name = split_tag(root.tag)
        if name != "Response" or namespace is not None:
            problems.append(f"/{root.tag}: an EC2 error document is <Response> without a namespace")
            return
        names = [split_tag(child.tag)[1] for child in root]
        if names != ["Errors", "RequestID"]:
            problems.append(f"/Response: children {names}, expected ['Errors', 'RequestID']")
        self._no_text(root, "/Response", problems)
        for child in root:
            tag = split_tag(child.tag)[1]
            if tag == "RequestID":
                self._scalar_only(child, "/Response/RequestID", problems, required=True)
            elif tag == "Errors":
                errors = list(child)
                if not errors:
                    problems.append("/Response/Errors: no <Error>")
                self._no_text(child, "/Response/Errors", problems)
                for error in errors:
                    path = f"/Response/Errors/{split_tag(error.tag)[1]}"
                    if split_tag(error.tag)[1] != "Error":
                        problems.append(f"{path}: only <Error> belongs in <Errors>")
                        continue
                    parts = [split_tag(part.tag)[1] for part in error]
                    if parts != ["Code", "Message"]:
                        problems.append(f"{path}: children {parts}, expected ['Code', 'Message']")
                    self._no_text(error, path, problems)
                    for part in error:
                        self._scalar_only(
                            part, f"{path}/{split_tag(part.tag)[1]}", problems,
                            required=split_tag(part.tag)[1] == "Code")

    # Successes

    def _check_success(self, action, root, problems):
        if action not in self.model.operation_names:
            problems.append(f"{action} is not an operation of the EC2 model")
            return
        operation = self.model.operation_model(action)
        namespace, name = split_tag(root.tag)
        path = f"/{name}"
        if name != f"{action}Response":
            problems.append(f"{path}: the root element must be <{action}Response>")
        if namespace != NAMESPACE:
            problems.append(f"{path}: namespace {namespace!r}, expected {NAMESPACE!r}")
        children = list(root)
        request_ids = [child for child in children if split_tag(child.tag)[1] == "requestId"]
        if len(request_ids) != 1 or not children or children[0] is not request_ids[0]:
            problems.append(f"{path}: exactly one <requestId> must come first")
        for request_id in request_ids:
            self._scalar_only(request_id, f"{path}/requestId", problems, required=True)
        rest = [child for child in children if split_tag(child.tag)[1] != "requestId"]
        output = operation.output_shape
        if output is None or not output.members:
            # EC2 answers actions without output with <return>true</return>; botocore ignores it.
            for child in rest:
                tag = split_tag(child.tag)[1]
                if tag != "return":
                    problems.append(f"{path}/{tag}: {action} has no output members")
                else:
                    self._check_boolean(child, f"{path}/return", problems)
            self._no_text(root, path, problems)
            return
        self._check_members(output, root, rest, path, problems)

    def _check_members(self, shape, node, children, path, problems):
        self._no_text(node, path, problems)
        members = {}
        for member_name, member in shape.members.items():
            if member.serialization.get("location") in ("header", "headers", "statusCode"):
                continue
            members[self._xml_name(member, member_name)] = member
        seen = set()
        for child in children:
            namespace, tag = split_tag(child.tag)
            child_path = f"{path}/{tag}"
            if namespace not in (None, NAMESPACE):
                problems.append(f"{child_path}: namespace {namespace!r}")
            member = members.get(tag)
            if member is None:
                problems.append(
                    f"{child_path}: not a member of {shape.name} (members: {', '.join(sorted(members))})")
                continue
            flattened = member.type_name == "list" and member.serialization.get("flattened")
            if tag in seen and not flattened:
                problems.append(f"{child_path}: {shape.name}.{tag} appears more than once")
            seen.add(tag)
            if flattened:
                self._check_shape(member.member, child, child_path, problems)
            else:
                self._check_shape(member, child, child_path, problems)

    @staticmethod
    def _xml_name(member, member_name):
        # botocore's `_member_key_name`: a flattened list is named after its items.
        if member.type_name == "list" and member.serialization.get("flattened"):
            item_name = member.member.serialization.get("name")
            if item_name:
                return item_name
        return member.serialization.get("name") or member_name

    def _check_shape(self, shape, node, path, problems):
        kind = shape.type_name
        if kind == "structure":
            self._check_members(shape, node, list(node), path, problems)
        elif kind == "list":
            self._no_text(node, path, problems)
            item_name = shape.member.serialization.get("name") or "member"
            for item in node:
                tag = split_tag(item.tag)[1]
                if tag != item_name:
                    problems.append(f"{path}/{tag}: a {shape.name} holds <{item_name}> elements only")
                    continue
                self._check_shape(shape.member, item, f"{path}/{tag}", problems)
        elif kind == "map":
            self._no_text(node, path, problems)
            key_name = shape.key.serialization.get("name") or "key"
            value_name = shape.value.serialization.get("name") or "value"
            for entry in node:
                entry_path = f"{path}/{split_tag(entry.tag)[1]}"
                parts = sorted(split_tag(part.tag)[1] for part in entry)
                if parts != sorted([key_name, value_name]):
                    problems.append(f"{entry_path}: a map entry holds <{key_name}> and <{value_name}>, not {parts}")
                for part in entry:
                    tag = split_tag(part.tag)[1]
                    target = shape.key if tag == key_name else shape.value
                    self._check_shape(target, part, f"{entry_path}/{tag}", problems)
        else:
            self._check_scalar(shape, node, path, problems)

    def _check_scalar(self, shape, node, path, problems):
        if not self._scalar_only(node, path, problems):
            return
        text = node.text or ""
        kind = shape.type_name
        if kind == "boolean":
            self._check_boolean(node, path, problems)
        elif kind in ("integer", "long"):
            if not INTEGER.match(text):
                problems.append(f"{path}: {text!r} is not an integer ({shape.name})")
        elif kind in ("float", "double"):
            try:
                float(text)
            except ValueError:
                problems.append(f"{path}: {text!r} is not a number ({shape.name})")
        elif kind == "timestamp":
            if not ISO_8601.match(text):
                problems.append(f"{path}: {text!r} is not an ISO 8601 timestamp")
        elif kind == "blob":
            if not BASE64.match(text):
                problems.append(f"{path}: {text!r} is not base64")
        elif kind == "string":
            if shape.enum and text not in shape.enum and (shape.name, text) not in ENUM_VALUES_EC2_SENDS:
                problems.append(f"{path}: {text!r} is not one of {shape.name}'s values ({len(shape.enum)} in the model)")

    def _check_boolean(self, node, path, problems):
        if self._scalar_only(node, path, problems) and node.text not in ("true", "false"):
            problems.append(f"{path}: {node.text!r} is not a boolean (true or false)")

    @staticmethod
    def _scalar_only(node, path, problems, required=False):
        if len(node):
            problems.append(f"{path}: a scalar has child elements {[split_tag(child.tag)[1] for child in node]}")
            return False
        if required and not (node.text or "").strip():
            problems.append(f"{path}: empty")
        return True

    @staticmethod
    def _no_text(node, path, problems):
        texts = [node.text] + [child.tail for child in node]
        if any(text and text.strip() for text in texts):
            problems.append(f"{path}: text beside elements")


def main(arguments):
    checker = Checker()
    if arguments[:1] == ["--batch"]:
        captures = json.load(sys.stdin)
        problems = []
        for capture in captures:
            problems += checker.check(capture["action"], int(capture["status"]), capture["body"])
        print(json.dumps({"checked": len(captures), "problems": problems}, indent=1))
        return 1 if problems else 0
    if len(arguments) not in (2, 4) or (len(arguments) == 4 and arguments[2] != "--status"):
        print(__doc__, file=sys.stderr)
        return 2
    with open(arguments[1], "rb") as body:
        problems = checker.check(arguments[0], int(arguments[3]) if len(arguments) == 4 else 200, body.read())
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
