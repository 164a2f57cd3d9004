"""The webhook path, measured on loopback with durable writes, against naive baselines measured in the same run.

1. Receiver: concurrent senders post signed deliveries to `sync-pipeline webhooks serve` (its own process); every
   answer means a file written, fsynced and renamed. Baseline: the same server and senders against an endpoint that
   writes nothing (`bare_rps`), so `durability_cost` is what the guarantee costs.
2. Burst: N linked suppliers changed in the Tripletex sandbox (its own process) → its webhook deliveries → receiver
   → sensor ticks every 5 s, each run it asks for executed as the daemon would. Counts the runs (naive baseline: one
   run per delivery, N) and the changes missing from Telaris afterwards.
3. Latency: single changes, one after another, timed from the Tripletex write to the Telaris record holding it,
   through subscription, receiver, sensor and run; p95. Baseline: the five-minute poll (a change waits for the next
   tick of `sync_every_5_minutes`: p95 0.95 × 300 s, plus one measured incremental sync).

Last line: JSON with `throughput_rps`, `p99_ms`, `burst_runs`, `burst_lost`, `p95_apply_s` (targets: ≥ 1,000 req/s,
≤ 50 ms, ≤ 10 runs, 0 lost, ≤ 15 s).

    python benchmarks/webhooks.py --burst 10000 --requests 5000 --samples 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dagster as dg  # noqa: E402
import requests  # noqa: E402
from _harness import sandboxes  # noqa: E402

from sync_pipeline.clients.telaris import TelarisClient  # noqa: E402
from sync_pipeline.clients.tripletex import TripletexClient  # noqa: E402
from sync_pipeline.defs.extract.assets import extract_assets  # noqa: E402
from sync_pipeline.defs.resources import TelarisResource, TripletexResource, WarehouseResource  # noqa: E402
from sync_pipeline.defs.sync.assets import sync_assets  # noqa: E402
from sync_pipeline.defs.sync.definitions import sync_job  # noqa: E402
from sync_pipeline.defs.webhooks.assets import tripletex_webhook_changes  # noqa: E402
from sync_pipeline.defs.webhooks.definitions import tripletex_webhooks, webhook_sync_job  # noqa: E402
from sync_pipeline.domain.fields import Kind  # noqa: E402
from sync_pipeline.webhooks.landing import Landing  # noqa: E402
from sync_pipeline.webhooks.receiver import PATH, signature  # noqa: E402
from sync_pipeline.webhooks.subscriptions import ensure_subscriptions  # noqa: E402

AUTH, SECRET = "Bearer bench-auth", "bench-secret"
RECEIVER_PORT, BARE_PORT = 18703, 18704
TICK_SECONDS = 5.0
BARE_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
async def ok(request):
    await request.body()
    return JSONResponse({"status": "landed"})
uvicorn.run(Starlette(routes=[Route("/webhooks/tripletex", ok, methods=["POST"]),
                              Route("/healthz", ok)]), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def start_receiver(data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "TRIPLETEX_WEBHOOK_AUTH": AUTH, "TRIPLETEX_WEBHOOK_SECRET": SECRET}
    proc = subprocess.Popen([sys.executable, "-m", "sync_pipeline.cli", "webhooks", "serve", "--port",
                             str(RECEIVER_PORT), "--data", str(data_dir)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _wait_healthy(RECEIVER_PORT)
    return proc


def _wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing healthy on port {port}")
        time.sleep(0.05)


def hammer(port: int, count: int, senders: int, prefix: str) -> tuple[float, list[float]]:
    """`count` signed deliveries over `senders` keep-alive connections; returns (requests/s, latencies in ms).
    A small asyncio HTTP/1.1 client: a thread pool of `requests` sessions tops out near 600 req/s on two cores,
    which would measure the senders, not the receiver."""
    return asyncio.run(_hammer(port, count, senders, prefix))


async def _hammer(port: int, count: int, senders: int, prefix: str) -> tuple[float, list[float]]:
    latencies: list[float] = []
    numbers = iter(range(count))

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for n in numbers:
            body = json.dumps({"subscriptionId": 1, "event": "supplier.update", "id": 1_000_000 + n,
                               "value": {"id": 1_000_000 + n}}).encode()
            key = f"{prefix}-{n}"
            head = (f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {AUTH}\r\n"
                    f"idempotency-key: {key}\r\nx-request-signature: {signature(SECRET, key, body)}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
            started = time.perf_counter()
            writer.write(head + body)
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append((time.perf_counter() - started) * 1000)
            assert status == 200, status
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(senders)))
    return count / (time.perf_counter() - started), sorted(latencies)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Daemon:
    """The sensor evaluated every TICK_SECONDS on a thread, each run it asks for executed in process, as the
    daemon's run launcher would: what a deployment does, minus the process boundary."""

    def __init__(self, urls: dict[str, str], data_dir: Path, instance: dg.DagsterInstance) -> None:
        self.resources = {
            "tripletex": TripletexResource(base_url=urls["tripletex"] + "/v2", consumer_token="c",
                                           employee_token="e"),
            "telaris": TelarisResource(base_url=urls["telaris"], api_token="telaris-sandbox-token"),
            "warehouse": WarehouseResource(data_dir=str(data_dir)),
        }
        self.defs = dg.Definitions(assets=[*extract_assets, *sync_assets, tripletex_webhook_changes],
                                   jobs=[webhook_sync_job, sync_job], sensors=[tripletex_webhooks],
                                   resources=self.resources)
        self.instance = instance
        self.runs = 0
        self.ticks: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def tick(self) -> None:
        started = time.perf_counter()
        with dg.build_sensor_context(instance=self.instance, resources=self.resources) as context:
            result = self.defs.resolve_sensor_def("tripletex_webhooks")(context)
        self.ticks.append(time.perf_counter() - started)
        for request in result.run_requests or []:
            job = self.defs.resolve_job_def(request.job_name)
            job.execute_in_process(instance=self.instance, run_config=request.run_config, raise_on_error=False,
                                   tags={**(request.tags or {}), "dagster/run_key": request.run_key})
            self.runs += request.job_name == webhook_sync_job.name

    def _loop(self) -> None:
        while not self._stop.is_set():
            began = time.monotonic()
            self.tick()
            self._stop.wait(max(0.0, TICK_SECONDS - (time.monotonic() - began)))

    def __enter__(self) -> Daemon:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=600)


def linked_suppliers(urls: dict[str, str], count: int) -> list[tuple[str, int]]:
    """`count` identical supplier pairs, linked, created in bulk (no webhooks yet: nothing is subscribed)."""
    records = [{"name": f"Burst Leverandør {n} AS", "email": f"post{n}@burst.no"} for n in range(count)]
    ids = requests.post(urls["tripletex"] + "/_sandbox/bulk", json={"kind": "supplier", "records": records},
                        timeout=600).json()["ids"]
    telaris = [{"name": r["name"], "email": r["email"], "tripletex_id": tid, "language": "nb", "currency": "NOK"}
               for r, tid in zip(records, ids, strict=True)]
    tids = requests.post(urls["telaris"] + "/_sandbox/bulk", json={"kind": "suppliers", "records": telaris},
                         timeout=600).json()["ids"]
    return list(zip(tids, ids, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=5000, help="deliveries for the receiver measurement")
    parser.add_argument("--senders", type=int, default=16, help="concurrent senders")
    parser.add_argument("--burst", type=int, default=10000, help="records changed at once")
    parser.add_argument("--samples", type=int, default=20, help="single changes timed end to end")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # 1. receiver
        bare = subprocess.Popen([sys.executable, "-c", BARE_APP, str(BARE_PORT)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        receiver = start_receiver(root / "receiver-only")
        try:
            _wait_healthy(BARE_PORT)
            hammer(RECEIVER_PORT, 200, args.senders, "warm")
            figures["bare_rps"], _ = hammer(BARE_PORT, args.requests, args.senders, "bare")
            figures["throughput_rps"], latencies = hammer(RECEIVER_PORT, args.requests, args.senders, "real")
        finally:
            bare.terminate()
            receiver.terminate()
        figures["p50_ms"], figures["p99_ms"] = percentile(latencies, 0.5), percentile(latencies, 0.99)
        figures["durability_cost"] = figures["bare_rps"] / figures["throughput_rps"]
        print(f"receiver: {figures['throughput_rps']:.0f} req/s durable vs {figures['bare_rps']:.0f} bare; "
              f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms", flush=True)

        # 2 and 3: the whole path
        data_dir = root / "data"
        with sandboxes(root / "sandboxes") as urls, dg.instance_for_test() as instance:
            pairs = linked_suppliers(urls, args.burst)
            daemon = Daemon(urls, data_dir, instance)
            started = time.monotonic()
            assert daemon.defs.resolve_job_def("sync").execute_in_process(instance=instance).success
            figures["poll_sync_s"] = time.monotonic() - started
            receiver = start_receiver(data_dir)
            tripletex = TripletexClient(urls["tripletex"] + "/v2", "c", "e")
            telaris = TelarisClient(urls["telaris"], "telaris-sandbox-token")
            requests.put(urls["tripletex"] + "/_sandbox/webhooks", json={"retry_delays": [0.2, 1, 2, 5]}, timeout=5)
            ensure_subscriptions(tripletex, f"http://127.0.0.1:{RECEIVER_PORT}{PATH}", AUTH, SECRET)
            landing = Landing(data_dir)
            try:
                with daemon:
                    began = time.monotonic()
                    with ThreadPoolExecutor(max_workers=4) as pool:
                        list(pool.map(lambda pair: tripletex.update(Kind.SUPPLIER, pair[1],
                                                                    {"email": f"ny{pair[1]}@burst.no"}), pairs))
                    print(f"burst: {len(pairs)} changes written to Tripletex in {time.monotonic() - began:.1f} s",
                          flush=True)
                    deadline = time.monotonic() + 1800
                    while time.monotonic() < deadline:
                        delivered = requests.get(urls["tripletex"] + "/_sandbox/webhooks/deliveries",
                                                 timeout=60).json()["deliveries"]
                        pending = sum(d["status"] == "pending" for d in delivered)
                        counts = landing.counts()
                        if not pending and counts["incoming"] == 0 and counts["claimed"] == 0 \
                                and counts["processed"] >= len(pairs):
                            break
                        time.sleep(1)
                    figures["burst_seconds"] = time.monotonic() - began
                    figures["burst_runs"] = daemon.runs
                    holds = {r["id"]: r["email"] for page in telaris.iter_pages(Kind.SUPPLIER) for r in page}
                    figures["burst_lost"] = sum(holds.get(tid) != f"ny{xid}@burst.no" for tid, xid in pairs)
                    figures["burst_runs_naive"] = len(pairs)
                    print(f"burst: {daemon.runs} runs (naive: {len(pairs)}), {figures['burst_lost']} lost, "
                          f"{figures['burst_seconds']:.1f} s; slowest sensor tick {max(daemon.ticks):.2f} s",
                          flush=True)
                    figures["slowest_tick_s"] = max(daemon.ticks)

                    waits = []
                    for n, (tid, xid) in enumerate(pairs[: args.samples]):
                        wanted = f"prove{n}@burst.no"
                        began = time.monotonic()
                        tripletex.update(Kind.SUPPLIER, xid, {"email": wanted})
                        while telaris.get(Kind.SUPPLIER, tid)["email"] != wanted:
                            time.sleep(0.1)
                        waits.append(time.monotonic() - began)
                    figures["p95_apply_s"] = percentile(waits, 0.95)
                    figures["p95_poll_s"] = 0.95 * 300 + figures["poll_sync_s"]
                    figures["speedup_vs_poll"] = figures["p95_poll_s"] / figures["p95_apply_s"]
                    print(f"latency: p95 {figures['p95_apply_s']:.1f} s from a Tripletex change to Telaris "
                          f"(five-minute poll: {figures['p95_poll_s']:.0f} s)", flush=True)
            finally:
                receiver.terminate()
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
