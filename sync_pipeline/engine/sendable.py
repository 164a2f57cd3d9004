"""Whether canonical values can be written to a system as they are — one check for updates, creates and links.

An invalid organisation number, a language Tripletex lacks (it knows only NO and EN), a currency or country code it
does not know, or text holding a control character or a broken character would be refused or stored unreadable; such
fields are parked with the reason, and the rest of an update still goes.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain import normalise
from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.mapping import canonical_from_tripletex, tripletex_payload
from sync_pipeline.engine.outcome import Park


class Sendability:
    """Tripletex's reference data (currency and country ids), fetched once per run, and the one sendability
    check."""

    def __init__(self, tripletex: TripletexClient) -> None:
        self.tripletex = tripletex

    @cached_property
    def currency_ids(self) -> dict[str, int]:
        return {code: cid for cid, code in self.tripletex.currency_codes().items()}

    @cached_property
    def country_ids(self) -> dict[str, int]:
        return {code: cid for cid, code in self.tripletex.country_codes().items()}

    def problems(self, fields: dict[str, Any], direction: str) -> dict[str, str]:
        """Fields the target cannot take as they are, with the reason."""
        problems = {name: f"{name} {problem}; fix it where it was typed" for name, value in fields.items()
                    if (problem := normalise.text_problem(value))}
        org = fields.get("organisation_number")
        if org and (problem := normalise.organisation_number_problem(org, fields.get("country") or "NO")):
            problems["organisation_number"] = problem
        if direction == "to_tripletex":
            try:
                normalise.language_to_tripletex(fields.get("language"))
            except normalise.UnsupportedValue as exc:
                problems["language"] = str(exc)
            for name, known in (("currency", self.currency_ids), ("country", self.country_ids)):
                if fields.get(name) and fields[name] not in known:
                    problems[name] = f"{name} {fields[name]!r} is not known to Tripletex"
        return problems

    def split(self, fields: dict[str, Any], direction: str) -> tuple[dict[str, Any], dict[str, str]]:
        """(the fields that can be written, the problems of the others); parks when none can."""
        problems = self.problems(fields, direction)
        if problems and len(problems) == len(fields):
            raise Park("; ".join(problems.values()))
        return {name: value for name, value in fields.items() if name not in problems}, problems

    def require(self, fields: dict[str, Any], direction: str) -> None:
        """Creates go whole or not at all: any field the target cannot take parks the intent."""
        if problems := self.problems(fields, direction):
            raise Park("; ".join(problems.values()))

    def tripletex_body(self, fields: dict[str, Any], kind: Kind, address_id: int | None = None,
                       version: int | None = None) -> dict[str, Any]:
        try:
            return tripletex_payload(fields, kind, self.currency_ids, self.country_ids, address_id, version)
        except normalise.UnsupportedValue as exc:
            raise Park(str(exc)) from None
        except KeyError as exc:
            raise Park(f"no Tripletex id for code {exc}") from None

    @cached_property
    def _codes_by_id(self) -> tuple[dict[int, str], dict[int, str]]:
        return ({v: k for k, v in self.currency_ids.items()}, {v: k for k, v in self.country_ids.items()})

    def canonical_tripletex(self, kind: Kind, record: dict[str, Any]) -> dict[str, Any]:
        return canonical_from_tripletex(record, kind, *self._codes_by_id)
