"""A write whose answer is lost: what the pipeline takes for its own echo, and what it must not.

An update that met a lost answer, a 5xx or a stale-version refusal may still have been carried out. The applier
reads the target back at once (`Applier._landed`); a process killed before that leaves the intent marked in flight
for the next diff (engine.echoes; both paths in test_trust.py). Neither may take a person's edit for our echo."""

from __future__ import annotations

from sync_pipeline.domain.fields import Kind
from sync_pipeline_tests.sync_helpers import linked_pair


def test_a_users_edit_equal_to_a_write_that_never_landed_is_theirs(rig, tripletex_client, telaris_client):
    """Suppliers, latest wins. Our write {email: A} never reaches Tripletex (503s, stays pending). The Telaris user
    corrects A -> C; afterwards a Tripletex user types A (the address they were told). The Tripletex edit is the
    latest and wins: a write the target refused outright was never in flight, so an equal value one version on is
    a person's, not our echo."""
    kind = Kind.SUPPLIER
    t, x = linked_pair(tripletex_client, telaris_client, kind)
    rig.sync()
    telaris_client.patch(kind, t["id"], {"email": "a@fjord.no"}, version=telaris_client.get(kind, t["id"])["version"])
    rig.tripletex_admin.fault(kind="status", status=503, count=None, method="PUT", path="/v2/supplier")
    rig.sync()
    rig.tripletex_admin.clear_faults()
    assert tripletex_client.get(kind, x["id"])["email"] == "post@fjord.no", "nothing landed"
    assert rig.query("SELECT status FROM outbox WHERE action = 'update'") == [("pending",)]
    telaris_client.patch(kind, t["id"], {"email": "c@fjord.no"}, version=telaris_client.get(kind, t["id"])["version"])
    tripletex_client.update(kind, x["id"], {"email": "a@fjord.no"})  # the latest edit
    rig.sync()
    rig.sync()
    assert tripletex_client.get(kind, x["id"])["email"] == "a@fjord.no", "the latest edit was undone"
    assert telaris_client.get(kind, t["id"])["email"] == "a@fjord.no"


def test_a_lost_answer_then_an_edit_in_the_target_is_not_undone(rig, tripletex_client, telaris_client):
    """Customers, Telaris wins. Our write of A lands in Tripletex, its answer is lost; then a Tripletex user edits
    on top of it (A -> D, version+2). The read-back right after the lost answer confirms A, so base is A and D is
    a one-sided change that flows to Telaris, not a conflict Telaris would win."""
    kind = Kind.CUSTOMER
    t, x = linked_pair(tripletex_client, telaris_client, kind)
    rig.sync()
    telaris_client.patch(kind, t["id"], {"email": "a@fjord.no"}, version=telaris_client.get(kind, t["id"])["version"])
    rig.tripletex_admin.fault(kind="commit_drop", count=1, method="PUT", path="/v2/customer")
    rig.sync()
    assert tripletex_client.get(kind, x["id"])["email"] == "a@fjord.no"
    tripletex_client.update(kind, x["id"], {"email": "d@fjord.no"})
    rig.sync()
    rig.sync()
    assert tripletex_client.get(kind, x["id"])["email"] == "d@fjord.no", "the user's edit on our echo was undone"
    assert telaris_client.get(kind, t["id"])["email"] == "d@fjord.no"


def test_a_lost_answer_with_an_unsendable_field_never_undoes_the_next_edit(rig, tripletex_client, telaris_client):
    """Suppliers. The Telaris user changes e-mail and language (Swedish, which Tripletex lacks) together: the
    intent holds both, only e-mail is sent; it lands, the answer is lost. The read-back compares what was sent
    (e-mail alone), so the write counts as carried out and the next edit wins."""
    kind = Kind.SUPPLIER
    t, x = linked_pair(tripletex_client, telaris_client, kind)
    rig.sync()
    telaris_client.patch(kind, t["id"], {"email": "forst@fjord.no", "language": "sv"},
                         version=telaris_client.get(kind, t["id"])["version"])
    rig.tripletex_admin.fault(kind="commit_drop", count=1, method="PUT", path="/v2/supplier")
    rig.sync()
    assert tripletex_client.get(kind, x["id"])["email"] == "forst@fjord.no"
    telaris_client.patch(kind, t["id"], {"email": "sist@fjord.no"},
                         version=telaris_client.get(kind, t["id"])["version"])
    rig.sync()
    rig.sync()
    assert telaris_client.get(kind, t["id"])["email"] == "sist@fjord.no", "the user's next edit was undone"
    assert tripletex_client.get(kind, x["id"])["email"] == "sist@fjord.no"
