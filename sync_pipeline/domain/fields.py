"""What is synchronised: the two kinds of party and the fields both systems share."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    CUSTOMER = "customer"
    SUPPLIER = "supplier"


class System(StrEnum):
    TELARIS = "telaris"
    TRIPLETEX = "tripletex"


# The fields synchronised both ways, in canonical (normalised) form. Address is flattened into its parts so that a
# change of postal code alone is a change of one field, which is what the diff and the patches speak about.
SYNCED_FIELDS: tuple[str, ...] = (
    "name",
    "number",
    "organisation_number",
    "email",
    "invoice_email",
    "phone",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "country",
    "currency",
    "language",
)

ADDRESS_FIELDS: tuple[str, ...] = ("address_line1", "address_line2", "postal_code", "city", "country")
