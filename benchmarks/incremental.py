"""An incremental sync cycle against a full resync, in time and in API calls, on the same data in the same run.

Seeds N records per side (sandboxes in their own processes), runs a first full sync to settle every pair, then
changes C linked customers (half in each system) and measures one incremental cycle carrying them across; then
changes C others and measures a full resync (full extraction of both systems + diff + apply) carrying those.
Both cycles make the same C writes; `read_call_share` compares the reads alone.
Last line: JSON with `time_share` and `call_share` (fractions: 0.03 = 3%). Targets (issue 3): <= 3% time,
<= 1% calls.

    python benchmarks/incremental.py --records 100000 --changes 100
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import sandboxes  # noqa: E402

from sync_pipeline.clients.telaris import TelarisClient  # noqa: E402
from sync_pipeline.clients.tripletex import TripletexClient  # noqa: E402
from sync_pipeline.domain.fields import Kind  # noqa: E402
from sync_pipeline.engine.cycle import run_cycle  # noqa: E402
from sync_pipeline.extract.sources import TelarisSource, TripletexSource  # noqa: E402
from sync_pipeline.sandboxes.seed import seed_sandboxes  # noqa: E402
from sync_pipeline.warehouse.store import Warehouse  # noqa: E402

# The sandbox runs on this machine, so there is no clock skew to absorb; production keeps two minutes.
OVERLAP = timedelta(seconds=2)


def measured(warehouse: Warehouse, urls: dict[str, str], full: bool) -> dict[str, float]:
    telaris = TelarisClient(urls["telaris"], "telaris-sandbox-token")
    tripletex = TripletexClient(urls["tripletex"] + "/v2", "c", "e")
    started = time.monotonic()
    result = run_cycle(warehouse, TelarisSource(telaris), TripletexSource(tripletex, overlap=OVERLAP), full=full)
    writes = result.applied.count("done")
    calls = telaris.calls + tripletex.calls
    return {"seconds": time.monotonic() - started, "calls": calls, "writes": writes, "reads": calls - writes}


def change(urls: dict[str, str], count: int, tag: str, phone_digit: int) -> None:
    """`count` linked customers edited: half in Telaris (e-mail), half in Tripletex (phone)."""
    time.sleep(OVERLAP.total_seconds() + 1)  # changes land after the last cycle's high-water mark
    telaris = TelarisClient(urls["telaris"], "telaris-sandbox-token")
    tripletex = TripletexClient(urls["tripletex"] + "/v2", "c", "e")
    customers = next(telaris.iter_pages(Kind.CUSTOMER, limit=count))
    for record in customers[: count // 2]:
        telaris.patch(Kind.CUSTOMER, record["id"], {"email": f"{tag}.{record['id']}@firma.no"}, record["version"])
    for n, record in enumerate(customers[count // 2: count]):
        tripletex.update(Kind.CUSTOMER, record["tripletex_id"], {"phoneNumber": f"+47{phone_digit}{n:07d}"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp, sandboxes(Path(tmp)) as urls:
        seed_sandboxes(urls["tripletex"], urls["telaris"], customers=int(args.records * 0.7),
                       suppliers=args.records - int(args.records * 0.7), seed=3,
                       shares={"linked": 0.9, "drifted": 0.1})
        warehouse = Warehouse(Path(tmp) / "sync.duckdb", memory_limit="1GB")
        settle = measured(warehouse, urls, full=True)
        print(f"first sync (settles drifted pairs): {settle['seconds']:.1f}s, {settle['calls']:,} calls")
        change(urls, args.changes, "first", phone_digit=4)
        incremental = measured(warehouse, urls, full=False)
        print(f"incremental cycle: {incremental['seconds']:.2f}s, {incremental['reads']:,} reads + "
              f"{incremental['writes']} writes")
        change(urls, args.changes, "second", phone_digit=9)
        full = measured(warehouse, urls, full=True)
        print(f"full resync:       {full['seconds']:.2f}s, {full['reads']:,} reads + {full['writes']} writes")
    for name, run in (("incremental", incremental), ("full", full)):
        assert run["writes"] == args.changes, f"{name}: every change crosses once ({run['writes']})"
    print(json.dumps({
        "records_per_side": args.records,
        "changes": args.changes,
        "full_seconds": round(full["seconds"], 2),
        "incremental_seconds": round(incremental["seconds"], 3),
        "full_calls": full["calls"],
        "incremental_calls": incremental["calls"],
        "time_share": round(incremental["seconds"] / full["seconds"], 4),
        "call_share": round(incremental["calls"] / full["calls"], 4),
        "read_call_share": round(incremental["reads"] / full["reads"], 4),
    }))


if __name__ == "__main__":
    main()
