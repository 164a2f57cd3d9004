"""The end-to-end demo behind `make demo`: fresh sandboxes, seed data, the Dagster job `sync` three times, and a
report of what it did in the words of the people who use both systems."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import dagster as dg
import duckdb
import requests

from sync_pipeline import settings
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.engine.reports import UNLINKED_TRIPLETEX_CUSTOMERS
from sync_pipeline.sandboxes import telaris, tripletex
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.words import counted, noun_for

SYNC_RUNS = 3


def _instance() -> dg.DagsterInstance:
    """The persistent instance when DAGSTER_HOME is set (so `make ui` shows the run), else a throwaway one."""
    if os.environ.get("DAGSTER_HOME"):
        Path(os.environ["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def _start_clean(data_dir: Path, instance: dg.DagsterInstance) -> None:
    """A demo run again starts as the first did: fresh sandboxes, DuckDB file, landing folder and reviewers' CSVs,
    and no runs of an earlier demo in Dagster (they described a DuckDB file that is gone). It says what it cleared;
    the schedules' and sensors' on/off state in DAGSTER_HOME is kept."""
    cleared = []
    for folder, what in (("sandboxes", "the sandboxes"), ("landing", "the webhook landing folder"),
                         ("linking", "the reviewers' CSVs")):
        if (data_dir / folder).exists():
            shutil.rmtree(data_dir / folder)
            cleared.append(what)
    duckdb_file = settings.duckdb_path(str(data_dir))
    if duckdb_file.exists():
        duckdb_file.unlink()
        Path(f"{duckdb_file}.wal").unlink(missing_ok=True)
        cleared.append("the DuckDB file")
    runs = instance.get_runs_count()
    if runs and not instance.is_ephemeral:
        instance.wipe()
        cleared.append(f"{counted(runs, 'run')} of an earlier demo in Dagster ({os.environ['DAGSTER_HOME']})")
    if cleared:
        print("Starting clean: cleared " + ", ".join(cleared) + ".")


def run_demo(customers: int, suppliers: int, seed: int, data_dir: Path) -> int:
    sandbox_dir = data_dir / "sandboxes"
    instance = _instance()
    _start_clean(data_dir, instance)
    servers = {
        "tripletex": BackgroundServer(tripletex.create_app(sandbox_dir / "tripletex")),
        "telaris": BackgroundServer(telaris.create_app(sandbox_dir / "telaris")),
    }
    try:
        for name, server in servers.items():
            server.start()
            print(f"{name} sandbox serving on {server.url}")
        os.environ["TRIPLETEX_BASE_URL"] = servers["tripletex"].url + "/v2"
        os.environ["TELARIS_BASE_URL"] = servers["telaris"].url
        os.environ["SYNC_DATA_DIR"] = str(data_dir)
        settings.use_sandbox_secrets()

        print(f"Seeding {customers} customers and {suppliers} suppliers (seed {seed}) ...")
        summary = seed_sandboxes(servers["tripletex"].url, servers["telaris"].url, customers=customers,
                                 suppliers=suppliers, seed=seed)
        for kind, counts in summary.scenarios.items():
            print(f"  {kind}s: " + ", ".join(f"{name} {n}" for name, n in counts.items()))

        from sync_pipeline.definitions import defs  # after the environment points at these sandboxes

        # the console shows INFO and up; every event, DEBUG included, stays in the run's log in the UI
        quiet = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
        _initial_linking(defs, instance, data_dir, quiet)
        exports = _raise_invoice_exports(servers["telaris"].url, count=3)  # after linking: truly not in Tripletex
        print(f"Raised {counted(exports, 'invoice export')} in Telaris for customers without a link to Tripletex")
        writes_per_run = []
        for n in range(1, SYNC_RUNS + 1):
            print(f"Running the Dagster job `sync` (extract -> diff -> apply), run {n} of {SYNC_RUNS} ...", flush=True)
            if not defs.resolve_job_def("sync").execute_in_process(instance=instance, run_config=quiet).success:
                print("The sync job failed; see the events above.")
                return 1
            with duckdb.connect(str(settings.duckdb_path(str(data_dir))), read_only=True) as con:
                done = con.execute("SELECT count(*) FROM outbox WHERE status = 'done'").fetchone()[0]
            writes_per_run.append(done - sum(writes_per_run))
        status = _report(servers, data_dir, writes_per_run)
        _webhook_demo(defs, instance, servers, data_dir, quiet)
        print(f"\nSandbox state is kept in {sandbox_dir}. `make ui` serves it with the Dagster UI at "
              "http://127.0.0.1:3000, where these runs are listed.")
        return status
    finally:
        for server in servers.values():
            server.stop()


def _initial_linking(defs: dg.Definitions, instance: dg.DagsterInstance, data_dir: Path, quiet: dict) -> None:
    """What a company does when it switches the integration on: propose links for both kinds, apply the automatic
    ones (a reviewer would decide the rest from the CSV), which opens the switch-on gate."""
    from sync_pipeline.warehouse.store import Warehouse

    print("Initial linking (the job `initial_linking`, one partition per kind) ...")
    for kind in ("customer", "supplier"):
        config = {**quiet, "ops": {"links_applied": {"config": {"dry_run": False}}}}
        result = defs.resolve_job_def("initial_linking").execute_in_process(instance=instance, partition_key=kind,
                                                                           run_config=config)
        if not result.success:
            raise RuntimeError(f"the initial linking of {kind}s failed; see the events above")
    with Warehouse(settings.duckdb_path(str(data_dir))).connect() as con:
        for kind, decision, status, n in con.execute("""SELECT kind, decision, status, count(*) FROM link_proposals
                                                         GROUP BY ALL ORDER BY ALL""").fetchall():
            what = ("linked" if status == "applied" else "left for a reviewer" if decision == "review"
                    else "not linked: the organisation numbers contradict" if decision == "rejected" else status)
            print(f"  {n:>5} {noun_for(n, kind)} proposed {decision}: {what}")


def _diagnostics_summary(data_dir: Path) -> None:
    from collections import Counter

    from sync_pipeline.diagnostics.findings import EXPLAINED, find
    from sync_pipeline.warehouse.store import Warehouse

    with Warehouse(settings.duckdb_path(str(data_dir))).connect() as con:
        counts = Counter(f.problem for f in find(con))
    print("\nDiagnostics (`sync-pipeline diagnose` lists each finding with its fix):")
    for problem, n in counts.items():
        print(f"  {n:>5} {problem}: {EXPLAINED[problem]}")
    if not counts:
        print("  nothing found")


def _webhook_demo(defs: dg.Definitions, instance: dg.DagsterInstance, servers: dict[str, BackgroundServer],
                  data_dir: Path, run_config: dict) -> None:
    """Tripletex → receiver → landing file → sensor → run → Telaris, timed, for one changed linked supplier and
    one new supplier."""
    from sync_pipeline.clients.tripletex import TripletexClient
    from sync_pipeline.defs.resources import WarehouseResource
    from sync_pipeline.defs.webhooks.definitions import tripletex_webhooks
    from sync_pipeline.defs.webhooks.in_process import InProcessDaemon
    from sync_pipeline.warehouse.store import Warehouse
    from sync_pipeline.webhooks.landing import Landing
    from sync_pipeline.webhooks.receiver import PATH, ReceiverSettings, create_app
    from sync_pipeline.webhooks.records import record_subscriptions
    from sync_pipeline.webhooks.subscriptions import ensure_subscriptions

    auth, secret = "Bearer demo-webhook-auth", "demo-webhook-secret"
    receiver = BackgroundServer(create_app(ReceiverSettings(str(data_dir), auth=auth, secret=secret))).start()
    try:
        tripletex_client = TripletexClient(servers["tripletex"].url + "/v2",
                                           settings.setting("TRIPLETEX_CONSUMER_TOKEN"),
                                           settings.setting("TRIPLETEX_EMPLOYEE_TOKEN"))
        telaris_client = TelarisClient(servers["telaris"].url, settings.setting("TELARIS_API_TOKEN"))
        states = ensure_subscriptions(tripletex_client, receiver.url + PATH, auth, secret)
        with Warehouse(settings.duckdb_path(str(data_dir))).connect() as con:
            record_subscriptions(con, states)  # what the diagnostics read
        print(f"\nWebhooks: receiver on {receiver.url}{PATH}; {counted(len(states), 'Tripletex subscription')} "
              "ACTIVE")
        with duckdb.connect(str(settings.duckdb_path(str(data_dir))), read_only=True) as con:
            telaris_id, tripletex_id = con.execute("SELECT telaris_id, tripletex_id FROM links WHERE kind = 'supplier' "
                                                   "ORDER BY telaris_id LIMIT 1").fetchone()
        landing = Landing(data_dir)
        daemon = InProcessDaemon(defs, instance, {"warehouse": WarehouseResource(data_dir=str(data_dir))}, run_config)
        started = time.monotonic()
        tripletex_client.update(Kind.SUPPLIER, tripletex_id, {"email": "ny.adresse@webhook-demo.no"})
        created = tripletex_client.create(Kind.SUPPLIER, {"name": "Webhook Demo Leverandør AS"})
        print(f"  changed the e-mail of Tripletex supplier {tripletex_id} and created supplier {created['id']}")
        while len(landing.incoming()) < 2 and time.monotonic() - started < 15:
            time.sleep(0.02)
        print(f"  {counted(len(landing.incoming()), 'delivery')} landed after {time.monotonic() - started:.2f} s")
        for request in daemon.evaluate(tripletex_webhooks).run_requests or []:
            print(f"  the sensor asks for a run of `{request.job_name}`; running it ...")
            daemon.execute(request)  # then its run status sensor settles its files into processed/
        email = telaris_client.get(Kind.SUPPLIER, telaris_id)["email"]
        imported = [r for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page
                    if r["tripletex_id"] == created["id"]]
        took = time.monotonic() - started
        print(f"  Telaris supplier {telaris_id} e-mail: {email} ({took:.1f} s after the change in Tripletex)")
        print("  new Tripletex supplier in Telaris: " + (f"{imported[0]['id']} {imported[0]['name']} "
                                                          f"({took:.1f} s)" if imported else "not yet"))
        print("  landing folder: " + ", ".join(f"{folder} {n}" for folder, n in landing.counts().items()))
        _diagnostics_summary(data_dir)  # while the subscriptions are recorded ACTIVE and the receiver answers
        for state in states:  # the receiver goes away with the demo; `make ui` subscribes its own
            tripletex_client.unsubscribe(state.subscription_id)
    finally:
        receiver.stop()


def _raise_invoice_exports(telaris_url: str, count: int) -> int:
    """What a Telaris user does when transferring invoices: the customers must then exist in Tripletex."""
    client = TelarisClient(telaris_url, settings.setting("TELARIS_API_TOKEN"))
    unlinked = [c for page in client.iter_pages(Kind.CUSTOMER) for c in page if c["tripletex_id"] is None]
    for n, customer in enumerate(unlinked[:count]):
        client.create_invoice_export(f"F-{10001 + n}", customer["id"])
    return min(count, len(unlinked))


# (kind, direction, action) → what a business user calls it (the noun comes from `counted`)
DONE_IN_WORDS = {
    ("customer", "to_tripletex", "update"): ("customer", "updated in Tripletex"),
    ("supplier", "to_tripletex", "update"): ("supplier", "updated in Tripletex"),
    ("supplier", "to_tripletex", "create"): ("supplier", "created in Tripletex (or found there and linked)"),
    ("customer", "to_telaris", "update"): ("customer", "updated in Telaris"),
    ("supplier", "to_telaris", "update"): ("supplier", "updated in Telaris"),
    ("supplier", "to_telaris", "create"): ("new Tripletex supplier", "added to Telaris"),
    ("supplier", "to_telaris", "link"): ("supplier", "linked to the same company already in Tripletex"),
}
WINNER_IN_WORDS = {"telaris": "Telaris' value kept", "tripletex": "Tripletex's value kept"}


def _records_table(con: duckdb.DuckDBPyConnection, path: Path, expected: dict[str, int]) -> int:
    """Per table: the records read, how many are linked. Each count is compared with what the sandbox itself holds;
    only a difference is shown, as it means the extraction missed or kept something."""
    mismatches = []
    print(f"\nRecords read into {path}:")
    print(f"  {'table':<22}{'records':>8}{'linked':>8}{'not linked':>11}")
    for table, n in sorted(expected.items()):
        key = "record_id" if table.startswith("telaris") else "tripletex_id"
        column = "telaris_id" if table.startswith("telaris") else "tripletex_id"
        kind = "customer" if table.endswith("customers") else "supplier"
        rows, linked = con.execute(f"""
            SELECT count(*), count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM links l WHERE l.kind = '{kind}' AND l.{column}::VARCHAR = r.{key}::VARCHAR))
            FROM {table} r WHERE NOT is_deleted""").fetchone()
        flag = f"  <- the system holds {n:,}" if rows != n else ""
        if rows != n:
            mismatches.append(table)
        print(f"  {table:<22}{rows:>8,}{linked:>8,}{rows - linked:>11,}{flag}")
    if not mismatches:
        print("  (each count equals the number of records the system itself holds)")
    return len(mismatches)


def _conflicts_in_words(con: duckdb.DuckDBPyConnection) -> None:
    """Per record, as updates are counted. A field with no value both sides had agreed on (base NULL: the pair was
    just linked, or the field empty when they last agreed) is a difference found at the first link, not a change made
    on both sides."""
    for kind, first_link, winner, records, fields in con.execute("""
            SELECT kind, base_value IS NULL AS first_link, winner, count(DISTINCT telaris_id), count(*)
            FROM conflicts GROUP BY ALL ORDER BY kind, first_link DESC, winner""").fetchall():
        what = ("differed from Tripletex when first linked" if first_link
                else "changed on both sides since they last agreed")
        print(f"  {records:>5} {noun_for(records, kind)} {what} ({counted(fields, 'field')}): "
              f"{WINNER_IN_WORDS[winner]}")


def _report(servers: dict[str, BackgroundServer], data_dir: Path, writes_per_run: list[int]) -> int:
    expected = {}
    for system, server in servers.items():
        for kind, n in requests.get(server.url + "/_sandbox/stats", timeout=10).json()["records"].items():
            expected[f"{system}_{kind.removesuffix('s')}s"] = n
    path = settings.duckdb_path(str(data_dir))
    with duckdb.connect(str(path), read_only=True) as con:
        mismatches = _records_table(con, path, expected)

        print("\nWhat the sync did:")
        for kind, direction, action, n in con.execute("""
                SELECT kind, direction, action, count(DISTINCT coalesce(telaris_id, tripletex_id::VARCHAR))
                FROM outbox WHERE status = 'done' GROUP BY ALL ORDER BY direction DESC, kind, action""").fetchall():
            noun, done = DONE_IN_WORDS.get((kind, direction, action), (kind, f"{action} {direction}"))
            print(f"  {n:>5} {noun_for(n, noun)} {done}")
        _conflicts_in_words(con)
        unlinked = con.execute(f"SELECT count(*) FROM ({UNLINKED_TRIPLETEX_CUSTOMERS})").fetchone()[0]
        print(f"  {unlinked:>5} Tripletex {noun_for(unlinked, 'customer')} without a Telaris customer: listed in the "
              "Dagster asset unlinked_tripletex_customers, never imported (Telaris is the master of customer data)")
        for kind, reason, n in con.execute("""SELECT kind, last_error, count(*) FROM outbox WHERE status = 'parked'
                                              GROUP BY ALL ORDER BY 3 DESC, 2""").fetchall():
            print(f"  {n:>5} {kind} {noun_for(n, 'change')} waiting for a person: {reason}")
        print(f"  writes per run: {', '.join(map(str, writes_per_run))} (after the first, a run writes only what "
              "changed since: our own writes never echo back)")
        print("\nInvoice exports:")
        for number, status, tripletex_id, detail in con.execute("""
                SELECT invoice_number, status, tripletex_customer_id, detail FROM invoice_export_outcomes
                ORDER BY invoice_number""").fetchall():
            if status == "customer_ready":
                print(f"  {number}: customer ready in Tripletex (Tripletex customer {tripletex_id})")
            else:
                print(f"  {number}: {status}: {detail}")
    return 1 if mismatches else 0


__all__ = ["run_demo"]
