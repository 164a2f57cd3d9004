"""An incremental sync cycle against a full resync, in time and in API calls, on the same data in the same run.

Seeds N records per side (sandboxes in their own processes), runs a first full sync to settle every pair, then
changes C linked customers (half in each system) and measures, in this order:
- incremental: one `run_cycle` carrying the C changes across (extraction by high-water mark, diff, apply);
- full reconcile: C other changes carried by the product's own nightly mode (full extraction + diff + apply:
  it reads everything but still writes only the C changes);
- full resync: what a sync without base or change tracking has to do to be sure both sides agree: read both
  systems whole and send every linked record whole from Telaris (the master) to Tripletex.
`time_share` and `call_share` compare the incremental cycle with the full resync; the same figures against the full
reconcile are printed as `*_vs_reconcile` (there the C writes are in both, so calls cannot fall near 1%).
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

from sync_pipeline.clients.errors import ApiError  # noqa: E402
from sync_pipeline.clients.telaris import TelarisClient  # noqa: E402
from sync_pipeline.clients.tripletex import TripletexClient  # noqa: E402
from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind  # noqa: E402
from sync_pipeline.domain.mapping import canonical_from_telaris, tripletex_payload  # noqa: E402
from sync_pipeline.domain.normalise import UnsupportedValue  # noqa: E402
from sync_pipeline.engine import gate  # noqa: E402
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


def full_resync(urls: dict[str, str]) -> dict[str, float]:
    """The baseline: everything read, every linked record written whole (no base, no diff)."""
    telaris = TelarisClient(urls["telaris"], "telaris-sandbox-token")
    tripletex = TripletexClient(urls["tripletex"] + "/v2", "c", "e")
    started = time.monotonic()
    currency_ids = {code: id_ for id_, code in tripletex.currency_codes().items()}
    country_ids = {code: id_ for id_, code in tripletex.country_codes().items()}
    writes = refused = 0
    for kind in Kind:
        address_ids = {r["id"]: (r.get("postalAddress") or {}).get("id")
                       for page in tripletex.iter_pages(kind) for r in page}
        for page in telaris.iter_pages(kind):
            for record in page:
                if record.get("tripletex_id") not in address_ids:
                    continue
                canonical = canonical_from_telaris(record)
                try:
                    body = tripletex_payload({f: canonical[f] for f in SYNCED_FIELDS}, kind, currency_ids,
                                             country_ids, address_id=address_ids[record["tripletex_id"]])
                except (UnsupportedValue, KeyError):  # nothing Tripletex could take: not sent
                    continue
                try:
                    tripletex.update(kind, record["tripletex_id"], body)
                    writes += 1
                except ApiError:  # refused by Tripletex; the call still counts
                    refused += 1
    calls = telaris.calls + tripletex.calls
    return {"seconds": time.monotonic() - started, "calls": calls, "writes": writes + refused,
            "reads": calls - writes - refused}


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
        with warehouse.connect() as con:  # seeded pairs are linked already: the gate waived, as an operator would
            gate.waive(con, "benchmark")
        settle = measured(warehouse, urls, full=True)
        print(f"first sync (settles drifted pairs): {settle['seconds']:.1f}s, {settle['calls']:,} calls")
        change(urls, args.changes, "first", phone_digit=4)
        incremental = measured(warehouse, urls, full=False)
        print(f"incremental cycle: {incremental['seconds']:.2f}s, {incremental['reads']:,} reads + "
              f"{incremental['writes']} writes")
        change(urls, args.changes, "second", phone_digit=9)
        reconcile = measured(warehouse, urls, full=True)
        print(f"full reconcile:    {reconcile['seconds']:.2f}s, {reconcile['reads']:,} reads + "
              f"{reconcile['writes']} writes")
        resync = full_resync(urls)
        print(f"full resync:       {resync['seconds']:.2f}s, {resync['reads']:,} reads + {resync['writes']:,} writes")
    for name, run in (("incremental", incremental), ("reconcile", reconcile)):
        assert run["writes"] == args.changes, f"{name}: every change crosses once ({run['writes']})"
    print(json.dumps({
        "records_per_side": args.records,
        "changes": args.changes,
        "incremental_seconds": round(incremental["seconds"], 3),
        "incremental_calls": incremental["calls"],
        "resync_seconds": round(resync["seconds"], 2),
        "resync_calls": resync["calls"],
        "reconcile_seconds": round(reconcile["seconds"], 2),
        "reconcile_calls": reconcile["calls"],
        "time_share": round(incremental["seconds"] / resync["seconds"], 4),
        "call_share": round(incremental["calls"] / resync["calls"], 4),
        "time_share_vs_reconcile": round(incremental["seconds"] / reconcile["seconds"], 4),
        "call_share_vs_reconcile": round(incremental["calls"] / reconcile["calls"], 4),
        "read_call_share_vs_reconcile": round(incremental["reads"] / reconcile["reads"], 4),
    }))


if __name__ == "__main__":
    main()
