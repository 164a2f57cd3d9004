"""Links that people change by hand: the reference on the Telaris record is the link, and the product follows it —
cleared, the pair unlinks (and `link_missing` names it when its counterpart is certain); pointed at another Tripletex
record, the pair relinks under the first-link rules; either way recorded in `link_changes` and `audit`. Following the
`mislinked` finding's own fix makes the finding go away."""

from __future__ import annotations

from sync_pipeline.diagnostics.findings import find
from sync_pipeline.domain.fields import Kind
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline_tests.sync_helpers import ORG_B, SyncRig, linked_pair


def findings(db, problem: str) -> list:
    with Warehouse(db).connect(read_only=True) as con:
        return find(con, (problem,), grace_minutes=10_000)


def set_reference(telaris_client, kind: Kind, record_id: str, tripletex_id: int | None) -> None:
    """What a person does in Telaris: edit the record's tripletex_id."""
    current = telaris_client.get(kind, record_id)
    telaris_client.patch(kind, record_id, {"tripletex_id": tripletex_id}, version=current["version"])


def test_a_cleared_reference_unlinks_the_pair_records_it_and_shows_as_link_missing(
        rig: SyncRig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    assert rig.query("SELECT count(*) FROM links WHERE telaris_id = ?", [t["id"]]) == [(1,)]

    set_reference(telaris_client, Kind.CUSTOMER, t["id"], None)
    rig.sync()
    assert rig.query("SELECT count(*) FROM links WHERE telaris_id = ?", [t["id"]]) == [(0,)], "the link stayed"
    assert rig.query("SELECT change, old_tripletex_id, new_tripletex_id, changed_by LIKE '%person in Telaris%' "
                     "FROM link_changes WHERE telaris_id = ?", [t["id"]]) == [("unlinked", x["id"], None, True)]
    assert rig.query("SELECT field, old_value, new_value FROM audit WHERE telaris_id = ? AND field = 'tripletex_id'",
                     [t["id"]]) == [("tripletex_id", str(x["id"]), None)]
    # its edits no longer flow, and the operator is told why: the counterpart is certain (same organisation number)
    [missing] = [f for f in findings(rig.db, "link_missing") if f.telaris_id == t["id"]]
    assert missing.tripletex_id == x["id"]
    current = telaris_client.get(Kind.CUSTOMER, t["id"])
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"}, version=current["version"])
    writes = rig.sync()
    assert writes["tripletex"] == [], "an unlinked pair was synced"


def test_following_mislinkeds_fix_clears_the_finding_and_relinks_to_the_right_record(
        rig: SyncRig, tripletex_client, telaris_client) -> None:
    right, wrong = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)[1], tripletex_client.create(
        Kind.SUPPLIER, {"name": "Annet Firma AS", "organizationNumber": ORG_B, "supplierNumber": 9999})
    t = telaris_client.get(Kind.SUPPLIER, next(r["id"] for page in telaris_client.iter_pages(Kind.SUPPLIER)
                                               for r in page if r["tripletex_id"] == right["id"]))
    set_reference(telaris_client, Kind.SUPPLIER, t["id"], wrong["id"])  # the initial linking's mistake, say
    rig.sync()
    mislinked = [f for f in findings(rig.db, "mislinked") if f.telaris_id == t["id"]]
    assert mislinked and "clear it" in mislinked[0].fix

    set_reference(telaris_client, Kind.SUPPLIER, t["id"], right["id"])  # the fix the finding prints
    rig.sync()
    assert [f for f in findings(rig.db, "mislinked") if f.telaris_id == t["id"]] == [], "the finding stayed"
    assert [f for f in findings(rig.db, "number_mismatch") if f.telaris_id == t["id"]] == []
    assert rig.query("SELECT tripletex_id, linked_by FROM links WHERE telaris_id = ?", [t["id"]]) == [
        (right["id"], "reference")]
    assert rig.query("SELECT change, old_tripletex_id, new_tripletex_id FROM link_changes WHERE telaris_id = ?",
                     [t["id"]]) == [("repointed", wrong["id"], right["id"])]

    current = telaris_client.get(Kind.SUPPLIER, t["id"])
    telaris_client.patch(Kind.SUPPLIER, t["id"], {"email": "faktura@fjord.no"}, version=current["version"])
    rig.sync()
    assert tripletex_client.get(Kind.SUPPLIER, right["id"])["email"] == "faktura@fjord.no"
    assert tripletex_client.get(Kind.SUPPLIER, wrong["id"])["email"] in (None, ""), "the old pair was written"


def test_a_reference_from_before_the_link_was_made_does_not_unlink(rig: SyncRig, tripletex_client,
                                                                   telaris_client) -> None:
    """A snapshot extracted before our own link was written (a process killed in between) is no person's edit."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    rig.query("SELECT 1")  # the file is free
    import duckdb

    with duckdb.connect(str(rig.db)) as con:
        con.execute("UPDATE telaris_customers SET tripletex_id = NULL, extracted_at = extracted_at - INTERVAL 1 DAY "
                    "WHERE record_id = ?", [t["id"]])
    rig.run(selection=["sync_plan"])
    assert rig.query("SELECT tripletex_id FROM links WHERE telaris_id = ?", [t["id"]]) == [(x["id"],)]


def test_a_reference_cleared_and_set_back_resumes_where_it_was(rig: SyncRig, tripletex_client,
                                                               telaris_client) -> None:
    """Base outlives the unlink: a Tripletex edit made meanwhile is a one-sided change when the reference comes back,
    not a first-link conflict that Telaris (master of customers) would win."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    set_reference(telaris_client, Kind.CUSTOMER, t["id"], None)
    rig.sync()
    tripletex_client.update(Kind.CUSTOMER, x["id"], {"email": "regnskap@fjord.no"})
    set_reference(telaris_client, Kind.CUSTOMER, t["id"], x["id"])
    rig.sync()
    assert telaris_client.get(Kind.CUSTOMER, t["id"])["email"] == "regnskap@fjord.no"
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["email"] == "regnskap@fjord.no", "the edit was undone"
