"""Validate live sandbox answers against an OpenAPI 3.0 document with jsonschema.

OpenAPI 3.0 is not quite JSON Schema: `nullable` becomes a null alternative. Tripletex's published document omits
`nullable` although the live API sends null for unset references, so for it every property may also be null.
Objects are closed (`additionalProperties: false`) so a field the real API does not have fails the test.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema


def _convert(node: Any, all_nullable: bool) -> Any:
    if isinstance(node, list):
        return [_convert(n, all_nullable) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _convert(v, all_nullable) for k, v in node.items() if k not in ("nullable", "readOnly", "example",
                                                                            "format", "writeOnly")}
    if "properties" in out:
        if all_nullable:
            out["properties"] = {k: {"anyOf": [v, {"type": "null"}]} for k, v in out["properties"].items()}
        out.setdefault("additionalProperties", False)
    if node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


class OpenApiChecker:
    def __init__(self, document: dict[str, Any], all_nullable: bool = False, base_path: str = "") -> None:
        self.doc = document
        self.base_path = base_path
        self.components = _convert(copy.deepcopy(document["components"]), all_nullable)
        self.checked: set[tuple[str, str]] = set()

    @classmethod
    def from_file(cls, path: Path, **kwargs: Any) -> OpenApiChecker:
        return cls(json.loads(path.read_text()), **kwargs)

    def _template(self, method: str, path: str) -> str:
        path = path.removeprefix(self.base_path)
        for template, operations in self.doc["paths"].items():
            pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            if re.match(pattern, path) and method.lower() in operations:
                return template
        raise AssertionError(f"{method} {path} is not in the OpenAPI document")

    def response_schema(self, method: str, path: str, status: int) -> dict[str, Any] | None:
        template = self._template(method, path)
        responses = self.doc["paths"][template][method.lower()]["responses"]
        spec = responses.get(str(status)) or responses.get("default")
        assert spec is not None, f"{method} {template} does not document status {status}"
        content = spec.get("content", {})
        schema = next((c.get("schema") for c in content.values() if c.get("schema")), None)
        self.checked.add((method.upper(), template))
        return schema

    def validate(self, method: str, path: str, status: int, body: Any, schema: dict[str, Any] | None = None) -> None:
        schema = schema if schema is not None else self.response_schema(method, path, status)
        if schema is None:
            return
        root = {**_convert(schema, False), "components": self.components}
        jsonschema.validate(body, root)

    def validate_ref(self, name: str, body: Any) -> None:
        jsonschema.validate(body, {"$ref": f"#/components/schemas/{name}", "components": self.components})
