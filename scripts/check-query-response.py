#!/usr/bin/env python3
"""Checks raw query-protocol responses (Elastic Load Balancing v2, API 2015-12-01) against botocore's
model, element by element, as check-ec2-response.py does for EC2:

  * a success is <ActionResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
    holding <ActionResult> (only members of the action's output shape, each at most once, lists of
    <member>) and then <ResponseMetadata><RequestId/></ResponseMetadata>, nothing more;
  * an error (status >= 300) is <ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code/>
    <Message/></Error><RequestId/></ErrorResponse>, and its code is one of the model's error codes
    (without the `Exception` suffix), a common query code, or ValidationError.

Usage:
    check-query-response.py --batch < captures.json      [{"action","status","body"}, ...];
                                                         prints {"checked": N, "problems": [...]}
As a module: `Checker().check(action, status, body)` returns the problems of one response.
"""
import importlib.util
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

import botocore.session

_spec = importlib.util.spec_from_file_location(
    "check_ec2_response", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-ec2-response.py"))
_ec2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ec2)
split_tag = _ec2.split_tag

COMMON_CODES = {"ValidationError", "InvalidAction", "MissingAction", "AccessDenied", "InvalidClientTokenId",
                "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken", "RequestExpired",
                "InternalError", "IdempotentParameterMismatch"}


class Checker(_ec2.Checker):
    def __init__(self, service="elbv2", api_version="2015-12-01"):
        super().__init__(botocore.session.get_session().get_service_model(service, api_version=api_version))
        self.namespace = self.model.metadata["xmlNamespace"]
        _ec2.NAMESPACE = self.namespace
        self.error_codes = {
            shape.error_code for shape in self.model.error_shapes if getattr(shape, "error_code", None)
        } | COMMON_CODES

    def _check_error(self, root, problems):
        namespace, name = split_tag(root.tag)
        if name != "ErrorResponse" or namespace != self.namespace:
            problems.append(f"/{root.tag}: a query error document is <ErrorResponse xmlns={self.namespace!r}>")
            return
        names = [split_tag(child.tag)[1] for child in root]
        if names != ["Error", "RequestId"]:
            problems.append(f"/ErrorResponse: children {names}, expected ['Error', 'RequestId']")
        for child in root:
            tag = split_tag(child.tag)[1]
            if tag != "Error":
                continue
            parts = [split_tag(part.tag)[1] for part in child]
            if parts != ["Type", "Code", "Message"]:
                problems.append(f"/ErrorResponse/Error: children {parts}, expected ['Type', 'Code', 'Message']")
            for part in child:
                part_name = split_tag(part.tag)[1]
                if part_name == "Type" and part.text not in ("Sender", "Receiver"):
                    problems.append(f"/ErrorResponse/Error/Type: {part.text!r} is not Sender or Receiver")
                if part_name == "Code" and part.text not in self.error_codes:
                    problems.append(f"/ErrorResponse/Error/Code: {part.text!r} is not a code of the model")

    def _check_success(self, action, root, problems):
        if action not in self.model.operation_names:
            problems.append(f"{action} is not an operation of the model")
            return
        operation = self.model.operation_model(action)
        namespace, name = split_tag(root.tag)
        path = f"/{name}"
        if name != f"{action}Response":
            problems.append(f"{path}: the root element must be <{action}Response>")
        if namespace != self.namespace:
            problems.append(f"{path}: namespace {namespace!r}, expected {self.namespace!r}")
        names = [split_tag(child.tag)[1] for child in root]
        wrapper = operation.output_shape.serialization.get("resultWrapper") if operation.output_shape else None
        expected = ([wrapper] if wrapper else []) + ["ResponseMetadata"]
        if names != expected:
            problems.append(f"{path}: children {names}, expected {expected}")
        for child in root:
            tag = split_tag(child.tag)[1]
            if tag == wrapper and operation.output_shape is not None:
                self._check_members(operation.output_shape, child, list(child), f"{path}/{tag}", problems)
            elif tag == "ResponseMetadata":
                parts = [split_tag(part.tag)[1] for part in child]
                if parts != ["RequestId"]:
                    problems.append(f"{path}/ResponseMetadata: children {parts}, expected ['RequestId']")


def main(arguments):
    if arguments != ["--batch"]:
        print(__doc__)
        return 2
    checker = Checker()
    captures = json.load(sys.stdin)
    problems = []
    for capture in captures:
        problems += checker.check(capture["action"], capture["status"], capture["body"])
    print(json.dumps({"checked": len(captures), "problems": problems}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
