"""A real response checked against the OpenAPI description the app serves: the schema declared
for its path, method and status, every declared key present and no other (extra="forbid")."""
from __future__ import annotations

import copy
import re

from openapi_schema_validator import OAS31Validator


def _closed(schema):
    """The same schemas with no room for undeclared keys."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and "properties" in schema:
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            _closed(value)
    elif isinstance(schema, list):
        for value in schema:
            _closed(value)
    return schema


class Conformance:
    def __init__(self, client):
        self.spec = _closed(copy.deepcopy(client.get("/api/v1/openapi.json").get_json()))
        self.checked: list[tuple[str, str, int]] = []

    def _operation(self, method: str, path: str) -> tuple[str, dict]:
        for template, operations in self.spec["paths"].items():
            # Every path parameter of this API is a record's id.
            pattern = "[0-9]+".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template))
            if re.fullmatch(pattern, path) and method in operations:
                return template, operations[method]
        raise AssertionError(f"{method.upper()} {path} is not in the OpenAPI description")

    def check(self, response):
        """The response, once it conforms (so that a test can go on reading it)."""
        method, path, status = response.request.method.lower(), response.request.path, response.status_code
        template, operation = self._operation(method, path)
        declared = operation["responses"].get(str(status))
        assert declared is not None, f"{method.upper()} {template} answered {status}, which it does not declare"
        content = declared.get("content")
        if content is None:  # a file, or no body (204)
            assert status == 204 or not response.is_json, f"{method.upper()} {template} {status}: undeclared JSON"
        else:
            schema = {**content["application/json"]["schema"], "components": self.spec["components"]}
            OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(response.get_json())
        self.checked.append((method, template, status))
        return response
