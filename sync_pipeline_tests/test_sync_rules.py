"""The sync rules end to end: real Dagster runs against both sandboxes, proven by their request logs."""

from __future__ import annotations

import json

from sync_pipeline.domain.fields import Kind
from sync_pipeline_tests.sync_helpers import ORG_B, linked_pair


def test_identical_linked_pair_causes_no_writes(rig, tripletex_client, telaris_client) -> None:
    linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    writes = rig.sync()
    assert writes == {"tripletex": [], "telaris": []}
    assert rig.query("SELECT count(*) FROM base WHERE kind = 'customer'") == [(1,)]


def test_the_diff_reads_only_the_pairs_that_changed(rig, tripletex_client, telaris_client) -> None:
    def examined(result) -> int:
        return result.asset_materializations_for_node("sync_plan")[0].metadata["examined_pairs"].value

    t, _ = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    assert examined(rig.run()) == 2, "without base, every linked pair is looked at once"
    assert examined(rig.run()) == 0
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"}, version=t["version"])
    assert examined(rig.run()) == 1
    assert examined(rig.run()) == 0, "after the write, both sides hash like base again"


def test_telaris_change_sends_only_that_field_and_then_nothing(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "faktura@fjord.no", "address": {"city": "Oslo"}},
                         version=t["version"])
    writes = rig.sync()
    assert writes["telaris"] == []
    [put] = writes["tripletex"]
    assert put["method"] == "PUT" and put["path"] == f"/v2/customer/{x['id']}"
    address_id = tripletex_client.get(Kind.CUSTOMER, x["id"])["postalAddress"]["id"]
    assert put["body"] == {"email": "faktura@fjord.no", "postalAddress": {"city": "Oslo", "id": address_id},
                           "version": 1}
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["postalAddress"]["city"] == "Oslo"
    audited = rig.query("SELECT field, old_value, new_value FROM audit ORDER BY field")
    assert audited == [("city", "Bergen", "Oslo"), ("email", "post@fjord.no", "faktura@fjord.no")]
    assert rig.sync() == {"tripletex": [], "telaris": []}, "the echo of our own write is not a change"


def test_tripletex_change_patches_linked_customer_with_if_match(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    tripletex_client.update(Kind.CUSTOMER, x["id"], {"phoneNumber": "+47 400 00 000"})
    writes = rig.sync()
    assert writes["tripletex"] == []
    [patch] = writes["telaris"]
    assert patch["method"] == "PATCH" and patch["body"] == {"phone": "+4740000000"}
    assert patch["headers"]["if-match"] == str(t["version"])
    assert rig.sync() == {"tripletex": [], "telaris": []}


def test_unlinked_tripletex_customers_are_listed_never_imported(rig, tripletex_client, telaris_client) -> None:
    only_there = tripletex_client.create(Kind.CUSTOMER, {"name": "Bare Tripletex AS"})
    result_writes = rig.sync()
    assert result_writes["telaris"] == []
    result = rig.run()
    listed = rig.metadata(result, "unlinked_tripletex_customers")
    assert listed["dagster/row_count"] == 1 and str(only_there["id"]) in listed["preview"]


def test_conflicting_customer_edits_resolve_to_telaris(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"name": "Fjord Bygg Telaris AS"}, version=t["version"])
    tripletex_client.update(Kind.CUSTOMER, x["id"], {"name": "Fjord Bygg Tripletex AS"})
    rig.sync(dry_run=True)  # decided, not written: decided again next run, and still one conflict
    writes = rig.sync()
    assert [w["body"] for w in writes["tripletex"]] == [{"name": "Fjord Bygg Telaris AS", "version": 2}]
    assert writes["telaris"] == []
    assert rig.query("SELECT field, winner, policy FROM conflicts") == [("name", "telaris", "telaris_wins")]


def test_conflicting_supplier_edits_go_to_the_latest(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    telaris_client.patch(Kind.SUPPLIER, t["id"], {"email": "telaris@fjord.no"}, version=t["version"])
    tripletex_client.update(Kind.SUPPLIER, x["id"], {"email": "tripletex@fjord.no"})  # seen later: wins
    writes = rig.sync()
    assert writes["tripletex"] == []
    assert [w["body"] for w in writes["telaris"]] == [{"email": "tripletex@fjord.no"}]
    assert rig.query("SELECT winner, policy FROM conflicts") == [("tripletex", "latest_wins")]


def test_both_sides_changed_to_the_same_value_writes_nothing(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    telaris_client.patch(Kind.SUPPLIER, t["id"], {"email": "same@fjord.no"}, version=t["version"])
    tripletex_client.update(Kind.SUPPLIER, x["id"], {"email": "SAME@fjord.no"})
    assert rig.sync() == {"tripletex": [], "telaris": []}
    assert rig.query("SELECT email FROM base") == [("same@fjord.no",)]


def test_new_telaris_supplier_is_created_once_and_linked(rig, tripletex_client, telaris_client) -> None:
    supplier = telaris_client.create(Kind.SUPPLIER, {"name": "Ny Leverandør AS", "organisation_number": ORG_B,
                                                     "number": "777", "language": "nb"})
    writes = rig.sync()
    [post] = [w for w in writes["tripletex"] if w["method"] == "POST"]
    assert post["body"]["organizationNumber"] == ORG_B and post["body"]["supplierNumber"] == 777
    linked = telaris_client.get(Kind.SUPPLIER, supplier["id"])["tripletex_id"]
    assert linked and tripletex_client.get(Kind.SUPPLIER, linked)["name"] == "Ny Leverandør AS"
    again = rig.sync()
    assert again == {"tripletex": [], "telaris": []}


def test_new_telaris_supplier_links_to_an_existing_tripletex_one(rig, tripletex_client, telaris_client) -> None:
    existing = tripletex_client.create(Kind.SUPPLIER, {"name": "Gammel Leverandør AS", "organizationNumber": ORG_B})
    supplier = telaris_client.create(Kind.SUPPLIER, {"name": "Gammel Leverandør AS",
                                                     "organisation_number": "923 609 016"})
    writes = rig.sync()
    assert [w for w in writes["tripletex"] if w["method"] == "POST"] == []
    assert telaris_client.get(Kind.SUPPLIER, supplier["id"])["tripletex_id"] == existing["id"]
    assert rig.query("SELECT linked_by FROM links WHERE kind = 'supplier'") == [("organisation_number",)]


def test_crash_after_create_does_not_duplicate(rig, tripletex_client, telaris_client, telaris_admin) -> None:
    telaris_client.create(Kind.SUPPLIER, {"name": "Skjør AS", "organisation_number": ORG_B})
    # the Tripletex create succeeds, writing the link back to Telaris fails: the run ends with the intent pending
    telaris_admin.fault(kind="status", status=503, count=None, method="PATCH", path="/api/v1/suppliers")
    rig.run()
    assert len(tripletex_client.search(Kind.SUPPLIER, organizationNumber=ORG_B)) == 1
    assert rig.query("SELECT status FROM outbox WHERE action = 'create'") == [("pending",)]
    telaris_admin.clear_faults()
    writes = rig.sync()
    assert [w for w in writes["tripletex"] if w["method"] == "POST"] == [], "looked up, not created again"
    [only] = tripletex_client.search(Kind.SUPPLIER, organizationNumber=ORG_B)
    # the retry found its own earlier create by organisation number and linked to it
    assert rig.query("SELECT action, status FROM outbox ORDER BY action") == [("create", "superseded"),
                                                                           ("link", "done")]
    [supplier] = [r for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page]
    assert supplier["tripletex_id"] == only["id"]


def test_new_tripletex_supplier_is_imported_with_its_link(rig, tripletex_client, telaris_client) -> None:
    created = tripletex_client.create(Kind.SUPPLIER, {"name": "Importert AS", "organizationNumber": ORG_B,
                                                      "language": "EN"})
    writes = rig.sync()
    [post] = writes["telaris"]
    assert post["method"] == "POST" and post["body"]["tripletex_id"] == created["id"]
    assert post["body"]["language"] == "en" and post["headers"]["idempotency-key"]
    imported = [r for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page]
    assert [(r["name"], r["tripletex_id"]) for r in imported] == [("Importert AS", created["id"])]
    assert rig.sync() == {"tripletex": [], "telaris": []}


def test_customer_is_created_in_tripletex_only_on_invoice_export(rig, tripletex_client, telaris_client) -> None:
    customer = telaris_client.create(Kind.CUSTOMER, {"name": "Fakturakunde AS", "organisation_number": ORG_B})
    assert rig.sync() == {"tripletex": [], "telaris": []}, "saving a customer in Telaris creates nothing"
    export = telaris_client.create_invoice_export("F-1001", customer["id"])
    writes = rig.sync()
    [post] = [w for w in writes["tripletex"] if w["method"] == "POST"]
    assert post["path"] == "/v2/customer" and post["body"]["organizationNumber"] == ORG_B
    linked = telaris_client.get(Kind.CUSTOMER, customer["id"])["tripletex_id"]
    assert linked == tripletex_client.search(Kind.CUSTOMER, organizationNumber=ORG_B)[0]["id"]
    assert telaris_client.pending_invoice_exports() == []
    ready = [w for w in writes["telaris"] if w["path"].endswith("/customer-ready")]
    assert ready[0]["path"] == f"/api/v1/invoice-exports/{export['id']}/customer-ready"
    assert ready[0]["body"] == {"tripletex_customer_id": linked}


def test_invoice_export_fails_with_a_reason_when_the_customer_cannot_exist(rig, telaris_client) -> None:
    customer = telaris_client.create(Kind.CUSTOMER, {"name": "Svensk Kund AB", "language": "sv",
                                                     "address": {"country": "SE"}})
    telaris_client.create_invoice_export("F-2001", customer["id"])
    writes = rig.sync()
    [failed] = [w for w in writes["telaris"] if w["path"].endswith("/failed")]
    assert "only NO and EN" in failed["body"]["reason"]
    assert writes["tripletex"] == []


def test_refused_data_is_parked_with_its_reason_and_retried(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    telaris_client.patch(Kind.SUPPLIER, t["id"], {"language": "sv"}, version=t["version"])
    writes = rig.sync()
    assert writes["tripletex"] == []
    result = rig.run()
    parked = rig.metadata(result, "parked_records")
    assert parked["dagster/row_count"] == 1 and "only NO and EN" in parked["preview"]
    assert rig.query("SELECT attempts FROM outbox WHERE status = 'parked'") == [(1,)], "backing off, not hammering"
    rig.run(parked_retry_minutes=0)
    assert rig.query("SELECT attempts FROM outbox WHERE status = 'parked'") == [(2,)], "retried once due"


def test_a_change_racing_the_apply_is_never_overwritten(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "fra.telaris@fjord.no"}, version=t["version"])
    rig.run(selection=["telaris_customers", "tripletex_customers", "telaris_suppliers", "tripletex_suppliers",
                       "sync_plan"])
    tripletex_client.update(Kind.CUSTOMER, x["id"], {"email": "fra.tripletex@fjord.no"})  # between plan and apply
    rig.run(selection=["sync_applied"])
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["email"] == "fra.tripletex@fjord.no"
    assert rig.query("SELECT status FROM outbox") == [("superseded",)]
    writes = rig.sync()  # recomputed from fresh data: a conflict now, which Telaris wins for customers
    assert [w["body"].get("email") for w in writes["tripletex"]] == ["fra.telaris@fjord.no"]


def test_dry_run_shows_the_writes_and_sends_nothing(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"name": "Tørrtest AS"}, version=t["version"])
    rig.tripletex_admin.clear_log()
    result = rig.run(dry_run=True)
    assert rig.writes(rig.tripletex_admin, "/v2/") == []
    shown = rig.metadata(result, "sync_applied")
    assert shown["dry_run"] is True and shown["dry_run"] and "Tørrtest AS" in shown["outcomes"]
    assert rig.query("SELECT status FROM outbox") == [("pending",)]


def test_deleted_in_tripletex_deletes_nothing_in_telaris(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync(full=True)
    tripletex_client.delete(Kind.SUPPLIER, x["id"])
    writes = rig.sync(full=True)
    assert [w for w in writes["telaris"] if w["method"] in ("DELETE", "PATCH")] == []
    assert telaris_client.get(Kind.SUPPLIER, t["id"])["tripletex_id"] == x["id"]


def test_one_unsendable_field_does_not_hold_back_the_others(rig, tripletex_client, telaris_client) -> None:
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    telaris_client.patch(Kind.SUPPLIER, t["id"], {"language": "sv", "email": "ny@fjord.no"}, version=t["version"])
    writes = rig.sync()
    assert [w["body"] for w in writes["tripletex"]] == [{"email": "ny@fjord.no", "version": 1}]
    parked = rig.query("SELECT fields::VARCHAR, last_error FROM outbox WHERE status = 'parked'")
    assert len(parked) == 1 and json.loads(parked[0][0]) == {"language": "sv"} and "only NO and EN" in parked[0][1]


def test_our_own_write_is_not_the_other_sides_change(rig, tripletex_client, telaris_client) -> None:
    """Latest-wins compares change times; the version our PUT created must not look like a Tripletex edit."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    seen = rig.query("SELECT version, version_seen_at FROM tripletex_suppliers")
    telaris_client.patch(Kind.SUPPLIER, t["id"], {"email": "ny@fjord.no"}, version=t["version"])
    rig.sync()
    rig.sync()
    [(version, seen_at)] = rig.query("SELECT version, version_seen_at FROM tripletex_suppliers")
    assert version == seen[0][0] + 1 and seen_at == seen[0][1]
