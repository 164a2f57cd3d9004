"""What became of an intent, and the ways a handler says it could not be written now."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Park(Exception):
    """The intent cannot be written as it stands; the reason is shown to an operator and the intent waits for the
    data to change (or for a person), retried with backoff."""


class StayPending(Exception):
    """Not written this time for a reason that may pass by itself (a create whose answer was lost and which was
    not found afterwards): the intent stays pending and is tried again, looked up first, on the next run."""


class Held(Exception):
    """Nothing of this kind may be written yet: the switch-on gate is closed (engine.gate). The intent stays
    pending and is sent once the gate opens."""


@dataclass
class Outcome:
    intent_id: str
    kind: str
    direction: str
    action: str
    telaris_id: str | None
    tripletex_id: int | None
    status: str  # done | parked | superseded | pending (failed, retried later) | dry_run | held (gate closed)
    detail: str = ""
    request: dict[str, Any] | None = None


@dataclass
class ApplyResult:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)
