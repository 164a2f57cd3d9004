"""SQL filled in safely and transactions that hold: a literal brace in a SQL file, a plan or a flush failing
midway, and an applier run inside a caller's transaction. Each test failed on the code before its fix."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from sync_pipeline.diagnostics import findings
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.domain.sql_template import fill
from sync_pipeline.engine.apply import Applier
from sync_pipeline.engine.cycle import plan_all
from sync_pipeline.engine.ledger import Ledger
from sync_pipeline.engine.matcher import UncommittedAttempt
from sync_pipeline.linking import proposals
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.warehouse.transaction import in_transaction
from sync_pipeline_tests.sync_helpers import SyncRig, linked_pair

EXTRACT = ["telaris_customers", "telaris_suppliers", "tripletex_customers", "tripletex_suppliers"]
# what any SQL file may hold: a JSON literal, a regex quantifier, DuckDB parameters, a JSON path
BRACES = "\n-- a JSON body {\"values\": [{\"id\": 1}]}, nine digits [0-9]{9}, $1, '$.name'\n"


def test_a_literal_brace_in_a_filled_sql_file(warehouse, monkeypatch) -> None:
    """Every SQL file the product fills in (the diagnostics, the linking) still runs with braces in it."""
    for module in (findings, proposals):
        original = module._sql
        monkeypatch.setattr(module, "_sql", lambda name, original=original: original(name) + BRACES)
    with warehouse.connect() as con:
        assert [f.problem for f in findings.find(con)] == ["webhooks_not_arriving"]  # none subscribed yet
        for kind in Kind:
            assert proposals.propose(con, kind).by_decision == {}
        assert con.execute(fill("SELECT regexp_full_match('974760673', '[0-9]{9}'), '${kind}', $n" + BRACES,
                                kind="supplier"), {"n": 1}).fetchall() == [(True, "supplier", 1)]


def test_only_identifiers_are_filled_in() -> None:
    with pytest.raises(ValueError, match="not a plain identifier"):
        fill("SELECT * FROM telaris_${kind}s", kind="customer s; DROP TABLE links; --")
    with pytest.raises(KeyError):
        fill("SELECT * FROM telaris_${kind}s")


def synced_pair_with_an_edit(rig: SyncRig, tripletex_client, telaris_client) -> tuple[dict, dict]:
    """A linked customer pair in sync, then an e-mail edited in Telaris and extracted: a plan has work to do."""
    t, x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    telaris_client.patch(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"},
                         version=telaris_client.get(Kind.CUSTOMER, t["id"])["version"])
    rig.run(selection=EXTRACT)
    return t, x


def test_an_error_mid_plan_leaves_nothing_half_planned(rig, tripletex_client, telaris_client) -> None:
    synced_pair_with_an_edit(rig, tripletex_client, telaris_client)
    with Warehouse(rig.db).connect() as con:
        before = con.execute("SELECT count(*) FROM outbox").fetchall()
        # the customers are planned, then planning the new suppliers fails: a table it reads is gone
        con.execute("ALTER TABLE create_attempts RENAME TO create_attempts_away")
        with pytest.raises(duckdb.CatalogException, match="create_attempts"):
            plan_all(con, SyncPolicy(), "failing-plan")
        assert not in_transaction(con), "rolled back, not left open"
        assert con.execute("SELECT count(*) FROM outbox").fetchall() == before, "no intent of the failed plan"
        con.execute("ALTER TABLE create_attempts_away RENAME TO create_attempts")
        plan_all(con, SyncPolicy(), "next-plan")
        assert con.execute("SELECT fields::VARCHAR FROM outbox WHERE status = 'pending'").fetchall() == [
            ('{"email":"ny@fjord.no"}',)]


def test_a_flush_failing_midway_leaves_nothing_half_written(rig, tripletex_client, telaris_client) -> None:
    t, x = synced_pair_with_an_edit(rig, tripletex_client, telaris_client)
    with Warehouse(rig.db).connect() as con:
        state = "SELECT (SELECT email FROM base), (SELECT (email, version) FROM tripletex_customers)"
        before = con.execute(state).fetchall()
        ledger = Ledger(con, "failing-flush")
        ledger.agreed(Kind.CUSTOMER, t["id"], {"email": "ny@fjord.no"})
        ledger.wrote(System.TRIPLETEX, Kind.CUSTOMER, str(x["id"]), {"email": "ny@fjord.no"}, 99)
        # base and the snapshot are written first; this audit row cannot be (its Tripletex id is no number)
        ledger.audit("intent", "to_tripletex", Kind.CUSTOMER, t["id"], "x", {"email": ("post@fjord.no", "ny")})
        with pytest.raises(pa.ArrowInvalid):
            ledger.flush()
        assert con.execute(state).fetchall() == before, "base and snapshot untouched"
        assert con.execute("SELECT count(*) FROM audit WHERE run_id = 'failing-flush'").fetchall() == [(0,)]
        assert not in_transaction(con)


def test_an_applier_inside_a_transaction_refuses_to_create(rig, tripletex_client, telaris_client) -> None:
    """The create attempt is the mark a crash mid-request leaves; uncommitted, a crash would forget a create that
    happened, and the next run would create the supplier again. So the applier refuses, before anything is sent."""
    supplier = telaris_client.create(Kind.SUPPLIER, {"name": "Ny Leverandør AS", "email": "post@ny.no"})
    rig.run(selection=[*EXTRACT, "sync_plan"])
    rig.tripletex_admin.clear_log()
    with Warehouse(rig.db).connect() as con:
        con.execute("BEGIN TRANSACTION")
        applier = Applier(con, telaris_client, tripletex_client, SyncPolicy(), "inside-a-transaction")
        with pytest.raises(UncommittedAttempt, match="inside a transaction"):
            applier.run()
        con.execute("ROLLBACK")
        assert rig.writes(rig.tripletex_admin, "/v2/") == [], "nothing sent"
        result = Applier(con, telaris_client, tripletex_client, SyncPolicy(), "autocommit").run()
    assert [(o.action, o.status) for o in result.outcomes] == [("create", "done")]
    [created] = tripletex_client.search(Kind.SUPPLIER)
    assert telaris_client.get(Kind.SUPPLIER, supplier["id"])["tripletex_id"] == created["id"]
