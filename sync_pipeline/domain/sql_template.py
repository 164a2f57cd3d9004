"""Filling names into SQL text without `str.format`.

`str.format` reads every `{` as a placeholder, so a SQL file holding a regex quantifier (`[0-9]{9}`), a JSON
literal or a brace in a comment fails to fill, or fills the wrong thing. Here only `${name}` is a placeholder: a bare
`$` (DuckDB's `$1` and `$name` parameters, JSON paths such as `'$.name'`) and every `{` are left as they are. What is
filled in must be a plain lower-case identifier, so a value can never change the statement; values belong in DuckDB
parameters, bound by the database.
"""

from __future__ import annotations

import re
import string

IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


class SqlTemplate(string.Template):
    # only the braced form `${name}`; the other groups string.Template requires never match
    pattern = r"""\$(?:(?P<escaped>(?!))|(?P<named>(?!))|\{(?P<braced>[a-z_][a-z0-9_]*)\}|(?P<invalid>(?!)))"""


def fill(sql: str, **identifiers: str) -> str:
    """`sql` with each `${name}` replaced by its identifier. A placeholder left without a value raises KeyError; a
    value that is not an identifier raises ValueError naming it."""
    for name, value in identifiers.items():
        if not IDENTIFIER.fullmatch(value):
            raise ValueError(f"SQL placeholder ${{{name}}}: {value!r} is not a plain identifier (a-z, 0-9, _)")
    return SqlTemplate(sql).substitute(identifiers)


def parameters_named(sql: str, values: dict[str, object]) -> dict[str, object]:
    """The values whose `$name` parameter `sql` uses: DuckDB refuses a parameter the statement does not name."""
    return {name: value for name, value in values.items() if re.search(rf"\${re.escape(name)}\b", sql)}
