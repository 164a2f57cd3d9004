"""An incremental sync cycle against a full resync, in time and in API calls, on the same data in the same run.

Seeds N records per side (sandboxes in their own processes), runs a first full sync to settle every pair, then
measures (1) a full resync (full extraction of both systems + diff + apply) and (2), after changing C records
(half in each system), one incremental cycle that must carry exactly those changes across.
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


def measured(warehouse: Warehouse, urls: dict[str, str], full: bool) -> tuple[float, int, int]:
    telaris = TelarisClient(urls["telaris"], "telaris-sandbox-token")
    tripletex = TripletexClient(urls["tripletex"] + "/v2", "c", "e")
    tripletex.who_am_i()  # session and reference data are set-up, not sync work
    tripletex.calls = 0
    started = time.monotonic()
    result = run_cycle(warehouse, TelarisSource(telaris), TripletexSource(tripletex, overlap=OVERLAP), full=full)
    seconds = time.monotonic() - started
    return seconds, telaris.calls + tripletex.calls, result.applied.count("done")


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
        settle_s, settle_calls, settle_writes = measured(warehouse, urls, full=True)
        print(f"first sync (settles drifted pairs): {settle_s:.1f}s, {settle_calls:,} calls, {settle_writes} writes")
        full_s, full_calls, _ = measured(warehouse, urls, full=True)
        print(f"full resync:        {full_s:.1f}s, {full_calls:,} API calls")

        time.sleep(OVERLAP.total_seconds() + 1)
        telaris = TelarisClient(urls["telaris"], "telaris-sandbox-token")
        tripletex = TripletexClient(urls["tripletex"] + "/v2", "c", "e")
        customers = next(telaris.iter_pages(Kind.CUSTOMER, limit=args.changes))
        for record in customers[: args.changes // 2]:
            telaris.patch(Kind.CUSTOMER, record["id"], {"email": f"endret.{record['id']}@firma.no"},
                          record["version"])
        for record in customers[args.changes // 2: args.changes]:
            tripletex.update(Kind.CUSTOMER, record["tripletex_id"], {"phoneNumber": "+4740000000"})
        incremental_s, incremental_calls, writes = measured(warehouse, urls, full=False)
        print(f"incremental cycle:  {incremental_s:.2f}s, {incremental_calls:,} API calls, {writes} writes")
    assert writes == args.changes, f"every change crosses over exactly once ({writes} != {args.changes})"
    print(json.dumps({
        "records_per_side": args.records,
        "changes": args.changes,
        "full_seconds": round(full_s, 2),
        "incremental_seconds": round(incremental_s, 3),
        "full_calls": full_calls,
        "incremental_calls": incremental_calls,
        "time_share": round(incremental_s / full_s, 4),
        "call_share": round(incremental_calls / full_calls, 4),
    }))


if __name__ == "__main__":
    main()
