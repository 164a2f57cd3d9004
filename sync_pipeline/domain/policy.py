"""Sync policy as data: who wins a conflict, what is created where. Documented in the README."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from sync_pipeline.domain.fields import Kind


class ConflictRule(StrEnum):
    TELARIS_WINS = "telaris_wins"
    TRIPLETEX_WINS = "tripletex_wins"
    LATEST_WINS = "latest_wins"


class SyncPolicy(BaseModel):
    """Both sides changed a field to different values since they last agreed: who wins, per kind.

    Customers default to Telaris (Telaris is the master of customer data); suppliers to the most recent change
    (Telaris' `updated_at` against the time the Tripletex version was first seen).
    """

    customer_conflicts: ConflictRule = ConflictRule.TELARIS_WINS
    supplier_conflicts: ConflictRule = ConflictRule.LATEST_WINS
    max_attempts: int = Field(default=10, ge=1, description="a parked intent is retried on this many runs")
    parked_retry_minutes: float = Field(
        default=5.0, ge=0, description="first retry of a parked intent after this long, doubling per attempt"
    )

    def conflict_rule(self, kind: Kind) -> ConflictRule:
        return self.customer_conflicts if kind is Kind.CUSTOMER else self.supplier_conflicts
