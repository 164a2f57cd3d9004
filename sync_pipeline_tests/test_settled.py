"""A sync's own writes start no second run: the sync hands the change probe a baseline taken after its last write
(tenants.settled), and a person's change after it, or while the sync ran, still starts one. Against both real
sandboxes and the real sync (Dagster materialisations)."""

from __future__ import annotations

import duckdb

from sync_pipeline.domain.fields import Kind
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.tenants.probe import probe
from sync_pipeline.tenants.settled import published, settle
from sync_pipeline_tests.sync_helpers import SyncRig, linked_pair


def test_a_syncs_own_writes_are_no_change_but_a_persons_after_it_is(rig: SyncRig, tripletex_client,
                                                                     telaris_client) -> None:
    """A person edits in Tripletex; the sync writes it to Telaris (within the probe's ten-second overlap) and to
    nowhere else. Against the probe's state from before the sync, that write is a change (the second run); against
    the baseline the sync published, it is none. An edit after it is, even of the record the sync just wrote."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    before = probe((tripletex_client, telaris_client), None).new_state
    tripletex_client.update(Kind.CUSTOMER, x["id"], {"email": "ny@fjord.no"})
    writes = rig.sync()
    assert [w["method"] for w in writes["telaris"]] == ["PATCH"], writes
    assert probe((tripletex_client, telaris_client), before).changed, "the sync's write, against the old state"

    baseline = published(rig.db.parent)
    assert baseline is not None and baseline.acknowledged, baseline
    assert not probe((tripletex_client, telaris_client), baseline).changed, "the sync's own write started a run"

    now = telaris_client.get(Kind.CUSTOMER, t["id"])
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"phone": "+4790000001"}, version=now["version"])
    found = probe((tripletex_client, telaris_client), baseline)
    assert found.changed and "telaris customers changed" in found.reason, found


def test_a_change_made_while_the_sync_ran_publishes_no_baseline_and_is_sent_next(rig: SyncRig, tripletex_client,
                                                                                 telaris_client) -> None:
    """A person's edit the sync's own extraction did not see (made while it wrote): settling reads it, finds
    something to write, and publishes nothing, so the probe's own state still calls it a change. The count is
    rolled back (the next run plans for itself) and the next sync sends the edit."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    first = published(rig.db.parent)
    assert first is not None
    now = telaris_client.get(Kind.CUSTOMER, t["id"])
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "mens@fjord.no"}, version=now["version"])
    with duckdb.connect(str(rig.db)) as con:
        result = settle(con, TelarisSource(telaris_client), TripletexSource(tripletex_client), rig.db.parent,
                        "settle-test")
        assert con.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchall() == [(0,)]
    assert not result.published and result.pending == 1, result
    assert published(rig.db.parent) == first, "a baseline that hides the edit was published"
    assert probe((tripletex_client, telaris_client), first).changed
    rig.sync()
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["email"] == "mens@fjord.no"


def test_a_system_failing_while_the_sync_settles_fails_no_run_and_publishes_nothing(rig: SyncRig, tripletex_client,
                                                                                  telaris_client) -> None:
    """The sync's writes are made when it settles: Telaris refusing the settling reads costs the probe's saving
    (nothing published, said in one line), not the run. An unreadable baseline file is no baseline."""
    linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    first = published(rig.db.parent)
    rig.telaris_admin.fault(kind="status", status=400, count=None, path="/api/v1/suppliers")
    try:
        result = rig.metadata(rig.run(selection=["sync_settled"]), "sync_settled")  # as "Materialize selected"
    finally:
        rig.telaris_admin.clear_faults()
    assert result["baseline_published"] is False, result
    assert result["outcome"].startswith("no baseline for the change probe:") and "\n" not in result["outcome"]
    assert published(rig.db.parent) == first
    (rig.db.parent / "probe_baseline.json").write_text("{not json")
    assert published(rig.db.parent) is None
