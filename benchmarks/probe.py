"""What an idle company costs when it is probed instead of synced (tenants.probe), and what the Telaris sandbox keeps
in memory per company.

N companies, each `--records` per kind on both sides (Tripletex companies 2..N+1 behind one accountant's token pair,
Telaris companies 2..N+1 under one sandbox's /companies/<id>/ prefixes), both sandboxes in their own processes so
that this process's CPU is the client's alone. Measured:

- `cpu_ms_per_idle_probe`: client CPU (time.process_time) of one unchanged company's probe, averaged over `--probes`;
- two naive baselines: `cpu_ms_per_full_read`, the same company read in full on both sides (what a run's extraction
  asks for), and `cpu_ms_run_fixed_cost`, a fresh interpreter importing the project's Dagster definitions (the least
  a run costs before it does anything); `full_read_vs_probe` and `run_fixed_cost_vs_probe` are the ratios;
- `requests_per_idle_probe`, `cursor_bytes_per_company` (the JSON a sensor cursor holds per company);
- `probe_many_seconds`: wall time of probing all N companies in the bounded pool;
- `telaris_rss_mib_per_company`: the Telaris sandbox's resident memory grown per seeded company.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import free_port, stop  # noqa: E402

from sync_pipeline.clients.telaris import TelarisClient  # noqa: E402
from sync_pipeline.clients.tripletex import TripletexClient  # noqa: E402
from sync_pipeline.domain.fields import Kind  # noqa: E402
from sync_pipeline.sandboxes.seed import seed_sandboxes  # noqa: E402
from sync_pipeline.sandboxes.server import wait_until_ready  # noqa: E402
from sync_pipeline.tenants.company import Company  # noqa: E402
from sync_pipeline.tenants.probe import OVERLAP_SECONDS, cursor_of, probe, probe_many  # noqa: E402

EMPLOYEE = "accountant"
TOKEN = "telaris-sandbox-token"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def start(system: str, data: Path | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "sync_pipeline.cli", "sandbox", system, "--port", str(port)]
    proc = subprocess.Popen(command + (["--data", str(data)] if data else []), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_until_ready(url, timeout=60)
    return proc, url


def clients(urls: dict[str, str], cid: int) -> tuple[TripletexClient, TelarisClient]:
    return (TripletexClient(urls["tripletex"] + "/v2", "consumer", EMPLOYEE, company_id=cid),
            TelarisClient(f"{urls['telaris']}/companies/{cid}", TOKEN))


def cpu_ms(action, times: int) -> float:
    started = time.process_time()
    for _ in range(times):
        action()
    return (time.process_time() - started) / times * 1000


def full_read(pair: tuple[TripletexClient, TelarisClient]) -> None:
    for kind in Kind:
        for _ in pair[0].iter_pages(kind):
            pass
        for _ in pair[1].iter_pages(kind):
            pass


def run_fixed_cost_ms() -> float:
    """CPU of a child interpreter that only imports the Dagster definitions, as every run's process does."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "import sync_pipeline.definitions"], check=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=100)
    parser.add_argument("--records", type=int, default=1000, help="per kind and side in each company")
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--telaris-data", action="store_true", help="Telaris companies on disk, not in memory")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-probe-") as tmp:
        procs = []
        try:
            tripletex, tripletex_url = start("tripletex", Path(tmp) / "tripletex")
            procs.append(tripletex)
            telaris, telaris_url = start("telaris", Path(tmp) / "telaris" if args.telaris_data else None)
            procs.append(telaris)
            urls = {"tripletex": tripletex_url, "telaris": telaris_url}
            ids = list(range(2, args.companies + 2))
            requests.put(tripletex_url + "/_sandbox/companies", json={"employee_token": EMPLOYEE,
                         "companies": [1, *ids]}, timeout=30).raise_for_status()
            rss_before = rss_mib(telaris.pid)
            started = time.monotonic()
            for cid in ids:
                seed_sandboxes(tripletex_url, telaris_url, customers=args.records, suppliers=args.records,
                               seed=cid, tripletex_company=cid, telaris_company=cid)
            seeded_s = time.monotonic() - started
            rss_seeded = rss_mib(telaris.pid)
            print(f"seeded {args.companies} companies x {args.records} per kind and side in {seeded_s:.0f} s; "
                  f"Telaris sandbox RSS {rss_before:.0f} -> {rss_seeded:.0f} MiB", flush=True)

            time.sleep(OVERLAP_SECONDS + 1.1)  # the seeded records fall out of the probes' clock-skew overlap
            one = clients(urls, ids[0])
            state = probe(one).new_state
            companies = [Company(name=f"c{cid}", data_dir=Path(tmp) / f"c{cid}", tripletex_url=urls["tripletex"]
                                 + "/v2", telaris_url=f"{telaris_url}/companies/{cid}", tripletex_company_id=cid,
                                 tripletex_consumer_token_env="BENCH_TX_CONSUMER",
                                 tripletex_employee_token_env="BENCH_TX_EMPLOYEE", telaris_token_env="BENCH_TELARIS")
                         for cid in ids]
            os.environ.update(BENCH_TX_CONSUMER="consumer", BENCH_TX_EMPLOYEE=EMPLOYEE, BENCH_TELARIS=TOKEN)
            states = {name: r.new_state for name, r in probe_many(companies, {}).items()}
            if (answer := probe(one, state)).changed:
                raise RuntimeError(f"an idle company's probe said changed: {answer.reason}")
            calls = one[0].calls + one[1].calls
            probe_cpu = cpu_ms(lambda: probe(one, state), args.probes)
            per_probe = (one[0].calls + one[1].calls - calls) / args.probes
            read_cpu = cpu_ms(lambda: full_read(one), 3)
            print(f"idle probe {probe_cpu:.2f} ms CPU ({per_probe:g} requests); full read {read_cpu:.0f} ms CPU",
                  flush=True)

            wall = time.monotonic()
            cpu = time.process_time()
            again = probe_many(companies, states)
            wall, cpu = time.monotonic() - wall, time.process_time() - cpu
            unchanged = sum(not r.changed for r in again.values())
            print(f"probe_many over {len(companies)} idle companies: {wall:.2f} s wall, {cpu * 1000:.0f} ms CPU, "
                  f"{unchanged} unchanged", flush=True)
            rss_probed = rss_mib(telaris.pid)
            cursor = cursor_of(states)
            fixed = run_fixed_cost_ms()
        finally:
            for proc in procs:
                stop(proc, "a sandbox")
    print(json.dumps({
        "cpu_ms_per_idle_probe": round(probe_cpu, 3),
        "cpu_ms_per_full_read": round(read_cpu, 1),
        "full_read_vs_probe": round(read_cpu / probe_cpu, 1),
        "cpu_ms_run_fixed_cost": round(fixed),
        "run_fixed_cost_vs_probe": round(fixed / probe_cpu),
        "requests_per_idle_probe": per_probe,
        "probe_many_seconds": round(wall, 2),
        "probe_many_cpu_ms_per_company": round(cpu * 1000 / len(companies), 3),
        "probe_many_unchanged": unchanged,
        "cursor_bytes_per_company": round(len(cursor) / len(companies), 1),
        "telaris_rss_mib_per_company": round((rss_seeded - rss_before) / args.companies, 3),
        "telaris_rss_mib_after_probes": round(rss_probed, 1),
        "companies": args.companies,
        "records_per_kind_and_side": args.records,
    }))


if __name__ == "__main__":
    main()
