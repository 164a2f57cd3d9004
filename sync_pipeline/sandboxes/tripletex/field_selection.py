"""Tripletex's `fields` parameter: `*`, `id,name`, `postalAddress(*)`, `*,postalAddress(city,country(*))`.

Without a sub-selection a nested object is shown as its reference `{id, url}`, as the real API does; so a client
that wants address lines must ask for `postalAddress(*)`.
"""

from __future__ import annotations

from typing import Any

Selection = dict[str, "Selection | None"]


class FieldsSyntaxError(ValueError):
    pass


def parse(expression: str | None) -> Selection:
    if not expression:
        return {"*": None}
    selection, rest = _parse_list(expression.replace(" ", ""), 0)
    if rest != len(expression.replace(" ", "")):
        raise FieldsSyntaxError(f"unbalanced parentheses in fields={expression!r}")
    return selection


def _parse_list(text: str, pos: int) -> tuple[Selection, int]:
    selection: Selection = {}
    while pos < len(text):
        end = pos
        while end < len(text) and text[end] not in ",()":
            end += 1
        name = text[pos:end]
        if not name:
            raise FieldsSyntaxError(f"empty field name at position {pos}")
        if end < len(text) and text[end] == "(":
            sub, end = _parse_list(text, end + 1)
            if end >= len(text) or text[end] != ")":
                raise FieldsSyntaxError("missing ')'")
            selection[name] = sub
            end += 1
        else:
            selection[name] = None
        if end < len(text) and text[end] == ")":
            return selection, end
        pos = end + 1 if end < len(text) and text[end] == "," else end
    return selection, pos


def apply(obj: Any, selection: Selection) -> Any:
    if not isinstance(obj, dict):
        return obj
    out: dict[str, Any] = {}
    wildcard = "*" in selection
    for key, value in obj.items():
        if key in selection:
            sub = selection[key]
            out[key] = _shallow(value) if sub is None else _apply_nested(value, sub)
        elif wildcard and key != "changes":
            out[key] = _shallow(value)
    if "changes" in selection:
        out["changes"] = obj.get("changes", [])
    return out


def _apply_nested(value: Any, sub: Selection) -> Any:
    if isinstance(value, list):
        return [apply(v, sub) for v in value]
    return apply(value, sub)


def _shallow(value: Any) -> Any:
    """Nested objects collapse to their reference; lists of objects to lists of references."""
    if isinstance(value, dict) and "id" in value:
        ref = {"id": value["id"]}
        if "url" in value:
            ref["url"] = value["url"]
        return ref
    if isinstance(value, list):
        return [_shallow(v) for v in value]
    return value
