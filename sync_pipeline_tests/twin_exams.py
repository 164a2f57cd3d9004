"""What the held-out twin generators' shape tests share: reading a generator's pairs and its digits."""

from __future__ import annotations

import re

from sync_pipeline.sandboxes.twins import TwinData

# the generators written apart from the linking, by someone who saw neither its rules nor its results
EXAMS = ("twins_blind", "twins_vault", "twins_quarry", "twins_harbour", "twins_meadow")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def true_pairs(data: TwinData) -> list[tuple[dict[str, str], dict[str, str]]]:
    """Each true pair's two records, Telaris first."""
    telaris = {r["record_id"]: r for r in data.telaris}
    tripletex = {r["record_id"]: r for r in data.tripletex}
    return [(telaris[t], tripletex[str(x)]) for t, x in sorted(data.truth)]


def snapshot(data: TwinData) -> tuple[object, ...]:
    return data.telaris, data.tripletex, sorted(data.truth)


def one_sided_shares(data: TwinData) -> tuple[float, float]:
    """The truth is one to one between existing records; returns the share of Telaris and of Tripletex records
    without a twin."""
    telaris_ids = {r["record_id"] for r in data.telaris}
    tripletex_ids = {int(r["record_id"]) for r in data.tripletex}
    left = [t for t, _ in data.truth]
    right = [x for _, x in data.truth]
    assert len(set(left)) == len(left) and len(set(right)) == len(right)
    assert set(left) <= telaris_ids and set(right) <= tripletex_ids
    return 1 - len(data.truth) / len(telaris_ids), 1 - len(data.truth) / len(tripletex_ids)


def orgnr_sides(data: TwinData) -> tuple[int, int, int]:
    """How many true pairs hold an organisation number on both sides (always the same one), on one, on neither."""
    both = one = neither = 0
    for telaris, tripletex in true_pairs(data):
        a, b = digits(telaris["organisation_number"]), digits(tripletex["organisation_number"])
        if a and b:
            assert a == b, (telaris, tripletex)
            both += 1
        elif a or b:
            one += 1
        else:
            neither += 1
    return both, one, neither
