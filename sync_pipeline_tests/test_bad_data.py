"""The bad data catalogue, end to end: a value the other system cannot hold is parked with a clear reason, never
sent, never dropped, and the rest of the same change still syncs."""

from __future__ import annotations

import pytest

from sync_pipeline.domain.fields import Kind
from sync_pipeline_tests.sync_helpers import SyncRig
from sync_pipeline_tests.test_sync_rules import linked_pair

TELARIS_SIDE = [  # (Telaris merge patch with the bad value, the Tripletex field it must not reach, reason text)
    ({"language": "sv"}, "language", "only NO and EN"),
    ({"currency": "XYZ"}, "currency", "not known to Tripletex"),
    ({"address": {"country": "ZZ"}}, "postalAddress", "not known to Tripletex"),
    ({"address": {"postal_code": "5" * 30}}, "postalAddress", "for lang"),
    ({"address": {"city": "Bergen" * 25}}, "postalAddress", "for lang"),
]
TRIPLETEX_SIDE = [  # (Tripletex partial update with the bad value, the Telaris field, reason text)
    ({"organizationNumber": "974760674"}, "organisation_number", "invalid Norwegian organisation number"),
    ({"phoneNumber": "+47 " + "9" * 70}, "phone", "phone"),
]


@pytest.fixture
def rig(tripletex_server, telaris_server, tmp_path, tripletex_admin, telaris_admin) -> SyncRig:
    return SyncRig(tripletex_server, telaris_server, tmp_path, tripletex_admin, telaris_admin)


@pytest.mark.parametrize(("bad", "target_field", "reason"), TELARIS_SIDE,
                         ids=[str(list(b)[0]) + ("." + list(b.get("address", {}))[0] if "address" in b else "")
                              for b, _, _ in TELARIS_SIDE])
def test_a_value_tripletex_cannot_hold_is_parked_and_the_rest_is_sent(rig, tripletex_client, telaris_client, bad,
                                                                      target_field, reason) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    before = tripletex_client.get(Kind.SUPPLIER, x["id"])
    version = telaris_client.get(Kind.SUPPLIER, t["id"])["version"]
    telaris_client.patch(Kind.SUPPLIER, t["id"], {**bad, "email": "god@fjord.no"}, version=version)
    rig.sync()
    after = tripletex_client.get(Kind.SUPPLIER, x["id"])
    assert after["email"] == "god@fjord.no", "the rest of the change still syncs"
    assert after[target_field] == before[target_field], "the bad value is never sent"
    [(error,)] = rig.query("SELECT last_error FROM outbox WHERE status = 'parked'")
    assert reason in error
    listed = rig.metadata(rig.run(), "parked_records")
    assert listed["dagster/row_count"] == 1 and reason in listed["preview"], "never dropped: shown to an operator"


@pytest.mark.parametrize(("bad", "target_field", "reason"), TRIPLETEX_SIDE,
                         ids=[next(iter(b)) for b, _, _ in TRIPLETEX_SIDE])
def test_a_value_telaris_cannot_hold_is_parked_and_the_rest_is_sent(rig, tripletex_client, telaris_client, bad,
                                                                    target_field, reason) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    before = telaris_client.get(Kind.SUPPLIER, t["id"])
    tripletex_client.update(Kind.SUPPLIER, x["id"], {**bad, "email": "god@fjord.no"})
    rig.sync()
    after = telaris_client.get(Kind.SUPPLIER, t["id"])
    assert after["email"] == "god@fjord.no"
    assert after[target_field] == before[target_field]
    [(error,)] = rig.query("SELECT last_error FROM outbox WHERE status = 'parked'")
    assert reason in error
