"""Many companies on one deployment, on the real daemon: what an idle company costs per tick, how fast a few companies'
changes are applied, and how that compares with one company holding all the records.

Both sandboxes run in their own processes (excluded from the CPU measured): N Tripletex companies behind one
accountant's token pair, N Telaris companies under one sandbox's /companies/<id>/ prefixes, each seeded with
`--records` per side. The companies are registered (SYNC_TENANTS=1) and `dagster-daemon` runs the project's
dagster.yaml with the sensor `company_changes` probing every `--probe-seconds`.

1. Set-up (not measured): every company's first sync and its echo, until no run has started for two ticks.
2. `cpu_s_per_idle_tenant`: CPU seconds of every product process (the daemon, its code server, any run) over
   `--ticks` idle probe ticks, per company per tick. Beside it, the naive baseline measured here: a run per company per
   tick, the CPU of one no-change `sync --tenant` run (`naive_cpu_s_per_idle_tenant`).
3. `seconds_to_apply_all`: 2% of the companies (at least one) get `--changes` Telaris changes each; seconds until every
   one of them is in Tripletex.
4. `ratio_vs_single_tenant`: the same number of changes in one more company holding N × `--records` records per side,
   applied the same way; the ratio of (3) to its time.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dagster as dg  # noqa: E402
from _harness import ROOT, free_port, settled, start_group, stop, wait_until  # noqa: E402

from sync_pipeline.clients.telaris import TelarisClient  # noqa: E402
from sync_pipeline.clients.tripletex import TripletexClient  # noqa: E402
from sync_pipeline.defs.partitions import TENANTS  # noqa: E402
from sync_pipeline.domain.fields import Kind  # noqa: E402
from sync_pipeline.sandboxes.seed import seed_sandboxes  # noqa: E402
from sync_pipeline.sandboxes.server import wait_until_ready  # noqa: E402
from sync_pipeline.tenants.registry import Registry  # noqa: E402

EMPLOYEE = "accountant-token"
TELARIS_TOKEN = "telaris-sandbox-token"
BIN = Path(sys.executable).parent
CREDENTIALS = {"BENCH_TX_CONSUMER": "consumer-token", "BENCH_TX_EMPLOYEE": EMPLOYEE, "BENCH_TELARIS": TELARIS_TOKEN}


def start_sandbox(system: str, data: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sync_pipeline.cli", "sandbox", system, "--port", str(port),
                             "--data", str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_until_ready(url, timeout=60)
    return proc, url


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # so that `finally` stops the daemon and the sandboxes


def tree_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and all its descendants, live or reaped."""
    total = 0.0
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args, self.tmp = args, tmp
        self.data = tmp / "data"
        self.home = tmp / "dagster_home"
        self.home.mkdir()
        (self.home / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text())
        self.urls: dict[str, str] = {}
        self.procs: list[tuple[subprocess.Popen, str]] = []
        self.env = {**os.environ, **CREDENTIALS, "DAGSTER_HOME": str(self.home), "SYNC_DATA_DIR": str(self.data),
                    "SYNC_TENANTS": "1", "SYNC_INITIAL_LINKING": "waived", "SYNC_SENSORS_RUNNING": "1",
                    "SYNC_PROBE_SECONDS": str(args.probe_seconds)}
        os.environ.update(DAGSTER_HOME=str(self.home), SYNC_TENANTS="1", SYNC_DATA_DIR=str(self.data), **CREDENTIALS)
        self.instance = dg.DagsterInstance.from_config(str(self.home))

    # ---- companies --------------------------------------------------------------------------------------------
    def seed(self, company_id: int, records: int) -> None:
        customers = max(1, records * 7 // 10)
        seed_sandboxes(self.urls["tripletex"], self.urls["telaris"], customers=customers,
                       suppliers=max(1, records - customers), seed=company_id, tripletex_company=company_id,
                       telaris_company=company_id)

    def register(self, name: str, company_id: int) -> None:
        Registry(self.data).add(name=name, tripletex_url=self.urls["tripletex"] + "/v2",
                                telaris_url=f"{self.urls['telaris']}/companies/{company_id}",
                                tripletex_consumer_token_env="BENCH_TX_CONSUMER",
                                tripletex_employee_token_env="BENCH_TX_EMPLOYEE", telaris_token_env="BENCH_TELARIS",
                                tripletex_company_id=company_id)
        self.instance.add_dynamic_partitions(TENANTS.name, [name])

    def clients(self, company_id: int) -> tuple[TelarisClient, TripletexClient]:
        return (TelarisClient(f"{self.urls['telaris']}/companies/{company_id}", TELARIS_TOKEN),
                TripletexClient(self.urls["tripletex"] + "/v2", "consumer-token", EMPLOYEE, company_id=company_id))

    # ---- runs -------------------------------------------------------------------------------------------------
    def runs(self) -> list[dg.RunRecord]:
        return list(self.instance.get_run_records())

    def settle(self, names: set[str], what: str) -> None:
        """Until every named company has synced and the probe sensor has ticked `--settle-ticks` times since with
        nothing to do."""
        def done() -> bool:
            synced = {r.dagster_run.tags.get("dagster/partition") for r in self.runs()
                      if r.dagster_run.status == dg.DagsterRunStatus.SUCCESS}
            return names <= synced and settled(self.instance, "company_changes", ticks=self.args.settle_ticks)

        wait_until(done, timeout=self.args.deadline, what=what, every=1)

    def change_and_wait(self, company_ids: list[int], per_company: int, tag: str) -> float:
        """`per_company` linked customers' e-mails changed in each company's Telaris; seconds until all of them are
        in Tripletex."""
        chosen = []
        for company_id in company_ids:
            telaris, tripletex = self.clients(company_id)
            linked = [r for page in telaris.iter_pages(Kind.CUSTOMER) for r in page if r["tripletex_id"]]
            if len(linked) < per_company:
                raise RuntimeError(f"company {company_id} has {len(linked)} linked customers, {per_company} wanted")
            chosen += [(telaris, tripletex, record, f"{tag}.{company_id}.{n}@eksempel.no")
                       for n, record in enumerate(linked[:per_company])]
        started = time.monotonic()
        for telaris, _, record, email in chosen:
            telaris.patch(Kind.CUSTOMER, record["id"], {"email": email}, version=record["version"])
        pending = [(tripletex, int(record["tripletex_id"]), email) for _, tripletex, record, email in chosen]

        def applied() -> bool:
            pending[:] = [(c, i, e) for c, i, e in pending if c.get(Kind.CUSTOMER, i).get("email") != e]
            return not pending

        wait_until(applied, timeout=self.args.deadline, what=f"{len(chosen)} changes to reach Tripletex", every=0.5)
        return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=100)
    parser.add_argument("--records", type=int, default=2000, help="records per side in each company")
    parser.add_argument("--ticks", type=int, default=5, help="idle probe ticks measured")
    parser.add_argument("--probe-seconds", type=int, default=10, help="the sensor's probe interval")
    parser.add_argument("--changed-share", type=float, default=0.02)
    parser.add_argument("--changes", type=int, default=10, help="changes per changed company")
    parser.add_argument("--deadline", type=float, default=3600, help="seconds any one wait may take")
    parser.add_argument("--settle-ticks", type=int, default=2,
                        help="idle probe ticks after the last run that make a set-up settled (not measured)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _exit_on_sigterm)

    with tempfile.TemporaryDirectory(prefix="bench-tenants-") as tmp:
        bench = Bench(args, Path(tmp))
        daemon = None
        try:
            for system in ("tripletex", "telaris"):
                proc, bench.urls[system] = start_sandbox(system, Path(tmp) / system)
                bench.procs.append((proc, f"the {system} sandbox"))
            ids = list(range(2, args.companies + 2))
            single_id = args.companies + 2
            requests.put(bench.urls["tripletex"] + "/_sandbox/companies", timeout=60,
                         json={"employee_token": EMPLOYEE, "companies": [1, *ids, single_id]}).raise_for_status()
            started = time.monotonic()
            for company_id in ids:
                bench.seed(company_id, args.records)
                bench.register(f"c{company_id}", company_id)
            names = {f"c{company_id}" for company_id in ids}
            print(f"seeded and registered {args.companies} companies x {args.records} records per side in "
                  f"{time.monotonic() - started:.0f} s", flush=True)

            daemon = start_group([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"], cwd=ROOT,
                                 env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            started = time.monotonic()
            bench.settle(names, "every company's first sync and its echo")
            setup_runs = len(bench.runs())
            print(f"set-up: {setup_runs} runs in {time.monotonic() - started:.0f} s", flush=True)

            cpu_before, wall_before, runs_before = tree_cpu(daemon.pid), time.monotonic(), len(bench.runs())
            time.sleep(args.ticks * args.probe_seconds)
            idle_cpu, idle_wall = tree_cpu(daemon.pid) - cpu_before, time.monotonic() - wall_before
            idle_runs = len(bench.runs()) - runs_before
            ticks = idle_wall / args.probe_seconds
            per_tenant = idle_cpu / (args.companies * ticks)
            print(f"idle: {idle_cpu:.2f} CPU s over {idle_wall:.0f} s ({ticks:.1f} ticks), {idle_runs} runs",
                  flush=True)

            one = subprocess.run([str(BIN / "sync-pipeline"), "sync", "--tenant", f"c{ids[0]}"], cwd=ROOT,
                                 env=bench.env, capture_output=True, text=True, timeout=args.deadline)
            if one.returncode != 0:
                raise RuntimeError(f"the baseline run failed: {one.stderr[-2000:]}")
            usage = psutil.Process().cpu_times()
            naive = usage.children_user + usage.children_system  # the sandboxes are still running: only that run
            print(f"naive: one no-change sync run costs {naive:.2f} CPU s", flush=True)

            changed = ids[:max(1, round(args.companies * args.changed_share))]
            spread = bench.change_and_wait(changed, args.changes, "spread")
            print(f"{len(changed) * args.changes} changes in {len(changed)} companies applied in {spread:.1f} s",
                  flush=True)

            bench.seed(single_id, args.records * args.companies)
            bench.register("single", single_id)
            bench.settle(names | {"single"}, "the single company's first sync")
            alone = bench.change_and_wait([single_id], args.changes * len(changed), "alone")  # the same changes
            print(f"the same changes in one company of {args.records * args.companies} records per side applied in "
                  f"{alone:.1f} s", flush=True)
        finally:
            if daemon is not None:
                stop(daemon, "dagster-daemon", timeout=60)
            for proc, what in bench.procs:
                stop(proc, what)
            bench.instance.dispose()
    print(json.dumps({
        "cpu_s_per_idle_tenant": round(per_tenant, 4),
        "naive_cpu_s_per_idle_tenant": round(naive, 3),
        "naive_vs_probe": round(naive / per_tenant, 1) if per_tenant else None,
        "idle_runs": idle_runs,
        "seconds_to_apply_all": round(spread, 1),
        "seconds_single_tenant": round(alone, 1),
        "ratio_vs_single_tenant": round(spread / alone, 2),
        "companies": args.companies,
        "records_per_side": args.records,
        "probe_seconds": args.probe_seconds,
        "setup_runs": setup_runs,
    }))


if __name__ == "__main__":
    main()
