#!/usr/bin/env python3
"""Checks raw responses of AWS's JSON protocols (json 1.0/1.1, rest-json) against botocore's model
of the service, member for member.

botocore's JSON parser is lenient: it keeps members it does not know and takes any JSON type for a
scalar. A response can parse and still not be what AWS sends. This walks the body against the
operation's output shape instead:

  * a success is one JSON object holding only members of the output shape, by wire name
    (`locationName` or the member name); rest-json members bound to headers or the status code are
    not looked for in the body;
  * below it, structures hold only their members, lists are arrays, maps are objects;
  * scalars have the member's JSON type: strings (with an enum, one of its values), integers and
    longs are whole numbers, doubles are numbers, booleans are true/false, timestamps are epoch
    seconds (numbers), blobs are base64 strings;
  * an error (status >= 300) names its code in `__type` (json) or the `x-amzn-ErrorType` header
    (rest-json), which must be an error shape of the model or a common AWS error, and carries a
    `message` (or `Message`) string; other members must be members of the error's shape.

Usage:
    check-json-response.py SERVICE --batch < captures.json  [{"operation","status","body","headers"?}]
                                                             prints {"checked": N, "problems": [...]}

As a module (the integration tests load it with importlib): `Checker("ecs").check(operation,
status, body, headers)` returns the problems of one response as strings naming the member path.
"""
import base64
import binascii
import json
import sys

import botocore.session

# Errors any AWS JSON service may answer, besides those its model lists.
COMMON_ERRORS = {
    "AccessDeniedException", "IncompleteSignatureException", "InternalFailure", "InvalidSignatureException",
    "MissingAuthenticationTokenException", "SerializationException", "ThrottlingException",
    "UnknownOperationException", "UnrecognizedClientException", "ValidationException",
}


class Checker:
    def __init__(self, service):
        self.model = botocore.session.get_session().get_service_model(service)
        self.protocol = self.model.protocol
        self.errors = {shape.name: shape for shape in self.model.error_shapes}

    @property
    def operation_names(self):
        return list(self.model.operation_names)

    def check(self, operation, status, body, headers=None):
        headers = {name.lower(): value for name, value in (headers or {}).items()}
        if isinstance(body, bytes):
            body = body.decode("utf-8", errors="replace")
        problems = []
        try:
            document = json.loads(body) if body.strip() else {}
        except ValueError as error:
            return [f"{operation} ({status}): the body is not JSON ({error})"]
        if status >= 300:
            self._check_error(document, headers, problems)
        elif operation not in self.model.operation_names:
            problems.append(f"not an operation of the {self.model.service_name} model")
        else:
            shape = self.model.operation_model(operation).output_shape
            if shape is None:
                if document != {}:
                    problems.append(f"/: the operation has no output, the body should be {{}}, not {body[:80]}")
            else:
                self._structure(shape, document, "", problems, top=True)
        return [f"{operation} ({status}): {problem}" for problem in problems]

    def _check_error(self, document, headers, problems):
        if not isinstance(document, dict):
            problems.append("/: an error body is a JSON object")
            return
        if self.protocol == "rest-json":
            code = headers.get("x-amzn-errortype")
            if code is None:
                problems.append("no x-amzn-ErrorType header")
        else:
            code = document.get("__type")
            if not isinstance(code, str):
                problems.append("/__type: missing or not a string")
        if code is not None:
            code = code.split("#")[-1].split(":")[0]
            if code not in self.errors and code not in COMMON_ERRORS:
                problems.append(f"error code {code!r} is not an error of the {self.model.service_name} model")
        message = document.get("message", document.get("Message"))
        if not isinstance(message, str) or not message:
            problems.append("/message: missing or empty")
        shape = self.errors.get(code)
        for key in document:
            if key in ("__type", "message", "Message"):
                continue
            if shape is None or key not in self._wire_members(shape):
                problems.append(f"/{key}: not a member of the error {code}")

    def _wire_members(self, shape):
        members = {}
        for name, member in shape.members.items():
            if member.serialization.get("location") in (None, "body"):
                members[member.serialization.get("name", name)] = member
        return members

    def _structure(self, shape, value, path, problems, top=False):
        if not isinstance(value, dict):
            problems.append(f"{path or '/'}: a {shape.name} is a JSON object, not {type(value).__name__}")
            return
        members = self._wire_members(shape)
        payload = shape.serialization.get("payload") if top else None
        if payload is not None:
            self._value(shape.members[payload], value, f"{path}/{payload}", problems)
            return
        for key, item in value.items():
            if key not in members:
                problems.append(f"{path}/{key}: not a member of {shape.name}")
                continue
            self._value(members[key], item, f"{path}/{key}", problems)

    def _value(self, shape, value, path, problems):
        kind = shape.type_name
        if value is None:
            problems.append(f"{path}: null (AWS leaves an absent member out)")
        elif kind == "structure":
            if shape.metadata.get("document"):
                return
            self._structure(shape, value, path, problems)
        elif kind == "list":
            if not isinstance(value, list):
                problems.append(f"{path}: a {shape.name} is an array")
                return
            for index, item in enumerate(value):
                self._value(shape.member, item, f"{path}[{index}]", problems)
        elif kind == "map":
            if not isinstance(value, dict):
                problems.append(f"{path}: a {shape.name} is an object")
                return
            for key, item in value.items():
                self._value(shape.value, item, f"{path}/{key}", problems)
        elif kind == "string":
            if not isinstance(value, str):
                problems.append(f"{path}: {value!r} is not a string")
            elif shape.enum and value not in shape.enum:
                problems.append(f"{path}: {value!r} is not one of {shape.name}'s values {shape.enum}")
        elif kind in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(f"{path}: {value!r} is not a whole number")
        elif kind in ("double", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(f"{path}: {value!r} is not a number")
        elif kind == "boolean":
            if not isinstance(value, bool):
                problems.append(f"{path}: {value!r} is not true or false")
        elif kind == "timestamp":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(f"{path}: {value!r} is not a timestamp in epoch seconds")
        elif kind == "blob":
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, TypeError, ValueError):
                problems.append(f"{path}: {value!r:.40} is not base64")
        else:
            problems.append(f"{path}: the checker does not know the type {kind}")


def main():
    if len(sys.argv) != 3 or sys.argv[2] != "--batch":
        sys.exit(__doc__)
    checker = Checker(sys.argv[1])
    captures = json.load(sys.stdin)
    problems = []
    for capture in captures:
        problems += checker.check(capture["operation"], capture["status"], capture["body"], capture.get("headers"))
    print(json.dumps({"checked": len(captures), "problems": problems}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
