"""How counts read in messages an operator sees: "1 customer", "2 customers", "1 delivery", "3 deliveries".

One helper, so no message says "1 customers" again. Plain Python: the CLI, the demo and the Dagster layer share it.
"""

from __future__ import annotations

IRREGULAR = {"person": "people", "was": "were", "is": "are", "has": "have"}


def plural(noun: str) -> str:
    """The English plural of one of our nouns (customer, supplier, delivery, record, change, write, match, ...)."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def counted(n: int, noun: str, *, grouped: bool = True) -> str:
    """`n` and the noun in the number that fits it: counted(1, "customer") == "1 customer",
    counted(1200, "record") == "1,200 records"."""
    number = f"{n:,}" if grouped else str(n)
    return f"{number} {noun if n == 1 else plural(noun)}"


def noun_for(n: int, noun: str) -> str:
    """Only the noun, in the number that fits `n` (for tables whose count stands in its own column)."""
    return noun if n == 1 else plural(noun)
