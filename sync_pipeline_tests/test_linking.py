"""The initial linking: proposals on generated data reach their precision and recall; the Dagster assets propose,
dry-run and apply per kind; nothing is linked twice; the switch-on gate holds writes until the linking is applied."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pyarrow as pa

from sync_pipeline.defs.linking.definitions import link_proposals, links_applied
from sync_pipeline.domain import normalise
from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind
from sync_pipeline.linking.proposals import propose
from sync_pipeline.linking.workflow import csv_path
from sync_pipeline.sandboxes.twins import generate
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline_tests.sync_helpers import ORG_A, ORG_B, SyncRig


def name_keys(names: list[str]) -> list[str]:
    """The SQL macro's reduction of many names at once, in order: for the all-pairs baseline of the benchmark."""
    import duckdb

    from sync_pipeline.domain.page_sql import install_company_keys

    with duckdb.connect() as con:
        install_company_keys(con)
        rows = con.execute("SELECT name_key(n) FROM unnest(?) WITH ORDINALITY AS t(n, i) ORDER BY i",
                           [names]).fetchall()
    return [row[0] for row in rows]


def load_twins(warehouse: Warehouse, kind: Kind, companies: int, seed: int, generator=generate):
    """`generator`: twins.generate (what the linking was tuned on) or twins_holdout.generate (held out)."""
    data = generator(companies, seed=seed)
    for row in data.telaris + data.tripletex:  # what extraction stores: organisation number, phone, e-mail folded
        row["organisation_number"] = normalise.organisation_number(row["organisation_number"])
        row["phone"], row["email"] = normalise.phone(row["phone"]), normalise.email(row["email"])
    with warehouse.connect() as con:
        for system, rows in (("telaris", data.telaris), ("tripletex", data.tripletex)):
            con.register("src", pa.table({"record_id": [r["record_id"] for r in rows],
                                          **{f: [r.get(f) for r in rows] for f in SYNCED_FIELDS}}))
            tripletex_id = "record_id::BIGINT" if system == "tripletex" else "NULL"
            con.execute(f"""INSERT INTO {system}_{kind.value}s (record_id, tripletex_id, {", ".join(SYNCED_FIELDS)},
                                is_active, problems, extracted_at, extraction_id, is_deleted)
                            SELECT record_id, {tripletex_id}, {", ".join(SYNCED_FIELDS)}, true, [], now(), 'test',
                                   false FROM src""").fetchall()
            con.unregister("src")
    return data


def test_auto_links_are_precise_and_find_almost_every_twin(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "sync.duckdb")
    data = load_twins(warehouse, Kind.SUPPLIER, companies=3000, seed=11)
    with warehouse.connect() as con:
        counts = propose(con, Kind.SUPPLIER)
        rows = con.execute("SELECT telaris_id, tripletex_id, decision FROM link_proposals").fetchall()
    auto = {(t, x) for t, x, decision in rows if decision == "auto"}
    with_orgnr = {pair for pair in data.truth
                  if next(r for r in data.telaris if r["record_id"] == pair[0])["organisation_number"]}
    without = data.truth - with_orgnr
    precision = len(auto & data.truth) / len(auto)
    recall_with, recall_without = len(auto & with_orgnr) / len(with_orgnr), len(auto & without) / len(without)
    print(f"\nlinking 3000 × {len(data.tripletex)}: {counts.by_decision}; precision {precision:.4f}, "
          f"recall {recall_with:.4f} with an organisation number, {recall_without:.4f} without")
    assert precision >= 0.995
    assert recall_with >= 0.98
    assert recall_without >= 0.90
    # hard negatives (a namesake in another town, a group company) are never linked automatically
    hard = {r["record_id"] for r in data.tripletex} - {str(x) for _, x in data.truth}
    assert not {x for _, x in auto} & {int(h) for h in hard}


def test_contradicting_organisation_numbers_are_rejected_and_double_claims_reviewed(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "sync.duckdb")
    with warehouse.connect() as con:
        rows = [("telaris", "t1", None, "Fjord Bygg AS", ORG_A), ("tripletex", "1001", 1001, "Fjord Bygg AS", ORG_B),
                ("telaris", "t2", None, "Kvitfjell Rør AS", "923609016"),
                ("telaris", "t3", None, "Kvitfjell Rør AS", "923609016"),
                ("tripletex", "1002", 1002, "Kvitfjell Rør AS", "923609016")]
        for system, rid, tid, name, org in rows:
            con.execute(f"""INSERT INTO {system}_suppliers (record_id, tripletex_id, name, organisation_number,
                                postal_code, email, is_active, problems, extracted_at, extraction_id, is_deleted)
                            VALUES (?, ?, ?, ?, '5003', 'post@fjordbygg.no', true, [], now(), 'x', false)""",
                        [rid, tid, name, org]).fetchall()
        propose(con, Kind.SUPPLIER)
        decided = {(t, x): d for t, x, d in con.execute(
            "SELECT telaris_id, tripletex_id, decision FROM link_proposals").fetchall()}
    assert decided.get(("t1", 1001)) in (None, "rejected"), "different organisation numbers are never auto"
    assert decided[("t2", 1002)] == decided[("t3", 1002)] == "review"


def linking(rig: SyncRig, kind: Kind, **config) -> dg.ExecuteInProcessResult:
    run_config = {"ops": {"links_applied": {"config": config}}} if config else None
    result = dg.materialize([link_proposals, links_applied], resources=rig.resources, partition_key=kind.value,
                            run_config=run_config)
    assert result.success
    return result


def test_the_gate_holds_writes_until_the_initial_linking_is_applied(rig, tripletex_client, telaris_client,
                                                                   monkeypatch) -> None:
    monkeypatch.delenv("SYNC_INITIAL_LINKING")
    existing = tripletex_client.create(Kind.SUPPLIER, {"name": "Gammel Kjenning AS", "organizationNumber": ORG_B,
                                                       "email": "post@kjenning.no"})
    twin = telaris_client.create(Kind.SUPPLIER, {"name": "Gammel Kjenning AS", "organisation_number": "923 609 016",
                                                 "email": "post@kjenning.no"})
    fresh = telaris_client.create(Kind.SUPPLIER, {"name": "Helt Ny Leverandør AS", "organisation_number": ORG_A})
    writes = rig.sync()
    assert writes == {"tripletex": [], "telaris": []}, "nothing is written before the initial linking"
    applied = rig.metadata(rig.run(), "sync_applied")
    assert applied["held (initial linking not applied)"] >= 1 and "initial linking of suppliers" in applied["gate"]

    proposed = linking(rig, Kind.SUPPLIER)
    assert proposed.asset_materializations_for_node("link_proposals")[0].metadata["auto"].value == 1
    reviewed = csv_path(str(rig.db.parent), "supplier").read_text()
    assert twin["id"] in reviewed and str(existing["id"]) in reviewed
    dry = linking(rig, Kind.SUPPLIER)
    assert dry.asset_materializations_for_node("links_applied")[0].metadata["linked"].value == 1
    assert telaris_client.get(Kind.SUPPLIER, twin["id"])["tripletex_id"] is None, "a dry run writes nothing"

    linking(rig, Kind.SUPPLIER, dry_run=False)
    assert telaris_client.get(Kind.SUPPLIER, twin["id"])["tripletex_id"] == existing["id"]
    again = linking(rig, Kind.SUPPLIER, dry_run=False)
    assert again.asset_materializations_for_node("links_applied")[0].metadata["linked"].value == 0
    writes = rig.sync()
    created = [w for w in writes["tripletex"] if w["method"] == "POST"]
    assert [w["body"]["name"] for w in created] == ["Helt Ny Leverandør AS"], "the twin was linked, not recreated"
    assert telaris_client.get(Kind.SUPPLIER, fresh["id"])["tripletex_id"]
    assert len(tripletex_client.search(Kind.SUPPLIER)) == 2


def test_neither_record_of_a_pair_in_review_is_created_on_the_other_side(rig, tripletex_client, telaris_client,
                                                                           monkeypatch) -> None:
    """A pair the linking sends to review waits for a person on both sides: the Telaris supplier is not created in
    Tripletex, and the Tripletex supplier is not imported into Telaris (which would hold the company twice)."""
    monkeypatch.delenv("SYNC_INITIAL_LINKING")
    in_oslo = tripletex_client.create(Kind.SUPPLIER, {"name": "Fjellvegg Bygg AS", "postalAddress": {
        "postalCode": "0150", "city": "Oslo"}})
    in_bergen = telaris_client.create(Kind.SUPPLIER, {"name": "Fjellvegg Bygg AS", "address": {
        "postal_code": "5003", "city": "Bergen", "country": "NO"}})
    rig.sync()
    linking(rig, Kind.SUPPLIER)
    reviewed = csv_path(str(rig.db.parent), "supplier").read_text()
    assert in_bergen["id"] in reviewed and str(in_oslo["id"]) in reviewed, reviewed
    linking(rig, Kind.SUPPLIER, dry_run=False)

    writes = rig.sync()
    assert [w for w in writes["tripletex"] if w["method"] == "POST"] == [], "not created in Tripletex"
    assert [w for w in writes["telaris"] if w["method"] == "POST"] == [], "not imported into Telaris"
    telaris_suppliers = [r for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page]
    assert len(telaris_suppliers) == 1 and len(tripletex_client.search(Kind.SUPPLIER)) == 1


def test_linking_in_a_terminal_is_a_dry_run_until_applied(rig, tripletex_server, telaris_server, tripletex_client,
                                                          telaris_client, tmp_path) -> None:
    import os
    import subprocess
    import sys

    existing = tripletex_client.create(Kind.CUSTOMER, {"name": "Terminal Kunde AS", "organizationNumber": ORG_A})
    twin = telaris_client.create(Kind.CUSTOMER, {"name": "Terminal Kunde AS", "organisation_number": ORG_A})
    env = {**os.environ, "TRIPLETEX_BASE_URL": tripletex_server.url + "/v2", "TELARIS_BASE_URL": telaris_server.url,
           "TRIPLETEX_CONSUMER_TOKEN": "c-token", "TRIPLETEX_EMPLOYEE_TOKEN": "e-token",
           "TELARIS_API_TOKEN": "telaris-sandbox-token"}

    def link(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "link", "--kind", "customer", "--data",
                               str(tmp_path / "cli"), *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "would link (dry run; --apply writes) 1 customer;" in link()
    assert telaris_client.get(Kind.CUSTOMER, twin["id"])["tripletex_id"] is None
    assert "linked 1 customer;" in link("--apply")
    assert telaris_client.get(Kind.CUSTOMER, twin["id"])["tripletex_id"] == existing["id"]
    assert "linked 0 customers" in link("--apply"), "nothing is linked twice"


def test_links_that_fail_keep_the_gate_closed_and_say_why(rig, tripletex_client, telaris_client, telaris_admin,
                                                          monkeypatch) -> None:
    """Every link of the initial linking fails (Telaris answers 503): the kind must not count as linked, or the next
    sync would treat its records as new. The gate stays closed, naming the link, until a run writes it."""
    monkeypatch.delenv("SYNC_INITIAL_LINKING")
    existing = tripletex_client.create(Kind.SUPPLIER, {"name": "Gammel Kjenning AS", "organizationNumber": ORG_B,
                                                       "email": "post@kjenning.no"})
    twin = telaris_client.create(Kind.SUPPLIER, {"name": "Gammel Kjenning AS", "organisation_number": "923 609 016",
                                                 "email": "post@kjenning.no"})
    linking(rig, Kind.SUPPLIER)
    telaris_admin.fault(kind="status", status=503, count=None, method="PATCH",
                        path=f"/api/v1/suppliers/{twin['id']}")
    applied = dg.materialize([link_proposals, links_applied], resources=rig.resources,
                             partition_key=Kind.SUPPLIER.value, selection=[links_applied],
                             run_config={"ops": {"links_applied": {"config": {"dry_run": False}}}})
    shown = applied.asset_materializations_for_node("links_applied")[0].metadata
    assert shown["linked"].value == 0 and shown["failed"].value == 1
    gate_text = shown["switch_on_gate"].value
    assert gate_text.startswith("closed: initial linking of suppliers incomplete"), gate_text
    assert twin["id"] in gate_text and str(existing["id"]) in gate_text and "503" in gate_text
    telaris_admin.clear_faults()

    assert rig.sync() == {"tripletex": [], "telaris": []}, "nothing written for a kind whose linking failed"
    held = rig.metadata(rig.run(), "sync_applied")
    assert "initial linking of suppliers incomplete" in held["gate"] and twin["id"] in held["gate"]

    linking(rig, Kind.SUPPLIER, dry_run=False)  # the cause is gone: the link is written, the gate opens
    assert telaris_client.get(Kind.SUPPLIER, twin["id"])["tripletex_id"] == existing["id"]
    rig.sync()
    assert "suppliers" not in rig.metadata(rig.run(), "sync_applied")["gate"], "open for suppliers (customers wait)"
    assert len(tripletex_client.search(Kind.SUPPLIER)) == 1, "linked, never created a second time"


def test_the_engine_holds_writes_for_a_closed_kind_whoever_calls_it(rig, tripletex_client, telaris_client,
                                                                    monkeypatch) -> None:
    """`sync_changes` (benchmarks, scripts) runs a plain Applier with no Dagster around it: it meets the gate too,
    and only a recorded waiver opens it."""
    from sync_pipeline.engine import gate
    from sync_pipeline.engine.cycle import sync_changes
    from sync_pipeline_tests.sync_helpers import linked_pair

    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()  # as a company that waived the linking: the pair is in sync
    monkeypatch.delenv("SYNC_INITIAL_LINKING")
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"},
                         version=telaris_client.get(Kind.CUSTOMER, t["id"])["version"])
    rig.run(selection=["telaris_customers", "tripletex_customers"])
    rig.tripletex_admin.clear_log()
    with Warehouse(rig.db).connect() as con:
        _, held = sync_changes(con, telaris_client, tripletex_client)
        assert [o.status for o in held.outcomes] == ["held"]
        assert "initial linking of customers not applied" in held.outcomes[0].detail
        assert rig.writes(rig.tripletex_admin, "/v2/") == []
        assert gate.waive(con, "operator") == ["customer", "supplier"]
        _, sent = sync_changes(con, telaris_client, tripletex_client)
    assert [o.status for o in sent.outcomes] == ["done"]
    assert tripletex_client.get(Kind.CUSTOMER, x["id"])["email"] == "ny@fjord.no"
