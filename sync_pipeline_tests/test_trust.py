"""The promises a user relies on, broken the way a user would break them: never undo an edit, never create twice,
never lose a change. Each test here failed on the code before its fix."""

from __future__ import annotations

import pytest

from sync_pipeline.domain.fields import Kind
from sync_pipeline_tests.sync_helpers import SyncRig
from sync_pipeline_tests.test_sync_rules import linked_pair

PLAN_AND_APPLY = ["sync_plan", "sync_applied"]


@pytest.fixture
def rig(tripletex_server, telaris_server, tmp_path, tripletex_admin, telaris_admin) -> SyncRig:
    return SyncRig(tripletex_server, telaris_server, tmp_path, tripletex_admin, telaris_admin)


@pytest.mark.parametrize("edited_in", ["telaris", "tripletex"])
def test_planning_again_without_extraction_never_reverts_our_write(rig, tripletex_client, telaris_client,
                                                                   edited_in) -> None:
    """After a sync wrote a change across, materialising plan + apply alone (as the UI invites) must not see the
    stale snapshot of the target as a change of its own and write the old value back."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    if edited_in == "telaris":
        telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"}, version=t["version"])
    else:
        tripletex_client.update(Kind.CUSTOMER, x["id"], {"email": "ny@fjord.no"})
    rig.sync()
    rig.tripletex_admin.clear_log()
    rig.telaris_admin.clear_log()
    rig.run(selection=PLAN_AND_APPLY)
    assert rig.writes(rig.tripletex_admin, "/v2/") == []
    assert rig.writes(rig.telaris_admin, "/api/v1/") == []
    assert telaris_client.get(Kind.CUSTOMER, t["id"])["email"] == "ny@fjord.no"
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["email"] == "ny@fjord.no"
    rig.assert_hashes_current()
    snapshot = rig.query("SELECT email, version FROM tripletex_customers")
    assert snapshot == [("ny@fjord.no", tripletex_client.get(Kind.CUSTOMER, x["id"])["version"])]
    snapshot = rig.query("SELECT email, version FROM telaris_customers")
    assert snapshot == [("ny@fjord.no", telaris_client.get(Kind.CUSTOMER, t["id"])["version"])]


def all_records(client, kind: Kind) -> list[dict]:
    if hasattr(client, "search"):
        return client.search(kind)
    return [r for page in client.iter_pages(kind) for r in page]


@pytest.mark.parametrize("identified_by", [{}, {"organisation_number": "923609016", "number": "777"}],
                         ids=["neither-orgnr-nor-number", "with-orgnr-and-number"])
def test_a_lost_answer_to_a_tripletex_create_makes_no_duplicate(rig, tripletex_client, telaris_client,
                                                                identified_by) -> None:
    """Tripletex commits the create, the answer never arrives: over three syncs, one supplier on each side."""
    supplier = telaris_client.create(Kind.SUPPLIER, {"name": "Tapt Svar AS", "email": "post@tapt.no",
                                                     **identified_by})
    rig.tripletex_admin.fault(kind="commit_drop", count=1, method="POST", path="/v2/supplier")
    for _ in range(3):
        rig.sync()
    posts = rig.tripletex_admin.requests("/v2/supplier", method="POST")
    assert len(posts) == 0, "the last syncs sent no create"
    [only] = all_records(tripletex_client, Kind.SUPPLIER)
    assert [(r["name"], r["tripletex_id"]) for r in all_records(telaris_client, Kind.SUPPLIER)] == [
        ("Tapt Svar AS", only["id"])]
    assert telaris_client.get(Kind.SUPPLIER, supplier["id"])["tripletex_id"] == only["id"]
    assert rig.query("SELECT tripletex_id, status FROM outbox WHERE action = 'create'") == [(only["id"], "done")]


def test_a_create_whose_outcome_cannot_be_known_is_parked_and_never_repeated(rig, tripletex_client,
                                                                             telaris_client) -> None:
    telaris_client.create(Kind.SUPPLIER, {"name": "Uvisst AS"})
    rig.tripletex_admin.fault(kind="commit_drop", count=1, method="POST", path="/v2/supplier")
    # the lookup that would tell us fails too
    rig.tripletex_admin.fault(kind="status", status=503, count=None, method="GET", path="/v2/supplier", after=2)
    rig.run(selection=["telaris_suppliers", "tripletex_suppliers", "sync_plan", "sync_applied"])
    [(status, error)] = rig.query("SELECT status, last_error FROM outbox WHERE action = 'create'")
    assert status == "parked" and error.startswith("create outcome unknown")
    assert len(rig.tripletex_admin.requests("/v2/supplier", method="POST")) == 1
    rig.tripletex_admin.clear_faults()
    rig.sync(parked_retry_minutes=0)
    rig.sync(parked_retry_minutes=0)
    assert len(rig.tripletex_admin.requests("/v2/supplier", method="POST")) == 0
    [only] = all_records(tripletex_client, Kind.SUPPLIER)
    assert [r["tripletex_id"] for r in all_records(telaris_client, Kind.SUPPLIER)] == [only["id"]]


def test_a_lost_answer_to_a_telaris_create_is_retried_with_its_key(rig, tripletex_client, telaris_client) -> None:
    created = tripletex_client.create(Kind.SUPPLIER, {"name": "Importert Igjen AS"})
    rig.telaris_admin.fault(kind="commit_drop", count=1, method="POST", path="/api/v1/suppliers")
    rig.sync()
    posts = rig.telaris_admin.requests("/api/v1/suppliers", method="POST")
    assert len({p["headers"]["idempotency-key"] for p in posts}) == 1
    rig.sync()
    assert [(r["name"], r["tripletex_id"]) for r in all_records(telaris_client, Kind.SUPPLIER)] == [
        ("Importert Igjen AS", created["id"])]
    assert len(all_records(tripletex_client, Kind.SUPPLIER)) == 1


@pytest.mark.parametrize("target", ["tripletex", "telaris"])
def test_a_lost_answer_to_an_update_converges_without_a_second_change(rig, tripletex_client, telaris_client,
                                                                      target) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    if target == "tripletex":
        telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"}, version=t["version"])
        rig.tripletex_admin.fault(kind="commit_drop", count=1, method="PUT", path="/v2/customer")
    else:
        tripletex_client.update(Kind.CUSTOMER, x["id"], {"email": "ny@fjord.no"})
        rig.telaris_admin.fault(kind="commit_drop", count=1, method="PATCH", path="/api/v1/customers")
    rig.sync()
    rig.sync()
    assert rig.sync() == {"tripletex": [], "telaris": []}
    assert telaris_client.get(Kind.CUSTOMER, t["id"])["email"] == "ny@fjord.no"
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["email"] == "ny@fjord.no"
    assert rig.query("SELECT email FROM base") == [("ny@fjord.no",)]
