"""Customer and supplier objects: defaults on create, validation, and partial update as Tripletex applies them."""

from __future__ import annotations

import json
import re
from typing import Any

from sync_pipeline.sandboxes.tripletex.errors import ApiError, validation_error
from sync_pipeline.sandboxes.tripletex.reference_data import COUNTRY_IDS, CURRENCY_IDS, NOK_ID, NORWAY_ID

KINDS = ("customer", "supplier")
NUMBER_FIELD = {"customer": "customerNumber", "supplier": "supplierNumber"}
FIRST_NUMBER = {"customer": 10001, "supplier": 20001}
READ_ONLY = {"id", "url", "changes", "displayName", "isWholesaler", "locale"}
MAX_LENGTH = {
    "name": 255,
    "email": 254,
    "invoiceEmail": 254,
    "overdueNoticeEmail": 254,
    "phoneNumber": 100,
    "phoneNumberMobile": 100,
    "organizationNumber": 30,
    "description": 2000,
    "website": 255,
}
ADDRESS_MAX_LENGTH = {"addressLine1": 255, "addressLine2": 255, "postalCode": 20, "city": 100}
LANGUAGES = ("NO", "EN")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

STRING_FIELDS = ("organizationNumber", "email", "invoiceEmail", "overdueNoticeEmail", "phoneNumber",
                 "phoneNumberMobile", "description", "website")
BOOL_FIELDS = ("isInactive", "isPrivateIndividual", "isSupplier", "isCustomer")
INT_FIELDS = ("customerNumber", "supplierNumber", "globalLocationNumber", "invoicesDueIn")
REF_FIELDS = ("currency", "accountManager", "department", "category1", "category2", "category3", "ledgerAccount")
ADDRESS_FIELDS = ("postalAddress", "physicalAddress", "deliveryAddress")
CUSTOMER_ONLY = {"globalLocationNumber", "isSupplier", "singleCustomerInvoice", "invoiceSendMethod",
                 "emailAttachmentType", "invoicesDueIn", "invoicesDueInType", "isFactoring",
                 "invoiceSendSMSNotification", "invoiceSMSNotificationNumber", "isAutomaticSoftReminderEnabled",
                 "isAutomaticReminderEnabled", "isAutomaticNoticeOfDebtCollectionEnabled", "discountPercentage"}
SUPPLIER_ONLY = {"showProducts"}


def ref(kind: str, rid: int | None) -> dict[str, Any] | None:
    return None if rid is None else {"id": rid, "url": f"tripletex.no/v2/{kind}/{rid}"}


def new_address(address_id: int, given: dict[str, Any] | None) -> dict[str, Any]:
    address = {
        "id": address_id,
        "version": 1,
        "url": f"tripletex.no/v2/address/{address_id}",
        "addressLine1": "",
        "addressLine2": "",
        "postalCode": "",
        "city": "",
        "country": ref("country", NORWAY_ID),
        "displayName": "",
        "addressAsString": "",
        "knr": 0,
        "gnr": 0,
        "bnr": 0,
        "fnr": 0,
        "snr": 0,
        "unitNumber": "",
    }
    if given:
        _merge_address(address, given)
    return address


def _merge_address(address: dict[str, Any], given: dict[str, Any]) -> None:
    for key in ("addressLine1", "addressLine2", "postalCode", "city"):
        if key in given:
            address[key] = given[key] or ""
    if "country" in given:
        country = given["country"]
        address["country"] = ref("country", country["id"]) if country else None
    parts = [address["addressLine1"], address["addressLine2"], f"{address['postalCode']} {address['city']}".strip()]
    address["addressAsString"] = ", ".join(p for p in parts if p)
    address["displayName"] = address["addressAsString"]


def validate(kind: str, body: Any, creating: bool) -> None:
    """Raise the 422 Tripletex would answer for this body."""
    if not isinstance(body, dict):
        raise ApiError(422, 16000, "Request mapping failed", [("", "Expected a JSON object")])
    allowed = _known_fields(kind)
    for key in body:
        if key not in allowed:
            raise ApiError(422, 16000, "Request mapping failed", [(key, f"Illegal field in request: {key}")])
    if creating and not (body.get("name") or "").strip():
        raise validation_error("name", "Feltet må fylles ut.")
    if "name" in body and not (body.get("name") or "").strip():
        raise validation_error("name", "Feltet må fylles ut.")
    for key, limit in MAX_LENGTH.items():
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            raise ApiError(422, 16000, "Request mapping failed", [(key, "Expected a string")])
        if isinstance(value, str) and len(value) > limit:
            raise validation_error(key, f"Verdien er for lang. Maks antall tegn er {limit}.")
    for key in ("email", "invoiceEmail"):
        value = body.get(key)
        if value and not EMAIL.match(value):
            raise validation_error(key, "Ugyldig e-postadresse.")
    if "language" in body and body["language"] not in LANGUAGES and body["language"] is not None:
        raise ApiError(422, 16000, "Request mapping failed",
                       [("language", f"Ugyldig verdi. Gyldige verdier: {', '.join(LANGUAGES)}")])
    for key in INT_FIELDS:
        if key in body and body[key] is not None and (not isinstance(body[key], int) or isinstance(body[key], bool)
                                                      or not -2**31 <= body[key] < 2**31):
            raise ApiError(422, 16000, "Request mapping failed", [(key, "Expected an int32")])
    for key in BOOL_FIELDS:
        if key in body and not isinstance(body[key], bool):
            raise ApiError(422, 16000, "Request mapping failed", [(key, "Expected a boolean")])
    if "version" in body and body["version"] is not None and not isinstance(body["version"], int):
        raise ApiError(422, 16000, "Request mapping failed", [("version", "Expected an integer")])
    currency = body.get("currency")
    if currency is not None and (not isinstance(currency, dict) or currency.get("id") not in CURRENCY_IDS):
        raise validation_error("currency.id", "Valutaen finnes ikke.")
    for key in ADDRESS_FIELDS:
        address = body.get(key)
        if address is None:
            continue
        if not isinstance(address, dict):
            raise ApiError(422, 16000, "Request mapping failed", [(key, "Expected an object")])
        for part, limit in ADDRESS_MAX_LENGTH.items():
            value = address.get(part)
            if isinstance(value, str) and len(value) > limit:
                raise validation_error(f"{key}.{part}", f"Verdien er for lang. Maks antall tegn er {limit}.")
        country = address.get("country")
        if country is not None and (not isinstance(country, dict) or country.get("id") not in COUNTRY_IDS):
            raise validation_error(f"{key}.country.id", "Landet finnes ikke.")


def _known_fields(kind: str) -> set[str]:
    common = {"id", "version", "url", "changes", "name", "organizationNumber", "supplierNumber", "customerNumber",
              "isSupplier", "isCustomer", "isInactive", "accountManager", "email", "invoiceEmail",
              "overdueNoticeEmail", "bankAccounts", "phoneNumber", "phoneNumberMobile", "description", "language",
              "displayName", "isPrivateIndividual", "postalAddress", "physicalAddress", "deliveryAddress",
              "category1", "category2", "category3", "bankAccountPresentation", "currency", "ledgerAccount",
              "website", "department", "isWholesaler", "locale"}
    return common | (CUSTOMER_ONLY if kind == "customer" else SUPPLIER_ONLY)


def new_party(
    kind: str, pid: int, number: int, address_ids: tuple[int, int, int], body: dict[str, Any]
) -> dict[str, Any]:
    """A created object with every default the live API fills in ("" for strings, 0 for unset integers)."""
    obj: dict[str, Any] = {
        "id": pid,
        "version": 1,
        "url": f"tripletex.no/v2/{kind}/{pid}",
        "name": "",
        "organizationNumber": "",
        "supplierNumber": 0,
        "customerNumber": 0,
        "isSupplier": kind == "supplier",
        "isCustomer": kind == "customer",
        "isInactive": False,
        "accountManager": None,
        "email": "",
        "invoiceEmail": "",
        "overdueNoticeEmail": "",
        "bankAccounts": [],
        "phoneNumber": "",
        "phoneNumberMobile": "",
        "description": "",
        "language": "NO",
        "displayName": "",
        "isPrivateIndividual": False,
        "postalAddress": new_address(address_ids[0], None),
        "physicalAddress": new_address(address_ids[1], None),
        "deliveryAddress": None,
        "category1": None,
        "category2": None,
        "category3": None,
        "bankAccountPresentation": [],
        "currency": ref("currency", NOK_ID),
        "ledgerAccount": None,
        "website": "",
    }
    if kind == "customer":
        obj.update({
            "globalLocationNumber": 0, "department": None, "singleCustomerInvoice": False,
            "invoiceSendMethod": "EMAIL", "emailAttachmentType": "LINK", "invoicesDueIn": 14,
            "invoicesDueInType": "DAYS", "isFactoring": False, "invoiceSendSMSNotification": False,
            "invoiceSMSNotificationNumber": "", "isAutomaticSoftReminderEnabled": False,
            "isAutomaticReminderEnabled": False, "isAutomaticNoticeOfDebtCollectionEnabled": False,
            "discountPercentage": 0.0,
        })
    else:
        obj.update({"showProducts": False, "isWholesaler": False, "locale": "nb_NO"})
    obj[NUMBER_FIELD[kind]] = number
    given = {k: v for k, v in body.items() if k != "version"}
    for key in ("postalAddress", "physicalAddress"):  # addresses sent on create fill the default ones
        if isinstance(given.get(key), dict):
            given[key] = {**given[key], "id": obj[key]["id"]}
    apply_update(obj, given, lambda: address_ids[2], track_changes=False)
    obj["version"] = 1
    return obj


def apply_update(obj: dict[str, Any], body: dict[str, Any], next_address_id, track_changes: bool = True) -> bool:
    """Partial update: only fields present change. Returns whether anything changed.

    An address sent with the id of the existing address is updated in place; one sent without an id replaces it
    with a new address object (which is why a client must carry the id).
    """
    before = json.dumps(obj, sort_keys=True) if track_changes else ""
    for key, value in body.items():
        if key in READ_ONLY or key == "version":
            continue
        if key in ADDRESS_FIELDS:
            current = obj.get(key)
            if value is None:
                obj[key] = None if key == "deliveryAddress" else current
            elif current is not None and value.get("id") == current["id"]:
                _merge_address(current, value)
            else:
                obj[key] = new_address(next_address_id(), value)
        elif key in REF_FIELDS:
            obj[key] = ref(key if key != "accountManager" else "employee", value["id"]) if value else None
        elif key in STRING_FIELDS:
            obj[key] = value if value is not None else ""
        elif key == "name":
            obj[key] = value.strip()
        else:
            obj[key] = value
    obj["displayName"] = obj["name"]
    return track_changes and json.dumps(obj, sort_keys=True) != before
