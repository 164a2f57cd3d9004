"""The bad data catalogue, end to end: a value the other system cannot hold (or that nobody should write anywhere:
control characters, broken characters) is parked with a clear reason, never sent, never dropped, and the rest of the
same change still syncs. Over-long bodies are refused at the webhook receiver (test_webhook_receiver); malformed
e-mail addresses cannot be stored by either system, whose sandboxes refuse them with a 422 naming the field."""

from __future__ import annotations

import pytest

from sync_pipeline.domain.fields import Kind
from sync_pipeline_tests.sync_helpers import linked_pair

TELARIS_SIDE = [  # (Telaris merge patch with the bad value, the Tripletex field it must not reach, reason text)
    pytest.param({"language": "sv"}, "language", "only NO and EN", id="language"),
    pytest.param({"currency": "XYZ"}, "currency", "not known to Tripletex", id="currency"),
    pytest.param({"address": {"country": "ZZ"}}, "postalAddress", "not known to Tripletex", id="country"),
    pytest.param({"address": {"postal_code": "5" * 30}}, "postalAddress", "for lang", id="postal_code-too-long"),
    pytest.param({"address": {"city": "Bergen" * 25}}, "postalAddress", "for lang", id="city-too-long"),
    pytest.param({"name": "Fjord\x07Bygg AS"}, "name", "control character U+0007", id="control-character"),
    # a lone UTF-16 surrogate: what a broken character looks like in JSON from a Java or JavaScript back end; it
    # cannot be UTF-8 and DuckDB refuses the page holding it, which used to stop every record of the extraction
    pytest.param({"name": "Fjord\ud800Bygg AS"}, "name", "broken character", id="not-unicode"),
]
TRIPLETEX_SIDE = [  # (Tripletex partial update with the bad value, the Telaris field, reason text)
    pytest.param({"organizationNumber": "974760674"}, "organisation_number", "invalid Norwegian organisation number",
                 id="organisation_number"),
    pytest.param({"phoneNumber": "+47 " + "9" * 70}, "phone", "phone", id="phone-too-long"),
    pytest.param({"name": "Fjord\x00Bygg AS"}, "name", "control character U+0000", id="nul-character"),
]


@pytest.mark.parametrize(("bad", "target_field", "reason"), TELARIS_SIDE)
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


@pytest.mark.parametrize(("bad", "target_field", "reason"), TRIPLETEX_SIDE)
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
