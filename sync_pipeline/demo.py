"""The end-to-end demo behind `make demo`: fresh sandboxes, seed data, the Dagster extract job, a report."""

from __future__ import annotations

import os
import shutil
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

SYNC_RUNS = 3


def _instance() -> dg.DagsterInstance:
    """The persistent instance when DAGSTER_HOME is set (so `make ui` shows the run), else a throwaway one."""
    if os.environ.get("DAGSTER_HOME"):
        Path(os.environ["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def run_demo(customers: int, suppliers: int, seed: int, data_dir: Path) -> int:
    sandbox_dir = data_dir / "sandboxes"
    shutil.rmtree(sandbox_dir, ignore_errors=True)
    settings.duckdb_path(str(data_dir)).unlink(missing_ok=True)
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

        exports = _raise_invoice_exports(servers["telaris"].url, count=3)
        print(f"Raised {exports} invoice exports in Telaris for customers not yet in Tripletex")

        from sync_pipeline.definitions import defs  # after the environment points at these sandboxes

        instance = _instance()
        writes_per_run = []
        for n in range(1, SYNC_RUNS + 1):
            print(f"Running the Dagster job `sync` (extract -> diff -> apply), run {n} of {SYNC_RUNS} ...")
            if not defs.resolve_job_def("sync").execute_in_process(instance=instance).success:
                print("The sync job failed; see the events above.")
                return 1
            with duckdb.connect(str(settings.duckdb_path(str(data_dir))), read_only=True) as con:
                done = con.execute("SELECT count(*) FROM outbox WHERE status = 'done'").fetchone()[0]
            writes_per_run.append(done - sum(writes_per_run))
        return _report(servers, data_dir, writes_per_run)
    finally:
        for server in servers.values():
            server.stop()


def _raise_invoice_exports(telaris_url: str, count: int) -> int:
    """What a Telaris user does when transferring invoices: the customers must then exist in Tripletex."""
    client = TelarisClient(telaris_url, settings.setting("TELARIS_API_TOKEN"))
    unlinked = [c for page in client.iter_pages(Kind.CUSTOMER) for c in page if c["tripletex_id"] is None]
    for n, customer in enumerate(unlinked[:count]):
        client.create_invoice_export(f"F-{10001 + n}", customer["id"])
    return min(count, len(unlinked))


def _report(servers: dict[str, BackgroundServer], data_dir: Path, writes_per_run: list[int]) -> int:
    expected = {}
    for system, server in servers.items():
        for kind, n in requests.get(server.url + "/_sandbox/stats", timeout=10).json()["records"].items():
            expected[f"{system}_{kind.removesuffix('s')}s"] = n
    print(f"\nWhat landed in {settings.duckdb_path(str(data_dir))}:")
    print(f"  {'table':<22}{'rows':>8}{'sandbox':>9}{'linked':>8}{'problems':>10}")
    mismatches = 0
    with duckdb.connect(str(settings.duckdb_path(str(data_dir))), read_only=True) as con:
        for table, n in sorted(expected.items()):
            rows, linked, problems = con.execute(
                f"SELECT count(*), count(tripletex_id), count(*) FILTER (WHERE len(problems) > 0) FROM {table} "
                "WHERE NOT is_deleted").fetchone()
            flag = "" if rows == n else "  <- differs from the sandbox"
            mismatches += rows != n
            print(f"  {table:<22}{rows:>8}{n:>9}{linked:>8}{problems:>10}{flag}")
    with duckdb.connect(str(settings.duckdb_path(str(data_dir))), read_only=True) as con:
        print("\nWhat the sync did (outbox, by direction and outcome):")
        rows = con.execute("""
            SELECT kind, direction, action, status, count(*) FROM outbox GROUP BY ALL ORDER BY ALL""").fetchall()
        for kind, direction, action, status, n in rows:
            print(f"  {kind:<9}{direction:<14}{action:<8}{status:<11}{n:>6}")
        fields = con.execute("SELECT count(*) FROM audit").fetchone()[0]
        conflicts = con.execute("SELECT count(*) FROM conflicts").fetchone()[0]
        unlinked = con.execute(f"SELECT count(*) FROM ({UNLINKED_TRIPLETEX_CUSTOMERS})").fetchone()[0]
        print(f"  {fields} field changes audited, {conflicts} conflicts decided by policy")
        print(f"  {unlinked} Tripletex customers are not linked to Telaris (listed, never imported)")
        for reason, n in con.execute("SELECT last_error, count(*) FROM outbox WHERE status = 'parked' "
                                     "GROUP BY ALL ORDER BY 2 DESC LIMIT 5").fetchall():
            print(f"  parked {n}: {reason}")
        print(f"  writes per run: {', '.join(map(str, writes_per_run))} (run 2 reconciles the pairs run 1 linked; "
              "then nothing: no write echoes back)")
    telaris = TelarisClient(servers["telaris"].url, settings.setting("TELARIS_API_TOKEN"))
    exports = telaris.call("GET", "/api/v1/invoice-exports")["items"]
    for status in ("customer_ready", "failed"):
        shown = [e for e in exports if e["status"] == status]
        print(f"  invoice exports {status}: {', '.join(e['invoice_number'] for e in shown) or '-'}")
    print("\nSandbox state is kept in", data_dir / "sandboxes", "- `make ui` serves it and opens Dagster on "
          "http://127.0.0.1:3000 where the run above is listed.")
    return 1 if mismatches else 0


__all__ = ["run_demo"]
