"""JSON text that parsers accept whatever one record in it holds.

Java and JavaScript back ends write a broken character as a lone UTF-16 surrogate escape ("\\ud800"), and a proxy
may hand on bytes that are not UTF-8. DuckDB's JSON reader and orjson both refuse such a body whole, so one broken
record would stop a page, an extraction, every other record from syncing. Here they become U+FFFD instead, which the
sendability check (normalise.text_problem) parks with its reason: never sent, never dropped.
"""

from __future__ import annotations

import re

# A JSON escape of a UTF-16 surrogate: a pair is one character (kept), a lone one is not text at all. An escaped
# backslash is matched first so that "\\ud800" (the six characters, not an escape) is left alone.
_SURROGATE_ESCAPES = re.compile(rb"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|"
                                rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def readable_json(body: bytes) -> str:
    """`body` as text with every lone surrogate escape and every byte that is not UTF-8 turned into U+FFFD. A body
    without either (nearly all) costs one regular-expression search."""
    if _MAYBE_SURROGATE.search(body):
        body = _SURROGATE_ESCAPES.sub(lambda m: m[0] if len(m[0]) != 6 else b"\\ufffd", body)
    return body.decode("utf-8", "replace")
