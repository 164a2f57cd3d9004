"""The canonical party: one shape for customers and suppliers of both systems, in normalised form."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind, System


class Party(BaseModel):
    """A customer or supplier as the diff sees it: every synced field normalised, plus link and bookkeeping.

    `problems` lists why a value could not be represented (an unsupported language, an invalid organisation
    number): the record is still extracted and shown, and later steps park it with that reason instead of sending it.
    """

    model_config = ConfigDict(frozen=True)

    system: System
    kind: Kind
    record_id: str
    tripletex_id: int | None = None

    name: str | None = None
    number: str | None = None
    organisation_number: str | None = None
    email: str | None = None
    invoice_email: str | None = None
    phone: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None
    currency: str | None = None
    language: str | None = None

    is_active: bool = True
    version: int | None = None
    changed_at: datetime | None = None
    address_id: int | None = Field(default=None, description="Tripletex postalAddress id, carried on updates")
    problems: tuple[str, ...] = ()

    def synced_values(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in SYNCED_FIELDS}
