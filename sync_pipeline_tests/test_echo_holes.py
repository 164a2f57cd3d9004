"""Review of 1b3879b (engine/echoes.py): cases the lost-answer rule gets wrong or misses.

`old_code` runs the same scenario with confirm_lost_answers switched off (the code before 1b3879b), to tell a
regression from a case the fix simply does not cover."""

from __future__ import annotations

import pytest

from sync_pipeline.domain.fields import Kind
from sync_pipeline.engine import diff
from sync_pipeline_tests.sync_helpers import linked_pair


@pytest.fixture(params=["new_code", "old_code"])
def code(request, monkeypatch):
    if request.param == "old_code":
        monkeypatch.setattr(diff, "confirm_lost_answers", lambda *a, **k: 0)
    return request.param


def test_a_never_sent_intent_is_confirmed_by_a_users_equal_edit(rig, tripletex_client, telaris_client, code):
    """Suppliers, latest wins. Our write {email: A} never reaches Tripletex (503s, stays pending). The Telaris user
    corrects A -> C; afterwards a Tripletex user types A (the address they were told). The Tripletex edit is the
    latest and must win; the rule takes it for our echo (version+1, same value), advances base to A, and sends C
    over it -- and writes an audit row for a write that never happened."""
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


def test_a_lost_answer_then_an_edit_in_the_target_is_not_undone(rig, tripletex_client, telaris_client, code):
    """Customers, Telaris wins. Our write of A lands in Tripletex, its answer is lost; then a Tripletex user edits
    on top of it (A -> D, version+2). With the answer, base would be A and D a one-sided change. The rule needs
    exactly version+1, so it sees a conflict and Telaris's A overwrites D."""
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


def test_a_lost_answer_with_an_unsendable_field_never_undoes_the_next_edit(rig, tripletex_client, telaris_client,
                                                                           code):
    """Suppliers. The Telaris user changes e-mail and language (Swedish, which Tripletex lacks) together: the
    intent holds both, only e-mail is sent; it lands, the answer is lost. Tripletex never holds `language: sv`, so
    the rule's "every value it wrote" never matches, and the echo wins the next edit's conflict as before."""
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


@pytest.mark.parametrize("kind", [Kind.CUSTOMER, Kind.SUPPLIER])
@pytest.mark.parametrize("target", ["tripletex", "telaris"])
def test_without_the_read_back_the_next_diff_confirms_an_in_flight_write(rig, tripletex_client, telaris_client,
                                                                         target, kind, monkeypatch):
    """The path a SIGKILL leaves (no read-back happened): engine.echoes still confirms the marked intent."""
    from sync_pipeline.engine.apply import Applier

    def no_read_back(exc, intent, sent, read):
        raise exc
    monkeypatch.setattr(Applier, "_landed", staticmethod(no_read_back))
    t, x = linked_pair(tripletex_client, telaris_client, kind)
    rig.sync()
    plural = f"{kind.value}s"
    if target == "tripletex":
        telaris_client.patch(kind, t["id"], {"email": "forst@fjord.no"}, version=t["version"])
        rig.tripletex_admin.fault(kind="commit_drop", count=1, method="PUT", path=f"/v2/{kind.value}")
    else:
        tripletex_client.update(kind, x["id"], {"email": "forst@fjord.no"})
        rig.telaris_admin.fault(kind="commit_drop", count=1, method="PATCH", path=f"/api/v1/{plural}")
    rig.sync()
    assert rig.query("SELECT in_flight FROM outbox WHERE action = 'update'") == [(True,)]
    if target == "tripletex":
        telaris_client.patch(kind, t["id"], {"email": "sist@fjord.no"},
                             version=telaris_client.get(kind, t["id"])["version"])
    else:
        tripletex_client.update(kind, x["id"], {"email": "sist@fjord.no"})
    rig.sync()
    rig.sync()
    assert telaris_client.get(kind, t["id"])["email"] == tripletex_client.get(kind, x["id"])["email"] == \
        "sist@fjord.no"
